import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeFakeServers } from './fake-http.js';
import { attachmentObject, attachmentsOf, readDiscordBody } from './discord-files.js';
import { errorMessage } from '../../src/core/errors.js';
import { createFakeScheduledEvents } from './discord-scheduled-events.js';
import { APPLICATION_ID, BOT_USER, checkMessage, checkModal, guildCreate, memberObject, routeOf, snowflake, userObject, type DiscordCall, type DiscordFailure, type FakeGuild, type FakeMessage, type FakeUser, type InteractionRecord } from './discord-model.js';

export * from './discord-model.js';

/**
 * A local Discord: the REST API v10 routes Righthand calls (under /api/v10) and a gateway WebSocket, on one
 * port. Every REST call is recorded. The gateway speaks the real sequence (HELLO -> IDENTIFY -> READY ->
 * GUILD_CREATE per guild -> dispatches, heartbeats acknowledged), so the real discord.js client connects to
 * it as to Discord. Failures can be scripted per route: a 429 with retry_after and Discord's rate-limit
 * headers, or an API error such as 403 50007 (the user's DMs are closed).
 */

/** `nonceWindowMs`: how long an enforced nonce returns the message it first made (Discord: a few minutes). */
export const startFakeDiscord = async ({ guilds = [] as FakeGuild[], nonceWindowMs = 5 * 60_000 } = {}) => {
  const nonces = new Map<string, { id: string; at: number }>();
  const calls: DiscordCall[] = [];
  const failures = new Map<string, DiscordFailure[]>();
  const closedDms = new Set<string>();
  const users = new Map<string, FakeUser>();
  const dmChannels = new Map<string, string>();
  const dmOwners = new Map<string, string>();
  const messages = new Map<string, FakeMessage>();
  const threads = new Set<string>();
  const interactions = new Map<string, InteractionRecord>();
  const commands = new Map<string, unknown[]>();
  const sockets = new Set<WebSocket>();
  const identifies: any[] = [];
  let seq = 0;
  const knownGuilds = [...guilds];
  for (const guild of knownGuilds) for (const member of guild.members) users.set(member.user.id, member.user);
  users.set(BOT_USER.id, BOT_USER);
  const scheduledEvents = createFakeScheduledEvents({ botUser: BOT_USER, snowflake, isGuild: (id) => knownGuilds.some((guild) => guild.id === id) });

  const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    if (body === undefined) {
      res.writeHead(status, headers);
      res.end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const apiError = (res: ServerResponse, status: number, code: number, message: string) => send(res, status, { message, code });


  const messageObject = (message: FakeMessage) => ({
    id: message.id,
    channel_id: message.channel_id,
    type: 0,
    content: message.content,
    embeds: message.embeds,
    components: message.components,
    attachments: (message.attachments ?? []).map(attachmentObject),
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    flags: message.flags ?? 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: message.edited_timestamp,
    author: userObject(BOT_USER),
    ...(message.nonce !== undefined ? { nonce: message.nonce } : {}),
  });

  const createMessage = (channelId: string, body: any, interactionId?: string): FakeMessage => {
    const message: FakeMessage = {
      id: snowflake(),
      channel_id: channelId,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      flags: body.flags ?? 0,
      edited_timestamp: null,
      ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
      ...(interactionId ? { interaction_id: interactionId } : {}),
      ...(attachmentsOf(body).length > 0 ? { attachments: attachmentsOf(body) } : {}),
    };
    messages.set(message.id, message);
    return message;
  };

  const editMessage = (message: FakeMessage, body: any) => {
    if (body.content !== undefined) message.content = body.content;
    if (body.embeds !== undefined) message.embeds = body.embeds;
    if (body.components !== undefined) message.components = body.components;
    message.edited_timestamp = new Date().toISOString();
  };

  const originals = new Map<string, string>();

  const handle = async (method: string, path: string, query: Record<string, string>, body: any, res: ServerResponse) => {
    const route = routeOf(path);
    const parts = path.split('/');
    const failure = failures.get(`${method} ${route}`)?.shift();
    if (failure) {
      if (failure.status === 429) {
        const f = failure as { retryAfter: number; global?: boolean };
        return send(res, 429, { message: 'You are being rate limited.', retry_after: f.retryAfter, global: Boolean(f.global) }, {
          'retry-after': String(Math.ceil(f.retryAfter)),
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(f.retryAfter),
          'x-ratelimit-bucket': 'fakebucket',
          'x-ratelimit-scope': f.global ? 'global' : 'user',
          ...(f.global ? { 'x-ratelimit-global': 'true' } : {}),
        });
      }
      const f = failure as { status: number; code: number; message?: string };
      return apiError(res, f.status, f.code, f.message ?? 'Scripted failure');
    }

    const scheduled = scheduledEvents.handle(method, path, body);
    if (scheduled) return send(res, scheduled.status, scheduled.body);

    switch (`${method} ${route}`) {
      case 'GET /gateway/bot':
        return send(res, 200, { url: wsUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } });
      case 'POST /users/@me/channels': {
        const recipient = String(body.recipient_id ?? '');
        if (!users.has(recipient)) return apiError(res, 400, 50033, 'Invalid Recipient(s)');
        let channel = dmChannels.get(recipient);
        if (!channel) {
          channel = snowflake();
          dmChannels.set(recipient, channel);
          dmOwners.set(channel, recipient);
        }
        return send(res, 200, { id: channel, type: 1, last_message_id: null, flags: 0, recipients: [userObject(users.get(recipient)!)] });
      }
      case 'GET /users/:user': {
        const user = users.get(parts[2]!);
        return user ? send(res, 200, userObject(user)) : apiError(res, 404, 10013, 'Unknown User');
      }
      case 'GET /guilds/:guild/members/:user': {
        const guild = knownGuilds.find((candidate) => candidate.id === parts[2]);
        const member = guild?.members.find((candidate) => candidate.user.id === parts[4]);
        return member ? send(res, 200, memberObject(member)) : apiError(res, 404, 10007, 'Unknown Member');
      }
      case 'POST /channels/:channel/messages': {
        const channelId = parts[2]!;
        const owner = dmOwners.get(channelId);
        if (owner && closedDms.has(owner)) return apiError(res, 403, 50007, 'Cannot send messages to this user');
        if (!owner && !knownChannel(channelId) && !threads.has(channelId)) return apiError(res, 404, 10003, 'Unknown Channel');
        const problem = checkMessage(body);
        if (problem) return apiError(res, 400, 50035, `Invalid Form Body: ${problem}`);
        // enforce_nonce, as Discord: within the window the same nonce (same author, the bot) answers the first message.
        const nonceKey = body.enforce_nonce && body.nonce !== undefined ? `${channelId}:${String(body.nonce)}` : null;
        const earlier = nonceKey ? nonces.get(nonceKey) : undefined;
        if (earlier && Date.now() - earlier.at < nonceWindowMs && messages.has(earlier.id)) return send(res, 200, messageObject(messages.get(earlier.id)!));
        const created = createMessage(channelId, body);
        if (nonceKey) nonces.set(nonceKey, { id: created.id, at: Date.now() });
        return send(res, 200, messageObject(created));
      }
      case 'GET /channels/:channel/messages': {
        const list = [...messages.values()].filter((message) => message.channel_id === parts[2]).reverse().slice(0, Number(query.limit ?? 50));
        return send(res, 200, list.map(messageObject));
      }
      case 'GET /channels/:channel/messages/:message':
      case 'PATCH /channels/:channel/messages/:message': {
        const message = messages.get(parts[4]!);
        if (!message || message.channel_id !== parts[2]) return apiError(res, 404, 10008, 'Unknown Message');
        if (method === 'PATCH') editMessage(message, body);
        return send(res, 200, messageObject(message));
      }
      case 'POST /channels/:channel/messages/:message/threads': {
        const message = messages.get(parts[4]!);
        if (!message || message.channel_id !== parts[2]) return apiError(res, 404, 10008, 'Unknown Message');
        if (threads.has(message.id)) return apiError(res, 400, 160004, 'A thread has already been created for this message');
        if (!body.name || String(body.name).length > 100) return apiError(res, 400, 50035, 'Invalid Form Body: name');
        threads.add(message.id);
        return send(res, 201, { id: message.id, type: 11, name: body.name, parent_id: parts[2], guild_id: guildOfChannel(parts[2]!)?.id, owner_id: BOT_USER.id, thread_metadata: { archived: false, auto_archive_duration: 1440, locked: false, archive_timestamp: new Date().toISOString() } });
      }
      case 'POST /interactions/:id/:token/callback': {
        const record = interactions.get(parts[2]!);
        if (!record || record.token !== parts[3]) return apiError(res, 404, 10062, 'Unknown interaction');
        if (record.callbacks.length > 0) return apiError(res, 400, 40060, 'Interaction has already been acknowledged.');
        if (body.type === 9) {
          const problem = checkModal(body.data);
          if (problem) return apiError(res, 400, 50035, `Invalid Form Body: ${problem}`);
        }
        if (body.type === 4 || body.type === 7) {
          const problem = checkMessage(body.data ?? {});
          if (problem) return apiError(res, 400, 50035, `Invalid Form Body: ${problem}`);
        }
        record.callbacks.push({ type: body.type, data: body.data });
        // 4: a message answers; 5: "thinking…" (edited later); 7: the component's message changes.
        if (body.type === 4 || body.type === 5) originals.set(record.token, createMessage(record.channelId, body.type === 4 ? body.data : { content: '', flags: body.data?.flags }, record.id).id);
        if ((body.type === 7 || body.type === 6) && record.messageId) {
          originals.set(record.token, record.messageId);
          if (body.type === 7) editMessage(messages.get(record.messageId) ?? createStub(record), body.data);
        }
        if (query.with_response === 'true') {
          const original = originals.get(record.token);
          return send(res, 200, { interaction: { id: record.id, type: 2, activity_instance_id: null, response_message_id: original ?? null, response_message_loading: body.type === 5, response_message_ephemeral: Boolean((body.data?.flags ?? 0) & 64) }, ...(original ? { resource: { type: body.type, message: messageObject(messages.get(original)!) } } : {}) });
        }
        return send(res, 204);
      }
      case 'PATCH /webhooks/:app/:token/messages/:message':
      case 'GET /webhooks/:app/:token/messages/:message':
      case 'DELETE /webhooks/:app/:token/messages/:message': {
        const token = parts[3]!;
        const id = parts[5] === '@original' ? originals.get(token) : parts[5];
        const message = id ? messages.get(id) : undefined;
        if (!message) return apiError(res, 404, 10008, 'Unknown Message');
        if (method === 'DELETE') {
          messages.delete(message.id);
          return send(res, 204);
        }
        if (method === 'PATCH') {
          const problem = checkMessage({ content: message.content, embeds: message.embeds, components: message.components, ...body });
          if (problem) return apiError(res, 400, 50035, `Invalid Form Body: ${problem}`);
          editMessage(message, body);
        }
        return send(res, 200, messageObject(message));
      }
      case 'POST /webhooks/:app/:token': {
        const record = [...interactions.values()].find((candidate) => candidate.token === parts[3]);
        if (!record || record.callbacks.length === 0) return apiError(res, 404, 10015, 'Unknown Webhook');
        const problem = checkMessage(body);
        if (problem) return apiError(res, 400, 50035, `Invalid Form Body: ${problem}`);
        return send(res, 200, messageObject(createMessage(record.channelId, body, record.id)));
      }
      case 'PUT /applications/:app/commands':
      case 'PUT /applications/:app/guilds/:guild/commands': {
        const key = route.includes('guilds') ? parts[4]! : 'global';
        const list = (body as any[]).map((command) => ({ id: snowflake(), application_id: parts[2], version: snowflake(), ...command }));
        commands.set(key, list);
        return send(res, 200, list);
      }
      case 'GET /applications/:app/commands':
      case 'GET /applications/:app/guilds/:guild/commands':
        return send(res, 200, commands.get(route.includes('guilds') ? parts[4]! : 'global') ?? []);
    }
    return apiError(res, 404, 0, `404: Not Found (${method} ${path})`);
  };

  const createStub = (record: InteractionRecord) => {
    const message: FakeMessage = { id: record.messageId!, channel_id: record.channelId, content: '', embeds: [], components: [], edited_timestamp: null };
    messages.set(message.id, message);
    return message;
  };

  const knownChannel = (id: string) => knownGuilds.some((guild) => guild.channels.some((channel) => channel.id === id));
  const guildOfChannel = (id: string) => knownGuilds.find((guild) => guild.channels.some((channel) => channel.id === id));


  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const body = await readDiscordBody(req);
      if (!url.pathname.startsWith('/api/v10/')) return apiError(res, 404, 0, 'not under /api/v10');
      const path = decodeURIComponent(url.pathname.slice('/api/v10'.length));
      const query = Object.fromEntries(url.searchParams);
      const authHeader = req.headers.authorization ? String(req.headers.authorization) : null;
      calls.push({ method: req.method ?? 'GET', path, route: routeOf(path), query, body, auth: authHeader });
      await handle(req.method ?? 'GET', path, query, body, res);
    } catch (error) {
      send(res, 500, { message: errorMessage(error), code: 0 });
    }
  });

  // ---- the gateway

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/gateway' || url.searchParams.get('v') !== '10' || url.searchParams.get('encoding') !== 'json') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });

  const dispatchTo = (ws: WebSocket, t: string, d: unknown) => ws.send(JSON.stringify({ op: 0, t, s: ++seq, d }));

  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    ws.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: any };
      if (payload.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (payload.op === 2) {
        identifies.push(payload.d);
        const [shardId = 0, shardCount = 1] = payload.d.shard ?? [];
        const mine = knownGuilds.filter((guild) => Number((BigInt(guild.id) >> 22n) % BigInt(shardCount)) === shardId);
        dispatchTo(ws, 'READY', {
          v: 10,
          user: { ...userObject(BOT_USER), verified: true, mfa_enabled: false, flags: 0 },
          guilds: mine.map((guild) => ({ id: guild.id, unavailable: true })),
          session_id: `session-${snowflake()}`,
          resume_gateway_url: wsUrl,
          shard: payload.d.shard,
          application: { id: APPLICATION_ID, flags: 0 },
          private_channels: [],
          relationships: [],
          presences: [],
          guild_join_requests: [],
          user_settings: {},
          geo_ordered_rtc_regions: [],
        });
        for (const guild of mine) dispatchTo(ws, 'GUILD_CREATE', guildCreate(guild));
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const wsUrl = `ws://127.0.0.1:${port}/gateway`;

  const dispatch = (t: string, d: unknown) => {
    if (sockets.size === 0) throw new Error('no gateway connection');
    for (const ws of sockets) dispatchTo(ws, t, d);
  };

  return {
    /** discord.js `rest.api` (it appends /v10 itself). */
    apiUrl: `http://127.0.0.1:${port}/api`,
    wsUrl,
    calls,
    identifies,
    messages,
    interactions,
    commands,
    /** Guild Scheduled Events (discord-scheduled-events.ts): the store, and the permission to withhold. */
    scheduledEvents,
    callsTo: (method: string, route: string) => calls.filter((call) => call.method === method && call.route === route),
    clear: () => {
      calls.length = 0;
    },
    failNext: (method: string, route: string, failure: DiscordFailure) => {
      const key = `${method} ${route}`;
      failures.set(key, [...(failures.get(key) ?? []), failure]);
    },
    /** The user has DMs from server members turned off: posting in their DM answers 403 50007. */
    closeDms: (userId: string) => closedDms.add(userId),
    addUser: (user: FakeUser) => users.set(user.id, user),
    dmChannelOf: (userId: string) => dmChannels.get(userId) ?? null,
    /** Whose DM channel this is, or null for a guild channel or thread. */
    dmOwnerOf: (channelId: string) => dmOwners.get(channelId) ?? null,
    /** The DM channel Discord would give this user (created on first use, as POST /users/@me/channels does). */
    openDm: (userId: string) => {
      let channel = dmChannels.get(userId);
      if (!channel) {
        channel = snowflake();
        dmChannels.set(userId, channel);
        dmOwners.set(channel, userId);
      }
      return channel;
    },
    messagesIn: (channelId: string) => [...messages.values()].filter((message) => message.channel_id === channelId),
    /** Registers an interaction (so its callback and webhook routes answer) and returns its id and token. */
    expectInteraction: (record: Omit<InteractionRecord, 'callbacks'>) => {
      interactions.set(record.id, { ...record, callbacks: [] });
      return interactions.get(record.id)!;
    },
    /** The bot's message by id, as Discord has it now. */
    message: (id: string) => messages.get(id) ?? null,
    messageObject,
    memberObject,
    userObject,
    dispatch,
    connected: () => sockets.size > 0,
    close: () => closeFakeServers({ server, wss: wss, sockets }),
  };
};

export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;
