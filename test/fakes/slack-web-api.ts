import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SlackUser } from '../../adapters/slack/slack.directory.js';
import { closeFakeServers, readRawBody } from './fake-http.js';
import { createFakeSlackFiles, type FakeFile } from './slack-files.js';

/**
 * A local Slack: the Web API methods Righthand calls, the response_url endpoints, OAuth's token exchange and
 * a Socket Mode WebSocket, on one port. Every call is recorded with the token it came with. Messages are held
 * to Slack's rules (text beside blocks, at most 50 blocks), so a test fails where Slack would refuse.
 */

export interface FakeTeam {
  id: string;
  name: string;
  token: string;
  botUserId: string;
  botId: string;
}

/** A user as users.info answers (the fields Righthand reads). */
export type FakeUser = SlackUser;

export interface SlackCall {
  method: string;
  /** The bearer token (Web API), or null (response_url, OAuth exchange without one). */
  token: string | null;
  params: Record<string, any>;
  /** The team the token belongs to. */
  team: string | null;
}

/** A message chat.postMessage accepted, as Slack would show it: in a channel or DM, in a thread when `thread_ts` is set. */
export interface SlackPost {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  /** The message metadata it was posted with (`event_type`, `event_payload`), as Slack keeps it. */
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** A file message (files.completeUploadExternal with a channel): the files it shared, with their bytes. */
  files?: FakeFile[];
}

/** A scripted answer: an HTTP status with Retry-After (429), or a Slack error code. */
export type Failure = { status: number; retryAfter?: number } | { error: string };

type Handler = (call: SlackCall) => Record<string, unknown>;

export interface SocketEnvelope {
  envelope_id: string;
  type: 'events_api' | 'slash_commands' | 'interactive';
  payload: unknown;
  accepts_response_payload?: boolean;
  retry_attempt?: number;
}

export const DEFAULT_TEAM: FakeTeam = { id: 'T0RIGHT01', name: 'Acme Workspace', token: 'xoxb-fake-acme', botUserId: 'U0RHBOT01', botId: 'B0RHBOT01' };

/**
 * `postDelayMs` holds every chat.postMessage answer that long after the message is stored, as a slow Slack
 * would: a client killed meanwhile never hears that its message was posted.
 */
