import { DateTime, FixedOffsetZone } from 'luxon';
import { botError } from '../errors.js';
import type { Locale } from '../i18n/catalog.js';
import { formatInstant } from './format.js';
import { readPhrase, type DaySpec, type Reading } from './reading.js';
import { addDays, assertZone, instantOfWall, localDateOf, onOrAfterDayMonth, onOrAfterWeekday, parseLocalDate } from './zone.js';

export type WhenKind = 'due' | 'start';

export interface WhenOptions {
  now: Date;
  zone: string;
  locale: Locale;
  kind: WhenKind;
}

/** A day without a time: a deadline means the end of the working day, a start its beginning. */
const DEFAULT_MINUTES: Record<WhenKind, number> = { due: 17 * 60, start: 9 * 60 };

/**
 * Reads a deadline or start moment typed by a person, relative to `now` in their zone.
 * Rolling rules: a time alone rolls to tomorrow once passed, a bare weekday to next week,
 * a day-month without year to next year; anything else that lies in the past is an error.
 */
export function parseWhen(text: string, opts: WhenOptions): Date {
  const zone = assertZone(opts.zone);
  const ctx = { now: opts.now, zone, locale: opts.locale };
  const reading = readPhrase(text, ctx);
  if (!reading) throw botError('time.unreadable', { phrase: text.trim() });
  const candidates = candidateInstants(reading, zone, opts);
  const ahead = candidates.find((instant) => instant.getTime() > opts.now.getTime());
  if (ahead) return ahead;
  const last = candidates[candidates.length - 1];
  if (!last) throw botError('time.unreadable', { phrase: text.trim() });
  throw botError('time.past', { when: formatInstant(last, zone, opts.locale, { now: opts.now }) });
}

/** The instants a reading may mean, in order of preference: the first one still ahead wins. */
function candidateInstants(reading: Reading, zone: string, opts: WhenOptions): Date[] {
  if (reading.kind === 'instant') return [reading.instant];
  const minutes = reading.minutes ?? DEFAULT_MINUTES[opts.kind];
  const at = (date: string): Date => instantAt(date, minutes, zone, reading.offsetMinutes);
  return candidateDates(reading.day, localDateOf(opts.now, zone)).map(at);
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
      // Today counts, so "27 nov 9:00" typed at 10:00 on 27 Nov is past rather than a year away.
      const date = onOrAfterDayMonth(day.month, day.day, today);
      return date === null ? [] : [date];
    }
    case 'date':
      return [day.date];
  }
}

function instantAt(date: string, minutes: number, zone: string, offsetMinutes?: number): Date {
  const { year, month, day } = parseLocalDate(date);
  const wall = { year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 };
  if (offsetMinutes === undefined) return instantOfWall(wall, zone);
  // The user named a zone in the phrase ("17:00 cet"): that offset wins over theirs.
  return DateTime.fromObject(wall, { zone: FixedOffsetZone.instance(offsetMinutes) }).toJSDate();
}
