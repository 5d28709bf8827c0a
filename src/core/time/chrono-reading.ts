import * as chrono from 'chrono-node';
import type { Locale } from '../i18n/catalog.js';
import type { DaySpec, ReadContext, Reading } from './reading-types.js';
import { wallOf, type Wall } from './zone.js';

// The long tail: phrases the piece reader (phrase.ts) does not know, such as a zone in the phrase
// ("17:00 cet"), "midnight" or "the 15th", are left to chrono. Only a reading of the whole phrase counts.

const MONTHS =
  'january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept|sep|october|oct|november|nov|december|dec';
const MONTH_FIRST = new RegExp(`\\b(${MONTHS})\\.? (\\d{1,2})(?:st|nd|rd|th)?\\b(?![:.]\\d)`, 'g');

/** Turns parts chrono misreads into forms both chrono languages read the same way. */
function rewrite(phrase: string): string {
  return (
    phrase
      .replace(/\b(\d{1,2})u(\d{2})?\b/g, (_w, hour: string, minute?: string) => `${hour}:${minute ?? '00'}`)
      // en.GB reads "dec 24" as December 2024; day-first is what it reads well.
      .replace(MONTH_FIRST, '$2 $1')
  );
}

// en.GB reads dd/mm like the rest of the world outside the US.
const PARSERS: Record<Locale, chrono.Chrono> = { en: chrono.en.GB, nl: chrono.nl.casual };

/** The user's language first, then the other: a Dutch team lead still types "tomorrow" now and then. */
export function readWithChrono(text: string, ctx: ReadContext): Reading | null {
  const phrase = rewrite(text);
  const reference = chronoReference(ctx);
  const order: Locale[] = ctx.locale === 'nl' ? ['nl', 'en'] : ['en', 'nl'];
  for (const locale of order) {
    const results = PARSERS[locale].parse(phrase, reference);
    const only = results.length === 1 ? results[0] : undefined;
    if (only && only.index === 0 && only.text.length === phrase.length && !only.end && namesSomething(only)) {
      return toReading(only, reference, ctx);
    }
  }
  return null;
}

/** A day, a weekday, an hour or a span: "deze week" alone is no moment to store. */
function namesSomething(result: chrono.ParsedResult): boolean {
  const start = result.start;
  return ['day', 'weekday', 'hour'].some((component) => start.isCertain(component as chrono.Component)) || result.tags().has('result/relativeDate');
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
  if (result.tags().has('result/relativeDateAndTime')) {
    // A span chrono recognised in a form phrase.ts did not: keep the span, not the wall clock.
    const span = wallMs(componentsWall(start)) - wallMs(referenceWall(reference));
    return { kind: 'instant', instant: new Date(ctx.now.getTime() + span) };
  }
  const hour = start.get('hour') ?? 0;
  const minutes = start.isCertain('hour') ? hour * 60 + (start.get('minute') ?? 0) : null;
  const reading: Reading = { kind: 'moment', day: daySpecOf(result), minutes };
  if (start.isCertain('timezoneOffset') && minutes !== null) reading.offsetMinutes = start.get('timezoneOffset') ?? 0;
  return reading;
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
