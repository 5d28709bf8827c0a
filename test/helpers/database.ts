import type { SQL } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle, type Driver } from '../../src/db/client.js';
import { adminUrl, databaseName, withDatabase } from './postgres-names.js';

export interface TestDatabase {
  driver: Driver;
  open(): Promise<DatabaseHandle>;
}

/**
 * The databases a database test runs on: always PGlite (from the migrated template), and also a fresh
 * PostgreSQL database cloned from the migrated template when DATABASE_URL is set. Use with
 * `describe.each(testDatabases())`.
 */
export const testDatabases = (): TestDatabase[] => {
  const list: TestDatabase[] = [{ driver: 'pglite', open: openPgliteCopy }];
  if (inject('postgresTemplate')) list.push({ driver: 'postgres', open: openPostgresCopy });
  return list;
};

let templateBlob: Blob | null = null;

interface PgliteClient {
  closed: boolean;
  exec(query: string): Promise<unknown>;
  query<T>(query: string): Promise<{ rows: T[] }>;
  close(): Promise<void>;
}

// Loading the migrated template into a new PGlite costs about a second (WebAssembly start plus untar), and
// the suite opens one per database test: hundreds of seconds. A closed copy is emptied instead (every table
// truncated, identities restarted, the session reset) and handed to the next open of this worker, which then
// sees exactly what a fresh copy shows. `PGLITE_FRESH=1` opens a new instance every time, to rule the pool out.
const idle: DatabaseHandle[] = [];
const IDLE_LIMIT = 3;

const emptied = async (client: PgliteClient): Promise<boolean> => {
  try {
    const tables = await client.query<{ name: string }>(`select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = 'public'`);
    // One statement per call: several in one exec run as one transaction, where DISCARD ALL may not.
    for (const statement of ['rollback', 'discard all', `set time zone 'UTC'`, `truncate ${tables.rows.map((row) => row.name).join(', ')} restart identity cascade`]) {
      await client.exec(statement);
    }
    return true;
  } catch {
    return false;
  }
};

const clientOf = (handle: DatabaseHandle) => (handle.db as unknown as { $client: PgliteClient }).$client;

/** The handle a test gets: its close empties the copy and returns it to the pool (or really closes it). */
const pooled = (handle: DatabaseHandle): DatabaseHandle => {
  let released = false;
  return {
    ...handle,
    close: async () => {
      if (released) return;
      released = true;
      const client = clientOf(handle);
      if (client.closed) return;
      if (idle.length < IDLE_LIMIT && process.env.PGLITE_FRESH !== '1' && (await emptied(client))) idle.push(handle);
      else await handle.close();
    },
  };
};

export const openPgliteCopy = async (): Promise<DatabaseHandle> => {
  const reused = idle.pop();
  if (reused && !clientOf(reused).closed) return pooled(reused);
  templateBlob ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
  return pooled(await openDatabase({ driver: 'pglite', loadDataDir: templateBlob }));
};

/** A fresh PostgreSQL database per call, dropped when the handle closes. */
export const openPostgresCopy = async (options: { maxConnections?: number } = {}): Promise<DatabaseHandle> => {
  const url = process.env.DATABASE_URL;
  const template = inject('postgresTemplate');
  if (!url || !template) throw new Error('openPostgresCopy needs DATABASE_URL');
  const name = `${databaseName(url)}_t${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template "${template}"`);
  const handle = await openDatabase({ driver: 'postgres', url: withDatabase(url, name), maxConnections: options.maxConnections ?? 5 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
};

/** Rows of a raw query, on either driver (PGlite answers `{ rows }`, postgres.js an array). */
export const queryRows = async <T>(handle: DatabaseHandle, statement: SQL): Promise<T[]> => {
  const result = (await handle.db.execute(statement)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
};