export const startFakeSlack = async ({ teams = [DEFAULT_TEAM], postDelayMs = 0 }: { teams?: FakeTeam[]; postDelayMs?: number } = {}) => {
  const calls: SlackCall[] = [];
  const posted: SlackPost[] = [];
  const teamByToken = new Map(teams.map((team) => [team.token, team]));
  const users = new Map<string, FakeUser>();
  const failures = new Map<string, Failure[]>();
  const overrides = new Map<string, Handler>();
  const oauthCodes = new Map<string, FakeTeam & { installer: string }>();
  const socketAcks: { envelope_id: string; payload?: unknown }[] = [];
  const sockets = new Set<WebSocket>();
  let views = 0;
  let unanswered = 0;
  // Built once the port is known (its upload URLs point here).
  let fileApi: ReturnType<typeof createFakeSlackFiles>;
  // Like Slack's: the posting time in seconds with microseconds, unique and increasing, so `oldest` and
  // `latest` in conversations.history compare with real time.
  let lastMicros = 0;
  const nextTs = () => {
    lastMicros = Math.max(lastMicros + 1, Date.now() * 1000);
    return `${Math.floor(lastMicros / 1e6)}.${String(lastMicros % 1e6).padStart(6, '0')}`;
  };
  const truthy = (value: unknown) => value === true || value === 'true' || value === '1' || value === 1;
  /** A message as conversations.history shows it: metadata only when asked for (include_all_metadata). */
  const shown = (post: SlackPost, withMetadata: boolean) => ({
    type: 'message',
    ts: post.ts,
    text: post.text,
    bot_id: 'B0RHBOT01',
    ...(post.thread_ts ? { thread_ts: post.thread_ts } : {}),
    ...(post.files ? { files: post.files.map((file) => ({ id: file.id, name: file.name, title: file.title ?? file.name })), upload: true } : {}),
    ...(withMetadata && post.metadata ? { metadata: post.metadata } : {}),
  });
  /** Slack's window: after `oldest` (at it when inclusive), up to `latest`, a page of `limit` from `cursor`. */
  const page = (list: SlackPost[], params: Record<string, any>, newestFirst: boolean) => {
    const inclusive = truthy(params.inclusive);
    const oldest = params.oldest !== undefined ? Number(params.oldest) : -Infinity;
    const latest = params.latest !== undefined ? Number(params.latest) : Infinity;
    const inWindow = list.filter((post) => (inclusive ? Number(post.ts) >= oldest : Number(post.ts) > oldest) && Number(post.ts) <= latest);
    const ordered = newestFirst ? [...inWindow].reverse() : inWindow;
    const from = Number(params.cursor ?? 0) || 0;
    const limit = Math.min(Number(params.limit ?? 100) || 100, 999);
    const messages = ordered.slice(from, from + limit).map((post) => shown(post, truthy(params.include_all_metadata)));
    const more = from + limit < ordered.length;
    return { ok: true, messages, has_more: more, response_metadata: { next_cursor: more ? String(from + limit) : '' } };
  };

  /** The DM channel conversations.open gives a user: the same one every time. */
  const dmChannelOf = (userId: string) => `D${userId.slice(1)}`;
  const userKey = (team: string | null, id: string) => `${team ?? '*'}:${id}`;
  const userFor = (team: string | null, id: string): FakeUser | null => {
    const known = users.get(userKey(team, id)) ?? users.get(userKey(null, id));
    if (known) return known.deleted ? null : known;
    // Anyone not introduced exists, with a name made from the id (recorded payloads carry strangers).
    return { id, name: id.toLowerCase(), real_name: `User ${id}`, tz: 'Europe/London', profile: { display_name: id } };
  };

  const checkMessage = (params: Record<string, any>): string | null => {
    if (params.blocks !== undefined && !Array.isArray(params.blocks)) return 'invalid_blocks_format';
    if (Array.isArray(params.blocks) && params.blocks.length > 50) return 'invalid_blocks';
    if (!params.text || String(params.text).trim() === '') return 'no_text';
    return null;
  };

  const methods: Record<string, Handler> = {
    'auth.test': (call) => {
      const team = call.token ? teamByToken.get(call.token) : undefined;
      return team ? { ok: true, url: `https://${team.name}.slack.com/`, team: team.name, team_id: team.id, user: 'righthand', user_id: team.botUserId, bot_id: team.botId } : { ok: false, error: 'invalid_auth' };
    },
    'users.info': (call) => {
      const user = userFor(call.team, String(call.params.user));
      return user ? { ok: true, user: { ...user, team_id: call.team } } : { ok: false, error: 'user_not_found' };
    },
    'conversations.open': (call) => {
      const id = String(call.params.users ?? '');
      const user = userFor(call.team, id);
      if (!user) return { ok: false, error: 'user_not_found' };
      if (user.is_bot) return { ok: false, error: 'cannot_dm_bot' };
      return { ok: true, channel: { id: dmChannelOf(id) } };
    },
    'chat.postMessage': (call) => {
      const problem = checkMessage(call.params);
      if (problem) return { ok: false, error: problem };
      // No idempotency key, as on Slack: the same message sent twice is posted twice.
      const metadata = call.params.metadata as SlackPost['metadata'] | undefined;
      const post: SlackPost = {
        channel: String(call.params.channel),
        ts: nextTs(),
        ...(call.params.thread_ts ? { thread_ts: String(call.params.thread_ts) } : {}),
        text: String(call.params.text),
        ...(metadata && typeof metadata === 'object' && metadata.event_type ? { metadata } : {}),
      };
      posted.push(post);
      return { ok: true, channel: call.params.channel, ts: post.ts, message: { text: call.params.text, blocks: call.params.blocks } };
    },
    // A channel's or DM's own messages (thread replies stay in their thread), newest first.
    'conversations.history': (call) => {
      if (!call.params.channel) return { ok: false, error: 'channel_not_found' };
      return page(posted.filter((post) => post.channel === String(call.params.channel) && (!post.thread_ts || post.thread_ts === post.ts)), call.params, true);
    },
    // A thread: its parent, then its replies, oldest first.
    'conversations.replies': (call) => {
      const channel = String(call.params.channel ?? '');
      const parent = String(call.params.ts ?? '');
      const thread = posted.filter((post) => post.channel === channel && (post.ts === parent || post.thread_ts === parent));
      return thread.length === 0 ? { ok: false, error: 'thread_not_found' } : page(thread, call.params, false);
    },
    'chat.postEphemeral': (call) => {
      const problem = checkMessage(call.params);
      return problem ? { ok: false, error: problem } : { ok: true, message_ts: nextTs() };
    },
    'chat.update': (call) => {
      const problem = checkMessage(call.params);
      return problem ? { ok: false, error: problem } : { ok: true, channel: call.params.channel, ts: call.params.ts, text: call.params.text };
    },
    'views.open': (call) => (call.params.trigger_id ? { ok: true, view: { id: `V${++views}`, ...call.params.view } } : { ok: false, error: 'invalid_trigger_id' }),
    'views.publish': (call) => (call.params.user_id && call.params.view ? { ok: true, view: { id: `V${++views}` } } : { ok: false, error: 'invalid_arguments' }),
    'apps.connections.open': () => ({ ok: true, url: `${wsUrl}/socket` }),
    'oauth.v2.access': (call) => {
      const install = oauthCodes.get(String(call.params.code));
      if (!install) return { ok: false, error: 'invalid_code' };
      oauthCodes.delete(String(call.params.code));
      return {
        ok: true,
        app_id: 'A0RIGHT01',
        authed_user: { id: install.installer },
        scope: 'commands,chat:write,files:write,im:history,im:write,users:read,channels:history,groups:history,mpim:history',
        token_type: 'bot',
        access_token: install.token,
        bot_user_id: install.botUserId,
        team: { id: install.id, name: install.name },
        enterprise: null,
        is_enterprise_install: false,
      };
    },
  };

  /** The Web API sends forms whose nested values are JSON strings; response_url gets JSON. */
  const parseParams = (raw: string, contentType: string): Record<string, any> => {
    if (contentType.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, any>) : {};
    const params: Record<string, any> = {};
    for (const [key, value] of new URLSearchParams(raw)) {
      params[key] = /^[[{]/.test(value) ? safeJson(value) : value;
    }
    return params;
  };
  const safeJson = (value: string) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = await readRawBody(req);
    if (url.pathname.startsWith('/upload/v1/')) {
      const uploaded = await fileApi.upload(url.pathname.slice('/upload/v1/'.length), body, String(req.headers['content-type'] ?? ''));
      res.writeHead(uploaded.status, { 'content-type': 'text/plain' });
      return res.end(uploaded.text);
    }
    const raw = body.toString('utf8');
    const params = parseParams(raw, String(req.headers['content-type'] ?? ''));
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? (typeof params.token === 'string' ? params.token : null);
    if (url.pathname.startsWith('/response/')) {
      calls.push({ method: 'response_url', token: null, params: { ...params, responseId: url.pathname.slice('/response/'.length) }, team: null });
      const failure = failures.get('response_url')?.shift();
      if (failure && 'status' in failure) return send(res, failure.status, { ok: false });
      return send(res, 200, { ok: true });
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const call: SlackCall = { method, token: bearer, params, team: bearer ? (teamByToken.get(bearer)?.id ?? null) : null };
    calls.push(call);
    const failure = failures.get(method)?.shift();
    if (failure) {
      if ('status' in failure) return send(res, failure.status, { ok: false, error: 'ratelimited' }, failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {});
      return send(res, 200, { ok: false, error: failure.error });
    }
    const handler = overrides.get(method) ?? methods[method] ?? (fileApi.methods as Record<string, Handler>)[method];
    if (!handler) return send(res, 200, { ok: false, error: 'unknown_method' });
    if (method !== 'oauth.v2.access' && method !== 'apps.connections.open' && !call.team) return send(res, 200, { ok: false, error: 'invalid_auth' });
    const answer = handler(call);
    if (method === 'chat.postMessage' && postDelayMs > 0) {
      unanswered += 1;
      await new Promise((resolve) => setTimeout(resolve, postDelayMs));
      unanswered -= 1;
    }
    return send(res, 200, answer);
  });

  const socketServer = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    socketServer.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('message', (data) => socketAcks.push(JSON.parse(String(data)) as { envelope_id: string; payload?: unknown }));
      ws.on('close', () => sockets.delete(ws));
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake-slack', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0RIGHT01' } }));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const wsUrl = `ws://127.0.0.1:${port}`;
  let responses = 0;
  fileApi = createFakeSlackFiles({ url, share: (shared) => void posted.push({ ...shared, ts: nextTs() }) });

  return {
    url,
    /** For SLACK_API_URL / `clientOptions.slackApiUrl`. */
    apiUrl: `${url}/api/`,
    calls,
    teams,
    callsTo: (method: string) => calls.filter((call) => call.method === method),
    /**
     * Every message chat.postMessage accepted and every file message files.completeUploadExternal shared
     * (those have `files`), in order (refused calls are only in `calls`); `clear` keeps them.
     */
    posted,
    /** Uploads (files.getUploadURLExternal, the bytes, files.completeUploadExternal), and the async share's switch. */
    files: { all: () => [...fileApi.files.values()], holdShares: () => fileApi.holdShares(), releaseShares: () => fileApi.releaseShares() },
    /** Posts kept but not answered yet (with `postDelayMs`): messages a client killed now never hears of. */
    unanswered: () => unanswered,
    dmChannelOf,
    /** Web API calls only (no response_url posts), in order: `method` names. */
    methods: () => calls.filter((call) => call.method !== 'response_url').map((call) => call.method),
    clear: () => void calls.splice(0),
    /** A response_url pointing here, as Slack puts one in every command and interaction. */
    responseUrl: () => `${url}/response/${++responses}`,
    addUser: (user: FakeUser, team?: string) => void users.set(userKey(team ?? null, user.id), user),
    /** The next `times` calls of `method` fail this way. */
    failNext: (method: string, failure: Failure, times = 1) => void failures.set(method, [...(failures.get(method) ?? []), ...Array.from({ length: times }, () => failure)]),
    override: (method: string, handler: Handler) => void overrides.set(method, handler),
    /** An authorization code that oauth.v2.access exchanges for this team's bot token. */
    oauthCode: (code: string, team: FakeTeam, installer = 'U0INSTALL1') => {
      oauthCodes.set(code, { ...team, installer });
      teamByToken.set(team.token, team);
    },
    socket: {
      acks: socketAcks,
      connections: () => sockets.size,
      send: (envelope: SocketEnvelope) => {
        for (const ws of sockets) ws.send(JSON.stringify(envelope));
      },
    },
    close: () => closeFakeServers({ server, wss: socketServer, sockets }),
  };
};

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;
