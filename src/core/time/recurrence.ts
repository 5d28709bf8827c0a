import { DateTime } from 'luxon';
import { botError, isBotError } from '../errors.js';
import type { Locale } from '../i18n/catalog.js';
import { formatDays, readDays } from './units.js';
import { addDays, assertZone, calendar, instantOfWall, localDateOf, parseLocalDate, wallOf, weekdayOf } from './zone.js';

export type RecurrenceUnit = 'day' | 'week' | 'month';

/** `weekdays` (ISO 1..7) narrows a daily or weekly repeat to those days ("weekdays", "every monday"). */
export type Recurrence = { unit: RecurrenceUnit; interval: number; weekdays?: number[] };

const WORKWEEK = [1, 2, 3, 4, 5];

const FIXED: Record<string, Recurrence> = {};
const fixed = (recurrence: Recurrence, ...phrases: string[]): void =>
  phrases.forEach((phrase) => (FIXED[phrase] = recurrence));
fixed({ unit: 'day', interval: 1 }, 'daily', 'every day', 'each day', 'dagelijks', 'elke dag', 'iedere dag');
fixed({ unit: 'day', interval: 2 }, 'every other day', 'om de dag', 'om de andere dag');
fixed(
  { unit: 'week', interval: 1, weekdays: WORKWEEK },
  ...['weekdays', 'every weekday', 'workdays', 'every workday'],
  ...['werkdagen', 'elke werkdag', 'iedere werkdag', 'op werkdagen'],
);
fixed({ unit: 'week', interval: 1 }, 'weekly', 'every week', 'each week', 'wekelijks', 'elke week', 'iedere week');
fixed({ unit: 'week', interval: 2 }, 'every other week', 'fortnightly', 'om de week', 'om de andere week', 'tweewekelijks', 'om de twee weken');
fixed({ unit: 'month', interval: 1 }, 'monthly', 'every month', 'each month', 'maandelijks', 'elke maand', 'iedere maand');

const UNIT_WORDS: Record<string, RecurrenceUnit> = {
  day: 'day', days: 'day', dag: 'day', dagen: 'day',
  week: 'week', weeks: 'week', weken: 'week',
  month: 'month', months: 'month', maand: 'month', maanden: 'month',
};

// Small counts as people write them: "every two weeks", "elke drie maanden".
const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  een: 1, één: 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, zeven: 7, acht: 8, negen: 9, tien: 10, elf: 11, twaalf: 12,
};
const NUMBER_WORD = new RegExp(`(?<=^(?:every|each|elke|iedere|om de) )(${Object.keys(NUMBER_WORDS).join('|')})(?= )`);

const EVERY = '(?:every|each|elke|iedere|om de)';
const EVERY_N_UNITS = new RegExp(`^${EVERY} (\\d+) ([a-z]+)$`);
// "every monday", "every 2 weeks on mon", and with the unit said: "every week on monday", "weekly on fri", "wekelijks op vr".
const EVERY_DAYS = new RegExp(`^(?:${EVERY}(?: (\\d+) (?:weeks?|weken)| week)?|weekly|wekelijks)(?: on| op)? (.+)$`);

/** Whether a phrase is a repeat `parseRecurrence` reads: tells a repeat from words of a title. */
export const isRecurrence = (text: string): boolean => {
  try {
    parseRecurrence(text);
    return true;
  } catch (error) {
    // "every 99999 days" reads as a repeat: it is refused as one, not swallowed into a title.
    return isBotError(error) && error.code === 'time.recurrence_too_rare';
  }
};

// A repeat comes round at least once a year; anything rarer is a typo, not a plan.
const MAX_INTERVAL: Record<RecurrenceUnit, number> = { day: 366, week: 52, month: 12 };

export function parseRecurrence(text: string): Recurrence {
  const phrase = text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*-\s*/g, '-')
    .replace(NUMBER_WORD, (word) => String(NUMBER_WORDS[word]));
  const recurrence = readFixed(phrase) ?? readEveryNUnits(phrase) ?? readEveryDays(phrase);
  if (!recurrence || recurrence.interval < 1) throw botError('time.bad_recurrence', { recurrence: text });
  if (recurrence.interval > MAX_INTERVAL[recurrence.unit]) throw botError('time.recurrence_too_rare', { recurrence: text });
  return recurrence;
}

function readFixed(phrase: string): Recurrence | null {
  const recurrence = FIXED[phrase];
  return recurrence ? { ...recurrence, ...(recurrence.weekdays ? { weekdays: [...recurrence.weekdays] } : {}) } : null;
}

function readEveryNUnits(phrase: string): Recurrence | null {
  const match = EVERY_N_UNITS.exec(phrase);
  const unit = match ? UNIT_WORDS[match[2]!] : undefined;
  return match && unit ? { unit, interval: Number(match[1]) } : null;
}

/** "every monday", "elke ma, do", "every 2 weeks on mon". */
function readEveryDays(phrase: string): Recurrence | null {
  const match = EVERY_DAYS.exec(phrase);
  const weekdays = match ? readDays(match[2]!) : null;
  if (!match || !weekdays) return null;
  return { unit: 'week', interval: Number(match[1] ?? 1), weekdays };
}

