import { Info } from 'luxon';

// Names people type for days, months and small numbers, English and Dutch side by side: a Dutch team
// still types "friday" now and then, so every phrase reader accepts both languages.

/** Weekday words, full and abbreviated, to ISO weekday (1 = Monday). */
export const WEEKDAY_WORDS: Readonly<Record<string, number>> = {
  mon: 1, monday: 1, ma: 1, maa: 1, maandag: 1,
  tue: 2, tues: 2, tuesday: 2, di: 2, din: 2, dinsdag: 2,
  wed: 3, weds: 3, wednesday: 3, wo: 3, woe: 3, woensdag: 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4, do: 4, don: 4, donderdag: 4,
  fri: 5, friday: 5, vr: 5, vrij: 5, vrijdag: 5,
  sat: 6, saturday: 6, za: 6, zat: 6, zaterdag: 6,
  sun: 7, sunday: 7, zo: 7, zon: 7, zondag: 7,
};

/** Month names come from luxon's (ICU's) tables; only the spellings ICU does not use are added here. */
const EXTRA_MONTHS: Readonly<Record<string, number>> = { sept: 9, maa: 3, okt: 10, mrt: 3 };

export const MONTH_WORDS: Readonly<Record<string, number>> = Object.freeze({
  ...Object.fromEntries(
    (['en', 'nl'] as const).flatMap((locale) =>
      (['long', 'short'] as const).flatMap((length) =>
        Info.months(length, { locale }).map((name, index) => [name.toLowerCase().replace(/\.$/, ''), index + 1]),
      ),
    ),
  ),
  ...EXTRA_MONTHS,
});

const EN_UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const NL_UNITS = ['nul', 'een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien', 'elf', 'twaalf',
  'dertien', 'veertien', 'vijftien', 'zestien', 'zeventien', 'achttien', 'negentien'];
const NL_TENS = ['', '', 'twintig', 'dertig', 'veertig', 'vijftig', 'zestig', 'zeventig', 'tachtig', 'negentig'];

/**
 * Number words 0..99 to their value: "twenty-five", "twenty five", "vijfentwintig". Phrases reach these tables
 * lower-cased and without diacritics ("één" is "een"), so the tables hold plain ASCII.
 */
const ENGLISH_NUMBERS = new Map<string, number>();
const DUTCH_NUMBERS = new Map<string, number>();
EN_UNITS.forEach((word, value) => ENGLISH_NUMBERS.set(word, value));
NL_UNITS.forEach((word, value) => DUTCH_NUMBERS.set(word, value));
for (let tens = 2; tens <= 9; tens += 1) {
  ENGLISH_NUMBERS.set(EN_TENS[tens]!, tens * 10);
  DUTCH_NUMBERS.set(NL_TENS[tens]!, tens * 10);
  for (let unit = 1; unit <= 9; unit += 1) {
    ENGLISH_NUMBERS.set(`${EN_TENS[tens]}-${EN_UNITS[unit]}`, tens * 10 + unit);
    ENGLISH_NUMBERS.set(`${EN_TENS[tens]} ${EN_UNITS[unit]}`, tens * 10 + unit);
    // Dutch writes the unit first: "vijfentwintig"; "tweeëntwintig" arrives here without its diaeresis.
    DUTCH_NUMBERS.set(`${NL_UNITS[unit]}en${NL_TENS[tens]}`, tens * 10 + unit);
  }
}

/** Longest first, so an alternation never stops at "twenty" in "twenty-five". */
const byLength = (a: string, b: string): number => b.length - a.length || a.localeCompare(b);

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const WEEKDAY_PATTERN = Object.keys(WEEKDAY_WORDS).sort(byLength).join('|');
export const MONTH_PATTERN = Object.keys(MONTH_WORDS).sort(byLength).map(escape).join('|');
/** A number in digits or words (no capture group of its own). */
export const NUMBER_PATTERN = `\\d{1,3}|${[...ENGLISH_NUMBERS.keys(), ...DUTCH_NUMBERS.keys()].sort(byLength).join('|')}`;

export function weekdayOfWord(word: string): number | null {
  return WEEKDAY_WORDS[word.replace(/\.$/, '')] ?? null;
}

export function monthOfWord(word: string): number | null {
  return MONTH_WORDS[word.replace(/\.$/, '')] ?? null;
}

/** A number written in digits or words, or null. */
export function readNumber(word: string): number | null {
  if (/^\d+$/.test(word)) return Number(word);
  return ENGLISH_NUMBERS.get(word) ?? DUTCH_NUMBERS.get(word) ?? null;
}

/** True for a Dutch number word: "half zes" counts towards six, English "half five" is half past five. */
export function isDutchNumberWord(word: string): boolean {
  return DUTCH_NUMBERS.has(word);
}
