# syntax=docker/dockerfile:1
# Multi-stage: dependencies and a type check in the build stage; a slim, non-root runtime that applies
# migrations at start (src/main.ts does that before anything else). Not built on the CI machines (no engine).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run typecheck && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/src ./src
COPY --from=build --chown=node:node /app/adapters ./adapters
COPY --from=build --chown=node:node /app/migrations ./migrations
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# Slack in HTTP mode listens here (POST /slack/events, GET /healthz).
EXPOSE 3000
CMD ["node_modules/.bin/tsx", "src/main.ts"]
