import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/helpers/database.js';
import { describeDatabaseUrl, type DatabaseHandle } from './client.js';
import { rowsOf } from './rows.js';
import { workspaces } from './schema/index.js';

describe.each(testDatabases())('the database on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await open();
  });
  afterAll(async () => handle.close());

  it('has every table from the migrations', async () => {
    const result = await handle.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    const names = rowsOf<{ table_name: string }>(result).map((row) => row.table_name);
    expect(names).toEqual(
      expect.arrayContaining(['workspaces', 'teams', 'people', 'memberships', 'absences', 'tasks', 'task_events', 'jobs', 'deliveries', 'inbound_events']),
    );
  });

  it('reads and writes instants in UTC whatever the host zone', async () => {
    const [row] = await handle.db.insert(workspaces).values({ platform: 'console', externalId: 'zone-check', createdAt: new Date('2026-11-27T16:00:00Z') }).returning();
    const text = rowsOf<{ at: string }>(await handle.db.execute(sql`select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as at from workspaces where id = ${row!.id}`));
    expect(text[0]?.at).toBe('2026-11-27 16:00');
    expect(row!.createdAt.toISOString()).toBe('2026-11-27T16:00:00.000Z');
  });

  it('commits the accepts before an ack without waiting for the disk, and every other write with it', async () => {
    const setting = async (db: DatabaseHandle['db']) => rowsOf<{ synchronous_commit: string }>(await db.execute(sql`show synchronous_commit`))[0]?.synchronous_commit;
    expect(await setting(handle.db)).toBe('on');
    // PGlite has one connection for everything, so there the accepts keep the default too.
    expect(await setting(handle.acceptDb)).toBe(handle.driver === 'postgres' ? 'off' : 'on');
  });

  it('rejects a second workspace with the same platform id', async () => {
    await handle.db.insert(workspaces).values({ platform: 'slack', externalId: 'T1', name: 'One' });
    await expect(handle.db.insert(workspaces).values({ platform: 'slack', externalId: 'T1', name: 'Again' })).rejects.toThrow();
  });
});

describe('describeDatabaseUrl', () => {
  it('never shows the password', () => {
    expect(describeDatabaseUrl('postgres://bot:s3cret@db:5432/righthand')).toBe('postgres://bot:***@db:5432/righthand');
  });
});
