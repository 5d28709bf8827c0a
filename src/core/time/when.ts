import { DateTime, FixedOffsetZone } from 'luxon';
import { botError } from '../errors.js';
import type { Locale } from '../i18n/catalog.js';
import { formatInstant } from './format.js';
import { readPhrase, type DaySpec, type Reading } from './reading.js';
import { addDays, assertZone, instantOfWall, localDateOf, onOrAfterWeekday, parseLocalDate, toLocalDate } from './zone.js';

export type WhenKind = 'due' | 'start';

export interface WhenOptions {
  now: Date;
  /** The zone the moment is read in: the assignee's for a deadline. */
  zone: string;
  locale: Locale;
  kind: WhenKind;
  /** The zone of whoever typed the phrase, for the order of a numeric date ("12/3"); `zone` when not given. */
  writerZone?: string;
}

/** A day without a time: a deadline means the end of the working day, a start its beginning. */
const DEFAULT_MINUTES: Record<WhenKind, number> = { due: 17 * 60, start: 9 * 60 };

/**
 * Reads a deadline or start moment typed by a person, relative to `now` in their zone, by the written rules
 * (../shared/dates-rules.md). Rolling: a time alone rolls to tomorrow once passed, a bare weekday to next
 * week, a date without a year to next year, "end of month" to next month; anything else in the past (an
 * instant equal to now included) is an error.
 */
export function parseWhen(text: string, opts: WhenOptions): Date {
  const zone = assertZone(opts.zone);
  const ctx = { now: opts.now, zone, locale: opts.locale, ...(opts.writerZone ? { writerZone: assertZone(opts.writerZone) } : {}) };
  const reading = readPhrase(text, ctx);
  if (!reading) throw botError('time.unreadable', { phrase: text.trim() });
  const readings = candidateInstants(reading, zone, opts);
  const ahead = readings.flat().find((instant) => instant.getTime() > opts.now.getTime());
  if (ahead) return ahead;
  // The past moment shown is the preferred reading's latest, the one a person most likely meant.
  const last = readings[0]?.[readings[0].length - 1];
  if (!last) throw botError('time.unreadable', { phrase: text.trim() });
  throw botError('time.past', { when: formatInstant(last, zone, opts.locale, { now: opts.now }) });
}

/**
 * The instants a reading may mean, per reading of its time (an ambiguous Dutch "om half zes" has two) and in
 * order of preference: the first one still ahead wins.
 */
function candidateInstants(reading: Reading, zone: string, opts: WhenOptions): Date[][] {
  if (reading.kind === 'instant') return [[reading.instant]];
  const dates = candidateDates(reading.day, localDateOf(opts.now, zone));
  const times = [reading.minutes ?? DEFAULT_MINUTES[opts.kind]];
  if (reading.altMinutes !== undefined) times.push(reading.altMinutes);
  return times.map((minutes) => dates.map((date) => instantAt(date, minutes, zone, reading.offsetMinutes)));
}

function candidateDates(day: DaySpec, today: string): string[] {
  switch (day.kind) {
    case 'none':
      return [today, addDays(today, 1)];
    case 'weekday': {
      const first = onOrAfterWeekday(today, day.weekday);
      return [first, addDays(first, 7)];
    }
    case 'dayMonth': {
      // This year's date, or next year's once that instant has passed; a day that does not exist in the
      // year (29 February) is skipped, and when neither year has it the phrase is unreadable.
      const year = parseLocalDate(today).year;
      return [year, year + 1]
        .map((candidate) => toLocalDate({ year: candidate, month: day.month, day: day.day }))
        .filter((date): date is string => date !== null);
    }
    case 'date':
      return day.rollsTo ? [day.date, day.rollsTo] : [day.date];
  }
}

function instantAt(date: string, minutes: number, zone: string, offsetMinutes?: number): Date {
  const { year, month, day } = parseLocalDate(date);
  const wall = { year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 };
  if (offsetMinutes === undefined) return instantOfWall(wall, zone);
  // The user named a zone in the phrase ("17:00 cet"): that offset wins over theirs.
  return DateTime.fromObject(wall, { zone: FixedOffsetZone.instance(offsetMinutes) }).toJSDate();
}
