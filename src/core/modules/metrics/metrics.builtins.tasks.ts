import { sql } from 'drizzle-orm';
import { tasks } from '../../../db/schema/index.js';
import { rowsOf } from '../../../db/rows.js';
import { countsOf, momentOf, ratesOf, spanOf, type BuiltinGroup, type BuiltinMetric } from './metrics.builtin-types.js';

/**
 * The tasks' built-ins in one pass over the team's tasks any of the periods can see (done or created in
 * them, or overdue at the end of one), summed per period in PostgreSQL.
 *
 * Overdue at a moment: created and due before it and not closed by it. A task is closed when done
 * (`completed_at`), or cancelled or missed (its last change, `updated_at`, which for a closed task is the
 * closing); a done task without `completed_at` is counted nowhere.
 */
const tasksGroup: BuiltinGroup = async ({ db, teamId, periods, now }) => {
  const { from, to } = spanOf(periods);
  const moments = periods.map((period) => momentOf(period, now));
  const latest = new Date(Math.max(...moments.map((moment) => moment.getTime()))).toISOString();
  const earliest = new Date(Math.min(...moments.map((moment) => moment.getTime()))).toISOString();
  const [f, t] = [from.toISOString(), to.toISOString()];
  // Columns per period rather than a join with a table of periods: the join's estimate made PostgreSQL start a
  // parallel worker, 80 ms to count a few thousand rows (measured by the digest bench).
  const columns = periods.map((period, i) => {
    const [pf, pt, m] = [period.from.toISOString(), period.to.toISOString(), moments[i]!.toISOString()];
    const doneIn = sql`k.status = 'done' and k.completed_at >= ${pf}::timestamptz and k.completed_at < ${pt}::timestamptz`;
    return sql`count(*) filter (where ${doneIn}) as ${sql.raw(`done_${i}`)},
      count(*) filter (where k.created_at >= ${pf}::timestamptz and k.created_at < ${pt}::timestamptz) as ${sql.raw(`created_${i}`)},
      count(*) filter (where k.due_at < ${m}::timestamptz and k.created_at < ${m}::timestamptz and (k.status = 'open' or k.closed >= ${m}::timestamptz)) as ${sql.raw(`overdue_${i}`)},
      count(*) filter (where ${doneIn} and k.due_at is not null) as ${sql.raw(`due_done_${i}`)},
      count(*) filter (where ${doneIn} and k.due_at is not null and k.completed_at <= k.due_at) as ${sql.raw(`on_time_${i}`)}`;
  });
  const [row] = rowsOf<Record<string, number | string>>(
    await db.execute(sql`select ${sql.join(columns, sql`, `)}
      from (
        select status, created_at, due_at, completed_at,
          case status when 'done' then completed_at when 'cancelled' then updated_at when 'missed' then updated_at end as closed
        from ${tasks}
        where team_id = ${teamId} and (
          (status = 'done' and completed_at >= ${f}::timestamptz and completed_at < ${t}::timestamptz)
          or (created_at >= ${f}::timestamptz and created_at < ${t}::timestamptz)
          or (due_at < ${latest}::timestamptz and created_at < ${latest}::timestamptz and (status = 'open'
            or (status = 'done' and completed_at >= ${earliest}::timestamptz)
            or (status in ('cancelled', 'missed') and updated_at >= ${earliest}::timestamptz)))
        )
      ) k`),
  );
  const sum = (name: string) => periods.map((_, i) => Number(row?.[`${name}_${i}`] ?? 0));
  const [done, dueDone, onTime] = [sum('done'), sum('due_done'), sum('on_time')];
  return {
    'tasks-done': countsOf(periods, now, done),
    'tasks-created': countsOf(periods, now, sum('created')),
    'overdue-now': countsOf(periods, now, sum('overdue')),
    'on-time-rate': ratesOf(periods, now, onTime.map((hits, i) => ({ hits, total: dueDone[i]! }))),
  };
};

/** Tasks marked done in the period. */
export const tasksDone: BuiltinMetric = { key: 'tasks-done', aliases: ['taken-klaar', 'taken-af'], name: 'metrics.builtin.tasks-done', unit: 'count', direction: 'higher', group: tasksGroup };

/** Tasks created in the period, repeating occurrences included: each is work that came in. */
export const tasksCreated: BuiltinMetric = { key: 'tasks-created', aliases: ['taken-nieuw', 'nieuwe-taken'], name: 'metrics.builtin.tasks-created', unit: 'count', direction: 'higher', group: tasksGroup };

/** Tasks overdue at the end of each period (now, for the period still running). */
export const overdueNow: BuiltinMetric = { key: 'overdue-now', aliases: ['te-laat', 'achterstallig'], name: 'metrics.builtin.overdue-now', unit: 'count', direction: 'lower', group: tasksGroup };

/** Of the tasks with a deadline done in the period, the share done by it, in percent. */
export const onTimeRate: BuiltinMetric = { key: 'on-time-rate', aliases: ['op-tijd'], name: 'metrics.builtin.on-time-rate', unit: '%', direction: 'higher', group: tasksGroup };
