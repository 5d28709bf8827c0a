import { eq, like } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveries, jobs, metrics } from '../../../db/schema/index.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { createHarness, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import { nudgeNow } from './metrics.nudge.js';

describe.each(testDatabases())('the owner’s reminder of a missing value on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const nudges = () => handle.db.select().from(deliveries).where(like(deliveries.dedupeKey, 'metric-nudge:%'));

  beforeEach(async () => {
    handle = await open();
    // Monday 23 Nov 2026, 09:00 in Amsterdam. The digest of week 48 goes Monday 30 Nov 09:00; the reminder
    // is due at the start of Friday 27 Nov in Amsterdam (Thu 26 Nov 23:00Z).
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: { olivia: { zone: 'Europe/Amsterdam' }, maria: { zone: 'Asia/Manila' }, jo: { zone: 'America/New_York' } } });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', jo: 'member' } });
    await h.run('olivia', 'acme', '/obm setup zone Europe/Amsterdam');
    h.recorder.clear();
  });
  afterEach(async () => handle.close());

  it('DMs the owner once, in her working time on the working day before the digest, and plans the next week’s', async () => {
    await h.run('olivia', 'acme', '/metric add Revenue unit € owner @maria');
    const [job] = await handle.db.select().from(jobs).where(like(jobs.dedupeKey, 'metric-nudge-job:%'));
    expect(job).toMatchObject({ dedupeKey: expect.stringMatching(/^metric-nudge-job:\d+:2026-W48$/), runAt: new Date('2026-11-26T23:00:00Z') });
    await h.advanceTo('2026-11-29T12:00:00Z');
    const dms = h.recorder.dmsTo('maria');
    expect(dms.map((dm) => dm.text)).toEqual([
      'Revenue for Acme Co has no value for week 48 (23–29 Nov) yet; the weekly digest goes out Mon 30 Nov, 16:00 (Asia/Manila). Log it: /metric log Revenue <value> in the team channel.',
    ]);
    // Friday 09:00 in Manila: the start of her day, not Amsterdam's midnight.
    expect(dms[0]!.at?.toISOString()).toBe('2026-11-27T01:00:00.000Z');
    // Running the reminder again (a retry, a second process) queues nothing more.
    const [metric] = await handle.db.select().from(metrics);
    await nudgeNow({ db: handle.db, now: new Date('2026-11-27T02:00:00Z'), metricId: metric!.id, period: '2026-W48' });
    expect(await nudges()).toHaveLength(1);
    const planned = await handle.db.select().from(jobs).where(eq(jobs.dedupeKey, `metric-nudge-job:${metric!.id}:2026-W49`));
    expect(planned[0]?.runAt.toISOString()).toBe('2026-12-03T23:00:00.000Z');
  });

  it('waits for an owner in New York until her Friday morning', async () => {
    await h.run('olivia', 'acme', '/metric add Leads owner @jo');
    await h.advanceTo('2026-11-29T12:00:00Z');
    const [dm] = h.recorder.dmsTo('jo');
    expect(dm?.at?.toISOString()).toBe('2026-11-27T14:00:00.000Z');
  });

  it('is dropped at send time when the value arrived after it was queued', async () => {
    await h.run('olivia', 'acme', '/metric add Revenue owner @maria');
    // The reminder is queued at Amsterdam's midnight and held for Maria's morning…
    await h.advanceTo('2026-11-26T23:30:00Z');
    expect(await nudges()).toHaveLength(1);
    // …when Olivia logs the value.
    await h.run('olivia', 'acme', '/metric log Revenue 1200');
    await h.advanceTo('2026-11-29T12:00:00Z');
    expect(h.recorder.dmsTo('maria')).toEqual([]);
    expect((await nudges()).map((row) => [row.status, row.droppedReason])).toEqual([['superseded', 'value_logged']]);
  });

  it('is never queued when the value is there in time, nor for a removed metric', async () => {
    await h.run('olivia', 'acme', '/metric add Revenue owner @maria');
    await h.run('olivia', 'acme', '/metric add Leads owner @maria');
    await h.run('maria', 'acme', '/metric log Revenue 1200');
    await h.run('olivia', 'acme', '/metric remove Leads');
    await h.advanceTo('2026-11-29T12:00:00Z');
    expect(h.recorder.dmsTo('maria')).toEqual([]);
    expect(await nudges()).toEqual([]);
  });

  it('reminds of a monthly metric before the first digest after the month ends', async () => {
    await h.run('olivia', 'acme', '/metric add Refunds monthly owner @maria');
    await h.advanceTo('2026-12-05T12:00:00Z');
    const dms = h.recorder.dmsTo('maria');
    expect(dms.map((dm) => dm.text)).toEqual([expect.stringMatching(/^Refunds for Acme Co has no value for Nov 2026 yet; the weekly digest goes out Mon 7 Dec, 16:00/)]);
    expect(dms[0]!.at?.toISOString()).toBe('2026-12-04T01:00:00.000Z');
  });
});
