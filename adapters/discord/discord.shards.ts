import { REST, Routes, ShardingManager } from 'discord.js';
import type { Logger } from '../../src/core/ports.js';
import type { DiscordConfig } from '../../src/config.js';

/**
 * Sharding, for bots in more than 2,500 guilds (Discord refuses to identify a single connection past that).
 * With DISCORD_SHARDS=auto the process started by `npm start` runs only discord.js's ShardingManager, which
 * asks Discord how many shards it recommends (`totalShards: 'auto'`, from GET /gateway/bot) and spawns one
 * child process per shard running the same entry file (src/main.ts). discord.js gives each child its
 * shard ids in the environment (SHARDS, SHARD_COUNT), which the child's client reads by itself: every shard
 * is a whole Righthand (database, scheduler, outbox) whose gateway connection carries its share of the
 * guilds. The outbox needs no shard (DMs and posts go over REST), and the scheduler's jobs are claimed with
 * `FOR UPDATE SKIP LOCKED`, so the shards share the work; that needs PostgreSQL (PGlite is one process).
 */

/** Whether this process is a shard spawned by the ShardingManager (rather than the manager itself). */
export const isShardProcess = (env: NodeJS.ProcessEnv = process.env): boolean => env.SHARDS !== undefined && env.SHARD_COUNT !== undefined;

export interface ShardManagerOptions {
  config: DiscordConfig;
  /** The entry file each shard runs: src/main.ts (or the built main.js). */
  file: string;
  logger: Logger;
  /** Node flags for the children; the parent's own (tsx's loader when run with tsx). */
  execArgv?: string[];
}

/**
 * How many shards Discord recommends (GET /gateway/bot), asked of DISCORD_API_URL when it is set:
 * discord.js's own 'auto' always asks discord.com.
 */
export const recommendedShards = async (config: DiscordConfig): Promise<number> => {
  const rest = new REST({ ...(config.apiUrl ? { api: config.apiUrl } : {}), retries: 1 }).setToken(config.token);
  const { shards } = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, shards);
};

export const startShardManager = async ({ config, file, logger, execArgv = process.execArgv }: ShardManagerOptions): Promise<ShardingManager> => {
  const totalShards = config.apiUrl ? await recommendedShards(config) : 'auto';
  const manager = new ShardingManager(file, { token: config.token, totalShards, mode: 'process', respawn: true, execArgv });
  manager.on('shardCreate', (shard) => {
    logger.info({ shard: shard.id, of: manager.totalShards }, 'discord shard started');
    shard.on('death', () => logger.warn({ shard: shard.id }, 'discord shard exited; the manager restarts it'));
  });
  await manager.spawn({ amount: totalShards, delay: 5_500, timeout: 60_000 });
  return manager;
};
