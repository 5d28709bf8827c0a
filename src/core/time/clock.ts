import type { Locale } from '../i18n/catalog.js';
import { NUMBER_PATTERN, isDutchNumberWord, readNumber } from './names.js';
import type { Clock, Daypart, Patch, Recogniser } from './parts.js';

// Times of day as people write them: "5pm", "17:00", "17.00 uur", "15u30", "om 9 uur", and the clock idioms
// of both languages. Dutch idioms count towards the next full hour: "half zes" is 5:30.

const N = `(${NUMBER_PATTERN})`;

const clockPatch = (clock: Clock): Patch => ({ clock });

/** A 12-hour reading (hour 1..12), or a 24-hour one when the digits say so ("half 18"). */
function twelveHourClock(hour: number, minute: number, language?: Locale): Patch | 'invalid' {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23 || minute < 0 || minute > 59) return 'invalid';
  return clockPatch({ hour, minute, twelveHour: hour >= 1 && hour <= 12, ...(language ? { language } : {}) });
}

/** The hour before `hour` on a 12-hour dial: "half een" is 12:30, not 0:30. Digits past 12 stay 24-hour. */
function hourBefore(hour: number): number {
  if (hour > 12) return hour - 1;
  return hour === 1 ? 12 : hour - 1;
}

function minutesWord(word: string): number | null {
  if (word === 'kwart' || /^(?:a )?quarter$/.test(word)) return 15;
  if (word === 'half') return 30;
  const value = readNumber(word);
  return value !== null && value >= 1 && value <= 30 ? value : null;
}

function hourWord(word: string): number | null {
  const value = readNumber(word);
  return value !== null && value >= 1 && value <= 24 ? value : null;
}

/** "half zes" (5:30), "tien over half tien" (9:40), "vijf voor half zes" (5:25); British "half five" is 5:30. */
const HALF_IDIOM: Recogniser = {
  pattern: new RegExp(`\\b(?:(kwart|${NUMBER_PATTERN}) (over|voor) )?half ${N}(?: uur)?\\b`),
  read: (match, ctx) => {
    const [, minutesText, direction, hourText] = match;
    const hour = hourWord(hourText!);
    const minutes = minutesText ? minutesWord(minutesText) : 0;
    if (hour === null || minutes === null || minutes >= 30) return 'invalid';
    const digits = /^\d+$/.test(hourText!);
    const british = !direction && (digits ? ctx.locale === 'en' : !isDutchNumberWord(hourText!));
    if (british) return twelveHourClock(hour, 30, 'en');
    const minute = direction === 'over' ? 30 + minutes : 30 - minutes;
    return twelveHourClock(hourBefore(hour), minute, 'nl');
  },
};

/** "kwart over drie" (3:15), "kwart voor vijf" (4:45), "tien voor vier" (3:50). */
const DUTCH_IDIOM: Recogniser = {
  pattern: new RegExp(`\\b(kwart|${NUMBER_PATTERN}) (over|voor) ${N}(?: uur)?\\b`),
  read: (match) => {
    const [, minutesText, direction, hourText] = match;
    const hour = hourWord(hourText!);
    const minutes = minutesWord(minutesText!);
    if (hour === null || minutes === null) return 'invalid';
    if (direction === 'over') return twelveHourClock(hour, minutes, 'nl');
    return twelveHourClock(hourBefore(hour), 60 - minutes, 'nl');
  },
};

// English says the minutes in fives ("ten to six"); "9 to 5" is a span of hours, not 4:51.
const ENGLISH_MINUTES = '(half|(?:a )?quarter|5|10|20|25|five|ten|twenty|twenty[- ]five)';

/** "half past five", "quarter past three", "ten to six", "a quarter to five". */
const ENGLISH_IDIOM: Recogniser = {
  pattern: new RegExp(`\\b${ENGLISH_MINUTES} (past|after|to|till|til|before|of) ${N}(?: o'?clock)?\\b`),
  read: (match) => {
    const [, minutesText, direction, hourText] = match;
    const hour = hourWord(hourText!);
    const minutes = minutesWord(minutesText!);
    if (hour === null || minutes === null) return 'invalid';
    if (direction === 'of' && minutes !== 15) return 'invalid';
    if (direction === 'past' || direction === 'after') return twelveHourClock(hour, minutes, 'en');
    if (minutes === 30) return 'invalid'; // "half to six" is not said
    return twelveHourClock(hourBefore(hour), 60 - minutes, 'en');
  },
};

/** "5pm", "5 PM", "5:30 pm", "5.30p.m.", "five pm". An hour outside 1..12 ("13pm") does not exist. */
const MERIDIEM: Recogniser = {
  // A lone "a"/"p" only straight after digits ("5p"): "at five a" is no time.
  pattern: new RegExp(`\\b${N}(?:[:.](\\d{2}))?(?: ?(a\\.?m\\.?|p\\.?m\\.?)|(?<=\\d)(a|p))(?![a-z])`),
  read: (match) => {
    const [, hourText, minuteText, longMeridiem, shortMeridiem] = match;
    const meridiemText = longMeridiem ?? shortMeridiem!;
    const hour = readNumber(hourText!);
    const minute = Number(minuteText ?? 0);
    if (hour === null || hour < 1 || hour > 12 || minute > 59) return 'invalid';
    return clockPatch({ hour, minute, meridiem: meridiemText.startsWith('a') ? 'am' : 'pm', twelveHour: true, language: 'en' });
  },
};

