import { Info } from 'luxon';
import { botError } from '../errors.js';
import type { Locale } from '../i18n/catalog.js';
import { WEEKDAY_WORDS } from './names.js';

const MINUTE_MS = 60_000;

type DurationUnit = 'minute' | 'hour' | 'day' | 'week';

const UNIT_MS: Record<DurationUnit, number> = {
  minute: MINUTE_MS,
  hour: 60 * MINUTE_MS,
  day: 24 * 60 * MINUTE_MS,
  week: 7 * 24 * 60 * MINUTE_MS,
};

// English and Dutch spellings side by side: users switch language mid-sentence.
const UNIT_WORDS: Record<string, DurationUnit> = {
  m: 'minute', min: 'minute', mins: 'minute', minute: 'minute', minutes: 'minute', minuut: 'minute', minuten: 'minute',
  h: 'hour', hr: 'hour', hrs: 'hour', hour: 'hour', hours: 'hour', u: 'hour', uur: 'hour', uren: 'hour',
  d: 'day', day: 'day', days: 'day', dag: 'day', dagen: 'day',
  w: 'week', wk: 'week', wks: 'week', week: 'week', weeks: 'week', weken: 'week',
};

/** A duration split by unit, so callers can tell calendar steps (days, weeks) from clock steps. */
export type DurationParts = Record<DurationUnit, number>;

const DURATION_TOKEN = /(\d+(?:[.,]\d+)?)\s*([a-z]+)\s*/gy;

/** Null when the text is not wholly a duration. Amounts may be decimal ("1.5h"). */
export function readDurationParts(text: string): DurationParts | null {
  const source = text.trim().toLowerCase().replace(/\s+(?:and|en)\s+/g, ' ');
  const parts: DurationParts = { minute: 0, hour: 0, day: 0, week: 0 };
  DURATION_TOKEN.lastIndex = 0;
  let consumed = 0;
  let tokens = 0;
  for (let match = DURATION_TOKEN.exec(source); match; match = DURATION_TOKEN.exec(source)) {
    const unit = UNIT_WORDS[match[2]!];
    if (!unit) return null;
    parts[unit] += Number(match[1]!.replace(',', '.'));
    consumed = DURATION_TOKEN.lastIndex;
    tokens += 1;
  }
  return tokens > 0 && consumed === source.length ? parts : null;
}

export function durationMs(parts: DurationParts): number {
  return Math.round((Object.keys(parts) as DurationUnit[]).reduce((sum, unit) => sum + parts[unit] * UNIT_MS[unit], 0));
}

/** Milliseconds in "90m", "2h", "1h30m", "2d", "1w", "2u", "3 dagen". Days are 24 hours here, not calendar days. */
export function parseDuration(text: string): number {
  const parts = readDurationParts(text);
  const ms = parts ? durationMs(parts) : 0;
  if (ms <= 0) throw botError('time.bad_duration', { duration: text });
  return ms;
}

const CLOCK = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/;

/** Minutes after midnight, or null. "24:00" is allowed as the end of a working day. */
function readClock(text: string): number | null {
  const match = CLOCK.exec(text.trim().toLowerCase());
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  const meridiem = match[3];
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (minute > 59 || hour > 24 || (hour === 24 && minute > 0)) return null;
  return hour * 60 + minute;
}

export function parseClock(text: string): number {
  const minutes = readClock(text);
  if (minutes === null) throw botError('time.bad_hours', { hours: text });
  return minutes;
}

/** Working hours within one day; a night shift across midnight is not supported (end must follow start). */
export function parseHours(text: string): { start: number; end: number } {
  const sides = text.trim().toLowerCase().split(/\s*(?:-|–|—|\bto\b|\btot\b|\buntil\b)\s*/);
  const [start, end] = sides.length === 2 ? sides.map(readClock) : [null, null];
  if (start == null || end == null || end <= start) throw botError('time.bad_hours', { hours: text });
  return { start, end };
}

