import type { Locale } from '../i18n/catalog.js';
import type { DaySpec, ReadContext } from './reading-types.js';

// The pieces a phrase is made of ("vrijdag" + "half zes" + "'s middags"), found one recogniser at a time and
// combined by phrase.ts. Kept apart so each recogniser file depends on these types only.

export interface Clock {
  hour: number;
  minute: number;
  meridiem?: 'am' | 'pm';
  /**
   * Written the 12-hour way ("9 uur", "half zes", "at 5"), so a daypart or the ambiguity rule places it in the
   * day. Digits with minutes ("5:30", "17.00") are a 24-hour time.
   */
  twelveHour: boolean;
  /** The language the time's own words are in, when they tell ("om 9 uur" is Dutch whatever the team's locale). */
  language?: Locale;
}

export type DaypartName = 'morning' | 'afternoon' | 'evening' | 'night';

/** A part of the day; `minutes` is its time when no clock is given (Dutch "'s nachts" has none). */
export interface Daypart {
  name: DaypartName;
  minutes: number | null;
}

export interface Parts {
  day?: DaySpec;
  clock?: Clock;
  daypart?: Daypart;
  /** The day is a written date ("3 december"), which a weekday beside it only decorates. */
  explicitDate?: boolean;
}

export interface Patch extends Parts {
  /** A bare weekday: dropped when a written date already names the day ("friday 3 december"). */
  decorative?: boolean;
}

export interface ScanContext extends ReadContext {
  /** Today's local date in the person's zone, yyyy-mm-dd. */
  today: string;
}

/** One kind of piece: a pattern (not global; the scanner takes one match at a time) and what it means. */
export interface Recogniser {
  pattern: RegExp;
  read(match: RegExpExecArray, ctx: ScanContext): Patch | 'invalid';
}
