import { and, eq, like } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { deliveries, jobs, people } from '../../../db/schema/index.js';
import { briefJob } from './briefs.jobs.js';

const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  ben: { displayName: 'Ben', zone: 'Asia/Manila' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
  eva: { displayName: 'Eva', zone: 'Europe/Amsterdam' },
  sam: { displayName: 'Sam', zone: 'Europe/London' },
  bob: { displayName: 'Bob', zone: 'America/New_York' },
};
type Name = keyof typeof PEOPLE;

const TIMEOUT = 240_000;

describe.each(testDatabases())('the managers’ daily brief on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  afterEach(async () => handle.close());

  /** The briefs a person got, as "local time in their zone" and the text. */
  const briefsTo = (name: Name) =>
    h.recorder
      .dmsTo(name)
      .filter((sent) => /daily brief|dagoverzicht/i.test(sent.text.split('\n')[0]!))
      .map((sent) => ({ at: DateTime.fromJSDate(sent.at!, { zone: PEOPLE[name].zone }).toFormat('ccc d LLL HH:mm'), text: sent.text }));

  const pendingBriefs = async () =>
    (await h.db.select().from(jobs).where(and(eq(jobs.kind, briefJob.kind), eq(jobs.status, 'pending')))).map((job) => `${(job.payload as { personId: number }).personId}@${job.runAt.toISOString()}`).sort();

  const personId = async (name: Name) => (await h.db.select({ id: people.id }).from(people).where(eq(people.platformUserId, name)))[0]!.id;

  describe('with two client teams and a week of work', () => {
    beforeEach(async () => {
      handle = await open();
      // Monday 23 Nov 2026, 09:00 in Amsterdam, 16:00 in Manila, 03:00 in New York.
      h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
      await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', jo: 'member', eva: 'member', bob: 'owner' } });
      await h.setupTeam({ channel: 'globex', client: 'Globex', manager: 'olivia', members: { maria: 'member', sam: 'member', ben: 'manager' } });
      // Sam's DMs are closed: the first one to him marks him unreachable.
      h.recorder.respondWith((message) => (message.target.kind === 'dm' && message.target.userId === 'sam' ? { ok: false, kind: 'permanent', error: 'cannot_dm', reason: 'unreachable' } : { ok: true }));
      await h.advanceTo('2026-11-23T08:05:00Z');
      await h.run('olivia', 'acme', '/task add Review contract @maria due 17:00');
      await h.run('olivia', 'acme', '/task add Send invoices @maria due friday');
      await h.run('olivia', 'acme', '/task add Update CRM @jo due wednesday 17:00');
      await h.run('olivia', 'acme', '/task add Plan webinar @maria due thursday');
      await h.run('olivia', 'acme', '/task add Daily check @maria due 17:00 every day');
      await h.run('maria', 'acme', '/task done 2');
      await h.run('jo', 'acme', '/task due 3 friday 17:00');
      await h.run('jo', 'acme', '/task snooze 3 saturday 12:00');
      // Moved by the manager herself: not news to her.
      await h.run('olivia', 'acme', '/task due 4 friday');
      await h.run('olivia', 'acme', '/followup @maria did you send the invoice? in 10 minutes');
      await h.run('olivia', 'acme', '/standup setup at 09:00 deadline 12:00 @jo');
      await h.run('eva', 'dm-eva', '/obm me away 24 nov');
      await h.run('olivia', 'globex', '/task add Ship samples @sam due tomorrow 12:00');
      // Jo's standup question comes at 09:00 in New York; his third answer is a blocker.
      await h.advanceTo('2026-11-23T14:00:00Z');
      await h.say('jo', 'Fixed the ads');
      await h.say('jo', 'Write the newsletter');
      await h.say('jo', 'Waiting for the client’s logins');
    }, TIMEOUT);

    it('arrives once at the start of each manager’s working day, with every section, all their teams in one DM', async () => {
      await h.advanceTo('2026-11-24T07:59:00Z');
      expect(briefsTo('olivia')).toEqual([]);
      // Ben, in Manila, had his at 09:00 there, about the one team he manages.
      expect(briefsTo('ben')).toEqual([{ at: 'Tue 24 Nov 09:00', text: 'Globex · daily brief, Tue 24 Nov\nNot reachable by DM: Sam\nThe last 24 hours · times in Asia/Manila' }]);
      await h.advanceTo('2026-11-24T12:00:00Z');
      expect(briefsTo('olivia')).toEqual([
        {
          at: 'Tue 24 Nov 09:00',
          text: [
            'Daily brief, Tue 24 Nov · 2 teams',
            'Acme Co',
            'Overdue (1)',
            '• #1 Review contract · Maria · due Mon 23 Nov, 10:00',
            'Missed (1)',
            '• #5 Daily check · Maria · was due Mon 23 Nov, 10:00',
            'Done (1)',
            '• #2 Send invoices · Maria',
            'Deadlines moved (1)',
            '• #3 Update CRM · Jo moved it to Sat 28 Nov, 18:00 (2 times)',
            'Follow-ups not answered (1)',
            '• Maria: “did you send the invoice?” · asked by Olivia, Mon 23 Nov, 09:15',
            'Blockers (1)',
            '• 🚧 Jo: Waiting for the client’s logins · standup, Mon 23 Nov',
            'Away today: Eva',
            'Globex',
            'Not reachable by DM: Sam',
            'The last 24 hours · times in Europe/Amsterdam',
          ].join('\n'),
        },
      ]);
      // One brief pending per manager, at the start of their next working day.
      expect(await pendingBriefs()).toEqual([`${await personId('ben')}@2026-11-25T01:00:00.000Z`, `${await personId('olivia')}@2026-11-25T08:00:00.000Z`].sort());
    }, TIMEOUT);

    it('never comes twice for one day, even when its job runs again', async () => {
      await h.advanceTo('2026-11-24T09:00:00Z');
      expect(briefsTo('olivia')).toHaveLength(1);
      const olivia = await personId('olivia');
      // The same occurrence run again (a retry after a crash, a second process), then a stray second chain.
      await h.db.transaction((db) => h.bot.runJob({ kind: briefJob.kind, payload: { personId: olivia }, runAt: new Date('2026-11-24T08:00:00Z') }, { db, now: h.clock.now() }));
      await h.db.transaction((db) => h.bot.runJob({ kind: briefJob.kind, payload: { personId: olivia }, runAt: new Date('2026-11-24T08:00:00Z') }, { db, now: h.clock.now() }));
      await h.advanceTo('2026-11-24T16:00:00Z');
      expect(briefsTo('olivia')).toHaveLength(1);
      expect((await pendingBriefs()).filter((key) => key.startsWith(`${olivia}@`))).toEqual([`${olivia}@2026-11-25T08:00:00.000Z`]);
      const keys = await h.db.select({ key: deliveries.dedupeKey }).from(deliveries).where(like(deliveries.dedupeKey, `dm:${olivia}:brief:%`));
      expect(keys.map((row) => row.key)).toEqual([`dm:${olivia}:brief:2026-11-24`]);
    }, TIMEOUT);

    it('skips weekends, public holidays and absences, and the next one covers the gap', async () => {
      await h.run('olivia', 'dm-olivia', '/obm me country US');
      await h.run('olivia', 'dm-olivia', '/obm me away 27 nov');
      await h.advanceTo('2026-12-01T12:00:00Z');
      // Thu 26 Nov is Thanksgiving (US), Fri 27 her absence, then the weekend.
      expect(briefsTo('olivia').map((brief) => brief.at)).toEqual(['Tue 24 Nov 09:00', 'Wed 25 Nov 09:00', 'Mon 30 Nov 09:00', 'Tue 1 Dec 09:00']);
      const monday = briefsTo('olivia')[2]!.text.split('\n');
      expect(monday.at(-1)).toBe('Since Wed 25 Nov, 09:00 · times in Europe/Amsterdam');
      // The daily task missed on Wed, Thu and Fri (and over the weekend) is all in Monday's brief.
      expect(monday).toContain('Missed (5)');
      expect(briefsTo('ben').map((brief) => brief.at)).toEqual(['Tue 24 Nov 09:00', 'Wed 25 Nov 09:00', 'Thu 26 Nov 09:00', 'Fri 27 Nov 09:00', 'Mon 30 Nov 09:00', 'Tue 1 Dec 09:00']);
    }, TIMEOUT);
  });
});
