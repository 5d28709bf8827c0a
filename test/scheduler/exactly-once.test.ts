import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createBot } from '../../src/core/bot.js';
import { createControllableClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/ports.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { deliveries, instances, jobs } from '../../src/db/schema/index.js';
import { claimDeliveries } from '../../src/scheduler/outbox.js';
import { sendClaimed } from '../../src/scheduler/outbox-send.js';
import { claimJobs, runClaimedJob } from '../../src/scheduler/queue.js';
import { createPlatformLimits } from '../../src/scheduler/rate-limits.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { createIdempotentPlatform } from '../fakes/idempotent-platform.js';
import { openPostgresCopy, testDatabases } from '../helpers/database.js';
import { insertNoteJobs, seedWorkspace, statusCounts } from './support/fixtures.js';
import { countEffects, createEffectsTable, noteJob } from './support/test-jobs.js';

const T0 = new Date('2026-11-27T09:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

const handles: DatabaseHandle[] = [];
afterEach(async () => {
  // The copy that owns the database closes last: closing it drops the database.
  for (const handle of handles.splice(0).reverse()) await handle.close();
});

describe('two schedulers on one PostgreSQL', () => {
  it.runIf(inject('postgresTemplate'))('run 2,000 due jobs at once between them, every effect exactly once', async () => {
    const first = await openPostgresCopy({ maxConnections: 6 });
    handles.push(first);
    const second = await openDatabase({ driver: 'postgres', url: first.url!, maxConnections: 6 });
    handles.push(second);
    await createEffectsTable(first.db);
    const workspace = await seedWorkspace({ db: first.db, platform: 'console', externalId: 'acme' });
    await insertNoteJobs({ db: first.db, count: 2_000, workspaceId: workspace.id, runAt: T0, channels: 150 });

    const clock = createControllableClock({ start: later(1_000), frozen: true });
    const platform = createIdempotentPlatform({ platform: 'console', clock });
    const schedulerOn = (handle: DatabaseHandle, worker: string) =>
      createScheduler({
        db: handle.db,
        bot: createBot({ db: handle.db, clock, logger: silentLogger, modules: [], jobs: [noteJob({ worker, recordEffect: true })] }),
        clock,
        logger: silentLogger,
        ports: new Map([['console', platform.port]]),
        workerId: worker,
        batchSize: 50,
      });
    const a = schedulerOn(first, 'worker-a');
    const b = schedulerOn(second, 'worker-b');
    await Promise.all([a.runDue(clock.now()), b.runDue(clock.now())]);

    const effects = await countEffects(first.db);
    expect(effects.rows).toBe(2_000);
    expect(effects.jobs).toBe(2_000);
    // Both took part: the claims interleaved under SKIP LOCKED rather than one waiting for the other.
    expect([...effects.workers].sort()).toEqual(['worker-a', 'worker-b']);
    expect(await statusCounts(first.db, jobs)).toEqual({ done: 2_000 });
    expect(await statusCounts(first.db, deliveries)).toEqual({ sent: 2_000 });
    // Not even a raw duplicate reached the platform: a delivery is claimed by one of them only.
    expect(platform.calls).toHaveLength(2_000);
    expect(new Set(platform.calls.map((call) => call.deliveryId)).size).toBe(2_000);
  });
});

describe.each(testDatabases())('an expired lease on $driver', ({ open }) => {
  it('brings a job claimed by a worker that died back to another worker, and the dead claim can no longer finish it', async () => {
    const handle = await open();
    handles.push(handle);
    await createEffectsTable(handle.db);
    const workspace = await seedWorkspace({ db: handle.db, platform: 'console', externalId: 'acme' });
    await insertNoteJobs({ db: handle.db, count: 3, workspaceId: workspace.id, runAt: T0, channels: 3 });
    const clock = createControllableClock({ start: T0, frozen: true });
    const bot = createBot({ db: handle.db, clock, logger: silentLogger, modules: [], jobs: [noteJob({ worker: 'alive', recordEffect: true })] });
    const platform = createIdempotentPlatform({ platform: 'console', clock });

    const dead = await claimJobs({ db: handle.db, now: T0, workerId: 'dead', limit: 10, leaseMs: 60_000 });
    expect(dead).toHaveLength(3);
    const alive = createScheduler({ db: handle.db, bot, clock, logger: silentLogger, ports: new Map([['console', platform.port]]), workerId: 'alive' });

    await alive.runDue(later(30_000));
    expect((await countEffects(handle.db)).rows).toBe(0);
    expect(await alive.nextDueAt()).toEqual(later(60_000));

    await alive.runDue(later(61_000));
    expect((await countEffects(handle.db)).rows).toBe(3);
    const rows = await handle.db.select().from(jobs);
    expect(rows.map((row) => [row.status, row.attempts])).toEqual([
      ['done', 2],
      ['done', 2],
      ['done', 2],
    ]);

    // The dead worker wakes up and tries to finish what it claimed: nothing happens twice.
    for (const job of dead) expect(await runClaimedJob({ db: handle.db, bot, job, now: later(62_000), workerId: 'dead', logger: silentLogger })).toBe('lost');
    expect((await countEffects(handle.db)).rows).toBe(3);
    expect(platform.messages).toHaveLength(3);
  });

  it('brings a job back at once when its worker is an instance that stopped beating, not after the lease', async () => {
    const handle = await open();
    handles.push(handle);
    await createEffectsTable(handle.db);
    const workspace = await seedWorkspace({ db: handle.db, platform: 'console', externalId: 'acme' });
    await insertNoteJobs({ db: handle.db, count: 2, workspaceId: workspace.id, runAt: T0, channels: 2 });
    const clock = createControllableClock({ start: T0, frozen: true });
    const bot = createBot({ db: handle.db, clock, logger: silentLogger, modules: [], jobs: [noteJob({ worker: 'alive', recordEffect: true })] });
    const platform = createIdempotentPlatform({ platform: 'console', clock });
    // An instance on another host that claimed both and went silent 30 s ago.
    await handle.db.insert(instances).values({ id: 'silent', host: 'elsewhere', pid: 1, heartbeatAt: sql`now() - interval '30 seconds'` });
    expect(await claimJobs({ db: handle.db, now: T0, workerId: 'silent', limit: 10, leaseMs: 60_000 })).toHaveLength(2);
    const alive = createScheduler({ db: handle.db, bot, clock, logger: silentLogger, ports: new Map([['console', platform.port]]), workerId: 'alive' });
    await alive.runDue(later(1_000));
    expect((await countEffects(handle.db)).rows).toBe(2);
    expect(await statusCounts(handle.db, jobs)).toEqual({ done: 2 });
  });

  it('brings a delivery claimed by a worker that died back after its lease, and ignores the dead claim’s late answer', async () => {
    const handle = await open();
    handles.push(handle);
    const workspace = await seedWorkspace({ db: handle.db, platform: 'console', externalId: 'acme' });
    const clock = createControllableClock({ start: T0, frozen: true });
    const bot = createBot({ db: handle.db, clock, logger: silentLogger, modules: [], jobs: [noteJob({ worker: 'alive', recordEffect: false })] });
    await insertNoteJobs({ db: handle.db, count: 1, workspaceId: workspace.id, runAt: T0, channels: 1 });
    const platform = createIdempotentPlatform({ platform: 'console', clock });
    const ports = new Map([['console' as const, platform.port]]);
    const alive = createScheduler({ db: handle.db, bot, clock, logger: silentLogger, ports, workerId: 'alive' });
    // The job runs, but its delivery is claimed by a worker that dies before sending.
    const [job] = await claimJobs({ db: handle.db, now: T0, workerId: 'alive', limit: 1, leaseMs: 60_000 });
    await runClaimedJob({ db: handle.db, bot, job: job!, now: T0, workerId: 'alive', logger: silentLogger });
    const claimedByDead = await claimDeliveries({ db: handle.db, now: T0, limit: 10, leaseMs: 30_000 });
    expect(claimedByDead).toHaveLength(1);

    await alive.runDue(later(10_000));
    expect(platform.calls).toHaveLength(0);
    await alive.runDue(later(31_000));
    expect(platform.messages.map((call) => call.text)).toEqual(['note 0']);
    const [sent] = await handle.db.select().from(deliveries).where(eq(deliveries.id, claimedByDead[0]!.id));
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, platformMessageId: 'msg-1' });

    // The dead worker comes back and sends what it had claimed: the platform sees the same key and
    // returns the same message, and the stale claim records nothing over the real outcome.
    platform.respondWith(() => ({ ok: false, kind: 'permanent', error: 'channel gone', reason: 'channel_gone' }));
    await sendClaimed({ db: handle.db, rows: claimedByDead, now: later(32_000), ports, clock, logger: silentLogger, limits: createPlatformLimits(), concurrency: 4 });
    expect(platform.messages).toHaveLength(1);
    expect((await handle.db.select().from(deliveries).where(eq(deliveries.id, claimedByDead[0]!.id)))[0]).toMatchObject({ status: 'sent', platformMessageId: 'msg-1' });
  });
});
