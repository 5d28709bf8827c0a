import { afterEach, describe, expect, inject, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.js';
import { databaseKind, defaultJobConcurrency } from '../../src/scheduler/database-kind.js';
import { openPgliteCopy, openPostgresCopy } from '../helpers/database.js';

const handles: DatabaseHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
});

describe('how many jobs the scheduler runs at once', () => {
  it('runs one at a time on PGlite, whose one connection takes one transaction at a time', async () => {
    const handle = await openPgliteCopy();
    handles.push(handle);
    expect(databaseKind(handle.db)).toEqual({ driver: 'pglite', maxConnections: 1 });
    expect(defaultJobConcurrency(databaseKind(handle.db))).toBe(1);
  });

  it.runIf(inject('postgresTemplate'))('runs up to 8 on PostgreSQL, within the pool and two connections spare', async () => {
    const small = await openPostgresCopy({ maxConnections: 5 });
    handles.push(small);
    expect(databaseKind(small.db)).toEqual({ driver: 'postgres', maxConnections: 5 });
    expect(defaultJobConcurrency(databaseKind(small.db))).toBe(3);
    expect(defaultJobConcurrency({ driver: 'postgres', maxConnections: 20 })).toBe(8);
  });
});
