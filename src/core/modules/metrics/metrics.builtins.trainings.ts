import { and, eq, gte, lt, ne } from 'drizzle-orm';
import { onboardingItems, tasks, trainingAttendance, trainingOccurrences, trainings } from '../../../db/schema/index.js';
import { bucketOf, countsOf, ratesOf, spanOf, type BuiltinArgs, type BuiltinMetric } from './metrics.builtin-types.js';

/** Attendance of the team's classes that started in the periods: who came, and the no-shows (said Going, did not come). */
const attendanceIn = ({ db, teamId, periods }: BuiltinArgs) => {
  const { from, to } = spanOf(periods);
  return db
    .select({ at: trainingOccurrences.startsAt, attended: trainingAttendance.attended })
    .from(trainingAttendance)
    .innerJoin(trainingOccurrences, eq(trainingOccurrences.id, trainingAttendance.occurrenceId))
    .innerJoin(trainings, eq(trainings.id, trainingOccurrences.trainingId))
    .where(and(eq(trainings.teamId, teamId), gte(trainingOccurrences.startsAt, from), lt(trainingOccurrences.startsAt, to)));
};

/** Of the people whose attendance is known (they came, or said Going and did not), the share who came. */
export const trainingAttendanceRate: BuiltinMetric = {
  key: 'training-attendance',
  aliases: ['aanwezigheid', 'lesaanwezigheid'],
  name: 'metrics.builtin.training-attendance',
  unit: '%',
  direction: 'higher',
  compute: async (args) => {
    const pairs = args.periods.map(() => ({ hits: 0, total: 0 }));
    for (const row of await attendanceIn(args)) {
      const pair = pairs[bucketOf(args.periods, row.at)];
      if (!pair) continue;
      pair.total += 1;
      if (row.attended) pair.hits += 1;
    }
    return ratesOf(pairs).map((rate, index) => (args.periods[index]!.from > args.now ? null : rate));
  },
};

/** People who said Going to a class of the period and did not come (each got the recording and a task). */
export const trainingNoShows: BuiltinMetric = {
  key: 'training-no-shows',
  aliases: ['no-shows', 'niet-verschenen'],
  name: 'metrics.builtin.training-no-shows',
  unit: 'count',
  direction: 'lower',
  compute: async (args) => {
    const rows = (await attendanceIn(args)).filter((row) => !row.attended);
    return countsOf(args.periods, args.now, rows.map((row) => bucketOf(args.periods, row.at)));
  },
};

/**
 * Onboarding on track: of the onboarding tasks due by the end of each period, the share done by then. A
 * team with nobody onboarding has no value (not 0 %).
 */
export const onboardingOnTrack: BuiltinMetric = {
  key: 'onboarding-progress',
  aliases: ['onboarding', 'inwerken'],
  name: 'metrics.builtin.onboarding-progress',
  unit: '%',
  direction: 'higher',
  compute: async ({ db, teamId, periods, now }) => {
    const { to } = spanOf(periods);
    const rows = await db
      .select({ dueAt: onboardingItems.dueAt, status: tasks.status, completedAt: tasks.completedAt })
      .from(onboardingItems)
      .innerJoin(tasks, eq(tasks.id, onboardingItems.taskId))
      .where(and(eq(onboardingItems.teamId, teamId), lt(onboardingItems.dueAt, to), ne(tasks.status, 'cancelled')));
    return periods.map((period) => {
      if (period.from > now) return null;
      // A period still running counts up to now, what was done this very moment included.
      const running = period.to > now;
      const before = (at: Date) => (running ? at <= now : at < period.to);
      const due = rows.filter((row) => before(row.dueAt));
      const [rate] = ratesOf([{ total: due.length, hits: due.filter((row) => row.status === 'done' && row.completedAt !== null && before(row.completedAt)).length }]);
      return rate ?? null;
    });
  },
};
