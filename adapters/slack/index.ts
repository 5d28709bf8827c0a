import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, webApi, type Logger as BoltLogger } from '@slack/bolt';
import { InstallProvider, type InstallationQuery, type InstallationStore } from '@slack/oauth';
import type { Bot } from '../../src/core/bot.js';
import type { ChatPort, Logger } from '../../src/core/ports.js';
import type { SlackConfig } from '../../src/config.js';
import { createSlackDirectory } from './slack.directory.js';
import { admitSlackRequest } from './slack.gate.js';
import type { HttpServer } from '../../src/http/server.js';
import { registerInbound } from './slack.inbound.js';
import { createDmChannels, createSlackPort } from './slack.outbound.js';
import { createWorkQueue } from './slack.work.js';
import { createSlackAccepted } from './slack.accepted.js';
import { errorMessage } from '../../src/core/errors.js';

export { startHttpServer, type HttpServer } from '../../src/http/server.js';
export { createInstallationStore } from './slack.installations.js';

/**
 * The bot scopes Righthand asks for, and no more (manifest/slack.yaml lists the same; a test checks):
 * slash commands, posting and updating its messages, uploading files (charts, exports), opening a DM, reading DM replies, and users.info
 * (display name and IANA zone); the history scopes let the outbox find, after a crash, a message it posted
 * but could not record (by its metadata), instead of posting it twice.
 */
export const BOT_SCOPES = ['commands', 'chat:write', 'files:write', 'im:history', 'im:write', 'users:read', 'channels:read', 'groups:read', 'channels:history', 'groups:history', 'mpim:history'] as const;

const EVENTS_PATH = '/slack/events';
const INSTALL_PATH = '/slack/install';
const OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

/** Slack signs a request with its timestamp; older or newer than this is refused (a replay, or a skewed clock). */
const SIGNATURE_WINDOW_SECONDS = 5 * 60;

export interface SlackAdapterOptions {
  bot: Pick<Bot, 'handle' | 'home' | 'accepted'>;
  config: SlackConfig;
  logger: Logger;
  /** The process's HTTP server: required in HTTP mode and with OAuth (the install pages). */
  http: HttpServer | null;
  /** OAuth mode: where installations are kept (createInstallationStore on the database). */
  installationStore?: InstallationStore;
  /** Web API retries for replies (a trigger is valid 3 s, so few); tests pass `{ retries: 0 }`. */
  retryConfig?: webApi.RetryOptions;
  /** Invocations the core works on at once (default 4); see slack.work.ts. */
  handleConcurrency?: number;
  /** How long a modal's submission waits for the core before its ack (default 2 s, Slack allows 3); see slack.inbound.ts. */
  formAckWithinMs?: number;
  /** How often accepted work a dead or stopped instance left is looked for (default 5 s); see slack.accepted.ts. */
  recoverEveryMs?: number;
}

