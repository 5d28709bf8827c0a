import { createWorkspaceSecrets } from './db/workspace-secrets.js';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createChartRenderer } from './charts/echarts-renderer.js';
import { createBot } from './core/bot.js';
import { createControllableClock } from './core/clock.js';
import { coreJobs, coreModules, prepareModules } from './core/modules/index.js';
import { mountFeeds, startConfiguredHttp } from './http/serve.js';
import { systemClock, type ChatPort, type Platform } from './core/ports.js';
import { ConfigError, loadConfig } from './config.js';
import { checkReachable, describeDatabaseUrl, openDatabase } from './db/client.js';
import { containDriverFaults } from './db/driver-faults.js';
import { watchDatabase } from './db/health.js';
import { runMigrations } from './db/migrate.js';
import { createLogger } from './logger.js';
import { configuredSecrets } from './log-secrets.js';
import { createScheduler } from './scheduler/scheduler.js';
import { createConsoleAdapter } from '../adapters/console/index.js';
import { createInstallationStore, createSlackAdapter } from '../adapters/slack/index.js';
import { createDiscordAdapter, startShardManager } from '../adapters/discord/index.js';
import { isShardProcess } from '../adapters/discord/discord.shards.js';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { errorMessage } from './core/errors.js';

const USAGE = 'Usage: npm start [-- --console] [--json] [--clock <ISO instant>]';

const argsSchema = z.object({
  console: z.boolean().default(false),
  json: z.boolean().default(false),
  clock: z.iso.datetime({ offset: true, message: '--clock needs an ISO instant such as 2026-11-23T09:00:00Z' }).optional(),
  help: z.boolean().default(false),
});

/** The composition root: config -> database -> core -> scheduler -> adapters, and a clean shutdown. */
const main = async (): Promise<number> => {
  const { values } = parseArgs({
    options: { console: { type: 'boolean' }, json: { type: 'boolean' }, clock: { type: 'string' }, help: { type: 'boolean' } },
    allowPositionals: false,
  });
  const args = argsSchema.safeParse(values);
  if (!args.success) {
    console.error(args.error.issues[0]?.message ?? USAGE);
    return 2;
  }
  if (args.data.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig(process.env);
  // The console when no platform is configured (try it with nothing set up), or with --console beside them.
  const useConsole = args.data.console || (!config.slack && !config.discord);
  const logger = createLogger({ level: config.logLevel ?? (useConsole ? 'warn' : 'info'), secrets: configuredSecrets(config) });
  if (config.discord?.shards === 'auto' && !isShardProcess()) {
    // Sharded: this process only runs discord.js's ShardingManager; each shard is this file again, a whole
    // Righthand for its share of the guilds (see adapters/discord/discord.shards.ts).
    const manager = await startShardManager({ config: config.discord, file: fileURLToPath(import.meta.url), logger });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        for (const shard of manager.shards.values()) shard.kill();
        process.exit(0);
      });
    }
    return new Promise<number>(() => {});
  }
  // The HTTP server listens first, so /healthz answers 503 while the database is migrated and adapters start.
  // It runs with Slack, and in every mode with PUBLIC_URL (the calendar feeds).
  const http = await startConfiguredHttp({ config, logger });

  const handle = config.databaseUrl
    ? await openDatabase({ driver: 'postgres', url: config.databaseUrl })
    : await openDatabase({ driver: 'pglite', dataDir: config.dataDir });
  // Before the first query: from here on a dropped connection is a warning, not the end of the process.
  if (config.databaseUrl) containDriverFaults({ logger, databaseUrl: config.databaseUrl });
  await checkReachable(handle);
  logger.info({ database: config.databaseUrl ? describeDatabaseUrl(config.databaseUrl) : `PGlite in ${config.dataDir}` }, 'database opened');
  await runMigrations(handle);

  const clock = useConsole && args.data.clock ? createControllableClock({ start: new Date(args.data.clock), frozen: true }) : useConsole ? createControllableClock({ frozen: false }) : systemClock;
  // Work a module plans once for rows from before it existed (a daily brief for every existing manager).
  await prepareModules({ db: handle.db, now: clock.now() });
  const bot = createBot({ db: handle.db, acceptDb: handle.acceptDb, clock, logger, modules: coreModules, jobs: coreJobs, publicUrl: config.publicUrl, charts: createChartRenderer() });
  if (http) mountFeeds(http, { db: handle.db, clock });

  const consoleAdapter = useConsole
    ? createConsoleAdapter({ bot, clock: clock as ReturnType<typeof createControllableClock>, input: process.stdin, output: process.stdout, json: args.data.json, interactive: Boolean(process.stdin.isTTY), logger, filesDir: join(config.dataDir, 'files') })
    : null;
  const slack = config.slack
    ? createSlackAdapter({
        bot,
        config: config.slack,
        logger,
        http,
        ...(config.slack.auth.kind === 'oauth' ? { installationStore: createInstallationStore({ secrets: createWorkspaceSecrets({ db: handle.db }), key: config.slack.auth.secretKey }) } : {}),
      })
    : null;
  const discord = config.discord ? createDiscordAdapter({ bot, config: config.discord, logger }) : null;
  const ports = new Map<Platform, ChatPort>();
  if (consoleAdapter) ports.set('console', consoleAdapter.port);
  if (slack) ports.set('slack', slack.port);
  if (discord) ports.set('discord', discord.port);
  const scheduler = createScheduler({ db: handle.db, bot, clock, logger, ports, tickSeconds: config.tickSeconds });

  // /healthz says 503 while the database does not answer, and 200 again once it does.
  const databaseWatch = http && config.databaseUrl ? watchDatabase({ ping: handle.ping, logger, onChange: (up) => http.setReady(up, 'database') }) : null;

  let closing: Promise<void> | null = null;
  const shutdown = () =>
    (closing ??= (async () => {
      databaseWatch?.stop();
      http?.setReady(false);
      await slack?.stop();
      await discord?.stop();
      await http?.close();
      await scheduler.stop();
      await handle.close();
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      void shutdown().then(() => process.exit(0));
    });
  }

  await slack?.start();
  await discord?.start();
  http?.setReady(true);
  // /healthz (with Slack's HTTP server) turns unhealthy while Discord's gateway is down, and healthy again.
  if (http && discord) {
    discord.client.on('shardDisconnect', () => http.setReady(false));
    discord.client.on('shardResume', () => http.setReady(discord.ready()));
    discord.client.on('shardReady', () => http.setReady(discord.ready()));
  }

  if (consoleAdapter) {
    await consoleAdapter.run({ scheduler });
    await shutdown();
    return 0;
  }
  scheduler.start();
  return new Promise<number>(() => {});
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(`Righthand could not start: ${errorMessage(error)}`);
    process.exit(1);
  },
);
