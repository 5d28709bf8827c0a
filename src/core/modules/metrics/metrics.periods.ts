import { DateTime } from 'luxon';
import { botError } from '../../errors.js';
import type { Locale } from '../../i18n/catalog.js';
import { localDateOf, atLocalTime } from '../../time.js';
import { monthOfWord } from '../../time/names.js';
import { readPhrase } from '../../time/reading.js';
import { addDays, calendar, isLocalDate, weekdayOf } from '../../time/zone.js';

export type Cadence = 'weekly' | 'monthly';

/**
 * One week or month of a team: ISO weeks (Monday to Sunday) and calendar months of local dates in the team's
 * zone. `from`/`to` are the instants of its first and the day after its last local midnight, computed per date,
 * so a week with a DST change is 167 or 169 hours long and never loses a Sunday evening.
 */
export interface Period {
  cadence: Cadence;
  /** `2026-W48` or `2026-11`: what `metric_values.period` stores. */
  key: string;
  /** First and last local date, both inclusive. */
  start: string;
  end: string;
  zone: string;
  from: Date;
  /** Exclusive. */
  to: Date;
}

const pad = (value: number) => String(value).padStart(2, '0');

const build = (cadence: Cadence, key: string, start: string, end: string, zone: string): Period => ({
  cadence,
  key,
  start,
  end,
  zone,
  from: atLocalTime(start, 0, zone),
  to: atLocalTime(addDays(end, 1), 0, zone),
});

/** The period of a cadence that holds a local date. */
export const periodContaining = (cadence: Cadence, date: string, zone: string): Period => {
  if (cadence === 'weekly') {
    const start = addDays(date, 1 - weekdayOf(date));
    const day = calendar(start);
    return build('weekly', `${day.weekYear}-W${pad(day.weekNumber)}`, start, addDays(start, 6), zone);
  }
  const month = calendar(date).startOf('month');
  return build('monthly', `${month.year}-${pad(month.month)}`, month.toISODate()!, month.endOf('month').toISODate()!, zone);
};

/** The period an instant falls in, read on the team's wall clock. */
export const periodAt = (cadence: Cadence, instant: Date, zone: string): Period => periodContaining(cadence, localDateOf(instant, zone), zone);

export const previousPeriod = (period: Period): Period => periodContaining(period.cadence, addDays(period.start, -1), period.zone);
export const nextPeriod = (period: Period): Period => periodContaining(period.cadence, addDays(period.end, 1), period.zone);

/** `count` periods ending with `last`, oldest first. */
export const periodsEndingWith = (last: Period, count: number): Period[] => {
  const list = [last];
  while (list.length < count) list.unshift(previousPeriod(list[0]!));
  return list;
};

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;
const MONTH_KEY = /^(\d{4})-(\d{2})$/;

/** The period a stored key names, or null for a key of neither shape. */
export const periodOfKey = (key: string, zone: string): Period | null => {
  const week = WEEK_KEY.exec(key);
  if (week) {
    const monday = DateTime.fromObject({ weekYear: +week[1]!, weekNumber: +week[2]!, weekday: 1 }, { zone: 'UTC' });
    return monday.isValid && monday.weekNumber === +week[2]! ? periodContaining('weekly', monday.toISODate()!, zone) : null;
  }
  const month = MONTH_KEY.exec(key);
  if (month && +month[2]! >= 1 && +month[2]! <= 12) return periodContaining('monthly', `${month[1]}-${month[2]}-01`, zone);
  return null;
};

/** Short label: "week 48 (23–29 Nov)", "Nov 2026"; in the team's language. */
export const periodLabel = (period: Period, locale: Locale): string => {
  const tag = locale === 'nl' ? 'nl-NL' : 'en-GB';
  if (period.cadence === 'monthly') return calendar(period.start).setLocale(tag).toFormat('LLL yyyy').replace('.', '');
  const start = calendar(period.start).setLocale(tag);
  const end = calendar(period.end).setLocale(tag);
  const days = start.month === end.month ? `${start.day}–${end.toFormat('d LLL')}` : `${start.toFormat('d LLL')}–${end.toFormat('d LLL')}`;
  return `week ${start.weekNumber} (${days.replace(/\./g, '')})`;
};

/** A short column label for the last-8 list: "W48", "Nov". */
export const periodShort = (period: Period, locale: Locale): string =>
  period.cadence === 'weekly' ? `W${period.key.slice(-2)}` : calendar(period.start).setLocale(locale === 'nl' ? 'nl-NL' : 'en-GB').toFormat('LLL').replace('.', '');

