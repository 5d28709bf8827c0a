import { WEEKDAY_PATTERN, weekdayOfWord } from './names.js';
import type { Patch, Recogniser, ScanContext } from './parts.js';
import { addDays, onOrAfterWeekday, weekdayOf } from './zone.js';

// Days named relative to today, in the person's zone: "tomorrow", "overmorgen", "friday", "next friday",
// "aanstaande vrijdag", "vrijdag volgende week", "next week". Weeks run Monday to Sunday.

const WD = `(${WEEKDAY_PATTERN})`;
const NEXT_WEEK = '(?:next week|volgende week|komende week|aanstaande week)';
const THIS_WEEK = '(?:this week|deze week)';
const LAST_WEEK = '(?:last week|vorige week|afgelopen week)';
const MONDAY = 1;

const fixed = (date: string): Patch => ({ day: { kind: 'date', date } });

function mondayOfThisWeek(today: string): string {
  return addDays(today, MONDAY - weekdayOf(today));
}

/** That weekday in the week `weeks` away from this one (Monday to Sunday). */
function inWeek(ctx: ScanContext, weekday: number, weeks: number): string {
  return addDays(mondayOfThisWeek(ctx.today), 7 * weeks + weekday - MONDAY);
}

/** The first such weekday strictly after today. */
function coming(ctx: ScanContext, weekday: number): string {
  return onOrAfterWeekday(addDays(ctx.today, 1), weekday);
}

/** The last such weekday strictly before today. */
function previous(ctx: ScanContext, weekday: number): string {
  return onOrAfterWeekday(addDays(ctx.today, -7), weekday);
}

function weekdayRecogniser(pattern: string, date: (ctx: ScanContext, weekday: number) => string): Recogniser {
  return {
    pattern: new RegExp(pattern),
    read: (match, ctx) => {
      const weekday = weekdayOfWord(match.slice(1).find((group) => group !== undefined)!);
      return weekday === null ? 'invalid' : fixed(date(ctx, weekday));
    },
  };
}

const RELATIVE_DAYS: [RegExp, number][] = [
  [/\b(?:the )?day after tomorrow\b|\bovermorgen\b/, 2],
  [/\b(?:the )?day before yesterday\b|\beergisteren\b/, -2],
  [/\b(?:today|vandaag)\b/, 0],
  [/\b(?:tomorrow|tomorow|tommorow|tmrw|tmr|morgen)\b/, 1],
  [/\b(?:yesterday|gisteren)\b/, -1],
];

/** In the order they are tried: the longer phrases before the bare weekday they contain. */
export const DAY_RECOGNISERS: readonly Recogniser[] = [
  // "friday next week", "volgende week vrijdag": that weekday in next Monday-to-Sunday week.
  weekdayRecogniser(`\\b${WD},? (?:of |van )?${NEXT_WEEK}\\b|\\b${NEXT_WEEK},?(?: on| op)? ${WD}\\b`, (ctx, day) => inWeek(ctx, day, 1)),
  weekdayRecogniser(`\\b${WD},? ${THIS_WEEK}\\b|\\b${THIS_WEEK},?(?: on| op)? ${WD}\\b`, (ctx, day) => inWeek(ctx, day, 0)),
  weekdayRecogniser(`\\b${WD},? ${LAST_WEEK}\\b|\\b${LAST_WEEK},?(?: on| op)? ${WD}\\b`, (ctx, day) => inWeek(ctx, day, -1)),
  // "next friday" may mean the coming one or the one after; "aanstaande" / "komende" only the coming one.
  weekdayRecogniser(
    `\\b(?:next|volgende|(?:this )?coming|aanstaande|komende|eerstvolgende|eerstkomende) ${WD}\\b|\\b${WD} aanstaande\\b`,
    coming,
  ),
  weekdayRecogniser(`\\b(?:last|past|previous|vorige|afgelopen|verleden) ${WD}\\b`, previous),
  {
    // "next week" alone: Monday of next week, at the kind's default time.
    pattern: new RegExp(`\\b${NEXT_WEEK}\\b`),
    read: (_match, ctx) => fixed(inWeek(ctx, MONDAY, 1)),
  },
  { pattern: new RegExp(`\\b${LAST_WEEK}\\b`), read: (_match, ctx) => fixed(inWeek(ctx, MONDAY, -1)) },
  ...RELATIVE_DAYS.map(([pattern, offset]): Recogniser => ({ pattern, read: (_match, ctx) => fixed(addDays(ctx.today, offset)) })),
  {
    // A bare weekday ("friday", "this friday", "deze vrijdag") rolls: today while still ahead, else next week.
    pattern: new RegExp(`\\b(?:(?:this|deze) )?${WD}\\b`),
    read: (match) => {
      const weekday = weekdayOfWord(match[1]!);
      return weekday === null ? 'invalid' : { day: { kind: 'weekday', weekday }, decorative: true };
    },
  },
];
