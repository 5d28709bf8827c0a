import { mkdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.js';
import type { Database } from './database.js';
import { errorMessage } from '../core/errors.js';

export type Driver = 'postgres' | 'pglite';

export interface DatabaseHandle {
  db: Database;
  /**
   * PostgreSQL: a small pool of its own for the accepts before an ack (see BotDeps.acceptDb), opened on first
   * use; PGlite: the same database.
   */
  acceptDb: Database;
  driver: Driver;
  /** PostgreSQL only: where to open a dedicated connection (migrations hold a session lock on one). */
  url?: string;
  /**
   * Whether the database answers `select 1` within `timeoutMs`, on a connection of its own (a busy pool
   * is not an unreachable database). PGlite lives in this process: always true.
   */
  ping(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { driver: 'postgres'; url: string; maxConnections?: number; connectTimeoutSeconds?: number }
  // `dataDir` undefined means in memory; `loadDataDir` starts from a dump (the test template).
  | { driver: 'pglite'; dataDir?: string; loadDataDir?: Blob };

/**
 * postgres.js waits 30 s by default for a connection's start-up (TCP, TLS, authentication); a database that
 * accepts the connection and never answers held the bot's start-up for a minute. A healthy one answers in
 * milliseconds, a far one in well under a second.
 */
export const CONNECT_TIMEOUT_SECONDS = 5;

/** Options for every postgres.js client the bot opens, the pool and the dedicated ones alike. */
export const postgresOptions = (connectTimeoutSeconds = CONNECT_TIMEOUT_SECONDS) => ({
  onnotice: () => {},
  connect_timeout: connectTimeoutSeconds,
  // Timestamps come back as Date objects in UTC; the connection's zone never leaks into values.
  connection: { TimeZone: 'UTC' },
});

/** Resolves `promise`, or rejects with `timeoutError()` after `ms` (the promise itself runs on, its outcome ignored). */
export const withTimeout = <T>(promise: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), ms);
  });
  promise.catch(() => {});
  return Promise.race([promise, timedOut]).finally(() => clearTimeout(timer));
};

export const openDatabase = async (options: DatabaseOptions): Promise<DatabaseHandle> => {
  if (options.driver === 'postgres') {
    const base = postgresOptions(options.connectTimeoutSeconds);
    const client = postgres(options.url, { ...base, max: options.maxConnections ?? 10 });
    // One connection for the health probe, opened on its first use and closed after a minute idle.
    const probe = postgres(options.url, { ...base, max: 1, idle_timeout: 60 });
    // Two: a batch of accepts inserts while the next waits (accepted.ts sends one insert at a time anyway).
    // synchronous_commit off for these sessions alone: the commit returns before the WAL reaches the disk,
    // which takes the flush out of every ack. The row is in the server as soon as it answers, so a bot that
    // dies (kill -9, a crash) loses nothing; only a PostgreSQL crash within the WAL writer's delay (~0.6 s by
    // default) could drop an accept. Every other write of the bot keeps the server's setting.
    const accepts = postgres(options.url, { ...base, max: 2, connection: { ...base.connection, synchronous_commit: 'off' } });
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    const acceptDb = drizzlePostgres(accepts, { schema }) as unknown as Database;
    const ping = (timeoutMs: number) =>
      withTimeout(probe`select 1`, timeoutMs, () => new Error('ping timed out')).then(
        () => true,
        () => false,
      );
    const close = async () => {
      await Promise.all([client.end({ timeout: 5 }), accepts.end({ timeout: 5 }), probe.end({ timeout: 1 })]);
    };
    return { db, acceptDb, driver: 'postgres', url: options.url, ping, close };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // Loaded only when used: a PostgreSQL process never pays PGlite's ~40 MB.
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle: drizzlePglite } = await import('drizzle-orm/pglite');
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  await client.exec(`SET TIME ZONE 'UTC'`);
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return { db, acceptDb: db, driver: 'pglite', ping: async () => true, close: () => client.close() };
};

/** How long start-up waits for the database's first answer, connecting included. */
export const FIRST_ANSWER_MS = 6_000;

/**
 * Start-up's first question to the database, bounded: an unreachable, refusing or silent database ends
 * start-up within seconds with one sentence naming it (password redacted), never a minute of silence.
 */
export const checkReachable = async (handle: DatabaseHandle, timeoutMs = FIRST_ANSWER_MS): Promise<void> => {
  if (handle.driver !== 'postgres') return;
  const where = describeDatabaseUrl(handle.url!);
  try {
    await withTimeout(handle.db.execute(sql`select 1`), timeoutMs, () => new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`));
  } catch (error) {
    const reason = (error as { cause?: unknown }).cause ?? error;
    throw new Error(`PostgreSQL at ${where} is unreachable (${errorMessage(reason).split('\n')[0]})`);
  }
};

/** Redacts the password from a connection string, for logs and error messages. */
export const describeDatabaseUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
};