const THIS = /^(?:this|current|deze|huidige)\s+(?:week|month|maand)$/;
const LAST_WEEK = /^(?:last|previous|vorige|afgelopen)\s+week$/;
const LAST_MONTH = /^(?:last|previous|vorige|afgelopen)\s+(?:month|maand)$/;
const ISO_WEEK = /^(\d{4})-?w(\d{1,2})$/;
const WEEK_NUMBER = /^(?:week|wk|w)\s*(\d{1,2})(?:\s+(\d{4}))?$/;
const YEAR_MONTH = /^(\d{4})-(\d{1,2})$/;
const MONTH_NAME = /^([a-z]+\.?)(?:\s+(\d{4}))?$/;

/** Monday of an ISO week, or null when the year has no such week. */
const mondayOf = (weekYear: number, weekNumber: number): string | null => {
  const monday = DateTime.fromObject({ weekYear, weekNumber, weekday: 1 }, { zone: 'UTC' });
  return monday.isValid && monday.weekNumber === weekNumber ? monday.toISODate() : null;
};

/** The latest of this year's and last year's candidate that has started by today: "week 48", "november". */
const latestStarted = (candidates: (string | null)[], today: string): string | null =>
  candidates.filter((date): date is string => date !== null && date <= today).sort().at(-1) ?? candidates.find((date) => date !== null) ?? null;

/**
 * A local date inside the period a person names after `for`/`voor`: a week ("week 48", "2026-W48", "last
 * week", "vorige week"), a month ("november", "nov 2025", "2026-11", "vorige maand") or a day ("friday",
 * "27 nov", "2026-11-27", "gisteren"). Without a year, or a bare weekday, it is the latest one that has
 * started, as values are logged after the fact. The caller refuses a period in the future.
 */
const dateOfPhrase = (text: string, { now, zone, locale }: { now: Date; zone: string; locale: Locale }): string | null => {
  const phrase = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const today = localDateOf(now, zone);
  const year = calendar(today).year;
  if (phrase === '' || THIS.test(phrase)) return today;
  if (LAST_WEEK.test(phrase)) return addDays(today, -7);
  if (LAST_MONTH.test(phrase)) return calendar(today).startOf('month').minus({ months: 1 }).toISODate();
  const iso = ISO_WEEK.exec(phrase);
  if (iso) return mondayOf(+iso[1]!, +iso[2]!);
  const numbered = WEEK_NUMBER.exec(phrase);
  if (numbered) return numbered[2] ? mondayOf(+numbered[2], +numbered[1]!) : latestStarted([mondayOf(year, +numbered[1]!), mondayOf(year - 1, +numbered[1]!)], today);
  const yearMonth = YEAR_MONTH.exec(phrase);
  if (yearMonth) return +yearMonth[2]! >= 1 && +yearMonth[2]! <= 12 ? `${yearMonth[1]}-${pad(+yearMonth[2]!)}-01` : null;
  const named = MONTH_NAME.exec(phrase);
  const month = named ? monthOfWord(named[1]!) : null;
  if (named && month) return named[2] ? `${named[2]}-${pad(month)}-01` : latestStarted([`${year}-${pad(month)}-01`, `${year - 1}-${pad(month)}-01`], today);
  if (isLocalDate(phrase)) return phrase;
  const reading = readPhrase(phrase, { now, zone, locale });
  if (!reading) return null;
  if (reading.kind === 'instant') return localDateOf(reading.instant, zone);
  const day = reading.day;
  switch (day.kind) {
    case 'none':
      return null;
    case 'date':
      return day.date;
    case 'weekday':
      return addDays(today, -((weekdayOf(today) - day.weekday + 7) % 7));
    case 'dayMonth': {
      const date = (y: number) => DateTime.fromObject({ year: y, month: day.month, day: day.day }, { zone: 'UTC' }).toISODate();
      return latestStarted([date(year), date(year - 1)], today);
    }
  }
};

/** The period of a metric's cadence a phrase names; `metrics.bad_period` when it names none. */
export const parsePeriod = (text: string | undefined, { cadence, now, zone, locale }: { cadence: Cadence; now: Date; zone: string; locale: Locale }): Period => {
  const date = dateOfPhrase(text ?? '', { now, zone, locale });
  if (!date) throw botError('metrics.bad_period', { phrase: (text ?? '').trim() });
  return periodContaining(cadence, date, zone);
};
