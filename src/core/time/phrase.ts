import { DateTime } from 'luxon';
import { CLOCK_RECOGNISERS, bareHourClock, clockMinutes } from './clock.js';
import { DATE_RECOGNISERS } from './dates.js';
import { DAYPART_RECOGNISERS, DAYPART_WORD_RECOGNISERS } from './dayparts.js';
import { DAY_RECOGNISERS } from './days.js';
import { END_RECOGNISERS } from './ends.js';
import type { Parts, Patch, Recogniser, ScanContext } from './parts.js';
import type { ReadContext, Reading } from './reading-types.js';
import { readSpanPhrase, wholeDays, type SpanPhrase } from './spans.js';
import { durationMs } from './units.js';
import { addDays, localDateOf } from './zone.js';

// Reads a phrase as pieces: at most one day, one time and one daypart, in any order, with filler words
// between them ("uiterlijk vrijdag om half zes 's middags"). Every word must belong to a piece or be a filler;
// otherwise the phrase is not one this reader knows, and reading.ts gives chrono a go.

/** In the order they are tried: the longer phrases first, so "end of next week" is not "next week". */
const RECOGNISERS: readonly Recogniser[] = [
  ...END_RECOGNISERS,
  ...DATE_RECOGNISERS,
  ...DAYPART_RECOGNISERS,
  ...DAY_RECOGNISERS,
  ...CLOCK_RECOGNISERS,
];

/** Only a time's own pieces may follow a span ("in 3 days at 5pm"). */
const TIME_RECOGNISERS: readonly Recogniser[] = [...DAYPART_WORD_RECOGNISERS, ...CLOCK_RECOGNISERS];

/** Words that add nothing (rule 14), and what separates the pieces. */
const FILLERS = new Set([
  'by', 'due', 'on', 'at', '@', 'before', 'until', 'till', 'around', 'about', 'the', 'and',
  'uiterlijk', 'uiterst', 'tegen', 'om', 'op', 'voor', 'tot', 'rond', 'omstreeks', 'ongeveer', 'de', 'het', 'en',
  '|', '-',
]);

/** Fillers after which a lone number is an hour ("at 5", "om 5", "tegen vijf"), and the language they tell. */
const HOUR_PREPOSITIONS: Record<string, 'en' | 'nl' | undefined> = {
  at: 'en', '@': undefined, by: 'en', around: 'en', about: 'en', before: 'en', until: 'en', till: 'en',
  om: 'nl', tegen: 'nl', rond: 'nl', omstreeks: 'nl', ongeveer: 'nl', voor: 'nl', tot: 'nl',
};

