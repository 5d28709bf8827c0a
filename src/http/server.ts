import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/ports.js';
import { errorMessage } from '../core/errors.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A mounted path: exact (`/slack/events`), or every path under a prefix (`/calendar/*`). */
const PREFIX = '/*';

/**
 * The process's one HTTP server, in every mode (src/http/serve.ts says when it runs): `GET /healthz` from
 * the first moment, the calendar feeds (`/calendar/<token>.ics`) and the routes adapters mount when they
 * start (Slack's `/slack/events`, the OAuth install pages). It listens before the database is migrated,
 * so a health check sees 503 until the composition root calls `setReady(true)`; a request to a route that
 * is not mounted yet gets 503 too (Slack retries events), and 404 once everything is up.
 */
export interface HttpServer {
  /** `http://127.0.0.1:<port>`: the port actually bound (tests listen on port 0). */
  readonly url: string;
  readonly port: number;
  /** `path` ending in `/*` serves every path under it; a GET route answers HEAD too. */
  route(method: 'GET' | 'POST', path: string, handler: RouteHandler): void;
  unroute(method: 'GET' | 'POST', path: string): void;
  /**
   * One part's readiness: the process is healthy while every part that reported is ready. `app` (the
   * default) is the composition root's start-up and the gateways; `database` is the database probe.
   */
  setReady(ready: boolean, part?: string): void;
  close(): Promise<void>;
}

const findRoute = (routes: Map<string, RouteHandler>, method: string, path: string): { pattern: string; handler: RouteHandler } | null => {
  const exact = routes.get(`${method} ${path}`);
  if (exact) return { pattern: path, handler: exact };
  for (const [key, handler] of routes) {
    const [routeMethod, pattern = ''] = key.split(' ');
    if (routeMethod === method && pattern.endsWith(PREFIX) && path.startsWith(pattern.slice(0, -1))) return { pattern, handler };
  }
  return null;
};

const sendJson = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

export const startHttpServer = async ({ port, host, logger }: { port: number; host?: string; logger: Logger }): Promise<HttpServer> => {
  const routes = new Map<string, RouteHandler>();
  // Not ready until the composition root says so; then ready while no part says otherwise.
  const parts = new Map<string, boolean>([['app', false]]);
  let everReady = false;
  const down = () => [...parts].filter(([, ok]) => !ok).map(([name]) => name);
  const startedAt = Date.now();

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    const waiting = down();
    const ready = waiting.length === 0;
    if (path === '/healthz' && (method === 'GET' || method === 'HEAD')) {
      const status = ready ? 'ok' : everReady ? 'unavailable' : 'starting';
      sendJson(res, ready ? 200 : 503, { status, uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000), ...(ready ? {} : { waiting }) });
      return;
    }
    const found = findRoute(routes, method === 'HEAD' ? 'GET' : method, path);
    if (!found) {
      sendJson(res, ready ? 404 : 503, { error: ready ? 'not found' : everReady ? 'unavailable' : 'starting' });
      return;
    }
    Promise.resolve()
      .then(() => found.handler(req, res))
      .catch((error: unknown) => {
        // The route's pattern, never the path: a feed's path is its secret token.
        logger.error({ route: found.pattern, err: errorMessage(error) }, 'http request failed');
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        else res.end();
      });
  });
  // Slack waits 3 s for an ack; a client holding a connection open costs nothing beyond these limits.
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  logger.info({ port: bound }, 'http server listening');

  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    route: (method, path, handler) => void routes.set(`${method} ${path}`, handler),
    unroute: (method, path) => void routes.delete(`${method} ${path}`),
    setReady: (value, part = 'app') => {
      parts.set(part, value);
      if (down().length === 0) everReady = true;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        parts.set('app', false);
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};
