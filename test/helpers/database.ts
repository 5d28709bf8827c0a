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

export const openPgliteCopy = async (): Promise<DatabaseHandle> => {
  templateBlob ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
  return openDatabase({ driver: 'pglite', loadDataDir: templateBlob });
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
