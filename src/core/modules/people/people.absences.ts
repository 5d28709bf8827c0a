import type { Db } from '../../../db/database.js';
import { botError } from '../../errors.js';
import { addDays, calendar } from '../../time/zone.js';
import { absencesOverlapping, addAbsence, deleteAbsences, listAbsences } from './people.repository.js';

// An absence longer than this is a typo ("2026 to 2062"), not a holiday.
const MAX_DAYS = 366;

/**
 * Adds an absence, merged with every one it overlaps or touches (ending the day before it starts, or
 * starting the day after it ends), so the list never shows the same day twice. Returns the stored period.
 */
export const addMergedAbsence = async ({ db, personId, from, to, today }: { db: Db; personId: number; from: string; to: string; today: string }) => {
  if (to < from) throw botError('time.range_backwards');
  if (calendar(to).diff(calendar(from), 'days').days >= MAX_DAYS || to < today) throw botError('obm.away_implausible', { days: MAX_DAYS });
  const touching = await absencesOverlapping({ db, personId, from: addDays(from, -1), to: addDays(to, 1) });
  const merged = touching.reduce((range, row) => ({ from: row.fromDate < range.from ? row.fromDate : range.from, to: row.toDate > range.to ? row.toDate : range.to }), { from, to });
  await deleteAbsences({ db, ids: touching.map((row) => row.id) });
  await addAbsence({ db, personId, from: merged.from, to: merged.to, reason: '' });
  return { ...merged, merged: touching.length > 0 };
};

/** Removes the n-th of the person's current and upcoming absences, as `/obm me away` numbers them (1-based). */
export const removeNthAbsence = async ({ db, personId, today, n }: { db: Db; personId: number; today: string; n: number }) => {
  const list = await listAbsences({ db, personId, fromDate: today });
  const row = list[n - 1];
  if (!row) throw botError('obm.away_no_such', { n, count: list.length });
  await deleteAbsences({ db, ids: [row.id] });
  return row;
};