const DAY_SETS: Record<string, number[]> = {
  weekdays: [1, 2, 3, 4, 5], workdays: [1, 2, 3, 4, 5], werkdagen: [1, 2, 3, 4, 5], 'every weekday': [1, 2, 3, 4, 5],
  weekend: [6, 7], weekends: [6, 7],
  daily: [1, 2, 3, 4, 5, 6, 7], 'every day': [1, 2, 3, 4, 5, 6, 7], dagelijks: [1, 2, 3, 4, 5, 6, 7],
  'elke dag': [1, 2, 3, 4, 5, 6, 7], 'iedere dag': [1, 2, 3, 4, 5, 6, 7], 'alle dagen': [1, 2, 3, 4, 5, 6, 7],
};

/** A single day name (English or Dutch, full or abbreviated, with an optional trailing dot or plural s). */
export function readDayName(word: string): number | null {
  const clean = word.trim().toLowerCase().replace(/\.$/, '');
  return WEEKDAY_WORDS[clean] ?? WEEKDAY_WORDS[clean.replace(/s$/, '')] ?? null;
}

/** Null when the text is not a list of days. */
export function readDays(text: string): number[] | null {
  const source = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const set = DAY_SETS[source];
  if (set) return [...set];
  const items = source.split(/\s*(?:,|\band\b|\ben\b|&|\s)\s*/).filter((item) => item !== '');
  const days = new Set<number>();
  for (const item of items) {
    const expanded = readDayItem(item);
    if (!expanded) return null;
    expanded.forEach((day) => days.add(day));
  }
  return days.size > 0 ? [...days].sort((a, b) => a - b) : null;
}

/** "wed" or a range "mon-fri"; ranges may wrap past Sunday ("sun-thu"). */
function readDayItem(item: string): number[] | null {
  const ends = item.split(/\s*[-–]\s*/);
  if (ends.length === 1) {
    const day = readDayName(item);
    return day ? [day] : null;
  }
  const [from, to] = ends.length === 2 ? ends.map(readDayName) : [null, null];
  if (!from || !to) return null;
  const run = [from];
  for (let day = from; day !== to; ) {
    day = (day % 7) + 1;
    run.push(day);
  }
  return run;
}

export function parseDays(text: string): number[] {
  const days = readDays(text.replace(/\s*-\s*/g, '-'));
  if (!days) throw botError('time.bad_days', { days: text });
  return days;
}

const LUXON_LOCALE: Record<Locale, string> = { en: 'en', nl: 'nl' };

export function dayName(day: number, locale: Locale): string {
  return Info.weekdays('short', { locale: LUXON_LOCALE[locale] })[day - 1] ?? String(day);
}

/** "Mon-Fri", "Mon, Wed, Fri", "Sun-Thu": runs of three or more collapse, and the result parses back with parseDays. */
export function formatDays(days: number[], locale: Locale): string {
  const set = new Set(days.filter((day) => Number.isInteger(day) && day >= 1 && day <= 7));
  if (set.size === 0) return '';
  const names = runsOf(set).map((run) =>
    run.length >= 3
      ? `${dayName(run[0]!, locale)}-${dayName(run[run.length - 1]!, locale)}`
      : run.map((day) => dayName(day, locale)).join(', '),
  );
  return names.join(', ');
}

/** Consecutive runs in week order, starting at a day whose predecessor is absent so a Sun-Mon run stays whole. */
function runsOf(set: Set<number>): number[][] {
  const previous = (day: number): number => ((day + 5) % 7) + 1;
  const first = [1, 2, 3, 4, 5, 6, 7].find((day) => set.has(day) && !set.has(previous(day))) ?? 1;
  const runs: number[][] = [];
  for (let offset = 0; offset < 7; offset += 1) {
    const day = ((first - 1 + offset) % 7) + 1;
    if (!set.has(day)) continue;
    const current = runs[runs.length - 1];
    if (current && current[current.length - 1] === previous(day)) current.push(day);
    else runs.push([day]);
  }
  return runs;
}
