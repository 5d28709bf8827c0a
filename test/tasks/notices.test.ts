import { like } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.js';
import { jobs } from '../../src/db/schema/index.js';
import { createHarness, replyText, type Harness } from '../helpers/bot-harness.js';
import { testDatabases } from '../helpers/database.js';
import { setAlerts, taskDeliveriesTo, taskDmsTo } from './support.js';

/**
 * The notice discipline as the tasks module applies it: every DM about a task is re-checked when it goes
 * (stale ones superseded), written again when its words depend on the clock (late truth), one per task and
 * person within the window, and held for the recipient's working time unless the task is !urgent.
 */

const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
  eva: { displayName: 'Eva', zone: 'Europe/Amsterdam' },
};
type Name = keyof typeof PEOPLE;
const WINDOW_MS = 120 * 60_000;

describe.each(testDatabases())('task notices on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  afterEach(async () => handle.close());

  /** A team in #acme; Monday 23 Nov 2026 08:00 UTC is 09:00 in Amsterdam, 16:00 in Manila, 03:00 in New York. */
  const setUp = async (start = '2026-11-23T08:00:00Z') => {
    handle = await open();
    h = await createHarness({ handle, start, people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', jo: 'member', eva: 'member' } });
  };
  const dms = (name: Name) => taskDmsTo(h.db, name, PEOPLE[name].zone);

  /** The class, over everything the tasks module sent: never two DMs about one task to one person within the window. */
  const expectNoPairs = async () => {
    for (const name of Object.keys(PEOPLE)) {
      const sent = (await taskDeliveriesTo(h.db, name)).filter((row) => row.status === 'sent');
      for (const [index, row] of sent.entries()) {
        const previous = sent.slice(0, index).filter((other) => other.subject === row.subject).at(-1);
        if (previous && row.nature === 'nudge') expect(row.sentAt!.getTime() - previous.sentAt!.getTime(), `${name}: ${row.text}`).toBeGreaterThanOrEqual(WINDOW_MS);
      }
    }
  };

  /** The class of late truth: nothing says "due now" once the deadline is more than a few minutes past. */
  const expectNoLateDueNow = async (dueAt: Date) => {
    for (const name of Object.keys(PEOPLE)) {
      for (const row of await taskDeliveriesTo(h.db, name)) {
        if (row.status === 'sent' && row.text.includes('is due now')) expect(row.sentAt!.getTime() - dueAt.getTime(), `${name}: ${row.text}`).toBeLessThanOrEqual(5 * 60_000);
      }
    }
  };

  describe('a queued message about a task that changed is superseded, never sent', () => {
    // Maria's task is due Fri 27 Nov 17:00 in Manila; its managers' rung runs Tue 1 Dec 09:00 Manila, 02:00 in
    // Amsterdam, so Olivia's escalation waits for her morning (08:00 UTC). Before it, the task changes.
    it.each([
      ['done', () => h.click('maria', 'task.done', '1'), 'task_done'],
      ['cancelled', () => h.run('olivia', 'acme', '/task cancel 1'), 'task_cancelled'],
      ['snoozed', () => h.run('maria', 'acme', '/task snooze 1 friday 17:00'), 'redated'],
      ['re-dated', () => h.run('olivia', 'acme', '/task due 1 monday 10:00'), 'redated'],
      ['reassigned', () => h.run('olivia', 'acme', '/task assign 1 @jo'), 'reassigned'],
    ] as const)('when it is %s', async (_what, change, reason) => {
      await setUp();
      await setAlerts(h.db, 'olivia', 'instant');
      await h.run('olivia', 'acme', '/task add Review contract @maria due friday 17:00');
      await h.advanceTo('2026-12-01T02:00:00Z');
      const [escalation] = (await taskDeliveriesTo(h.db, 'olivia')).filter((row) => row.text.includes('is overdue'));
      expect([escalation?.status, escalation?.notBefore.toISOString()]).toEqual(['pending', '2026-12-01T08:00:00.000Z']);
      await change();
      await h.advanceTo('2026-12-01T12:00:00Z');
      const after = (await taskDeliveriesTo(h.db, 'olivia')).find((row) => row.id === escalation!.id)!;
      expect([after.status, after.droppedReason, after.sentAt]).toEqual(['superseded', reason, null]);
      expect(h.recorder.dmsTo('olivia').filter((sent) => sent.text.includes('is overdue'))).toEqual([]);
    });

    it('when the recipient is no longer an assignee', async () => {
      await setUp();
      // Jo shares Maria's task; its 24-hour warning runs Wed 09:00 UTC, 04:00 in New York: his copy waits.
      await h.run('olivia', 'acme', '/task add Prepare the launch @maria @jo due thursday 17:00');
      await h.advanceTo('2026-11-25T10:00:00Z');
      const [warning] = (await taskDeliveriesTo(h.db, 'jo')).filter((row) => row.text.startsWith('Reminder:'));
      expect(warning?.status).toBe('pending');
      await h.run('olivia', 'acme', '/task assign 1 @maria');
      await h.advanceTo('2026-11-25T16:00:00Z');
      const after = (await taskDeliveriesTo(h.db, 'jo')).find((row) => row.id === warning!.id)!;
      expect([after.status, after.droppedReason]).toEqual(['superseded', 'not_assignee']);
      expect(await dms('jo')).toEqual(['Mon 23 Nov 09:00: Olivia gave you a task in Acme Co:', 'Wed 25 Nov 09:00: Olivia moved #1 Prepare the launch to someone else; it is off your list.']);
    });
  });

  it('writes a rung again when it goes late: the deadline "was", never "is due now", after the moment', async () => {
    await setUp();
    // Due Fri 27 Nov 17:00 in Manila (Maria paces the ladder) is 04:00 in New York: Jo's copy waits until 09:00.
    await h.run('olivia', 'acme', '/task add Ship the newsletter @maria @jo due friday 17:00');
    await h.advanceTo('2026-11-27T15:00:00Z');
    expect(await dms('maria')).toContain('Fri 27 Nov 17:00: #1 Ship the newsletter is due now: Fri 27 Nov, 17:00 (Asia/Manila).');
    expect(await dms('jo')).toEqual([
      'Mon 23 Nov 09:00: Olivia gave you a task in Acme Co:',
      'Thu 26 Nov 09:00: Reminder: #1 Ship the newsletter is due Fri 27 Nov, 04:00 (America/New_York).',
      'Fri 27 Nov 09:00: #1 Ship the newsletter was due Fri 27 Nov, 04:00 (America/New_York), 5 hours ago, and is still open.',
    ]);
    // His "Today:" warning would have come after the deadline: dropped, not sent late.
    expect((await taskDeliveriesTo(h.db, 'jo')).filter((row) => row.status === 'superseded').map((row) => [row.text.split(' #')[0], row.droppedReason])).toEqual([['Today:', 'deadline_passed']]);
    await expectNoLateDueNow(new Date('2026-11-27T09:00:00Z'));
  });

  it('plans one message, the overdue one, for a deadline outside the assignee’s hours', async () => {
    await setUp();
    // Fri 20:00 is after Maria's day: "due now" would reach her Monday 09:00 beside "still open?".
    await h.run('olivia', 'acme', '/task add Close the books @maria due friday 20:00');
    await h.advanceTo('2026-12-01T00:00:00Z');
    expect(await dms('maria')).toEqual([
      'Mon 23 Nov 16:00: Olivia gave you a task in Acme Co:',
      'Fri 27 Nov 09:00: Today: #1 Close the books is due Fri 27 Nov, 20:00 (Asia/Manila).',
      'Mon 30 Nov 09:00: #1 Close the books was due Fri 27 Nov, 20:00 (Asia/Manila), 3 days ago, and is still open. Done, or snooze it to a new time?',
    ]);
    const planned = await h.db.select({ key: jobs.dedupeKey }).from(jobs).where(like(jobs.dedupeKey, 'task-remind:%'));
    expect(planned.map((job) => job.key.split(':').at(-1))).not.toContain('due');
    await expectNoLateDueNow(new Date('2026-11-27T12:00:00Z'));
    await expectNoPairs();
  });

  it('lets one message about a task reach a person within the window: the most relevant one', async () => {
    await setUp();
    // Maria paces: "Today:" Thu 09:00 Manila is 02:00 for Eva, held to her 09:00, one hour before the deadline
    // (Thu 17:00 Manila = 10:00 Amsterdam). Only "due now" reaches her then.
    await h.run('olivia', 'acme', '/task add File the VAT return @maria @eva due thursday 17:00');
    await h.advanceTo('2026-11-27T00:00:00Z');
    expect(await dms('eva')).toEqual([
      'Mon 23 Nov 09:00: Olivia gave you a task in Acme Co:',
      'Wed 25 Nov 10:00: Reminder: #1 File the VAT return is due Thu 26 Nov, 10:00 (Europe/Amsterdam).',
      'Thu 26 Nov 10:00: #1 File the VAT return is due now: Thu 26 Nov, 10:00 (Europe/Amsterdam).',
    ]);
    expect((await taskDeliveriesTo(h.db, 'eva')).filter((row) => row.status === 'superseded').map((row) => row.droppedReason)).toEqual(['next_rung_near']);
    await expectNoPairs();
  });

  it('holds a new-task DM in the night until the assignee’s working time, says when, and sends !urgent at once', async () => {
    // Mon 23 Nov 18:00 UTC is Tue 02:00 in Manila.
    await setUp('2026-11-23T18:00:00Z');
    const reply = await h.run('olivia', 'acme', '/task add Update the price list @maria due friday');
    expect(replyText(reply).split('\n').at(-1)).toBe('Maria gets the message Tue 24 Nov, 09:00 (Asia/Manila).');
    expect(h.recorder.dmsTo('maria')).toEqual([]);
    const urgent = await h.run('olivia', 'acme', '/task add Restore the shop @maria !urgent');
    expect(replyText(urgent)).toBe('Added #2 Restore the shop for Maria.');
    expect(h.recorder.dmsTo('maria').map((sent) => [sent.text.split('\n')[1], sent.at!.toISOString()])).toEqual([['#2 Restore the shop', '2026-11-23T18:00:00.000Z']]);
    await h.advanceTo('2026-11-24T02:00:00Z');
    expect(h.recorder.dmsTo('maria').map((sent) => [sent.text.split('\n')[1], sent.at!.toISOString()])).toEqual([
      ['#2 Restore the shop', '2026-11-23T18:00:00.000Z'],
      ['#1 Update the price list', '2026-11-24T01:00:00.000Z'],
    ]);
  });

  it('gives a held assignment the deadline as it is when it goes, and drops one whose task was cancelled', async () => {
    await setUp('2026-11-23T18:00:00Z');
    await h.run('olivia', 'acme', '/task add Book the venue @maria due friday');
    await h.run('olivia', 'acme', '/task due 1 thursday 12:00');
    await h.run('olivia', 'acme', '/task add Order flyers @maria');
    await h.run('olivia', 'acme', '/task cancel 2');
    await h.advanceTo('2026-11-24T02:00:00Z');
    // One DM: the assignment, saying the deadline it has now; no "now due", no news of a task she never had.
    expect(h.recorder.dmsTo('maria').map((sent) => sent.text)).toEqual(['Olivia gave you a task in Acme Co:\n#1 Book the venue\nDue Thu 26 Nov, 12:00 (Asia/Manila)']);
    expect((await taskDeliveriesTo(h.db, 'maria')).map((row) => [row.subject, row.status, row.droppedReason])).toEqual([
      ['task:1', 'sent', null],
      ['task:2', 'superseded', 'task_cancelled'],
    ]);
  });
});
