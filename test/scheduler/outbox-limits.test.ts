import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/bot.js';
import { createControllableClock } from '../../src/core/clock.js';
import { type Scheduler, silentLogger } from '../../src/core/ports.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { deliveries, people } from '../../src/db/schema/index.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { createIdempotentPlatform, type PlatformCall } from '../fakes/idempotent-platform.js';
import { testDatabases } from '../helpers/database.js';
import { driveUntil } from './support/drive.js';
import { enqueueDm, enqueueText, seedTeam, seedWorkspace } from './support/fixtures.js';

const T0 = new Date('2026-11-27T09:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const texts = (calls: PlatformCall[]) => calls.map((call) => call.text);

const handles: DatabaseHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0).reverse()) await handle.close();
});

describe.each(testDatabases())('the outbox on $driver', ({ driver, open }) => {
  const setUp = async (platformName: 'slack' | 'discord' | 'console') => {
    const handle = await open();
    handles.push(handle);
    const clock = createControllableClock({ start: T0, frozen: true });
    const platform = createIdempotentPlatform({ platform: platformName, clock });
    const bot = createBot({ db: handle.db, clock, logger: silentLogger, modules: [], jobs: [] });
    const schedulerOn = (db = handle.db, options: { batchSize?: number } = {}) =>
      createScheduler({ db, bot, clock, logger: silentLogger, ports: new Map([[platformName, platform.port]]), ...options });
    return { handle, db: handle.db, clock, platform, schedulerOn };
  };

  it('pauses only the workspace the platform rate-limits, and sends its messages after the pause, in order', async () => {
    const { db, clock, platform, schedulerOn } = await setUp('discord');
    const limited = await seedWorkspace({ db, platform: 'discord', externalId: 'limited' });
    const other = await seedWorkspace({ db, platform: 'discord', externalId: 'other' });
    for (const n of [1, 2, 3]) await enqueueText({ db, workspaceId: limited.id, channel: 'general', text: `general ${n}`, at: T0 });
    await enqueueText({ db, workspaceId: limited.id, channel: 'random', text: 'random 1', at: T0 });
    for (const n of [1, 2]) await enqueueText({ db, workspaceId: other.id, channel: 'general', text: `other ${n}`, at: T0 });
    // Discord answers 429 with Retry-After: 30 s to everything of one guild for the next 30 s.
    platform.respondWith((_, call) => (call.workspace === 'limited' && call.at < later(30_000) ? { ok: false, kind: 'retry', error: '429 Too Many Requests', retryAfterMs: 30_000 } : null));
    const scheduler = schedulerOn();

    await scheduler.runDue(T0);
    expect(texts(platform.messages)).toEqual(['other 1', 'other 2']);
    const limitedCalls = platform.calls.filter((call) => call.workspace === 'limited').length;

    // Five seconds in, the other workspace's news still goes out at once; the paused one is not retried.
    clock.advanceTo(later(5_000));
    await enqueueText({ db, workspaceId: other.id, channel: 'general', text: 'other 3', at: clock.now() });
    await enqueueText({ db, workspaceId: limited.id, channel: 'general', text: 'general 4', at: clock.now() });
    await scheduler.runDue(clock.now());
    expect(texts(platform.messages)).toEqual(['other 1', 'other 2', 'other 3']);
    expect(platform.calls.filter((call) => call.workspace === 'limited')).toHaveLength(limitedCalls);

    await driveUntil({ scheduler, clock, until: later(120_000) });
    expect(texts(platform.to('limited', 'channel:general'))).toEqual(['general 1', 'general 2', 'general 3', 'general 4']);
    expect(texts(platform.to('limited', 'channel:random'))).toEqual(['random 1']);
    expect(platform.to('limited', 'channel:general').every((call) => call.at >= later(30_000))).toBe(true);
    // Waiting out a rate limit spends none of a message's attempts: only real tries count.
    const rows = await db.select().from(deliveries).where(eq(deliveries.workspaceId, limited.id));
    expect(rows.map((row) => [row.status, row.attempts])).toEqual(rows.map(() => ['sent', 1]));
  });

  it('marks a person whose DMs are closed unreachable and tells each manager on instant alerts once, however many DMs fail', async () => {
    const { db, clock, platform, schedulerOn } = await setUp('discord');
    const workspace = await seedWorkspace({ db, platform: 'discord', externalId: 'acme' });
    const { people: who } = await seedTeam({ db, workspaceId: workspace.id, channel: 'acme-team', managers: ['mona', 'max', 'dana'], members: ['pat'] });
    // Dana keeps the default daily brief, where unreachable people are listed: no DM for her.
    await db.update(people).set({ alerts: 'instant' }).where(eq(people.id, who.mona!.id));
    await db.update(people).set({ alerts: 'instant' }).where(eq(people.id, who.max!.id));
    for (const n of [1, 2, 3]) await enqueueDm({ db, workspaceId: workspace.id, person: who.pat!, text: `task ${n} for you`, at: T0 });
    await enqueueDm({ db, workspaceId: workspace.id, person: who.mona!, text: 'your digest', at: T0 });
    // Discord's 50007: cannot send messages to this user.
    platform.respondWith((message) =>
      message.target.kind === 'dm' && message.target.userId === 'pat' ? { ok: false, kind: 'permanent', error: '50007 Cannot send messages to this user', reason: 'unreachable' } : null,
    );
    const scheduler = schedulerOn();

    await driveUntil({ scheduler, clock, until: later(60_000) });
    const [pat] = await db.select().from(people).where(eq(people.id, who.pat!.id));
    expect(pat!.dmReachable).toBe(false);
    expect(platform.calls.filter((call) => call.target === 'dm:pat')).toHaveLength(3);
    const patRows = await db.select().from(deliveries).where(eq(deliveries.target, { kind: 'dm', personId: who.pat!.id, userId: 'pat' }));
    expect(patRows.map((row) => row.status)).toEqual(['failed', 'failed', 'failed']);
    const notices = (target: string) => texts(platform.messages.filter((call) => call.target === target && call.text.includes('Pat')));
    expect(notices('dm:mona')).toHaveLength(1);
    expect(notices('dm:max')).toHaveLength(1);
    expect(notices('dm:dana')).toHaveLength(0);
    expect(notices('dm:mona')[0]).toContain('DMs are closed');
    expect(texts(platform.to('acme', 'dm:mona'))).toContain('your digest');

    // Later DMs to Pat fail the same way; the managers hear nothing more.
    clock.advanceTo(later(3_600_000));
    await enqueueDm({ db, workspaceId: workspace.id, person: who.pat!, text: 'one more task', at: clock.now() });
    await driveUntil({ scheduler, clock, until: later(3_700_000) });
    expect(notices('dm:mona')).toHaveLength(1);
    expect(notices('dm:max')).toHaveLength(1);
  });

  it('sends 20 messages to one target in the order they were written, with other targets going alongside and a retry in between', async () => {
    const { handle, db, clock, platform, schedulerOn } = await setUp('console');
    const workspace = await seedWorkspace({ db, platform: 'console', externalId: 'acme' });
    for (const n of Array.from({ length: 20 }, (_, i) => i + 1)) {
      await enqueueText({ db, workspaceId: workspace.id, channel: 'ops', text: `ops ${n}`, at: T0 });
      await enqueueText({ db, workspaceId: workspace.id, channel: `side-${n % 7}`, text: `side ${n}`, at: T0 });
    }
    // The seventh fails once, as a platform hiccup would: the ones after it wait for its retry.
    let hiccup = true;
    platform.respondWith((_, call) => {
      if (call.text !== 'ops 7' || !hiccup) return null;
      hiccup = false;
      return { ok: false, kind: 'retry', error: '502 Bad Gateway' };
    });
    // Small batches, so the 40 go out over many claims; on PostgreSQL two schedulers on two pools share them.
    const schedulers: Scheduler[] = [schedulerOn(db, { batchSize: 3 })];
    if (driver === 'postgres') {
      const second = await openDatabase({ driver: 'postgres', url: handle.url!, maxConnections: 4 });
      handles.push(second);
      schedulers.push(schedulerOn(second.db, { batchSize: 3 }));
    }
    const both: Scheduler = { ...schedulers[0]!, runDue: async (now) => void (await Promise.all(schedulers.map((scheduler) => scheduler.runDue(now)))) };

    await driveUntil({ scheduler: both, clock, until: later(60_000) });
    expect(texts(platform.to('acme', 'channel:ops'))).toEqual(Array.from({ length: 20 }, (_, i) => `ops ${i + 1}`));
    expect(platform.messages).toHaveLength(40);
    expect(platform.calls).toHaveLength(41);
    for (const n of [0, 1, 2, 3, 4, 5, 6]) {
      const side = texts(platform.to('acme', `channel:side-${n}`)).map((text) => Number(text.split(' ')[1]));
      expect(side).toEqual([...side].sort((a, b) => a - b));
    }
  });

  it('paces a Slack channel to one message a second without holding back another channel', async () => {
    const { db, clock, platform, schedulerOn } = await setUp('slack');
    const workspace = await seedWorkspace({ db, platform: 'slack', externalId: 'T123' });
    for (const n of [1, 2, 3, 4, 5]) await enqueueText({ db, workspaceId: workspace.id, channel: 'C-busy', text: `busy ${n}`, at: T0 });
    await enqueueText({ db, workspaceId: workspace.id, channel: 'C-quiet', text: 'quiet 1', at: T0 });
    const scheduler = schedulerOn();

    await driveUntil({ scheduler, clock, until: later(30_000) });
    const busy = platform.to('T123', 'channel:C-busy');
    expect(texts(busy)).toEqual(['busy 1', 'busy 2', 'busy 3', 'busy 4', 'busy 5']);
    const gaps = busy.slice(1).map((call, i) => call.at.getTime() - busy[i]!.at.getTime());
    expect(gaps.every((gap) => gap >= 1_000)).toBe(true);
    expect(platform.to('T123', 'channel:C-quiet').map((call) => call.at)).toEqual([T0]);
    expect(platform.calls).toHaveLength(6);
  });
});
