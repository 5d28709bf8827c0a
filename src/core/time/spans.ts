import { NUMBER_PATTERN, readNumber } from './names.js';
import { readDurationParts, type DurationParts } from './units.js';

// Spans from now: "in 2 hours", "over anderhalf uur", "in a week", "over twee dagen", "3 days from now",
// "2 days ago". Minutes and hours are exact elapsed time; days and weeks are calendar days (when.ts).

/** Amounts in words ("anderhalf", "half an hour", "twee") become digits, so units.ts reads the rest. */
const AMOUNT_WORDS: [RegExp, string][] = [
  [/\bfortnights?\b/g, '2 weeks'],
  [/\b(?:anderhalf|anderhalve|one and a half)\b/g, '1.5'],
  // "half an hour", "a half hour", "een half uur", "een halve dag"; "an hour and a half" comes below.
  [/\b(?:een |a )?(?:half|halve) (?:an? |een )?(?=[a-z])/g, '0.5 '],
  [/\b(?:een |a )?(?:kwartier|quarter of an hour|quarter hour)\b/g, '15 minutes'],
  [/\b(?:a )?couple of\b/g, '2'],
];

const NUMBER = new RegExp(`\\b(?:${NUMBER_PATTERN}|an?)\\b(?=[ a-z]|$)`, 'g');
/** "an hour and a half", "2 uur en een half": the half belongs to the unit before it. */
const AND_A_HALF = /\b(\d+(?:[.,]\d+)?) ([a-z]+) (?:and|en) (?:1 )?half$/;

/** Null when the text is not wholly a duration. */
export function readSpan(text: string): DurationParts | null {
  let source = text.replace(/\s+/g, ' ').trim();
  for (const [pattern, replacement] of AMOUNT_WORDS) source = source.replace(pattern, replacement);
  source = source
    .replace(NUMBER, (word) => String(readNumber(word) ?? 1))
    .replace(AND_A_HALF, (_all, amount: string, unit: string) => `${Number(amount.replace(',', '.')) + 0.5} ${unit}`);
  const parts = readDurationParts(source);
  if (!parts || Object.values(parts).every((value) => value === 0)) return null;
  return parts;
}

/** A span's calendar days, or null when it has a clock part (hours, minutes) or a part of a day. */
export function wholeDays(parts: DurationParts): number | null {
  const days = parts.day + 7 * parts.week;
  return parts.hour === 0 && parts.minute === 0 && Number.isInteger(days) ? days : null;
}

const SPAN_START = /^(?:in|over|within|binnen) (.+)$/;
const SPAN_END = /^(.+) (from now|from today|vanaf nu|vanaf vandaag|later|hence|ago|geleden|terug)$/;

export interface SpanPhrase {
  parts: DurationParts;
  /** -1 for "2 days ago". */
  direction: 1 | -1;
  /** What follows the span ("in 3 days at 5pm": "at 5pm"), for the scanner to read as a time. */
  rest: string;
}

/**
 * "in 3 days at 5pm", "over 2 uur", "3 days from now". The span is the longest run of words that reads as a
 * duration, so "in 2 days 9am" leaves "9am" to be read as the time.
 */
export function readSpanPhrase(phrase: string): SpanPhrase | null {
  const ending = SPAN_END.exec(phrase);
  if (ending) {
    const parts = readSpan(ending[1]!);
    const back = ending[2] === 'ago' || ending[2] === 'geleden' || ending[2] === 'terug';
    return parts ? { parts, direction: back ? -1 : 1, rest: '' } : null;
  }
  const start = SPAN_START.exec(phrase);
  if (!start) return null;
  const words = start[1]!.split(' ');
  for (let length = words.length; length >= 1; length -= 1) {
    const parts = readSpan(words.slice(0, length).join(' '));
    if (parts) return { parts, direction: 1, rest: words.slice(length).join(' ') };
  }
  return null;
}
