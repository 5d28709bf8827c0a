import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';
import { adminUrl, templateName, withDatabase } from './postgres-names.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | null;
  }
}

/**
 * Runs once per test run: initdb and migrations cost seconds, so they happen here and each test
 * file starts from a copy (DESIGN.md section 7).
 */
export const setup = async (project: TestProject) => {
  const cacheDir = join(process.cwd(), '.test-cache');
  mkdirSync(cacheDir, { recursive: true });
  const templatePath = join(cacheDir, `pglite-template-${process.pid}.tar.gz`);
  const handle = await openDatabase({ driver: 'pglite' });
  await runMigrations(handle);
  const pglite = (handle.db as unknown as { $client: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).$client;
  const dump = await pglite.dumpDataDir('gzip');
  writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('pgliteTemplate', templatePath);

  const url = process.env.DATABASE_URL;
  const removeTemplate = () => rmSync(templatePath, { force: true });
  if (!url) {
    project.provide('postgresTemplate', null);
    return removeTemplate;
  }
  const template = templateName(url);
  const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${template}" with (force)`);
  await admin.unsafe(`create database "${template}"`);
  const pg = await openDatabase({ driver: 'postgres', url: withDatabase(url, template), maxConnections: 1 });
  await runMigrations(pg);
  await pg.close();
  project.provide('postgresTemplate', template);
  return async () => {
    // The workers' databases (database.ts keeps them for the run), then the template they were copied from.
    const kept = await admin<{ name: string }[]>`select datname as name from pg_database where datname like ${`${template}_w%`}`;
    for (const { name } of kept) await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`drop database if exists "${template}" with (force)`);
    await admin.end();
    removeTemplate();
  };
};