export interface SlackAdapter {
  /** Platform 'slack': the outbox sends DMs and channel posts through it. */
  port: ChatPort;
  /** Checks the bot token (auth.test), then mounts /slack/events (HTTP mode) or connects (Socket Mode). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const REPLY_RETRIES: webApi.RetryOptions = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1000 };
/** Invocations the core works on at once; see slack.work.ts. */
const HANDLE_CONCURRENCY = 4;
/**
 * How long a stop waits for the work already running; what has not started stays accepted in the database for
 * the next instance (slack.accepted.ts), so a stop need not wait for all of it, nor answer it with an error.
 */
const STOP_GRACE_MS = 5_000;

/** Bolt's logger interface on the project's logger. */
const boltLoggerOf = (logger: Logger): BoltLogger => {
  let level = LogLevel.INFO;
  const show = (part: unknown) => {
    if (typeof part === 'string') return part;
    if (part instanceof Error) return part.message;
    try {
      return JSON.stringify(part);
    } catch {
      return String(part);
    }
  };
  const text = (parts: unknown[]) => parts.map(show).join(' ');
  return {
    debug: (...parts) => logger.debug({ source: 'bolt' }, text(parts)),
    info: (...parts) => logger.info({ source: 'bolt' }, text(parts)),
    warn: (...parts) => logger.warn({ source: 'bolt' }, text(parts)),
    error: (...parts) => logger.error({ source: 'bolt' }, text(parts)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
};

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Bolt checks the signature and refuses a stale timestamp, but accepts one from the future; a request
 * more than five minutes either side of now is refused here before Bolt sees it.
 */
const freshlySigned = (req: IncomingMessage, nowMs: number): boolean => {
  const timestamp = Number(header(req, 'x-slack-request-timestamp'));
  return Number.isInteger(timestamp) && Math.abs(nowMs / 1000 - timestamp) <= SIGNATURE_WINDOW_SECONDS && Boolean(header(req, 'x-slack-signature'));
};

const refuse = (res: ServerResponse) => {
  res.writeHead(401);
  res.end();
};

export const createSlackAdapter = (options: SlackAdapterOptions): SlackAdapter => {
  const { config, logger, http } = options;
  const boltLogger = boltLoggerOf(logger);
  const clientOptions: webApi.WebClientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: options.retryConfig ?? REPLY_RETRIES,
    logger: boltLogger,
  };
  // The outbox retries and pauses on its own: its client answers at once, rate limits included.
  const outboundOptions: webApi.WebClientOptions = { ...clientOptions, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true };

  if ((config.mode === 'http' || config.auth.kind === 'oauth') && !http) throw new Error('the Slack adapter needs the HTTP server in HTTP mode and for OAuth installs');
  if (config.auth.kind === 'oauth' && !options.installationStore) throw new Error('the Slack adapter needs an installation store for OAuth installs');

  const installer =
    config.auth.kind === 'oauth'
      ? new InstallProvider({
          clientId: config.auth.clientId,
          clientSecret: config.auth.clientSecret,
          stateSecret: config.auth.stateSecret,
          installationStore: options.installationStore!,
          installUrlOptions: { scopes: [...BOT_SCOPES] },
          directInstall: true,
          clientOptions,
          logger: boltLogger,
        })
      : null;

  const receiver =
    config.mode === 'socket'
      ? new SocketModeReceiver({ appToken: config.appToken!, logger: boltLogger, installerOptions: { clientOptions } })
      : new HTTPReceiver({ signingSecret: config.signingSecret!, endpoints: EVENTS_PATH, logger: boltLogger, processBeforeResponse: false });

  const app = new App({
    receiver,
    logger: boltLogger,
    clientOptions,
    deferInitialization: true,
    convoStore: false,
    ...(config.auth.kind === 'token' ? { token: config.auth.botToken } : { authorize: (source) => installer!.authorize(source) }),
  });
  app.error(async (error) => {
    logger.error({ err: error.message, code: error.code }, 'slack listener failed');
  });

  const directory = createSlackDirectory({ logger });
  const dms = createDmChannels();
  const clients = new Map<string, webApi.WebClient>();
  const clientWith = (token: string) => {
    let client = clients.get(token);
    if (!client) clients.set(token, (client = new webApi.WebClient(token, outboundOptions)));
    return client;
  };

  const clientFor = async (teamId: string): Promise<webApi.WebClient | null> => {
    if (config.auth.kind === 'token') return clientWith(config.auth.botToken);
    try {
      const installation = await options.installationStore!.fetchInstallation({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });
      return installation.bot?.token ? clientWith(installation.bot.token) : null;
    } catch (error) {
      logger.info({ team: teamId, err: errorMessage(error) }, 'no Slack installation');
      return null;
    }
  };

  const work = createWorkQueue({ concurrency: options.handleConcurrency ?? HANDLE_CONCURRENCY, logger });
  const home = (person: Parameters<Bot['home']>[0]) => work.limit(() => options.bot.home(person));
  const durable = createSlackAccepted({ bot: { accepted: options.bot.accepted, home }, directory, dms, logger, work, clientFor, ...(options.recoverEveryMs ? { everyMs: options.recoverEveryMs } : {}) });
  registerInbound(app, {
    bot: { handle: (invocation) => work.limit(() => options.bot.handle(invocation)), home, accepted: options.bot.accepted },
    durable,
    ...(options.formAckWithinMs !== undefined ? { formAckWithinMs: options.formAckWithinMs } : {}),
    work,
    directory,
    dms,
    logger,
    onUninstalled: async ({ teamId, enterpriseId, isEnterpriseInstall }) => {
      const team = teamId ?? enterpriseId;
      if (team) {
        directory.forget(team);
        dms.forget(team);
      }
      if (!options.installationStore?.deleteInstallation) {
        logger.warn({ team }, 'Righthand was uninstalled from a Slack workspace; with a fixed SLACK_BOT_TOKEN there is no installation to forget');
        return;
      }
      await options.installationStore.deleteInstallation({ teamId, enterpriseId, isEnterpriseInstall } as InstallationQuery<boolean>);
      logger.info({ team }, 'Slack installation deleted');
    },
  });

  const routes: [method: 'GET' | 'POST', path: string][] = [];
  const mount = (method: 'GET' | 'POST', path: string, handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>) => {
    http!.route(method, path, handler);
    routes.push([method, path]);
  };

  let started = false;
  return {
    port: createSlackPort({ clientFor, dms, logger }),
    async start() {
      if (started) throw new Error('the Slack adapter is already started');
      try {
        await app.init();
      } catch (error) {
        // With a bot token, init is auth.test: say which variable Slack refused.
        const code = (error as { data?: { error?: string } }).data?.error;
        if (config.auth.kind !== 'token' || !code) throw error;
        throw new Error(`Slack refused SLACK_BOT_TOKEN (${code})`);
      }
      if (receiver instanceof HTTPReceiver) {
        mount('POST', EVENTS_PATH, async (req, res) => {
          if (!freshlySigned(req, Date.now())) return refuse(res);
          // Until this request is answered (acked, refused, or the client gone), no new core work starts.
          const answered = work.awaitingAck();
          res.once('finish', answered);
          res.once('close', answered);
          // Signed but not a Slack payload (`payload=null`, a command without user_id): 400 here, before Bolt.
          if (await admitSlackRequest({ req, res, signingSecret: config.signingSecret!, logger })) receiver.requestListener(req, res);
        });
      }
      if (installer) {
        mount('GET', INSTALL_PATH, (req, res) => installer.handleInstallPath(req, res));
        mount('GET', OAUTH_REDIRECT_PATH, (req, res) => installer.handleCallback(req, res));
      }
      if (receiver instanceof SocketModeReceiver) await app.start();
      durable.start();
      started = true;
      logger.info({ mode: config.mode, auth: config.auth.kind }, 'slack adapter started');
    },
    async stop() {
      if (!started) return;
      started = false;
      for (const [method, path] of routes.splice(0)) http?.unroute(method, path);
      if (receiver instanceof SocketModeReceiver) await app.stop();
      durable.stop();
      // What is running finishes (the database is still open), within a grace period; the rest waits in the database.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([work.idle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)))]);
      clearTimeout(timer);
    },
  };
};
