import { MONTH_PATTERN, monthOfWord } from './names.js';
import type { Patch, Recogniser, ScanContext } from './parts.js';
import { toLocalDate } from './zone.js';

// Written dates: "2026-12-03", "3 december", "dec 3rd", "3 dec 2026", and numeric ones, whose order depends
// on who writes them: Dutch is day-month ("3-12", "3/12"); English is month/day in the Americas (a person in
// an America/* zone, as in the US: "12/3" is December 3) and day/month elsewhere (UK, India).

const ORDINAL = '(?:st|nd|rd|th|e|ste|de)?';
const MONTH = `(${MONTH_PATTERN})`;
// A leap year, so "29 feb" without a year is a date that may exist; when.ts checks the year it lands in.
const ANY_YEAR = 2028;

/** People in these zones write the month first. */
function monthFirst(ctx: ScanContext): boolean {
  return ctx.locale === 'en' && /^(?:america|us)\//i.test(ctx.writerZone ?? ctx.zone);
}

function fullYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const year = Number(text);
  return text.length === 2 ? 2000 + year : year;
}

/** A date that exists: with a year, in that year; without one, in some year (29 February). */
function datePatch(day: number, month: number | null, year: number | undefined): Patch | 'invalid' {
  if (month === null || !Number.isInteger(day)) return 'invalid';
  const date = toLocalDate({ year: year ?? ANY_YEAR, month, day });
  if (date === null) return 'invalid';
  const spec = year === undefined ? { kind: 'dayMonth' as const, month, day } : { kind: 'date' as const, date };
  return { day: spec, explicitDate: true };
}

const ISO: Recogniser = {
  pattern: /(?<![\d/.-])(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?![\d/-]|\.\d)/,
  read: (match) => datePatch(Number(match[3]), Number(match[2]), Number(match[1])),
};

/** "3/12", "3-12", "12/3/2026", "3.12.2026" (dots only with a year: "3.12" alone is a time). */
const NUMERIC: Recogniser = {
  pattern: /(?<![\d/.:-])(\d{1,2})(?:([/-])(\d{1,2})(?:\2(\d{4}|\d{2}))?|\.(\d{1,2})\.(\d{4}|\d{2}))(?![\d/:-]|\.\d)/,
  read: (match, ctx) => {
    const [, first, , second, slashYear, dottedSecond, dottedYear] = match;
    const a = Number(first);
    const b = Number(second ?? dottedSecond);
    const year = fullYear(slashYear ?? dottedYear);
    return monthFirst(ctx) ? datePatch(b, a, year) : datePatch(a, b, year);
  },
};

const DAY_MONTH: Recogniser = {
  // "3 december", "3rd of dec", "3-dec-2026".
  pattern: new RegExp(`(?<![\\d:.])(\\d{1,2})${ORDINAL}[ -](?:of )?${MONTH}\\b(?:[ -](\\d{4}))?(?![\\d:])`),
  read: (match) => datePatch(Number(match[1]), monthOfWord(match[2]!), fullYear(match[3])),
};

const MONTH_DAY: Recogniser = {
  pattern: new RegExp(`\\b${MONTH} (?:the )?(\\d{1,2})${ORDINAL}(?![\\d:.]\\d|\\d| ?(?:am|pm|a\\.m|p\\.m|uur|u\\b|h\\b))(?: (\\d{4}))?(?![\\d:])`),
  read: (match) => datePatch(Number(match[2]), monthOfWord(match[1]!), fullYear(match[3])),
};

export const DATE_RECOGNISERS: readonly Recogniser[] = [ISO, NUMERIC, DAY_MONTH, MONTH_DAY];
