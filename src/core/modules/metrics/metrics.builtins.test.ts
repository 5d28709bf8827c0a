import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { people, standupAnswers, standupRuns, standups, tasks, teams } from '../../../db/schema/index.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { createHarness, replyText, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import { builtinMetricValues } from './metrics.builtins.js';
import { periodOfKey } from './metrics.periods.js';
import { metricSeries } from './metrics.series.js';

const AMS = 'Europe/Amsterdam';
const NOW = new Date('2026-04-02T10:00:00Z'); // Thursday of week 14, 2026
const at = (iso: string) => new Date(iso);

/**
 * A team in Amsterdam over weeks 12-14 of 2026; week 13 holds the spring DST change (Sun 29 Mar 02:00 ->
 * 03:00), and the rows near its end fall either side of the local Monday midnight (29 Mar 22:00Z).
 */
const FIXTURE = {
  'tasks-done': [1, 2, 2],
  'tasks-created': [4, 2, 1],
  'on-time-rate': [100, 0, 50],
  'overdue-now': [1, 2, 1],
  'standup-participation': [50, 100, 0],
  'blockers-raised': [1, 1, 0],
  'blockers-resolved': [0, 1, 1],
  // No classes and nobody onboarding in this history (metrics.builtins.trainings.test.ts has those).
  'training-attendance': [null, null, null],
  'training-no-shows': [0, 0, 0],
  'onboarding-progress': [null, null, null],
} as const;

describe.each(testDatabases())('built-in metrics on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  let teamId: number;

  beforeEach(async () => {
    handle = await open();
    h = await createHarness({ handle, start: '2026-03-16T08:00:00Z', people: { olivia: { zone: AMS }, maria: { zone: 'Asia/Manila' }, jo: { zone: 'America/New_York' } } });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', jo: 'member' } });
    const db = handle.db;
    [{ id: teamId }] = (await db.update(teams).set({ zone: AMS }).returning({ id: teams.id })) as [{ id: number }];
    const id = async (user: string) => (await db.select().from(people).where(eq(people.platformUserId, user)))[0]!.id;
    const [olivia, maria, jo] = [await id('olivia'), await id('maria'), await id('jo')];
    let number = 0;
    const task = async (values: Partial<typeof tasks.$inferInsert>) =>
      (await db.insert(tasks).values({ teamId, number: ++number, title: `T${number}`, creatorId: olivia, ...values, updatedAt: values.updatedAt ?? values.completedAt ?? values.createdAt! }).returning())[0]!;
    const t1 = await task({ createdAt: at('2026-03-16T09:00:00Z'), dueAt: at('2026-03-18T16:00:00Z'), status: 'done', completedAt: at('2026-03-18T10:00:00Z') });
    const t2 = await task({ createdAt: at('2026-03-17T09:00:00Z'), dueAt: at('2026-03-19T16:00:00Z'), status: 'done', completedAt: at('2026-03-24T10:00:00Z') });
    // Done Sunday 23:30 in Amsterdam, after the change: still week 13.
    await task({ createdAt: at('2026-03-23T09:00:00Z'), status: 'done', completedAt: at('2026-03-29T21:30:00Z') });
    // Created Monday 00:30 in Amsterdam: week 14, though still Sunday in UTC.
    const t4 = await task({ createdAt: at('2026-03-29T22:30:00Z'), dueAt: at('2026-03-31T15:00:00Z'), status: 'done', completedAt: at('2026-03-31T10:00:00Z') });
    await task({ createdAt: at('2026-03-20T09:00:00Z'), dueAt: at('2026-03-25T16:00:00Z'), status: 'open' });
    await task({ createdAt: at('2026-03-24T09:00:00Z'), dueAt: at('2026-03-26T16:00:00Z'), status: 'cancelled', updatedAt: at('2026-03-27T09:00:00Z') });
    // Due Sunday 23:00, done Monday 00:30 (Amsterdam): overdue at the end of week 13, done late in week 14.
    await task({ createdAt: at('2026-03-16T10:00:00Z'), dueAt: at('2026-03-29T21:00:00Z'), status: 'done', completedAt: at('2026-03-29T22:30:00Z') });
    expect(t1.number).toBe(1);

    const [standup] = await db.insert(standups).values({ teamId, number: 1, time: 9 * 60, deadline: 12 * 60, questions: [{ text: 'Blockers?', kind: 'text', blocker: true }] }).returning();
    const run = async (localDate: string) => (await db.insert(standupRuns).values({ standupId: standup!.id, localDate }).returning())[0]!.id;
    const answer = (runId: number, personId: number, status: 'asked' | 'answered' | 'missed' | 'skipped' | 'away', extra: Partial<typeof standupAnswers.$inferInsert> = {}) =>
      db.insert(standupAnswers).values({ runId, personId, status, questions: [], deadlineAt: at('2026-03-16T11:00:00Z'), ...extra });
    const w12 = await run('2026-03-20');
    await answer(w12, maria, 'answered', { blocker: 'Waiting on the logins', blockerTaskId: t2.id });
    await answer(w12, jo, 'missed');
    const w13 = await run('2026-03-27');
    await answer(w13, maria, 'answered');
    await answer(w13, jo, 'answered', { blocker: 'No access to Shopify', blockerTaskId: t4.id });
    await answer(w13, olivia, 'skipped');
    await answer(await run('2026-03-29'), maria, 'away');
    const w14 = await run('2026-03-30');
    await answer(w14, maria, 'missed');
    await answer(w14, jo, 'asked');
    h.clock.advanceTo(NOW);
  });
  afterEach(async () => handle.close());

  it('builtinMetricValues gives each period’s numbers, counted in the team’s zone', async () => {
    for (const [index, key] of ['2026-W12', '2026-W13', '2026-W14'].entries()) {
      const values = await builtinMetricValues({ db: handle.db, teamId, period: periodOfKey(key, AMS)!, now: NOW });
      expect(Object.fromEntries(values.map((value) => [value.key, value.value])), key).toEqual(Object.fromEntries(Object.entries(FIXTURE).map(([name, list]) => [name, list[index]])));
    }
    // A week not yet begun has no numbers at all.
    const next = await builtinMetricValues({ db: handle.db, teamId, period: periodOfKey('2026-W15', AMS)!, now: NOW });
    expect(next.every((value) => value.value === null)).toBe(true);
  });

  it('metricSeries gives the same numbers for the last periods, oldest first', async () => {
    for (const [key, expected] of Object.entries(FIXTURE)) {
      const series = await metricSeries({ db: handle.db, teamId, builtinKey: key, periods: 4, now: NOW });
      expect(series.points.map((point) => point.period.key)).toEqual(['2026-W11', '2026-W12', '2026-W13', '2026-W14']);
      const [w11, ...rest] = series.points.map((point) => point.value);
      expect(rest, key).toEqual([...expected]);
      expect(w11 === null || w11 === 0, key).toBe(true);
    }
  });

  it('/metric show reads a built-in by its Dutch name too', async () => {
    const text = replyText(await h.run('olivia', 'acme', '/metric show taken-klaar'));
    expect(text.split('\n').slice(-3)).toEqual(['W12  1', 'W13  2  +100%', 'W14  2  ±0%']);
  });
});
