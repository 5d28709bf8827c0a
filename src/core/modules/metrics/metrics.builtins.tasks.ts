import { and, eq, gte, inArray, isNotNull, lt, or } from 'drizzle-orm';
import { tasks } from '../../../db/schema/index.js';
import { bucketOf, countsOf, ratesOf, spanOf, type BuiltinMetric } from './metrics.builtin-types.js';

/** Tasks marked done in the period. */
export const tasksDone: BuiltinMetric = {
  key: 'tasks-done',
  aliases: ['taken-klaar', 'taken-af'],
  name: 'metrics.builtin.tasks-done',
  unit: 'count',
  direction: 'higher',
  compute: async ({ db, teamId, periods, now }) => {
    const { from, to } = spanOf(periods);
    const rows = await db
      .select({ at: tasks.completedAt })
      .from(tasks)
      .where(and(eq(tasks.teamId, teamId), eq(tasks.status, 'done'), gte(tasks.completedAt, from), lt(tasks.completedAt, to)));
    return countsOf(periods, now, rows.map((row) => bucketOf(periods, row.at!)));
  },
};

/** Tasks created in the period, repeating occurrences included: each is work that came in. */
export const tasksCreated: BuiltinMetric = {
  key: 'tasks-created',
  aliases: ['taken-nieuw', 'nieuwe-taken'],
  name: 'metrics.builtin.tasks-created',
  unit: 'count',
  direction: 'higher',
  compute: async ({ db, teamId, periods, now }) => {
    const { from, to } = spanOf(periods);
    const rows = await db.select({ at: tasks.createdAt }).from(tasks).where(and(eq(tasks.teamId, teamId), gte(tasks.createdAt, from), lt(tasks.createdAt, to)));
    return countsOf(periods, now, rows.map((row) => bucketOf(periods, row.at)));
  },
};

/**
 * Tasks overdue at the end of each period (now, for the period still running): created and due before that
 * moment and not closed by it. A task is closed when done (`completed_at`), or cancelled or missed (its last
 * change, `updated_at`, which for a closed task is the closing).
 */
export const overdueNow: BuiltinMetric = {
  key: 'overdue-now',
  aliases: ['te-laat', 'achterstallig'],
  name: 'metrics.builtin.overdue-now',
  unit: 'count',
  direction: 'lower',
  compute: async ({ db, teamId, periods, now }) => {
    const moments = periods.map((period) => (period.to < now ? period.to : now));
    const latest = new Date(Math.max(...moments.map((moment) => moment.getTime())));
    const earliest = new Date(Math.min(...moments.map((moment) => moment.getTime())));
    const rows = await db
      .select({ createdAt: tasks.createdAt, dueAt: tasks.dueAt, status: tasks.status, completedAt: tasks.completedAt, updatedAt: tasks.updatedAt })
      .from(tasks)
      .where(and(eq(tasks.teamId, teamId), isNotNull(tasks.dueAt), lt(tasks.dueAt, latest), lt(tasks.createdAt, latest), or(eq(tasks.status, 'open'), and(eq(tasks.status, 'done'), gte(tasks.completedAt, earliest)), and(inArray(tasks.status, ['cancelled', 'missed']), gte(tasks.updatedAt, earliest)))));
    const closed = (row: (typeof rows)[number]) => (row.status === 'open' ? null : row.status === 'done' ? row.completedAt : row.updatedAt);
    return periods.map((period, index) => {
      if (period.from > now) return null;
      const moment = moments[index]!;
      return rows.filter((row) => {
        const closing = closed(row);
        return row.createdAt < moment && row.dueAt! < moment && (closing === null || closing >= moment);
      }).length;
    });
  },
};

/** Of the tasks with a deadline done in the period, the share done by it, in percent. */
export const onTimeRate: BuiltinMetric = {
  key: 'on-time-rate',
  aliases: ['op-tijd'],
  name: 'metrics.builtin.on-time-rate',
  unit: '%',
  direction: 'higher',
  compute: async ({ db, teamId, periods, now }) => {
    const { from, to } = spanOf(periods);
    const rows = await db
      .select({ at: tasks.completedAt, dueAt: tasks.dueAt })
      .from(tasks)
      .where(and(eq(tasks.teamId, teamId), eq(tasks.status, 'done'), isNotNull(tasks.dueAt), gte(tasks.completedAt, from), lt(tasks.completedAt, to)));
    const pairs = periods.map(() => ({ hits: 0, total: 0 }));
    for (const row of rows) {
      const pair = pairs[bucketOf(periods, row.at!)];
      if (!pair) continue;
      pair.total += 1;
      if (row.at! <= row.dueAt!) pair.hits += 1;
    }
    return ratesOf(pairs).map((rate, index) => (periods[index]!.from > now ? null : rate));
  },
};
