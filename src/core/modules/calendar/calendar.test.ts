import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client.js';
import { calendarEntries, deliveries, jobs } from '../../../db/schema/index.js';
import { createHarness, replyText, visibility, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import { upcomingCalendarItems } from './calendar.usecases.js';
import { remindNow } from './calendar.usecases.js';

const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
};

describe.each(testDatabases())('calendar on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const cal = async (user: string, text: string) => replyText(await h.run(user, 'acme', `/calendar ${text}`));
  /** The calendar's DMs to someone, with the moment each went (a manager's daily brief is another module's). */
  const reminders = (user: string) =>
    h.recorder
      .dmsTo(user)
      .filter((dm) => /Coming up|Komt eraan/.test(dm.text))
      .map((dm) => [dm.at?.toISOString(), dm.text]);
  const entryCount = async () => (await handle.db.select({ n: count() }).from(calendarEntries))[0]!.n;
  const jobCount = async () => (await handle.db.select({ n: count() }).from(jobs).where(eq(jobs.kind, 'calendar.remind')))[0]!.n;

  beforeEach(async () => {
    handle = await open();
    // Monday 23 Nov 2026: 09:00 in Amsterdam (the team's zone), 16:00 in Manila, 03:00 in New York.
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', jo: 'member' } });
    await h.run('maria', 'dm-maria', '/obm me country PH');
    await h.run('jo', 'dm-jo', '/obm me country US');
    h.recorder.clear();
  });
  afterEach(async () => handle.close());

  it('adds, lists, shows, moves and removes entries; everyone lists, managers change', async () => {
    const added = await h.run('olivia', 'acme', '/calendar add Spring launch 10 dec kind launch @maria');
    expect(visibility(added)).toBe('channel');
    expect(replyText(added)).toBe('On the calendar: #1 Spring launch, Thu 10 Dec (all day) · launch · owner Maria\nReminders to Maria: Mon 7 Dec, 09:00 (Asia/Manila), Wed 9 Dec, 09:00 (Asia/Manila)');
    // A moment is read in the owner's zone, and echoed in the reader's too.
    expect(await cal('olivia', 'add Webinar "Scale up" on 3 dec 8:00 kind event @jo remind 2 days before')).toBe(
      'On the calendar: #2 Webinar Scale up, Thu 3 Dec, 08:00 (America/New_York) = Thu 3 Dec, 14:00 (Europe/Amsterdam) your time · event · owner Jo\nReminders to Jo: Tue 1 Dec, 09:00 (America/New_York)',
    );
    // Without an owner the reminders go to whoever added it; tomorrow is too close for either of them.
    expect(await cal('olivia', 'add Newsletter tomorrow')).toBe('On the calendar: #3 Newsletter, Tue 24 Nov (all day) · other\nReminders to Olivia: none (too close)');
    const list = await h.run('maria', 'acme', '/calendar list');
    expect(visibility(list)).toBe('ephemeral');
    // Read by Maria, in her zone.
    expect(replyText(list)).toBe(
      [
        'Coming up in Acme Co (next 30 days)',
        '#3 Tue 24 Nov (all day) · Newsletter · other',
        '#2 Thu 3 Dec, 21:00 (Asia/Manila) · Webinar Scale up · event · owner Jo',
        '#1 Thu 10 Dec (all day) · Spring launch · launch · owner Maria',
      ].join('\n'),
    );
    // `/calendar` alone is the list; `/calendar help` lists the subcommands, marking the managers' ones.
    expect(replyText(await h.run('jo', 'acme', '/calendar'))).toBe(replyText(await h.run('jo', 'acme', '/calendar list')));
    expect(await cal('jo', 'help')).toContain('/calendar add: Put a date on the calendar; its owner is reminded 3 and 1 working days before · managers only\n/calendar add Spring launch 10 mar kind launch @maria');
    expect(await cal('jo', 'show 3')).toBe('#3 Newsletter\nWhen: Tue 24 Nov (all day)\nKind: other\nOwner: none (reminders go to Olivia, who added it)\nReminders: 3 and 1 working days before');
    expect(await cal('olivia', 'move 1 17 dec')).toBe('Moved #1 Spring launch to Thu 17 Dec (all day) · launch · owner Maria\nReminders to Maria: Mon 14 Dec, 09:00 (Asia/Manila), Wed 16 Dec, 09:00 (Asia/Manila)');
    expect(await cal('olivia', 'remove 2')).toBe('Removed #2 Webinar Scale up from the calendar; its reminders will not go.');
    expect(await cal('olivia', 'show 2')).toBe('There is no calendar entry #2 in this team. /calendar list shows what is coming.');
    expect(await cal('olivia', 'list next 20 days')).toBe('Coming up in Acme Co (next 20 days)\n#3 Tue 24 Nov (all day) · Newsletter · other');
    // The removed entry is kept, versioned, for the feeds; numbers are never handed out again.
    const items = await upcomingCalendarItems({ db: handle.db, teamId: 1, from: new Date('2026-11-23T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });
    expect(items.map((item) => item.kind === 'entry' && [item.uid, item.entry.number, item.version, item.cancelled])).toEqual([
      ['calendar-entry-3', 3, 1, false],
      ['calendar-entry-2', 2, 2, true],
      ['calendar-entry-1', 1, 2, false],
    ]);
    expect(await cal('olivia', 'add Black Friday promo 27 nov 09:00 kind promo')).toMatch(/^On the calendar: #4 Black Friday promo, Fri 27 Nov, 09:00 \(Europe\/Amsterdam\) · promo/);
  });

  it('reads the keywords in Dutch as in English, and a Dutch team answers in Dutch', async () => {
    await h.run('olivia', 'acme', '/obm setup language nl');
    expect(await cal('olivia', 'add Voorjaarslancering 10 dec soort lancering @maria herinner 2 dagen vooraf')).toBe(
      'Op de kalender: #1 Voorjaarslancering, do 10 dec (hele dag) · lancering · eigenaar Maria\nHerinneringen aan Maria: di 8 dec om 09:00 (Asia/Manila)',
    );
    expect(await cal('olivia', 'list komende 3 dagen')).toBe('Komt eraan in Acme Co (komende 3 dagen)\nNiets op de kalender in de komende 3 dagen. Een manager zet er een datum op met /calendar add <titel> <wanneer>.');
    expect(await cal('olivia', 'add Lancering 1 nov 2026')).toBe('“1 nov 2026” is al voorbij: een kalenderitem heeft een dag in de toekomst nodig, bijvoorbeeld “10 mrt” of “volgende vrijdag 14:00”.');
  });

  it('refuses bad input with one sentence and changes nothing', async () => {
    await cal('olivia', 'add Spring launch 10 dec @maria');
    const before = { entries: await entryCount(), jobs: await jobCount() };
    const refusals: [string, string, string][] = [
      ['olivia', 'add Spring launch 1 nov 2026', '“1 nov 2026” is already past: a calendar entry needs a day ahead, for example “10 mar” or “next friday 14:00”.'],
      ['olivia', 'add Kick-off yesterday', '“yesterday” is already past: a calendar entry needs a day ahead, for example “10 mar” or “next friday 14:00”.'],
      ['olivia', 'add Launch 10 dec remind 0', 'Remind between 1 and 30 working days before, for example: remind 5 days before.'],
      ['olivia', 'add Launch 10 dec remind 400 days before', 'Remind between 1 and 30 working days before, for example: remind 5 days before.'],
      ['olivia', 'add Launch', 'When is it? Add a day or a moment, for example: /calendar add Spring launch 10 mar'],
      ['olivia', 'add Launch 10 dec project Nope', 'There is no project “Nope” in this team. /task project list shows them.'],
      ['olivia', 'show 7', 'There is no calendar entry #7 in this team. /calendar list shows what is coming.'],
      ['olivia', 'move 7 12 dec', 'There is no calendar entry #7 in this team. /calendar list shows what is coming.'],
      ['olivia', 'move 1 1 nov 2026', '“1 nov 2026” is already past: a calendar entry needs a day ahead, for example “10 mar” or “next friday 14:00”.'],
      ['olivia', 'remove 7', 'There is no calendar entry #7 in this team. /calendar list shows what is coming.'],
      ['olivia', 'list next 0 days', 'Say how many days ahead, from 1 to 366, for example: /calendar list next 14 days'],
      ['maria', 'add Spring sale 12 dec', expect.stringMatching(/^Only a team manager can do that\./) as unknown as string],
      ['maria', 'remove 1', expect.stringMatching(/^Only a team manager can do that\./) as unknown as string],
    ];
    for (const [user, text, answer] of refusals) {
      const reply = await h.run(user, 'acme', `/calendar ${text}`);
      expect(replyText(reply), text).toEqual(answer);
      expect(visibility(reply), text).toBe('ephemeral');
    }
    expect({ entries: await entryCount(), jobs: await jobCount() }).toEqual(before);
    expect(await cal('olivia', 'show 1')).toMatch(/^#1 Spring launch\nWhen: Thu 10 Dec \(all day\)/);
  });

  it('reminds each owner at the start of their own working day, counting working days past weekends and holidays', async () => {
    // Manila: Mon 30 Nov is Bonifacio Day, so 1 working day before Tue 1 Dec is Fri 27 Nov, 3 is Wed 25 Nov.
    expect(await cal('olivia', 'add Spring launch 1 dec kind launch @maria')).toBe(
      'On the calendar: #1 Spring launch, Tue 1 Dec (all day) · launch · owner Maria\nReminders to Maria: Wed 25 Nov, 09:00 (Asia/Manila), Fri 27 Nov, 09:00 (Asia/Manila)',
    );
    // New York: Thu 26 Nov is Thanksgiving, so 1 working day before Mon 30 Nov is Fri 27 Nov, 3 is Tue 24 Nov.
    expect(await cal('olivia', 'add Email campaign 30 nov kind campaign @jo')).toBe(
      'On the calendar: #2 Email campaign, Mon 30 Nov (all day) · campaign · owner Jo\nReminders to Jo: Tue 24 Nov, 09:00 (America/New_York), Fri 27 Nov, 09:00 (America/New_York)',
    );
    // A timed entry is read in the owner's zone, and its day there counts.
    expect(await cal('olivia', 'add Webinar 1 dec 21:00 kind event @jo remind 1 days before')).toBe(
      'On the calendar: #3 Webinar, Tue 1 Dec, 21:00 (America/New_York) = Wed 2 Dec, 03:00 (Europe/Amsterdam) your time · event · owner Jo\nReminders to Jo: Mon 30 Nov, 09:00 (America/New_York)',
    );
    await h.advanceTo('2026-12-02T12:00:00Z');
    expect(reminders('maria')).toEqual([
      ['2026-11-25T01:00:00.000Z', 'Coming up (Acme Co): Spring launch (launch, calendar #1) is in 3 working days: Tue 1 Dec (all day).'],
      ['2026-11-27T01:00:00.000Z', 'Coming up (Acme Co): Spring launch (launch, calendar #1) is on the next working day: Tue 1 Dec (all day).'],
    ]);
    expect(reminders('jo')).toEqual([
      ['2026-11-24T14:00:00.000Z', 'Coming up (Acme Co): Email campaign (campaign, calendar #2) is in 3 working days: Mon 30 Nov (all day).'],
      ['2026-11-27T14:00:00.000Z', 'Coming up (Acme Co): Email campaign (campaign, calendar #2) is on the next working day: Mon 30 Nov (all day).'],
      ['2026-11-30T14:00:00.000Z', 'Coming up (Acme Co): Webinar (event, calendar #3) is on the next working day: Tue 1 Dec, 21:00 (America/New_York).'],
    ]);
    expect(reminders('olivia')).toEqual([]);
  });

  it('never sends a moved or removed entry’s old reminders, and sends the new ones', async () => {
    await cal('olivia', 'add Spring launch 1 dec @maria');
    await cal('olivia', 'add Affiliate promo 4 dec kind promo @jo');
    await h.advanceTo('2026-11-24T12:00:00Z');
    expect(await cal('olivia', 'move 1 8 dec')).toBe('Moved #1 Spring launch to Tue 8 Dec (all day) · other · owner Maria\nReminders to Maria: Thu 3 Dec, 09:00 (Asia/Manila), Mon 7 Dec, 09:00 (Asia/Manila)');
    expect(await cal('olivia', 'remove 2')).toMatch(/^Removed #2/);
    await h.advanceTo('2026-12-09T00:00:00Z');
    expect(reminders('maria').map(([at]) => at)).toEqual(['2026-12-03T01:00:00.000Z', '2026-12-07T01:00:00.000Z']);
    expect(reminders('jo')).toEqual([]);
  });

  it('drops a reminder already waiting in the outbox once its entry moved or went', async () => {
    await cal('olivia', 'add Spring launch 10 dec @maria');
    await cal('olivia', 'add Affiliate promo 11 dec kind promo @jo');
    // Run at 20:00 in Manila and 05:00 in New York: both DMs wait in the outbox for the next working morning.
    await h.advanceTo('2026-11-23T12:00:00Z');
    await handle.db.transaction(async (tx) => {
      await remindNow({ db: tx, now: new Date('2026-11-23T12:00:00Z'), entryId: 1, version: 1, days: 3 });
      await remindNow({ db: tx, now: new Date('2026-11-23T12:00:00Z'), entryId: 2, version: 1, days: 3 });
    });
    expect(await cal('olivia', 'move 1 12 dec')).toMatch(/^Moved #1/);
    expect(await cal('olivia', 'remove 2')).toMatch(/^Removed #2/);
    await h.advanceTo('2026-11-25T00:00:00Z');
    expect(reminders('maria')).toEqual([]);
    expect(reminders('jo')).toEqual([]);
    const dropped = await handle.db.select({ status: deliveries.status }).from(deliveries).where(eq(deliveries.subject, 'calendar:1'));
    expect(dropped.map((row) => row.status)).toEqual(['superseded']);
    // A job of an old version does nothing.
    await handle.db.transaction((tx) => remindNow({ db: tx, now: new Date('2026-11-25T02:00:00Z'), entryId: 1, version: 1, days: 1 }));
    expect((await handle.db.select({ n: count() }).from(deliveries).where(eq(deliveries.subject, 'calendar:1')))[0]!.n).toBe(1);
  });

  it('lists the window asked for, with project due dates and milestones', async () => {
    await h.run('olivia', 'acme', '/task project add Website launch due 4 dec');
    await cal('olivia', 'add Beta live 30 nov kind milestone project Website launch');
    await cal('olivia', 'add Year-end sale 20 dec kind promo');
    await cal('olivia', 'add Q1 kick-off 12 jan 2027 kind event');
    const lines = (text: string) => text.split('\n').slice(1);
    expect(lines(await cal('olivia', 'list'))).toEqual([
      '#1 Mon 30 Nov (all day) · Beta live · milestone · project Website launch',
      'Fri 4 Dec, 17:00 (Europe/Amsterdam) · project Website launch is due',
      '#2 Sun 20 Dec (all day) · Year-end sale · promo',
    ]);
    expect(lines(await cal('olivia', 'list next 7 days'))).toEqual(['#1 Mon 30 Nov (all day) · Beta live · milestone · project Website launch']);
    expect(lines(await cal('olivia', 'list next 60 days'))).toHaveLength(4);
    // Today's all-day entry is still coming all day.
    await h.advanceTo('2026-11-30T20:00:00Z');
    expect(lines(await cal('olivia', 'list next 1 days'))).toEqual(['#1 Mon 30 Nov (all day) · Beta live · milestone · project Website launch']);
  });
});
