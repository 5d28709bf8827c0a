import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { absences } from '../../../db/schema/index.js';
import { botError } from '../../errors.js';
import { addDays } from '../../time/zone.js';

// An absence longer than this is a typo ("2026 to 2062"), not a holiday.
const MAX_DAYS = 366;

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * Adds an absence, merged with every one it overlaps or touches (ending the day before it starts, or
 * starting the day after it ends), so the list never shows the same day twice. Returns the stored period.
 */
export const addMergedAbsence = async ({ db, personId, from, to, today }: { db: Db; personId: number; from: string; to: string; today: string }) => {
  if (to < from) throw botError('time.range_backwards');
  if (daysBetween(from, to) >= MAX_DAYS || to < today) throw botError('obm.away_implausible', { days: MAX_DAYS });
  const touching = await db
    .select()
    .from(absences)
    .where(and(eq(absences.personId, personId), lte(absences.fromDate, addDays(to, 1)), gte(absences.toDate, addDays(from, -1))));
  const merged = touching.reduce((range, row) => ({ from: row.fromDate < range.from ? row.fromDate : range.from, to: row.toDate > range.to ? row.toDate : range.to }), { from, to });
  if (touching.length > 0) await db.delete(absences).where(inArray(absences.id, touching.map((row) => row.id)));
  await db.insert(absences).values({ personId, fromDate: merged.from, toDate: merged.to, reason: '' });
  return { ...merged, merged: touching.length > 0 };
};

/** Removes the n-th of the person's current and upcoming absences, as `/obm me away` numbers them (1-based). */
export const removeNthAbsence = async ({ db, personId, today, n }: { db: Db; personId: number; today: string; n: number }) => {
  const list = await db.select().from(absences).where(and(eq(absences.personId, personId), gte(absences.toDate, today))).orderBy(absences.fromDate);
  const row = list[n - 1];
  if (!row) throw botError('obm.away_no_such', { n, count: list.length });
  await db.delete(absences).where(eq(absences.id, row.id));
  return row;
};
