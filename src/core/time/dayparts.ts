import type { Daypart, DaypartName, Patch, Recogniser } from './parts.js';
import { addDays } from './zone.js';
import { WEEKDAY_WORDS } from './names.js';

// Parts of the day set the time whatever the kind: morning 09:00, afternoon ("middag" too) 15:00, evening
// 20:00. With a 12-hour time they only say which half of the day it is in ("half zes 's middags" is 17:30).
// Dutch "'s ochtends" arrives here as "sochtends" (see phrase.ts), so the apostrophe needs no pattern.

const DAYPARTS: Record<DaypartName, Daypart> = {
  morning: { name: 'morning', minutes: 9 * 60 },
  afternoon: { name: 'afternoon', minutes: 15 * 60 },
  evening: { name: 'evening', minutes: 20 * 60 },
  // English "friday night" is the evening; Dutch "'s nachts" is the small hours and has no time of its own.
  night: { name: 'night', minutes: 20 * 60 },
};
const SMALL_HOURS: Daypart = { name: 'night', minutes: null };

const DUTCH_PART: Record<string, Daypart> = {
  ochtend: DAYPARTS.morning,
  morgen: DAYPARTS.morning,
  middag: DAYPARTS.afternoon,
  avond: DAYPARTS.evening,
  nacht: SMALL_HOURS,
};

const DUTCH_DAYS = Object.keys(WEEKDAY_WORDS).filter((word) => word.endsWith('dag'));

const RELATIVE: Record<string, number> = { vandaag: 0, morgen: 1, overmorgen: 2, gisteren: -1, eergisteren: -2 };

/** "morgenochtend", "vrijdagmiddag", "overmorgenavond": one Dutch word for a day and a part of it. */
const DUTCH_DAY_AND_PART: Recogniser = {
  pattern: new RegExp(`\\b(${[...Object.keys(RELATIVE), ...DUTCH_DAYS].join('|')})(ochtend|morgen|middag|avond|nacht)\\b`),
  read: (match, ctx): Patch => {
    const [, dayWord, partWord] = match;
    const daypart = DUTCH_PART[partWord!]!;
    const offset = RELATIVE[dayWord!];
    if (offset !== undefined) return { day: { kind: 'date', date: addDays(ctx.today, offset) }, daypart };
    return { day: { kind: 'weekday', weekday: WEEKDAY_WORDS[dayWord!]! }, daypart };
  },
};

/** Today at a part of the day: "vanmiddag", "tonight", "this morning"; "vannacht" needs a time. */
const TODAY_AND_PART: Recogniser = {
  pattern: /\b(?:van(ochtend|morgen|middag|avond|nacht)|(tonight|tonite)|this (morning|afternoon|evening))\b/,
  read: (match, ctx): Patch => {
    const [, dutch, tonight, english] = match;
    const daypart = dutch ? DUTCH_PART[dutch]! : tonight ? DAYPARTS.evening : DAYPARTS[english as DaypartName];
    return { day: { kind: 'date', date: ctx.today }, daypart };
  },
};

const WORDS: [RegExp, Daypart][] = [
  // Flemish says "voormiddag" and "namiddag" for the morning and the afternoon.
  [/\b(?:(?:in|during) the )?morning\b|\bsochtends\b|\bsmorgens\b|\b(?:in de )?(?:ochtend|voormiddag)\b/, DAYPARTS.morning],
  [/\b(?:(?:in|during) the )?afternoon\b|\bsmiddags\b|\b(?:in de )?(?:na)?middag\b/, DAYPARTS.afternoon],
  [/\b(?:(?:in|during) the )?evening\b|\bsavonds\b|\b(?:in de )?avond\b/, DAYPARTS.evening],
  [/\b(?:at |in the )?night\b/, DAYPARTS.night],
  [/\bsnachts\b|\b(?:in de )?nacht\b/, SMALL_HOURS],
];

/** The dayparts alone, without a day: what may follow a span ("in 3 days in the morning"). */
export const DAYPART_WORD_RECOGNISERS: readonly Recogniser[] = WORDS.map(([pattern, daypart]) => ({ pattern, read: () => ({ daypart }) }));

/** In the order they are tried: the compounds before the daypart words inside them. */
export const DAYPART_RECOGNISERS: readonly Recogniser[] = [DUTCH_DAY_AND_PART, TODAY_AND_PART, ...DAYPART_WORD_RECOGNISERS];
