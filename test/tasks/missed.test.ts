import { and, eq, like, or } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.js';
import { jobs, tasks } from '../../src/db/schema/index.js';
import { createHarness, replyText, type Harness } from '../helpers/bot-harness.js';
import { testDatabases } from '../helpers/database.js';
import { taskDeliveriesTo, taskDmsTo } from './support.js';

/** Piles: a repeating series has one open occurrence; one left open is closed as missed, told once. */

const PEOPLE = { olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' }, maria: { displayName: 'Maria', zone: 'Asia/Manila' } };

describe.each(testDatabases())('missed occurrences on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  beforeEach(async () => {
    handle = await open();
    // Monday 23 Nov 2026, 16:00 in Manila.
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member' } });
    // Due Tue 24 Nov 16:00 Manila (08:00 UTC), then every day at that time.
    await h.run('olivia', 'acme', '/task add Backup the site @maria every day due tomorrow 16:00');
  });
  afterEach(async () => handle.close());

  it('closes an occurrence still open when the next appears, and says so once, in the new one’s DM', async () => {
    await h.advanceTo('2026-11-26T09:00:00Z');
    // One DM a day: the new occurrence's DM is its reminder (no warning within a day of it).
    expect(await taskDmsTo(h.db, 'maria', 'Asia/Manila')).toEqual([
      'Mon 23 Nov 16:00: Olivia gave you a task in Acme Co:',
      'Tue 24 Nov 16:00: Your repeating task in Acme Co is up again:',
      'Wed 25 Nov 16:00: Your repeating task in Acme Co is up again:',
      'Thu 26 Nov 16:00: Your repeating task in Acme Co is up again:',
    ]);
    const sent = (await taskDeliveriesTo(h.db, 'maria')).filter((row) => row.status === 'sent').map((row) => row.text);
    expect(sent[1]).toBe('Your repeating task in Acme Co is up again:\n#2 Backup the site\nDue Wed 25 Nov, 16:00 (Asia/Manila)\n#1 was still open when this one came up, so I closed it as missed.');
    for (const number of [1, 2, 3]) expect(sent.filter((text) => text.includes(`#${number} was still open`))).toHaveLength(1);
    // One open occurrence; the others missed, kept in the history, with nothing left planned for them.
    const rows = await h.db.select().from(tasks).orderBy(tasks.number);
    expect(rows.map((row) => [row.number, row.status])).toEqual([
      [1, 'missed'],
      [2, 'missed'],
      [3, 'missed'],
      [4, 'open'],
    ]);
    const missedIds = rows.filter((row) => row.status === 'missed').map((row) => row.id);
    const leftOver = await h.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.status, 'pending'), or(...missedIds.flatMap((id) => [like(jobs.dedupeKey, `task-remind:${id}:%`), like(jobs.dedupeKey, `task-due:${id}:%`)]))));
    expect(leftOver).toEqual([]);
    expect(replyText(await h.run('olivia', 'acme', '/task list'))).toBe('Open tasks in Acme Co\n#4 Backup the site · Maria · Due Fri 27 Nov, 09:00 (Europe/Amsterdam)');
    expect(replyText(await h.run('olivia', 'acme', '/task list all'))).toContain('#1 Backup the site · Maria · Due Tue 24 Nov, 09:00 (Europe/Amsterdam) · missed');
    const card = replyText(await h.run('olivia', 'acme', '/task show 1'));
    expect(card).toContain('Status: missed');
    expect(card.split('History:\n')[1]!.split('\n').map((line) => line.replace(/^.*?\): /, ''))).toEqual(['created by Olivia', 'repeated as #2', 'closed as missed when #2 came up']);
  });

  it('lets a missed occurrence be reopened or done late, but not re-dated while closed', async () => {
    await h.advanceTo('2026-11-24T09:00:00Z');
    expect(replyText(await h.run('maria', 'acme', '/task due 1 friday'))).toBe('Task #1 was closed as missed. Reopen it first with /task reopen 1.');
    expect(replyText(await h.run('maria', 'acme', '/task reopen 1'))).toBe('#1 Backup the site is open again.');
    expect(replyText(await h.run('maria', 'acme', '/task done 1'))).toBe('#1 Backup the site is done. Nice work, Maria!');
    // Done late: no third occurrence, the series goes on from #2.
    expect((await h.db.select().from(tasks).orderBy(tasks.number)).map((row) => [row.number, row.status])).toEqual([
      [1, 'done'],
      [2, 'open'],
    ]);
  });

  it('leaves a done occurrence done: its successor’s DM mentions nothing missed', async () => {
    await h.advanceTo('2026-11-24T03:00:00Z');
    expect(replyText(await h.run('maria', 'acme', '/task done 1'))).toBe('#1 Backup the site is done. Nice work, Maria! The next one is #2, due Wed 25 Nov, 16:00 (Asia/Manila).');
    await h.advanceTo('2026-11-25T09:00:00Z');
    expect((await h.db.select().from(tasks).orderBy(tasks.number)).map((row) => [row.number, row.status])).toEqual([
      [1, 'done'],
      [2, 'missed'],
      [3, 'open'],
    ]);
    const texts = (await taskDeliveriesTo(h.db, 'maria')).map((row) => row.text);
    expect(texts.filter((text) => text.includes('closed it as missed'))).toEqual(['Your repeating task in Acme Co is up again:\n#3 Backup the site\nDue Thu 26 Nov, 16:00 (Asia/Manila)\n#2 was still open when this one came up, so I closed it as missed.']);
  });
});
