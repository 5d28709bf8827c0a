import { Client, Events, GatewayIntentBits, Partials, REST, type ClientOptions, type RateLimitData } from 'discord.js';
import type { Bot } from '../../src/core/bot.js';
import type { ChatPort, Logger } from '../../src/core/ports.js';
import type { DiscordConfig } from '../../src/config.js';
import { createPendingForms } from './discord.forms.js';
import { registerInbound } from './discord.inbound.js';
import { createDiscordAccepted } from './discord.accepted.js';
import { createDiscordPort, createDmChannels } from './discord.outbound.js';
import { createDmWorkspaces } from './discord.people.js';
import { createDiscordScheduledEvents } from './discord.events.js';

export { startShardManager } from './discord.shards.js';

/**
 * The gateway intents Righthand asks for, and no more: Guilds (the guilds and channels it is in, which are
 * the workspaces and team channels) and DirectMessages (replies typed in its DM). No privileged intent:
 * answers come through slash commands, buttons, modals and DMs, and a DM's content reaches a bot without
 * the message-content intent. No GuildMembers: people are looked up one at a time when mentioned.
 */
export const GATEWAY_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages] as const;
/** A DM channel is not in the cache when its first message arrives; without this partial discord.js drops the message. */
export const PARTIALS = [Partials.Channel] as const;

/** The Discord permissions the bot needs in a team channel: view it, send messages, embeds and files, start and post in threads, read its own history. */
export const BOT_PERMISSIONS = {
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  // Charts in the digest and CSV exports.
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  CreatePublicThreads: 1n << 35n,
  SendMessagesInThreads: 1n << 38n,
  // Classes mirrored in the server's Events list; optional (without it everything else works).
  ManageEvents: 1n << 33n,
} as const;
export const BOT_PERMISSIONS_INTEGER = Object.values(BOT_PERMISSIONS).reduce((sum, bit) => sum | bit, 0n).toString();

/** Rate limits Discord asks the interaction side to wait out, at most this long; longer ones fail the call. */
const INBOUND_WAIT_LIMIT_MS = 5_000;
const DEFER_AFTER_MS = 2_000;
const AUTOCOMPLETE_WITHIN_MS = 2_500;
const STOP_GRACE_MS = 10_000;
const LOGIN_TIMEOUT_MS = 30_000;

export interface DiscordAdapterOptions {
  bot: Pick<Bot, 'handle' | 'preview' | 'registry' | 'accepted'>;
  config: DiscordConfig;
  logger: Logger;
  /** How long the core may take before an interaction is deferred (default 2 s; Discord allows 3). */
  deferAfterMs?: number;
  /** How often interactions a dead or stopped instance left are looked for (default 5 s); see discord.accepted.ts. */
  recoverEveryMs?: number;
  /** Extra discord.js client options (tests: a short `waitGuildTimeout`). */
  clientOptions?: Partial<ClientOptions>;
}

export interface DiscordAdapter {
  /** Platform 'discord': the outbox sends DMs and channel posts through it. */
  port: ChatPort;
  client: Client;
  /** Logs in, and resolves once the gateway is READY with every guild. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Connected and ready, for /healthz. */
  ready(): boolean;
  /** Resolves once no interaction or DM is being answered (a clean stop; tests wait for answers with it). */
  idle(): Promise<void>;
}

/**
 * The client the adapter (and each shard of a sharded deployment) runs: the same options either way;
 * under discord.js's ShardingManager the client reads its shard ids from the environment itself.
 */
export const discordClientOptions = (config: DiscordConfig, extra: Partial<ClientOptions> = {}): ClientOptions => ({
  intents: [...GATEWAY_INTENTS],
  partials: [...PARTIALS],
  // Replies to interactions may wait out a short rate limit (their token lasts 15 minutes); a long one fails
  // rather than holding the reply, and the person is not left waiting behind a queue.
  rest: { ...(config.apiUrl ? { api: config.apiUrl } : {}), retries: 1, rejectOnRateLimit: (limit: RateLimitData) => limit.retryAfter > INBOUND_WAIT_LIMIT_MS },
  allowedMentions: { parse: [] },
  ...extra,
});

/**
 * The REST client of the outbox: never waits for a rate limit and never retries (discord.js would otherwise
 * queue a 429'd message in memory and retry it silently). A rate limit comes back at once as the
 * outbox's "retry after", which pauses the workspace; the message stays in the outbox, so nothing is lost
 * on a restart.
 */
export const outboxRest = (config: DiscordConfig): REST => new REST({ ...(config.apiUrl ? { api: config.apiUrl } : {}), retries: 0, rejectOnRateLimit: () => true }).setToken(config.token);

export const createDiscordAdapter = (options: DiscordAdapterOptions): DiscordAdapter => {
  const { config, logger } = options;
  const client = new Client(discordClientOptions(config, options.clientOptions));
  const rest = outboxRest(config);
  const dmWorkspaces = createDmWorkspaces({ client, logger });
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => {});
    return work;
  };

  const forms = createPendingForms();
  const durable = createDiscordAccepted({ bot: options.bot, client, logger, forms, ...(options.recoverEveryMs ? { everyMs: options.recoverEveryMs } : {}) });
  registerInbound({
    client,
    bot: options.bot,
    logger,
    forms,
    durable,
    dms: dmWorkspaces,
    deferAfterMs: options.deferAfterMs ?? DEFER_AFTER_MS,
    autocompleteWithinMs: AUTOCOMPLETE_WITHIN_MS,
    track,
  });
  client.on(Events.Error, (error) => logger.error({ err: error.message }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, 'discord shard disconnected'));
  client.on(Events.GuildCreate, (guild) => logger.info({ guild: guild.id, name: guild.name }, 'discord guild available'));

  let started = false;
  return {
    port: {
      ...createDiscordPort({ rest, dms: createDmChannels(), logger, onDmSent: (userId, guildId) => dmWorkspaces.remember(userId, guildId) }),
      // Classes mirrored as Guild Scheduled Events (needs Manage Events; the core tells the managers once when it is missing).
      scheduledEvents: createDiscordScheduledEvents({ rest, botUserId: () => client.user?.id ?? config.applicationId, logger }),
    },
    client,
    async start() {
      if (started) throw new Error('the Discord adapter is already started');
      const ready = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`Discord did not become ready within ${LOGIN_TIMEOUT_MS / 1000} s`)), LOGIN_TIMEOUT_MS);
        client.once(Events.ClientReady, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      try {
        await client.login(config.token);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'TokenInvalid') throw new Error('Discord refused DISCORD_TOKEN (401 Unauthorized)');
        throw error;
      }
      await ready;
      if (client.application && client.application.id !== config.applicationId) {
        logger.warn({ expected: config.applicationId, actual: client.application.id }, 'DISCORD_APPLICATION_ID is not the application of DISCORD_TOKEN');
      }
      durable.start();
      started = true;
      logger.info({ guilds: client.guilds.cache.size, shards: client.options.shards }, 'discord adapter started');
    },
    async stop() {
      if (!started) return;
      started = false;
      // Nothing new is started; what has not begun stays in the database for the next instance (discord.accepted.ts).
      durable.stop();
      // What was acknowledged is finished (the database is still open), within a grace period.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)))]);
      clearTimeout(timer);
      await client.destroy();
    },
    ready: () => started && client.isReady(),
    idle: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
};