interface RecurrenceWords {
  single: Record<RecurrenceUnit, string>;
  plural: Record<RecurrenceUnit, string>;
  every: string;
  on: string;
  workdays: string;
}

const WORDS: Record<Locale, RecurrenceWords> = {
  en: {
    single: { day: 'daily', week: 'weekly', month: 'monthly' },
    plural: { day: 'days', week: 'weeks', month: 'months' },
    every: 'every',
    on: 'on',
    workdays: 'weekdays',
  },
  nl: {
    single: { day: 'dagelijks', week: 'wekelijks', month: 'maandelijks' },
    plural: { day: 'dagen', week: 'weken', month: 'maanden' },
    every: 'elke',
    on: 'op',
    workdays: 'werkdagen',
  },
};

const fullDayName = (isoDay: number, locale: Locale): string =>
  DateTime.fromObject({ weekday: isoDay as 1 | 2 | 3 | 4 | 5 | 6 | 7 }, { zone: 'UTC' }).setLocale(locale).toFormat('cccc');

/** "daily", "every 2 weeks", "weekdays", "every Mon, Thu", "every 2 weeks on Mon"; the output parses back. */
export function formatRecurrence(r: Recurrence, locale: Locale): string {
  const words = WORDS[locale];
  const base = r.interval === 1 ? words.single[r.unit] : `${words.every} ${r.interval} ${words.plural[r.unit]}`;
  const weekdays = r.unit === 'month' ? [] : uniqueDays(r.weekdays ?? []);
  if (weekdays.length === 0) return base;
  if (r.unit === 'week' && r.interval === 1) {
    if (sameDays(weekdays, WORKWEEK)) return words.workdays;
    // One day reads better whole: "every Friday", "elke vrijdag" (both parse back).
    return `${words.every} ${weekdays.length === 1 ? fullDayName(weekdays[0]!, locale) : formatDays(weekdays, locale)}`;
  }
  return `${base} ${words.on} ${formatDays(weekdays, locale)}`;
}

export interface NextOccurrenceOptions {
  /**
   * The day of month the series started on. A monthly series clamped to a short month
   * (31 Jan -> 28 Feb) returns to the 31st afterwards only when this is given.
   */
  anchorDay?: number;
}

/**
 * The next occurrence after `previous`, at the same local wall-clock time in `zone`, so a 17:00
 * Amsterdam task stays at 17:00 across DST changes. A wall time inside a DST gap moves to the first
 * valid minute after it (02:30 -> 03:00); the series then continues from that moved time, since
 * `previous` is all this function knows of it.
 */
export function nextOccurrence(r: Recurrence, previous: Date, zone: string, opts: NextOccurrenceOptions = {}): Date {
  if (!Number.isInteger(r.interval) || r.interval < 1) {
    throw new RangeError(`interval must be a positive integer, got ${r.interval}`);
  }
  const name = assertZone(zone);
  const wall = wallOf(previous, name);
  const next = parseLocalDate(nextDate(r, localDateOf(previous, name), opts.anchorDay ?? wall.day));
  return instantOfWall({ ...wall, ...next }, name);
}

function nextDate(r: Recurrence, date: string, anchorDay: number): string {
  const weekdays = uniqueDays(r.weekdays ?? []);
  if (r.unit === 'month') return addMonthsClamped(date, r.interval, anchorDay);
  if (weekdays.length === 0) return addDays(date, r.unit === 'week' ? 7 * r.interval : r.interval);
  return r.unit === 'week'
    ? nextListedDayInWeeks(date, r.interval, weekdays)
    : nextListedDayInDays(date, r.interval, weekdays);
}

function addMonthsClamped(date: string, months: number, anchorDay: number): string {
  const month = calendar(date).set({ day: 1 }).plus({ months });
  return month.set({ day: Math.min(anchorDay, month.daysInMonth ?? 28) }).toISODate() as string;
}

/** Later listed days of the same ISO week first; after the last one, skip ahead `interval` weeks. */
function nextListedDayInWeeks(date: string, interval: number, weekdays: number[]): string {
  const weekday = weekdayOf(date);
  const later = weekdays.find((day) => day > weekday);
  if (later !== undefined) return addDays(date, later - weekday);
  const monday = addDays(date, 1 - weekday);
  return addDays(monday, 7 * interval + (weekdays[0]! - 1));
}

function nextListedDayInDays(date: string, interval: number, weekdays: number[]): string {
  let next = addDays(date, interval);
  // The step and the week are both periodic, so if nothing matches within 7 steps nothing ever will.
  for (let step = 0; step < 7 && !weekdays.includes(weekdayOf(next)); step += 1) next = addDays(next, interval);
  if (!weekdays.includes(weekdayOf(next))) throw new RangeError('this recurrence never lands on one of its weekdays');
  return next;
}

function uniqueDays(days: number[]): number[] {
  return [...new Set(days)].filter((day) => Number.isInteger(day) && day >= 1 && day <= 7).sort((a, b) => a - b);
}

function sameDays(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((day, index) => day === b[index]);
}
