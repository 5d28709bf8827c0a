import { and, eq, gte, isNotNull, lt, lte } from 'drizzle-orm';
import { standupAnswers, standupRuns, standups, tasks } from '../../../db/schema/index.js';
import { bucketOf, bucketOfDate, countsOf, ratesOf, spanOf, type BuiltinArgs, type BuiltinMetric } from './metrics.builtin-types.js';

/** A team's standup answers of the periods' standup days (local dates, as each run is dated). */
const answersIn = ({ db, teamId, periods }: BuiltinArgs) =>
  db
    .select({ date: standupRuns.localDate, status: standupAnswers.status, blocker: standupAnswers.blocker })
    .from(standupAnswers)
    .innerJoin(standupRuns, eq(standupRuns.id, standupAnswers.runId))
    .innerJoin(standups, eq(standups.id, standupRuns.standupId))
    .where(and(eq(standups.teamId, teamId), gte(standupRuns.localDate, periods[0]!.start), lte(standupRuns.localDate, periods[periods.length - 1]!.end)));

/**
 * Of the standup questions due in the period, the share answered (on time or late), in percent. Days someone
 * was away or skipped do not count, nor questions still open.
 */
export const standupParticipation: BuiltinMetric = {
  key: 'standup-participation',
  aliases: ['standup-deelname', 'deelname'],
  name: 'metrics.builtin.standup-participation',
  unit: '%',
  direction: 'higher',
  compute: async (args) => {
    const pairs = args.periods.map(() => ({ hits: 0, total: 0 }));
    for (const row of await answersIn(args)) {
      const pair = pairs[bucketOfDate(args.periods, row.date)];
      if (!pair || (row.status !== 'answered' && row.status !== 'missed')) continue;
      pair.total += 1;
      if (row.status === 'answered') pair.hits += 1;
    }
    return ratesOf(pairs).map((rate, index) => (args.periods[index]!.from > args.now ? null : rate));
  },
};

/** Blockers people named in their standup answers of the period. */
export const blockersRaised: BuiltinMetric = {
  key: 'blockers-raised',
  aliases: ['blokkades'],
  name: 'metrics.builtin.blockers-raised',
  unit: 'count',
  direction: 'lower',
  compute: async (args) => {
    const rows = (await answersIn(args)).filter((row) => row.blocker !== null && row.status === 'answered');
    return countsOf(args.periods, args.now, rows.map((row) => bucketOfDate(args.periods, row.date)));
  },
};

/** Blockers resolved in the period: a manager made the blocker a task, and that task was done then. */
export const blockersResolved: BuiltinMetric = {
  key: 'blockers-resolved',
  aliases: ['blokkades-opgelost', 'opgelost'],
  name: 'metrics.builtin.blockers-resolved',
  unit: 'count',
  direction: 'higher',
  compute: async ({ db, teamId, periods, now }) => {
    const { from, to } = spanOf(periods);
    const rows = await db
      .select({ at: tasks.completedAt })
      .from(standupAnswers)
      .innerJoin(tasks, eq(tasks.id, standupAnswers.blockerTaskId))
      .where(and(isNotNull(standupAnswers.blocker), eq(tasks.teamId, teamId), eq(tasks.status, 'done'), gte(tasks.completedAt, from), lt(tasks.completedAt, to)));
    return countsOf(periods, now, rows.map((row) => bucketOf(periods, row.at!)));
  },
};
