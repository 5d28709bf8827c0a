import { sql } from 'drizzle-orm';
import { standupAnswers, standupRuns, standups, tasks } from '../../../db/schema/index.js';
import { countsOf, periodTable, ratesOf, spanOf, sumsByPeriod, type BuiltinGroup, type BuiltinMetric } from './metrics.builtin-types.js';

/**
 * The standup answers' built-ins in one statement, by the local date each run is dated with. Participation:
 * of the questions due, the share answered (on time or late); days someone was away or skipped do not count,
 * nor questions still open. Blockers raised: answered with a blocker named.
 */
const answersGroup: BuiltinGroup = async ({ db, teamId, periods, now }) => {
  const sums = await sumsByPeriod(
    db,
    periods,
    sql`select w.i,
        count(*) filter (where a.status in ('answered', 'missed')) as due,
        count(*) filter (where a.status = 'answered') as answered,
        count(*) filter (where a.status = 'answered' and a.blocker is not null) as raised
      from ${standups} s
      join ${standupRuns} r on r.standup_id = s.id and r.local_date between ${periods[0]!.start}::date and ${periods[periods.length - 1]!.end}::date
      join ${standupAnswers} a on a.run_id = r.id
      join ${periodTable(periods, now)} on r.local_date between w.s and w.e
      where s.team_id = ${teamId}
      group by w.i`,
    ['due', 'answered', 'raised'],
  );
  return {
    'standup-participation': ratesOf(periods, now, sums.map((sum) => ({ hits: sum.answered, total: sum.due }))),
    'blockers-raised': countsOf(periods, now, sums.map((sum) => sum.raised)),
  };
};

/** Blockers resolved in the period: a manager made the blocker a task, and that task was done then. */
const resolvedGroup: BuiltinGroup = async ({ db, teamId, periods, now }) => {
  const { from, to } = spanOf(periods);
  const sums = await sumsByPeriod(
    db,
    periods,
    // From the team's tasks done in the span to their answers, one index lookup each: a join let PostgreSQL
    // read every team's blocker answers instead (measured by the digest bench).
    sql`select w.i, sum((select count(*) from ${standupAnswers} a where a.blocker_task_id = t.id and a.blocker is not null)) as resolved
      from ${tasks} t
      join ${periodTable(periods, now)} on t.completed_at >= w.f and t.completed_at < w.t
      where t.team_id = ${teamId} and t.status = 'done' and t.completed_at >= ${from.toISOString()}::timestamptz and t.completed_at < ${to.toISOString()}::timestamptz
      group by w.i`,
    ['resolved'],
  );
  return { 'blockers-resolved': countsOf(periods, now, sums.map((sum) => sum.resolved)) };
};

export const standupParticipation: BuiltinMetric = { key: 'standup-participation', aliases: ['standup-deelname', 'deelname'], name: 'metrics.builtin.standup-participation', unit: '%', direction: 'higher', group: answersGroup };

export const blockersRaised: BuiltinMetric = { key: 'blockers-raised', aliases: ['blokkades'], name: 'metrics.builtin.blockers-raised', unit: 'count', direction: 'lower', group: answersGroup };

export const blockersResolved: BuiltinMetric = { key: 'blockers-resolved', aliases: ['blokkades-opgelost', 'opgelost'], name: 'metrics.builtin.blockers-resolved', unit: 'count', direction: 'higher', group: resolvedGroup };
