import * as chrono from 'chrono-node';
import type { Locale } from '../i18n/catalog.js';
import { durationMs, readDurationParts } from './units.js';
import { addDays, localDateOf, onOrAfterWeekday, wallOf, type Wall } from './zone.js';

/**
 * Which day a phrase names, before the rolling rules pick a concrete date:
 * - none: only a time ("9am"): today, or tomorrow once that time has passed;
 * - weekday: a bare weekday ("friday"): the next such day, today included while still ahead;
 * - dayMonth: a date without a year ("3 jan"): the next such date, rolling a year once passed;
 * - date: fixed ("tomorrow", "in 3 days", "27 nov 2026"): never rolls.
 */
export type DaySpec =
  | { kind: 'none' }
  | { kind: 'weekday'; weekday: number }
  | { kind: 'dayMonth'; month: number; day: number }
  | { kind: 'date'; date: string };

export type Reading =
  | { kind: 'instant'; instant: Date }
  | { kind: 'moment'; day: DaySpec; minutes: number | null; offsetMinutes?: number };

export interface ReadContext {
  now: Date;
  zone: string;
  locale: Locale;
}

// Product decision: Dutch "middag" is read as 12:00 (lunch time), not as "afternoon".
const MIDDAG = '12:00';
const FRIDAY = 5;
const MONDAY = 1;

/** Reads a whole phrase, or returns null when any part of it is not a time expression. */
export function readPhrase(text: string, ctx: ReadContext): Reading | null {
  const phrase = normalise(text);
  if (phrase === '') return null;
  return readShortcut(phrase, ctx) ?? readRelative(phrase, ctx) ?? readWithChrono(rewrite(phrase, ctx), ctx);
}

function normalise(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^(?:on|at|by|op|om) /, '');
}

function today(ctx: ReadContext): string {
  return localDateOf(ctx.now, ctx.zone);
}

/** Whole-phrase shortcuts chrono does not know, or knows with a meaning that does not suit deadlines. */
function readShortcut(phrase: string, ctx: ReadContext): Reading | null {
  if (/^(?:eow|end of (?:the )?(?:work ?)?week|einde? (?:van )?(?:de )?(?:werk)?week)$/.test(phrase)) {
    return { kind: 'moment', day: { kind: 'weekday', weekday: FRIDAY }, minutes: 17 * 60 };
  }
  // chrono reads "next week" as "7 days from now"; people mean the start of next week.
  if (/^(?:next week|volgende week)$/.test(phrase)) {
    const nextMonday = onOrAfterWeekday(addDays(today(ctx), 1), MONDAY);
    return { kind: 'moment', day: { kind: 'date', date: nextMonday }, minutes: null };
  }
  // "tonight" never means tomorrow: once 20:00 has passed it is simply past (chrono's 22:00 is too late for work).
  if (/^(?:tonight|this evening|vanavond)$/.test(phrase)) {
    return { kind: 'moment', day: { kind: 'date', date: today(ctx) }, minutes: 20 * 60 };
  }
  return null;
}

/**
 * "in 2 hours" is an exact span from now, but "in 3 days" names a day (then the default time applies):
 * nobody expects "in 3 days" to mean "at 10:14 in 3 days".
 */
function readRelative(phrase: string, ctx: ReadContext): Reading | null {
  const match = /^(?:in|over|within|binnen) (.+)$/.exec(phrase) ?? /^(.+?) (?:from now|vanaf nu|later)$/.exec(phrase);
  if (!match) return null;
  const parts = readDurationParts(match[1]!.replace(/^(?:an?|een|1) (?=[a-z])/, '1 '));
  if (!parts) return null;
  const days = parts.day + 7 * parts.week;
  if (parts.hour > 0 || parts.minute > 0 || !Number.isInteger(days)) {
    return { kind: 'instant', instant: new Date(ctx.now.getTime() + durationMs(parts)) };
  }
  return { kind: 'moment', day: { kind: 'date', date: addDays(today(ctx), days) }, minutes: null };
}

const MONTHS =
  'january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept|sep|october|oct|november|nov|december|dec';
const MONTH_FIRST = new RegExp(`\\b(${MONTHS})\\.? (\\d{1,2})(?:st|nd|rd|th)?\\b(?![:.]\\d)`, 'g');
const DUTCH_DAY_PART = /\b(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)(ochtend|middag|avond)\b/g;
const ENGLISH_DAY_NIGHT = /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow) night\b/g;

/**
 * Turns parts of the phrase chrono misreads or does not know into plain "yyyy-mm-dd" and "hh:mm",
 * which both chrono languages read the same way.
 */
