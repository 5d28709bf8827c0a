import type { SQL } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle, type Driver } from '../../src/db/client.js';
import { adminUrl, withDatabase } from './postgres-names.js';

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

/** The handle with `release` as its close, run once however often a test closes it. */
const closingOnce = (handle: DatabaseHandle, release: () => Promise<void>): DatabaseHandle => {
  let released = false;
  return {
    ...handle,
    close: async () => {
      if (released) return;
      released = true;
      await release();
    },
  };
};

/** The handle a test gets: its close empties the copy and returns it to the pool (or really closes it). */
const pooled = (handle: DatabaseHandle): DatabaseHandle =>
  closingOnce(handle, async () => {
    const client = clientOf(handle);
    if (client.closed) return;
    if (idle.length < IDLE_LIMIT && process.env.PGLITE_FRESH !== '1' && (await emptied(client))) idle.push(handle);
    else await handle.close();
  });

export const openPgliteCopy = async (): Promise<DatabaseHandle> => {
  const reused = idle.pop();
  if (reused && !clientOf(reused).closed) return pooled(reused);
  templateBlob ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
  return pooled(await openDatabase({ driver: 'pglite', loadDataDir: templateBlob }));
};

// CREATE DATABASE from the template and DROP cost about 0.6 s on a busy machine, once per database test:
// minutes of the suite. A worker's databases are kept instead (named for the run's template, the worker and
// a slot) and emptied when handed out again: every table's rows deleted with foreign keys off, every
// sequence restarted (10-30 ms), which leaves what a fresh copy shows. The next test file of the same worker
// reuses them; the run's teardown drops them all (global-setup.ts). `PG_FRESH=1` copies the template every time.
const EMPTY_ALL = `do $$
declare r record;
begin
  set local session_replication_role = replica;
  for r in select format('%I.%I', schemaname, tablename) as t from pg_tables where schemaname = 'public' loop
    execute 'delete from ' || r.t;
  end loop;
  for r in select format('%I.%I', schemaname, sequencename) as s from pg_sequences where schemaname = 'public' loop
    perform setval(r.s, 1, false);
  end loop;
end $$`;

const slotsInUse = new Set<number>();

/** The database of a slot of this worker, emptied or (the first time in this run) copied from the template. */
const slotDatabase = async (url: string, template: string, slot: number): Promise<string> => {
  const name = `${template}_w${process.env.VITEST_POOL_ID ?? '0'}_${slot}`;
  const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
  try {
    const [found] = await admin<{ n: number }[]>`select count(*)::int as n from pg_database where datname = ${name}`;
    if (found!.n > 0 && process.env.PG_FRESH !== '1') {
      // As DROP ... WITH (FORCE) would: a child process a test started may still be connected.
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
      const own = postgres(withDatabase(url, name), { max: 1, onnotice: () => {} });
      try {
        await own.unsafe(EMPTY_ALL);
        return name;
      } catch {
        // Not emptied (a test left it unusable): copied afresh below.
      } finally {
        await own.end();
      }
    }
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}" template "${template}"`);
    return name;
  } finally {
    await admin.end();
  }
};

/** A PostgreSQL database of the migrated schema with no rows, this test's alone until the handle closes. */
export const openPostgresCopy = async (options: { maxConnections?: number } = {}): Promise<DatabaseHandle> => {
  const url = process.env.DATABASE_URL;
  const template = inject('postgresTemplate');
  if (!url || !template) throw new Error('openPostgresCopy needs DATABASE_URL');
  let slot = 0;
  while (slotsInUse.has(slot)) slot += 1;
  slotsInUse.add(slot);
  try {
    const name = await slotDatabase(url, template, slot);
    const handle = await openDatabase({ driver: 'postgres', url: withDatabase(url, name), maxConnections: options.maxConnections ?? 5 });
    return closingOnce(handle, async () => {
      try {
        await handle.close();
      } finally {
        slotsInUse.delete(slot);
      }
    });
  } catch (error) {
    slotsInUse.delete(slot);
    throw error;
  }
};

/** Rows of a raw query, on either driver (PGlite answers `{ rows }`, postgres.js an array). */
export const queryRows = async <T>(handle: DatabaseHandle, statement: SQL): Promise<T[]> => {
  const result = (await handle.db.execute(statement)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
};
