import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { deliveries, jobs, people } from '../../../db/schema/index.js';
import { prepareModules } from '../index.js';
import { briefJob } from './briefs.jobs.js';
import { planBrief, planMissingBriefs, runBrief } from './briefs.usecases.js';

const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  ben: { displayName: 'Ben', zone: 'Asia/Manila' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
};
type Name = keyof typeof PEOPLE;

const TIMEOUT = 120_000;

describe.each(testDatabases())('how a manager’s brief is planned, on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  beforeEach(async () => {
    handle = await open();
    // Monday 23 Nov 2026, 09:00 in Amsterdam, 16:00 in Manila.
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
  });
  afterEach(async () => handle.close());

  const person = async (name: Name) => (await h.db.select().from(people).where(eq(people.platformUserId, name)))[0]!;
  /** Pending briefs as "name@instant", sorted. */
  const pending = async () => {
    const rows = await h.db.select({ job: jobs, name: people.platformUserId }).from(jobs).innerJoin(people, eq(people.id, sql<number>`(${jobs.payload}->>'personId')::int`)).where(and(eq(jobs.kind, briefJob.kind), eq(jobs.status, 'pending')));
    return rows.map((row) => `${row.name}@${row.job.runAt.toISOString()}`).sort();
  };
  const briefDms = (name: Name) => h.recorder.dmsTo(name).filter((sent) => /daily brief|dagoverzicht/i.test(sent.text.split('\n')[0]!));

  it('starts when someone becomes a manager, keeps one per person, and moves with their working time', async () => {
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', ben: 'manager' } });
    // Olivia is in her working day: her first brief is tomorrow at 09:00. Ben's day in Manila starts at 01:00Z.
    expect(await pending()).toEqual(['ben@2026-11-24T01:00:00.000Z', 'olivia@2026-11-24T08:00:00.000Z']);
    // Managing a second team, or being made manager again, plans nothing more.
    await h.setupTeam({ channel: 'globex', client: 'Globex', manager: 'olivia', members: { ben: 'manager', jo: 'member' } });
    await h.run('olivia', 'acme', '/obm team add @ben manager');
    const olivia = await person('olivia');
    await h.db.transaction((db) => planBrief({ db, now: h.clock.now(), person: olivia }));
    expect(await pending()).toEqual(['ben@2026-11-24T01:00:00.000Z', 'olivia@2026-11-24T08:00:00.000Z']);
    // Her day now starts at 10:00, still ahead today; a week away moves it past the absence.
    await h.run('olivia', 'dm-olivia', '/obm me hours 10:00-18:00');
    expect(await pending()).toEqual(['ben@2026-11-24T01:00:00.000Z', 'olivia@2026-11-23T09:00:00.000Z']);
    await h.run('olivia', 'dm-olivia', '/obm me away 23 nov to 27 nov');
    expect(await pending()).toEqual(['ben@2026-11-24T01:00:00.000Z', 'olivia@2026-11-30T09:00:00.000Z']);
    await h.run('olivia', 'dm-olivia', '/obm me away clear');
    // The team's working days are its managers' days too.
    await h.run('olivia', 'acme', '/obm setup days wed-fri');
    expect(await pending()).toEqual(['ben@2026-11-25T01:00:00.000Z', 'olivia@2026-11-25T09:00:00.000Z']);
    // Members have no brief.
    expect((await pending()).some((key) => key.startsWith('maria@') || key.startsWith('jo@'))).toBe(false);
  }, TIMEOUT);

  it('ends when the person manages no team any more, and a held brief is dropped by its re-check', async () => {
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', ben: 'manager' } });
    await h.run('maria', 'dm-maria', '/obm me away 23 nov to 30 nov');
    // Ben's brief goes now (16:00 in Manila, in his hours) and is due in the outbox; before it is sent he is a member.
    const ben = await person('ben');
    await h.db.transaction((db) => runBrief({ db, now: h.clock.now(), personId: ben.id }));
    await h.run('olivia', 'acme', '/obm team add @ben member');
    const [row] = await h.db.select().from(deliveries).where(eq(deliveries.dedupeKey, `dm:${ben.id}:brief:2026-11-23`));
    expect([row!.status, row!.droppedReason]).toEqual(['superseded', 'not_manager']);
    expect(briefDms('ben')).toEqual([]);
    // His planned brief runs, finds no team and plans no next one.
    await h.advanceTo('2026-11-25T12:00:00Z');
    expect(briefDms('ben')).toEqual([]);
    expect(await pending()).toEqual(['olivia@2026-11-26T08:00:00.000Z']);
    // Made manager again, he is planned again.
    await h.run('olivia', 'acme', '/obm team add @ben manager');
    expect(await pending()).toEqual(['ben@2026-11-26T01:00:00.000Z', 'olivia@2026-11-26T08:00:00.000Z']);
  }, TIMEOUT);

  it('plans the managers of before the brief existed once, however often it is asked to', async () => {
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', ben: 'manager' } });
    // As a database from before this release: managers and no brief jobs.
    await h.db.delete(jobs).where(eq(jobs.kind, briefJob.kind));
    // What each start-up runs (src/main.ts), and what it does.
    await prepareModules({ db: h.db, now: h.clock.now() });
    expect(await pending()).toEqual(['ben@2026-11-24T01:00:00.000Z', 'olivia@2026-11-24T08:00:00.000Z']);
    expect(await h.db.transaction((db) => planMissingBriefs({ db, now: h.clock.now() }))).toBe(0);
    await prepareModules({ db: h.db, now: h.clock.now() });
    expect(await pending()).toEqual(['ben@2026-11-24T01:00:00.000Z', 'olivia@2026-11-24T08:00:00.000Z']);
  }, TIMEOUT);

  it('sends nothing on a day with nothing to say, yet the next brief starts from that day', async () => {
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member' } });
    await h.run('olivia', 'acme', '/obm setup language nl');
    await h.advanceTo('2026-11-25T12:00:00Z');
    expect(briefDms('olivia')).toEqual([]);
    expect((await person('olivia')).lastBriefAt?.toISOString()).toBe('2026-11-25T08:00:00.000Z');
    expect(await pending()).toEqual(['olivia@2026-11-26T08:00:00.000Z']);
    await h.run('maria', 'acme', '/task add Factuur sturen');
    await h.run('maria', 'acme', '/task done 1');
    await h.advanceTo('2026-11-26T12:00:00Z');
    expect(briefDms('olivia').map((sent) => [sent.at!.toISOString(), sent.text])).toEqual([
      ['2026-11-26T08:00:00.000Z', 'Acme Co · dagoverzicht, do 26 nov\nKlaar (1)\n• #1 Factuur sturen · Maria\nSinds wo 25 nov om 09:00 · tijden in Europe/Amsterdam'],
    ]);
  }, TIMEOUT);

  it('is not sent to a manager who chose instant alerts instead, and starts from the switch back', async () => {
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member' } });
    await h.run('olivia', 'dm-olivia', '/obm me alerts instant');
    await h.run('maria', 'acme', '/task add Send invoices');
    await h.run('maria', 'acme', '/task done 1');
    await h.advanceTo('2026-11-24T12:00:00Z');
    expect(briefDms('olivia')).toEqual([]);
    await h.run('olivia', 'dm-olivia', '/obm me alerts daily');
    await h.run('maria', 'acme', '/task add Update CRM');
    await h.run('maria', 'acme', '/task done 2');
    await h.advanceTo('2026-11-25T12:00:00Z');
    expect(briefDms('olivia').map((sent) => sent.text.split('\n').slice(1, 3))).toEqual([['Done (1)', '• #2 Update CRM · Maria']]);
  }, TIMEOUT);
});
