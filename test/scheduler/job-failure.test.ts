import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/bot.js';
import { createControllableClock } from '../../src/core/clock.js';
import { scheduleJob } from '../../src/core/jobs.js';
import { silentLogger } from '../../src/core/ports.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { jobs } from '../../src/db/schema/index.js';
import { claimJobs, runClaimedJobs } from '../../src/scheduler/queue.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { createIdempotentPlatform } from '../fakes/idempotent-platform.js';
import { testDatabases } from '../helpers/database.js';
import { driveUntil } from './support/drive.js';
import { seedTeam, seedWorkspace } from './support/fixtures.js';
import { alwaysFailsJob, countEffects, createEffectsTable, noteJob } from './support/test-jobs.js';

const T0 = new Date('2026-11-27T09:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

const handles: DatabaseHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
});

describe.each(testDatabases())('a job that keeps failing on $driver', ({ open }) => {
  it('is retried with backoff and, after its last attempt, its team’s managers get one notice', async () => {
    const handle = await open();
    handles.push(handle);
    const { db } = handle;
    const clock = createControllableClock({ start: T0, frozen: true });
    const workspace = await seedWorkspace({ db, platform: 'console', externalId: 'acme' });
    const { team } = await seedTeam({ db, workspaceId: workspace.id, channel: 'acme-team', managers: ['mona'], members: ['pat'] });
    const failing = alwaysFailsJob();
    // A healthy job due at the same moment: a failing neighbour must not take it down with it.
    const note = noteJob({ worker: 'w', recordEffect: false });
    const bot = createBot({ db, clock, logger: silentLogger, modules: [], jobs: [failing, note] });
    await scheduleJob({ db, job: failing, payload: { teamId: team.id }, runAt: T0, dedupeKey: 'always-fails:1' });
    await scheduleJob({ db, job: note, payload: { n: 1, workspaceId: workspace.id, channel: 'acme-team' }, runAt: T0, dedupeKey: 'note:1' });
    const platform = createIdempotentPlatform({ platform: 'console', clock });
    const scheduler = createScheduler({ db, bot, clock, logger: silentLogger, ports: new Map([['console', platform.port]]) });

    await scheduler.runDue(T0);
    const failingRow = async () => (await db.select().from(jobs).where(eq(jobs.dedupeKey, 'always-fails:1')))[0]!;
    expect(await failingRow()).toMatchObject({ status: 'pending', attempts: 1, runAt: later(30_000), lastError: 'the upstream service is down' });
    expect(platform.messages.map((call) => call.text)).toEqual(['note 1']);

    // Not before its backoff.
    await scheduler.runDue(later(20_000));
    expect((await failingRow()).attempts).toBe(1);

    // Each failure puts it back 30 s, 1 min, 2 min, 4 min later; the fifth is the last.
    const retries: number[] = [];
    for (let row = await failingRow(); row.status === 'pending'; row = await failingRow()) {
      retries.push((row.runAt.getTime() - T0.getTime()) / 1000);
      clock.advanceTo(row.runAt);
      await scheduler.runDue(clock.now());
    }
    expect(retries).toEqual([30, 90, 210, 450]);
    const final = await failingRow();
    expect(final).toMatchObject({ status: 'failed', attempts: 5, finishedAt: later(450_000) });
    const notices = () => platform.messages.filter((call) => call.target === 'dm:mona');
    expect(notices()).toHaveLength(1);
    expect(notices()[0]!.text).toContain('test.always-fails');
    expect(notices()[0]!.at).toEqual(later(450_000));
    expect(platform.messages.filter((call) => call.target === 'dm:pat')).toHaveLength(0);

    await driveUntil({ scheduler, clock, until: later(7_200_000) });
    expect(await failingRow()).toMatchObject({ status: 'failed', attempts: 5 });
    expect(notices()).toHaveLength(1);
  });

  it('rolls back the jobs it shared a transaction with and runs them again, each effect once', async () => {
    const handle = await open();
    handles.push(handle);
    const { db } = handle;
    await createEffectsTable(db);
    const clock = createControllableClock({ start: T0, frozen: true });
    const workspace = await seedWorkspace({ db, platform: 'console', externalId: 'acme' });
    const { team } = await seedTeam({ db, workspaceId: workspace.id, channel: 'acme-team', managers: ['mona'], members: [] });
    const failing = alwaysFailsJob();
    const note = noteJob({ worker: 'w', recordEffect: true });
    const bot = createBot({ db, clock, logger: silentLogger, modules: [], jobs: [failing, note] });
    for (const n of [1, 2]) await scheduleJob({ db, job: note, payload: { n, workspaceId: workspace.id, channel: 'acme-team' }, runAt: T0, dedupeKey: `note:${n}` });
    await scheduleJob({ db, job: failing, payload: { teamId: team.id }, runAt: T0, dedupeKey: 'always-fails:1' });
    for (const n of [3, 4]) await scheduleJob({ db, job: note, payload: { n, workspaceId: workspace.id, channel: 'acme-team' }, runAt: T0, dedupeKey: `note:${n}` });

    const claimed = await claimJobs({ db, now: T0, workerId: 'w', limit: 10, leaseMs: 60_000 });
    expect(claimed.map((job) => job.kind)).toEqual(['test.note', 'test.note', 'test.always-fails', 'test.note', 'test.note']);
    const outcomes = await runClaimedJobs({ db, bot, jobs: claimed, now: T0, workerId: 'w', logger: silentLogger });
    expect(outcomes).toEqual(['done', 'done', 'retry', 'done', 'done']);
    expect(await countEffects(db)).toMatchObject({ rows: 4, jobs: 4 });
    const rows = await db.select().from(jobs).orderBy(jobs.id);
    expect(rows.map((row) => [row.status, row.attempts])).toEqual([
      ['done', 1],
      ['done', 1],
      ['pending', 1],
      ['done', 1],
      ['done', 1],
    ]);
  });
});