/** "17:00", "9:30", "17.00 uur", "14:00:00": digits with minutes are a 24-hour time; "25:00" does not exist. */
const DIGITAL: Recogniser = {
  pattern: /\b(\d{1,2})[:.](\d{2})(?::\d{2})?(?: ?(uur|u|h|hrs))?\b/,
  read: (match) => {
    const hour = Number(match[1]);
    const minute = Number(match[2]);
    if (hour > 23 || minute > 59) return 'invalid';
    return clockPatch({ hour, minute, twelveHour: false, ...(match[3] === 'uur' ? { language: 'nl' as const } : {}) });
  },
};

/** Flemish and French "17u", "15u30", "17h": with minutes 24-hour, an hour alone like "9 uur". */
const LETTER_HOUR: Recogniser = {
  pattern: /\b(\d{1,2})(u|h)(\d{2})?\b/,
  read: (match) => {
    const hour = Number(match[1]);
    if (match[3] === undefined) return twelveHourClock(hour, 0, match[2] === 'u' ? 'nl' : undefined);
    const minute = Number(match[3]);
    if (hour > 23 || minute > 59) return 'invalid';
    return clockPatch({ hour, minute, twelveHour: false });
  },
};

/** "om 9 uur", "drie uur", "5 o'clock". */
const HOUR_NAMED: Recogniser = {
  pattern: new RegExp(`\\b${N} (uur|o'?clock)\\b`),
  read: (match) => {
    const hour = readNumber(match[1]!);
    if (hour === null) return 'invalid';
    return twelveHourClock(hour, 0, match[2] === 'uur' ? 'nl' : 'en');
  },
};

const NOON: Recogniser = {
  pattern: /\b(?:12 )?(?:noon|midday|lunchtime)\b/,
  read: () => clockPatch({ hour: 12, minute: 0, twelveHour: false }),
};

/** Midnight is 00:00 of the day named: alone, the coming one. */
const MIDNIGHT: Recogniser = {
  pattern: /\b(?:12 )?(?:midnight|middernacht)\b/,
  read: () => clockPatch({ hour: 0, minute: 0, twelveHour: false }),
};

/** In the order they are tried: an idiom before the plain hour it contains. */
export const CLOCK_RECOGNISERS: readonly Recogniser[] = [
  ENGLISH_IDIOM,
  HALF_IDIOM,
  DUTCH_IDIOM,
  MERIDIEM,
  DIGITAL,
  LETTER_HOUR,
  HOUR_NAMED,
  NOON,
  MIDNIGHT,
];

/** A lone hour left over ("friday 5", "om 5", "at five"), read as an hour on the 12-hour dial. */
export function bareHourClock(word: string, language?: Locale): Clock | null {
  const hour = readNumber(word);
  if (hour === null || hour > 23 || /^\d{3,}$/.test(word)) return null;
  return { hour, minute: 0, twelveHour: hour >= 1 && hour <= 12, ...(language ? { language } : {}) };
}

/** The daypart places a 12-hour time: "half drie 's nachts" is 02:30, "tonight at 9" is 21:00. */
function hourInDaypart(hour: number, daypart: Daypart): number {
  switch (daypart.name) {
    case 'morning':
      return hour === 12 ? 0 : hour;
    case 'afternoon':
      return hour === 12 ? 12 : hour + 12;
    case 'evening':
      return hour === 12 ? 0 : hour + 12;
    case 'night':
      if (hour === 12) return 0;
      return hour <= 5 ? hour : hour + 12;
  }
}

export interface ClockMinutes {
  /** Minutes after local midnight; null for the kind's default time. */
  minutes: number | null;
  /** The other half of the day, for a 12-hour time nothing placed. */
  altMinutes?: number;
}

/**
 * Minutes after midnight for the time a phrase gives. A 12-hour time without am/pm or daypart is ambiguous:
 * in Dutch both halves of the day are right (the afternoon first for 1..6, as people mean at work); in English
 * only a bare hour 1..6 may be the afternoon. Null when the phrase names a daypart that has no time of its own.
 */
export function clockMinutes(clock: Clock | undefined, daypart: Daypart | undefined, locale: Locale): ClockMinutes | null {
  if (!clock) {
    if (!daypart) return { minutes: null };
    return daypart.minutes === null ? null : { minutes: daypart.minutes };
  }
  const { hour, minute } = clock;
  if (clock.meridiem) return { minutes: ((hour % 12) + (clock.meridiem === 'pm' ? 12 : 0)) * 60 + minute };
  if (daypart && hour >= 1 && hour <= 12) return { minutes: hourInDaypart(hour, daypart) * 60 + minute };
  if (!clock.twelveHour) return { minutes: hour * 60 + minute };
  const language = clock.language ?? locale;
  const afternoon = hour <= 6;
  if (language === 'en' && !afternoon) return { minutes: hour * 60 + minute };
  const preferred = afternoon ? hour + 12 : hour;
  const other = preferred >= 12 ? preferred - 12 : preferred + 12;
  return { minutes: preferred * 60 + minute, altMinutes: other * 60 + minute };
}
