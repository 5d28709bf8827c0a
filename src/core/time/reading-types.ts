import type { Locale } from '../i18n/catalog.js';

/**
 * Which day a phrase names, before the rolling rules pick a concrete date:
 * - none: only a time ("9am"): today, or tomorrow once that time has passed;
 * - weekday: a bare weekday ("friday"): the next such day, today included while still ahead;
 * - dayMonth: a date without a year ("3 jan"): this year's, or next year's once passed;
 * - date: fixed ("tomorrow", "in 3 days", "27 nov 2026"): never rolls, except to `rollsTo` when given
 *   ("end of month" once the last day's 17:00 has passed is the end of next month).
 */
export type DaySpec =
  | { kind: 'none' }
  | { kind: 'weekday'; weekday: number }
  | { kind: 'dayMonth'; month: number; day: number }
  | { kind: 'date'; date: string; rollsTo?: string };

/**
 * What a phrase means. `altMinutes` is the other half of the day for a 12-hour time nobody placed in the
 * morning or the afternoon ("om half zes"): both readings are right, the first one still ahead is taken.
 */
export type Reading =
  | { kind: 'instant'; instant: Date }
  | { kind: 'moment'; day: DaySpec; minutes: number | null; altMinutes?: number; offsetMinutes?: number };

export interface ReadContext {
  now: Date;
  zone: string;
  locale: Locale;
  /**
   * The zone of whoever typed the phrase, when not `zone`: how they write numeric dates ("12/3" is month
   * first in America/*) is theirs, while the deadline is read in the assignee's zone.
   */
  writerZone?: string;
}
