import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { metricValueHistory, metricValues, metrics, teams } from '../../../db/schema/index.js';
import type { TeamRow } from '../../identity.js';

export type MetricRow = typeof metrics.$inferSelect;
export type MetricValueRow = typeof metricValues.$inferSelect;
export type MetricHistoryRow = typeof metricValueHistory.$inferSelect;

/** Null when the team already has a metric of that name (any case): the partial unique index decides, race-free. */
export const insertMetric = async ({ db, values }: { db: Db; values: typeof metrics.$inferInsert }): Promise<MetricRow | null> =>
  (await db.insert(metrics).values(values).onConflictDoNothing().returning())[0] ?? null;

export const findMetricByName = async ({ db, teamId, name }: { db: Db; teamId: number; name: string }): Promise<MetricRow | null> =>
  (await db.select().from(metrics).where(and(eq(metrics.teamId, teamId), isNull(metrics.removedAt), sql`lower(${metrics.name}) = lower(${name})`)))[0] ?? null;

export const getMetric = async ({ db, metricId }: { db: Db; metricId: number }): Promise<MetricRow | null> =>
  (await db.select().from(metrics).where(eq(metrics.id, metricId)))[0] ?? null;

export const listMetrics = async ({ db, teamId }: { db: Db; teamId: number }): Promise<MetricRow[]> =>
  db.select().from(metrics).where(and(eq(metrics.teamId, teamId), isNull(metrics.removedAt))).orderBy(asc(metrics.createdAt), asc(metrics.id));

export const markRemoved = async ({ db, metricId, now }: { db: Db; metricId: number; now: Date }): Promise<void> => {
  await db.update(metrics).set({ removedAt: now }).where(eq(metrics.id, metricId));
};

export const getTeam = async ({ db, teamId }: { db: Db; teamId: number }): Promise<TeamRow | null> =>
  (await db.select().from(teams).where(eq(teams.id, teamId)))[0] ?? null;

export const valueOf = async ({ db, metricId, period }: { db: Db; metricId: number; period: string }): Promise<MetricValueRow | null> =>
  (await db.select().from(metricValues).where(and(eq(metricValues.metricId, metricId), eq(metricValues.period, period))))[0] ?? null;

export const valuesOf = async ({ db, metricId, periods }: { db: Db; metricId: number; periods: string[] }): Promise<Map<string, number>> => {
  if (periods.length === 0) return new Map();
  const rows = await db.select({ period: metricValues.period, value: metricValues.value }).from(metricValues).where(and(eq(metricValues.metricId, metricId), inArray(metricValues.period, periods)));
  return new Map(rows.map((row) => [row.period, row.value]));
};

/**
 * Sets a period's value and appends it to the history, with the value it replaced. The upsert keeps one
 * current row per period even when two people log at once; the history then holds both, in commit order.
 */
export const recordValue = async ({ db, metricId, period, value, personId, now }: { db: Db; metricId: number; period: string; value: number; personId: number; now: Date }): Promise<{ previous: number | null }> => {
  const before = (await db.select({ value: metricValues.value }).from(metricValues).where(and(eq(metricValues.metricId, metricId), eq(metricValues.period, period))).for('update'))[0];
  await db
    .insert(metricValues)
    .values({ metricId, period, value, loggedBy: personId, loggedAt: now })
    .onConflictDoUpdate({ target: [metricValues.metricId, metricValues.period], set: { value, loggedBy: personId, loggedAt: now } });
  const previous = before?.value ?? null;
  await db.insert(metricValueHistory).values({ metricId, period, value, previous, loggedBy: personId, loggedAt: now });
  return { previous };
};

export const historyOf = async ({ db, metricId, period }: { db: Db; metricId: number; period?: string }): Promise<MetricHistoryRow[]> =>
  db
    .select()
    .from(metricValueHistory)
    .where(and(eq(metricValueHistory.metricId, metricId), period ? eq(metricValueHistory.period, period) : undefined))
    .orderBy(asc(metricValueHistory.id));
