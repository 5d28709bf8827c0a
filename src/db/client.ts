import { mkdirSync } from 'node:fs';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.js';
import type { Database } from './database.js';

export type Driver = 'postgres' | 'pglite';

export interface DatabaseHandle {
  db: Database;
  driver: Driver;
  /** PostgreSQL only: where to open a dedicated connection (migrations hold a session lock on one). */
  url?: string;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { driver: 'postgres'; url: string; maxConnections?: number }
  // `dataDir` undefined means in memory; `loadDataDir` starts from a dump (the test template).
  | { driver: 'pglite'; dataDir?: string; loadDataDir?: Blob };

export const openDatabase = async (options: DatabaseOptions): Promise<DatabaseHandle> => {
  if (options.driver === 'postgres') {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      // Timestamps come back as Date objects in UTC; the connection's zone never leaks into values.
      connection: { TimeZone: 'UTC' },
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    return { db, driver: 'postgres', url: options.url, close: () => client.end({ timeout: 5 }) };
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
  return { db, driver: 'pglite', close: () => client.close() };
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