/** Lower case, no accents ("één"), one apostrophe, and Dutch "'s avonds" as one word. */
export function normalisePhrase(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/(^|\s)'?s[ -]?(ochtends|morgens|middags|avonds|nachts)\b/g, '$1s$2')
    .replace(/(\d{4}-\d{2}-\d{2})t(?=\d)/g, '$1 ')
    .replace(/([a-z])-(?=[a-z])/g, '$1 ')
    .replace(/@/g, ' @ ')
    // A comma separates pieces ("friday, 5pm"), except in an amount ("over 1,5 uur").
    .replace(/(?<!\d),|,(?!\d)|[;!?]+/g, ' ')
    .replace(/\.(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A reading; 'invalid' for a phrase that names something impossible ("31 february", "25:00"); null if unknown. */
export function readPieces(text: string, context: ReadContext): Reading | 'invalid' | null {
  const instant = readIsoInstant(text);
  if (instant) return instant;
  const phrase = normalisePhrase(text);
  if (phrase === '') return null;
  const ctx: ScanContext = { ...context, today: localDateOf(context.now, context.zone) };
  // Fillers before a span ("due in 3 days", "uiterlijk over een week") add nothing either.
  const span = readSpanPhrase(phrase.replace(/^(?:(?:by|due|uiterlijk|tegen) )+(?=in |over |within |binnen )/, ''));
  if (span) return readSpan(span, ctx);
  const scanned = scan(phrase, RECOGNISERS, ctx, {});
  return scanned === null || scanned === 'invalid' ? scanned : combine(scanned, ctx);
}

/** A full ISO instant with its offset ("2026-12-03T14:00:00Z", pasted from elsewhere) is that instant. */
function readIsoInstant(text: string): Reading | 'invalid' | null {
  const value = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i.test(value)) return null;
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? { kind: 'instant', instant: parsed.toJSDate() } : 'invalid';
}

function readSpan(span: SpanPhrase, ctx: ScanContext): Reading | 'invalid' | null {
  const days = wholeDays(span.parts);
  if (days === null || span.direction < 0) return span.rest === '' ? { kind: 'instant', instant: spanInstant(span, ctx) } : null;
  // Whole days name a day (rule 9): the time is the one given after the span, or the kind's default.
  const parts: Parts = { day: { kind: 'date', date: addDays(ctx.today, days) } };
  const scanned = span.rest === '' ? parts : scan(span.rest, TIME_RECOGNISERS, ctx, parts);
  return scanned === null || scanned === 'invalid' ? scanned : combine(scanned, ctx);
}

/** Hours and minutes are elapsed time; whole days alongside them still step over the calendar. */
function spanInstant(span: SpanPhrase, ctx: ScanContext): Date {
  const sign = span.direction;
  const calendarDays = span.parts.day + 7 * span.parts.week;
  if (!Number.isInteger(calendarDays)) return new Date(ctx.now.getTime() + sign * durationMs(span.parts));
  const stepped = DateTime.fromJSDate(ctx.now, { zone: ctx.zone }).plus({ days: sign * calendarDays });
  return new Date(stepped.toMillis() + sign * durationMs({ ...span.parts, day: 0, week: 0 }));
}

function scan(phrase: string, recognisers: readonly Recogniser[], ctx: ScanContext, start: Parts): Parts | 'invalid' | null {
  const parts: Parts = { ...start };
  let rest = ` ${phrase} `;
  for (const recogniser of recognisers) {
    for (let match = recogniser.pattern.exec(rest); match; match = recogniser.pattern.exec(rest)) {
      const patch = recogniser.read(match, ctx);
      if (patch === 'invalid') return 'invalid';
      if (!merge(parts, patch)) return null;
      // A bar keeps the pieces on either side apart: "dec | 3" is no date.
      rest = `${rest.slice(0, match.index)} | ${rest.slice(match.index + match[0].length)}`;
    }
  }
  return readLeftovers(rest, parts);
}

/** False when two pieces claim the same role ("tomorrow friday", "5pm 17:00"). */
function merge(parts: Parts, patch: Patch): boolean {
  if (patch.day) {
    if (parts.day && !(patch.decorative && parts.explicitDate)) return false;
    if (!parts.day) {
      parts.day = patch.day;
      if (patch.explicitDate) parts.explicitDate = true;
    }
  }
  if (patch.clock) {
    if (parts.clock) return false;
    parts.clock = patch.clock;
  }
  if (patch.daypart) {
    if (parts.daypart) return false;
    parts.daypart = patch.daypart;
  }
  return true;
}

/** Fillers are dropped; one lone number may still be the hour ("friday 5", "om 5"); anything else is unknown. */
function readLeftovers(rest: string, parts: Parts): Parts | null {
  const words = rest.split(' ').filter((word) => word !== '');
  const meaningful = words.map((word, index) => ({ word, index })).filter(({ word }) => !FILLERS.has(word));
  if (meaningful.length === 0) return parts;
  const [lone] = meaningful;
  if (meaningful.length > 1 || parts.clock || !lone) return null;
  const before = words[lone.index - 1];
  const preposition = before !== undefined && before in HOUR_PREPOSITIONS;
  if (!preposition && !parts.day && !parts.daypart) return null;
  const clock = bareHourClock(lone.word, preposition ? HOUR_PREPOSITIONS[before!] : undefined);
  if (!clock) return null;
  parts.clock = clock;
  return parts;
}

function combine(parts: Parts, ctx: ScanContext): Reading | 'invalid' | null {
  if (!parts.day && !parts.clock && !parts.daypart) return null;
  const time = clockMinutes(parts.clock, parts.daypart, ctx.locale);
  // "'s nachts" alone names no time: refused rather than guessed (by chrono).
  if (!time) return 'invalid';
  const reading: Reading = { kind: 'moment', day: parts.day ?? { kind: 'none' }, minutes: time.minutes };
  if (time.altMinutes !== undefined) reading.altMinutes = time.altMinutes;
  return reading;
}