function rewrite(phrase: string, ctx: ReadContext): string {
  const day = today(ctx);
  const tomorrow = addDays(day, 1);
  return (
    phrase
      // Dates: "overmorgen" is unknown to chrono.nl; compound Dutch words name a day and a part of it.
      .replace(/\bovermorgen\b/g, addDays(day, 2))
      .replace(/\b(?:vanochtend|vanmorgen|this morning)\b/g, `${day} 09:00`)
      .replace(/\bvanmiddag\b/g, `${day} ${MIDDAG}`)
      .replace(/\bthis afternoon\b/g, `${day} 15:00`)
      .replace(/\bmorgen(ochtend|middag|avond)\b/g, (_whole, part: string) => `${tomorrow} ${partOfDay(part)}`)
      .replace(DUTCH_DAY_PART, (_whole, name: string, part: string) => `${name} ${partOfDay(part)}`)
      .replace(ENGLISH_DAY_NIGHT, '$1 20:00')
      // Times of day.
      .replace(/\b(?:eod|end of (?:the )?(?:work ?)?day|einde? (?:van )?(?:de )?(?:werk)?dag)\b/g, '17:00')
      .replace(/\b(?:noon|midday)\b/g, '12:00')
      .replace(/\bmiddag\b/g, MIDDAG)
      .replace(/\b(?:in the )?(?:morning|ochtend)\b/g, '09:00')
      .replace(/\b(?:in the )?afternoon\b/g, '15:00')
      .replace(/\b(?:in the )?(?:evening|avond)\b/g, '20:00')
      .replace(/\b(\d{1,2})u(\d{2})?\b/g, (_w, hour: string, minute?: string) => `${hour}:${minute ?? '00'}`)
      // en.GB reads "dec 24" as December 2024; day-first is what it reads well.
      .replace(MONTH_FIRST, '$2 $1')
  );
}

function partOfDay(part: string): string {
  if (part === 'ochtend') return '09:00';
  if (part === 'middag') return MIDDAG;
  return '20:00';
}

// en.GB reads dd/mm like the rest of the world outside the US.
const PARSERS: Record<Locale, chrono.Chrono> = { en: chrono.en.GB, nl: chrono.nl.casual };

/** The user's language first, then the other: a Dutch team lead still types "tomorrow" now and then. */
function readWithChrono(phrase: string, ctx: ReadContext): Reading | null {
  const reference = chronoReference(ctx);
  const order: Locale[] = ctx.locale === 'nl' ? ['nl', 'en'] : ['en', 'nl'];
  for (const locale of order) {
    const results = PARSERS[locale].parse(phrase, reference);
    const only = results.length === 1 ? results[0] : undefined;
    if (only && only.index === 0 && only.text.length === phrase.length && !only.end) {
      return toReading(only, reference, ctx);
    }
  }
  return null;
}

/**
 * chrono does its day arithmetic ("tomorrow", "friday") on a JS Date's host-local fields, and its
 * reference only knows a fixed offset. A Date whose host-local fields show the wall clock in the
 * user's zone makes that arithmetic happen in the user's calendar whatever TZ the host runs in.
 * Only the calendar fields are read back; the instant itself is rebuilt with luxon.
 */
function chronoReference(ctx: ReadContext): Date {
  const wall = wallOf(ctx.now, ctx.zone);
  return new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
}

function toReading(result: chrono.ParsedResult, reference: Date, ctx: ReadContext): Reading {
  const start = result.start;
  const tags = result.tags();
  if (tags.has('result/relativeDateAndTime')) {
    // A span chrono recognised in a form we did not ("2 hours from now" variants): keep the span, not the wall clock.
    const span = wallMs(componentsWall(start)) - wallMs(referenceWall(reference));
    return { kind: 'instant', instant: new Date(ctx.now.getTime() + span) };
  }
  const hour = afternoonIfBare(result);
  const minutes = start.isCertain('hour') ? hour * 60 + (start.get('minute') ?? 0) : null;
  const reading: Reading = { kind: 'moment', day: daySpecOf(result), minutes };
  if (start.isCertain('timezoneOffset') && minutes !== null) reading.offsetMinutes = start.get('timezoneOffset') ?? 0;
  return reading;
}

/**
 * Nobody means 5 a.m. by "friday at 5" or "om 5 uur": a bare hour from 1 to 6 with no am/pm is the
 * afternoon. A zero-padded "05:00" is a deliberate 24-hour time and stays in the morning.
 */
function afternoonIfBare(result: chrono.ParsedResult): number {
  const hour = result.start.get('hour') ?? 0;
  const bare = !result.start.isCertain('meridiem') && hour >= 1 && hour <= 6 && !/(^|\D)0\d[:.]\d{2}/.test(result.text);
  return bare ? hour + 12 : hour;
}

function daySpecOf(result: chrono.ParsedResult): DaySpec {
  const start = result.start;
  const fixed = (): DaySpec => ({
    kind: 'date',
    date: isoDate(start.get('year')!, start.get('month')!, start.get('day')!),
  });
  if (start.isCertain('year') || result.tags().has('result/relativeDate')) return fixed();
  if (start.isCertain('day') || start.isCertain('month')) {
    return { kind: 'dayMonth', month: start.get('month')!, day: start.get('day')! };
  }
  if (start.isCertain('weekday')) {
    // "next friday" follows chrono's calendar (the Friday of next week); a bare or "this" weekday rolls on our rules.
    if (/\b(?:next|volgende|last|past|vorige)\b/.test(result.text)) return fixed();
    return { kind: 'weekday', weekday: ((start.get('weekday')! + 6) % 7) + 1 };
  }
  return { kind: 'none' };
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function componentsWall(start: chrono.ParsedComponents): Wall {
  return {
    year: start.get('year')!,
    month: start.get('month')!,
    day: start.get('day')!,
    hour: start.get('hour') ?? 0,
    minute: start.get('minute') ?? 0,
    second: start.get('second') ?? 0,
  };
}

function referenceWall(reference: Date): Wall {
  return {
    year: reference.getFullYear(),
    month: reference.getMonth() + 1,
    day: reference.getDate(),
    hour: reference.getHours(),
    minute: reference.getMinutes(),
    second: reference.getSeconds(),
  };
}

function wallMs(wall: Wall): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
}
