import { sql } from 'drizzle-orm';
import { onboardingItems, tasks, trainingAttendance, trainingOccurrences, trainings } from '../../../db/schema/index.js';
import { countsOf, periodTable, ratesOf, spanOf, sumsByPeriod, type BuiltinGroup, type BuiltinMetric } from './metrics.builtin-types.js';

/**
 * Attendance of the team's classes that started in the periods, in one statement: of the people whose
 * attendance is known (they came, or said Going and did not), the share who came; and the no-shows (each got
 * the recording and a task).
 */
const attendanceGroup: BuiltinGroup = async ({ db, teamId, periods, now }) => {
  const { from, to } = spanOf(periods);
  const sums = await sumsByPeriod(
    db,
    periods,
    sql`select w.i, count(*) as known, count(*) filter (where ta.attended) as came
      from ${trainings} tr
      join ${trainingOccurrences} o on o.training_id = tr.id and o.starts_at >= ${from.toISOString()}::timestamptz and o.starts_at < ${to.toISOString()}::timestamptz
      join ${trainingAttendance} ta on ta.occurrence_id = o.id
      join ${periodTable(periods, now)} on o.starts_at >= w.f and o.starts_at < w.t
      where tr.team_id = ${teamId}
      group by w.i`,
    ['known', 'came'],
  );
  return {
    'training-attendance': ratesOf(periods, now, sums.map((sum) => ({ hits: sum.came, total: sum.known }))),
    'training-no-shows': countsOf(periods, now, sums.map((sum) => sum.known - sum.came)),
  };
};

/**
 * Onboarding on track: of the onboarding tasks due by the end of each period, the share done by then. The
 * period still running counts up to now, what was done this very moment included. A team with nobody
 * onboarding has no value (not 0 %).
 */
const onboardingGroup: BuiltinGroup = async ({ db, teamId, periods, now }) => {
  const { to } = spanOf(periods);
  const by = (column: ReturnType<typeof sql>) => sql`((w.running and ${column} <= w.m) or (not w.running and ${column} < w.t))`;
  const sums = await sumsByPeriod(
    db,
    periods,
    sql`select w.i,
        count(*) filter (where ${by(sql`oi.due_at`)}) as due,
        count(*) filter (where ${by(sql`oi.due_at`)} and t.status = 'done' and t.completed_at is not null and ${by(sql`t.completed_at`)}) as done
      from ${onboardingItems} oi
      join ${tasks} t on t.id = oi.task_id and t.status <> 'cancelled'
      cross join ${periodTable(periods, now)}
      where oi.team_id = ${teamId} and oi.due_at < ${to.toISOString()}::timestamptz
      group by w.i`,
    ['due', 'done'],
  );
  return { 'onboarding-progress': ratesOf(periods, now, sums.map((sum) => ({ hits: sum.done, total: sum.due }))) };
};

export const trainingAttendanceRate: BuiltinMetric = { key: 'training-attendance', aliases: ['aanwezigheid', 'lesaanwezigheid'], name: 'metrics.builtin.training-attendance', unit: '%', direction: 'higher', group: attendanceGroup };

export const trainingNoShows: BuiltinMetric = { key: 'training-no-shows', aliases: ['no-shows', 'niet-verschenen'], name: 'metrics.builtin.training-no-shows', unit: 'count', direction: 'lower', group: attendanceGroup };

export const onboardingOnTrack: BuiltinMetric = { key: 'onboarding-progress', aliases: ['onboarding', 'inwerken'], name: 'metrics.builtin.onboarding-progress', unit: '%', direction: 'higher', group: onboardingGroup };
