import { and, eq, like } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsIn, createHarness, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import { setAlerts, taskDmsTo } from '../../../../test/tasks/support.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { jobs } from '../../../db/schema/index.js';

const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  bob: { displayName: 'Bob', zone: 'America/New_York' },
};

describe.each(testDatabases())('task reminders on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  beforeEach(async () => {
    handle = await open();
    // Monday 23 Nov 2026, 09:00 in Amsterdam, 16:00 in Manila.
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', bob: 'owner' } });
    await h.run('olivia', 'acme', '/task add Send the weekly report @maria due friday 17:00');
  });
  afterEach(async () => handle.close());

  /** Each task DM as "local time in the recipient's zone: first line" (other modules' DMs, the daily brief, left out). */
  const dms = (name: keyof typeof PEOPLE) => taskDmsTo(h.db, name, PEOPLE[name].zone);

  const pendingReminders = async () =>
    (await h.db.select().from(jobs).where(and(eq(jobs.status, 'pending'), like(jobs.dedupeKey, 'task-remind:%')))).map((job) => job.dedupeKey.split(':').at(-1));

  it('reminds before, at the start of the due day and at the deadline, then climbs the ladder at each person’s hour', async () => {
    await setAlerts(h.db, 'olivia', 'instant');
    await h.advanceTo('2026-12-03T00:00:00Z');
    expect(await dms('maria')).toEqual([
      'Mon 23 Nov 16:00: Olivia gave you a task in Acme Co:',
      'Thu 26 Nov 17:00: Reminder: #1 Send the weekly report is due Fri 27 Nov, 17:00 (Asia/Manila).',
      'Fri 27 Nov 09:00: Today: #1 Send the weekly report is due Fri 27 Nov, 17:00 (Asia/Manila).',
      'Fri 27 Nov 17:00: #1 Send the weekly report is due now: Fri 27 Nov, 17:00 (Asia/Manila).',
      'Mon 30 Nov 09:00: #1 Send the weekly report was due Fri 27 Nov, 17:00 (Asia/Manila), 3 days ago, and is still open. Done, or snooze it to a new time?',
    ]);
    expect(h.recorder.dmsTo('maria').slice(1).every((sent) => buttonsIn(sent.message).length === 3)).toBe(true);
    // One working day later a manager on instant alerts hears of it, at the start of *their* working day.
    expect(await dms('olivia')).toEqual(['Tue 1 Dec 09:00: #1 Send the weekly report (Maria, Acme Co) is overdue: it was due Fri 27 Nov, 10:00 (Europe/Amsterdam), 4 days ago.']);
    expect(await dms('bob')).toEqual([]);
    expect(await pendingReminders()).toEqual([]);
  });

  it('leaves a manager on the daily brief out of the escalation DMs', async () => {
    await h.advanceTo('2026-12-03T00:00:00Z');
    expect(await dms('olivia')).toEqual([]);
    expect(await dms('maria')).toHaveLength(5);
  });

  it('ends with the client owner when the team turned that on', async () => {
    await h.run('olivia', 'acme', '/obm setup escalate-owner on');
    await h.advanceTo('2026-12-03T00:00:00Z');
    expect(await dms('bob')).toEqual(['Wed 2 Dec 09:00: #1 Send the weekly report (Acme Co) is overdue: it was due Fri 27 Nov, 04:00 (America/New_York), 5 days ago; the managers have been told.']);
    expect(buttonsIn(h.recorder.dmsTo('bob')[0]!.message)).toEqual([]);
  });

  it('sends nothing more once the task is done, and leaves no pending reminder behind', async () => {
    await h.advanceTo('2026-11-26T10:00:00Z');
    await h.click('maria', 'task.done', '1');
    expect(await pendingReminders()).toEqual([]);
    await h.advanceTo('2026-12-03T00:00:00Z');
    expect((await dms('maria')).filter((line) => line.includes('due') && !line.startsWith('Mon 23') && !line.startsWith('Thu 26'))).toEqual([]);
    expect(await dms('olivia')).toEqual([]);
  });

  it('follows a new deadline and drops the old one’s reminders', async () => {
    await h.run('olivia', 'acme', '/task due 1 tuesday 12:00');
    await h.advanceTo('2026-11-25T00:00:00Z');
    expect((await dms('maria')).slice(1)).toEqual([
      'Mon 23 Nov 16:00: #1 Send the weekly report is now due Tue 24 Nov, 12:00 (Asia/Manila).',
      'Tue 24 Nov 09:00: Today: #1 Send the weekly report is due Tue 24 Nov, 12:00 (Asia/Manila).',
      'Tue 24 Nov 12:00: #1 Send the weekly report is due now: Tue 24 Nov, 12:00 (Asia/Manila).',
    ]);
    expect((await pendingReminders()).sort()).toEqual(['overdue_assignee']);
  });

  it('tells the managers on instant alerts instead when the deadline falls in the assignee’s absence, once', async () => {
    await h.run('olivia', 'dm-olivia', '/obm me alerts instant');
    await h.run('maria', 'dm-maria', '/obm me away 27 nov');
    await h.advanceTo('2026-11-28T00:00:00Z');
    expect(await dms('maria')).toEqual(['Mon 23 Nov 16:00: Olivia gave you a task in Acme Co:']);
    expect(await dms('olivia')).toEqual([
      // With the 24-hour warning: Thu 17:00 in Manila is 10:00 in Amsterdam.
      'Thu 26 Nov 10:00: Maria is away when #1 Send the weekly report is due, Fri 27 Nov, 10:00 (Europe/Amsterdam). Reassign it with /task assign 1 @someone or move it with /task due 1 <when>.',
    ]);
  });

  it('after downtime sends only the newest reminder, once, saying how late it is', async () => {
    // The bot is down from Thursday morning until Monday 20:00 in Manila.
    await h.advanceTo('2026-11-26T00:00:00Z');
    h.clock.advanceTo(new Date('2026-11-30T12:00:00Z'));
    await h.scheduler.runDue(h.clock.now());
    await h.advanceTo('2026-12-01T09:00:00Z');
    const reminders = h.recorder.dmsTo('maria').slice(1);
    // Written when it goes: how long ago the deadline was is the truth at that moment.
    expect(reminders.map((sent) => sent.text)).toEqual(['#1 Send the weekly report was due Fri 27 Nov, 17:00 (Asia/Manila), 4 days ago, and is still open. Done, or snooze it to a new time?']);
    // Held to her next working moment rather than sent at 20:00.
    expect(reminders[0]!.at!.toISOString()).toBe('2026-12-01T01:00:00.000Z');
  });
});
