import { botError } from '../errors.js';
import type { Locale } from '../i18n/catalog.js';
import { readPhrase, type DaySpec, type ReadContext } from './reading.js';
import {
  MAX_YEARS_AHEAD,
  addDays,
  assertZone,
  localDateOf,
  onOrAfterDayMonth,
  onOrAfterWeekday,
  parseLocalDate,
  toLocalDate,
} from './zone.js';

export interface DateRangeOptions {
  now: Date;
  zone: string;
  locale: Locale;
}

export interface DateRange {
  /** Local dates, yyyy-mm-dd, both inclusive. */
  from: string;
  to: string;
}

const MONDAY = 1;
const SEPARATOR =
  /\s+(?:to|until|till|through|thru|tot en met|tot|t\/m)\s+|\s*[–—]\s*|\s+-\s+|(?<=[a-z.])-(?=[a-z\d])/;
/** "24-26 dec" names the month once for both ends. */
const SHARED_MONTH = /^(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|tot|t\/m)\s*(\d{1,2})(?:st|nd|rd|th)? ([a-z]+\.?(?: \d{4})?)$/;

/**
 * A period of whole local days ("24 dec to 2 jan", "tomorrow", "from monday to friday").
 * The end rolls into the next year when it would fall before the start, and a period given as
 * day-month without year is the next one that has not yet ended (so on 1 Jan "24 dec to 2 jan"
 * is the holiday in progress). Periods with explicit dates in the past are returned as they are:
 * whether a past period is acceptable is for the caller to decide.
 */
export function parseDateRange(text: string, opts: DateRangeOptions): DateRange {
  const zone = assertZone(opts.zone);
  const ctx: ReadContext = { now: opts.now, zone, locale: opts.locale };
  const today = localDateOf(opts.now, zone);
  const phrase = normalise(text);
  if (/^(?:next week|volgende week)$/.test(phrase)) {
    const from = onOrAfterWeekday(addDays(today, 1), MONDAY);
    return { from, to: addDays(from, 6) };
  }
  const sides = splitSides(phrase);
  const [fromSpec, toSpec] = sides.length <= 2 ? sides.map((side) => daySpecOf(side, ctx)) : [null];
  const range = fromSpec && toSpec !== null ? resolve(fromSpec, toSpec ?? fromSpec, today) : null;
  if (!range) throw botError('time.bad_range', { range: text });
  return range;
}

function normalise(text: string): string {
  const phrase = text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/^(?:from|van|vanaf) /, '');
  return phrase.replace(SHARED_MONTH, '$1 $3 to $2 $3');
}

function splitSides(phrase: string): string[] {
  const between = /^(?:between|tussen) (.+) (?:and|en) (.+)$/.exec(phrase);
  if (between) return [between[1]!, between[2]!];
  return phrase.split(SEPARATOR);
}

/** Null when the side is not a day: unreadable, or only a time of day. */
function daySpecOf(side: string, ctx: ReadContext): DaySpec | null {
  const reading = side.trim() === '' ? null : readPhrase(side, ctx);
  if (!reading) return null;
  if (reading.kind === 'instant') return { kind: 'date', date: localDateOf(reading.instant, ctx.zone) };
  return reading.day.kind === 'none' ? null : reading.day;
}

function resolve(fromSpec: DaySpec, toSpec: DaySpec, today: string): DateRange | null {
  if (fromSpec.kind !== 'dayMonth') return ordered(dateOnOrAfter(fromSpec, today), toSpec);
  // Last year's period may still be running; otherwise this year's, otherwise next year's.
  const { year } = parseLocalDate(today);
  for (let candidate = year - 1; candidate <= year + MAX_YEARS_AHEAD; candidate += 1) {
    const from = toLocalDate({ year: candidate, month: fromSpec.month, day: fromSpec.day });
    const range = from === null ? null : ordered(from, toSpec);
    if (range && range.to >= today) return range;
  }
  return null;
}

/** The day a spec names, counting from `base`; fixed dates ignore it. */
function dateOnOrAfter(spec: DaySpec, base: string): string | null {
  if (spec.kind === 'date') return spec.date;
  if (spec.kind === 'weekday') return onOrAfterWeekday(base, spec.weekday);
  if (spec.kind === 'dayMonth') return onOrAfterDayMonth(spec.month, spec.day, base);
  return null;
}

/** Resolves the end relative to the start: a weekday or day-month end is the first one on or after it. */
function ordered(from: string | null, toSpec: DaySpec): DateRange | null {
  if (from === null) return null;
  const to = dateOnOrAfter(toSpec, from);
  // Only a fixed end (a date with its year) can fall before the start: say so rather than "unreadable".
  if (to !== null && to < from) throw botError('time.range_backwards');
  return to !== null ? { from, to } : null;
}
