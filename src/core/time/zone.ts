import { DateTime, IANAZone } from 'luxon';
import { botError } from '../errors.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A wall-clock moment without a zone: what a person reads off a clock on the wall. */
export interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
  millisecond?: number;
}

// Fixed offsets ("+02:00", "UTC+8") look like zones but ignore DST, so a team member
// in such a "zone" would drift an hour twice a year. Only real IANA names are allowed.
const OFFSET_LIKE = /^(?:[+-]|(?:utc|gmt)\s*[+-])/i;

export function isValidZone(zone: string): boolean {
  const name = zone.trim();
  if (name === '' || OFFSET_LIKE.test(name)) return false;
  return IANAZone.isValidZone(name);
}

// Every time shown or computed goes through assertZone, and building Intl formatters is the costly part of
// it: the answer for a given spelling never changes, so it is kept (the set of spellings seen is small).
const canonicalZones = new Map<string, string>();

/** Returns the zone name as the runtime spells it ("europe/amsterdam" -> "Europe/Amsterdam"). */
export function assertZone(zone: string): string {
  const known = canonicalZones.get(zone);
  if (known) return known;
  const name = canonicalZone(zone);
  if (canonicalZones.size < 10_000) canonicalZones.set(zone, name);
  return name;
}

function canonicalZone(zone: string): string {
  if (!isValidZone(zone)) throw botError('time.bad_zone', { zone });
  const name = zone.trim();
  const resolved = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  // ICU resolves links to its own canonical id (Asia/Kolkata -> Asia/Calcutta, CET -> Europe/Brussels);
  // keep the user's name in that case and only borrow ICU's capitalisation.
  return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
}

export function localDateOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone: assertZone(zone) }).toISODate() as string;
}

export function isoWithOffset(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone: assertZone(zone) }).toISO() as string;
}

/** The wall clock of an instant in a zone. */
export function wallOf(instant: Date, zone: string): Wall {
  const local = DateTime.fromJSDate(instant, { zone });
  return {
    year: local.year,
    month: local.month,
    day: local.day,
    hour: local.hour,
    minute: local.minute,
    second: local.second,
    millisecond: local.millisecond,
  };
}

/** The instant of a local date at `minutes` after midnight. Gaps move forward, overlaps take the earlier instant. */
export function atLocalTime(date: string, minutes: number, zone: string): Date {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= 24 * 60) {
    throw new RangeError(`minutes must be an integer in 0..1439, got ${minutes}`);
  }
  const { year, month, day } = parseLocalDate(date);
  return instantOfWall({ year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, assertZone(zone));
}

/**
 * Resolves a wall clock to an instant without luxon's defaults: luxon shifts a gap time by the
 * gap's size (02:30 -> 03:30) and picks the later instant in an overlap, both surprising for deadlines.
 */
export function instantOfWall(wall: Wall, zone: string): Date {
  const tz = IANAZone.create(zone);
  const asUtc = wallAsUtcMs(wall);
  // At most one transition happens within a day of any wall time, so the offsets a day
  // either side are the only two candidates.
  const offsetBefore = tz.offset(asUtc - DAY_MS);
  const offsetAfter = tz.offset(asUtc + DAY_MS);
  const candidates = [asUtc - offsetBefore * MINUTE_MS, asUtc - offsetAfter * MINUTE_MS]
    .filter((ms) => asUtc - tz.offset(ms) * MINUTE_MS === ms)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return new Date(candidates[0] as number);
  return new Date(transitionBetween(tz, asUtc - offsetAfter * MINUTE_MS, asUtc - offsetBefore * MINUTE_MS));
}

/** Binary search for the first instant carrying the post-gap offset: the first valid wall minute after a gap. */
function transitionBetween(tz: IANAZone, lo: number, hi: number): number {
  const offsetAtLo = tz.offset(lo);
  let low = lo;
  let high = hi;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (tz.offset(mid) === offsetAtLo) low = mid;
    else high = mid;
  }
  return high;
}

function wallAsUtcMs(wall: Wall): number {
  const ms = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0, wall.millisecond ?? 0);
  // Date.UTC maps years 0..99 to 1900..1999.
  const date = new Date(ms);
  date.setUTCFullYear(wall.year);
  return date.getTime();
}

export interface LocalDateParts {
  year: number;
  month: number;
  day: number;
}

export function parseLocalDate(date: string): LocalDateParts {
  const match = LOCAL_DATE.exec(date);
  const parsed = match ? DateTime.fromObject({ year: +match[1]!, month: +match[2]!, day: +match[3]! }, { zone: 'UTC' }) : null;
  if (!match || !parsed?.isValid) throw new RangeError(`not a yyyy-mm-dd date: ${date}`);
  return { year: parsed.year, month: parsed.month, day: parsed.day };
}

/** Calendar arithmetic on yyyy-mm-dd strings; UTC keeps it free of any DST. */
export function addDays(date: string, days: number): string {
  return calendar(date).plus({ days }).toISODate() as string;
}

/** ISO weekday of a local date: 1 = Monday .. 7 = Sunday. */
export function weekdayOf(date: string): number {
  return calendar(date).weekday;
}

export function isLocalDate(date: string): boolean {
  try {
    parseLocalDate(date);
    return true;
  } catch {
    return false;
  }
}

/** How many years ahead a date without a year may roll: enough to reach the next 29 February. */
export const MAX_YEARS_AHEAD = 8;

/** The first date on or after `base` with that month and day; null if none exists within reach. */
export function onOrAfterDayMonth(month: number, day: number, base: string): string | null {
  const { year } = parseLocalDate(base);
  for (let candidate = year; candidate <= year + MAX_YEARS_AHEAD; candidate += 1) {
    const date = toLocalDate({ year: candidate, month, day });
    if (date !== null && date >= base) return date;
  }
  return null;
}

/** The first date on or after `date` that falls on an ISO weekday. */
export function onOrAfterWeekday(date: string, weekday: number): string {
  return addDays(date, (weekday - weekdayOf(date) + 7) % 7);
}

export function calendar(date: string): DateTime {
  const { year, month, day } = parseLocalDate(date);
  return DateTime.fromObject({ year, month, day }, { zone: 'UTC' });
}

/** Null for a day that does not exist (31 Nov, 29 Feb in a common year). */
export function toLocalDate(parts: LocalDateParts): string | null {
  return DateTime.fromObject(parts, { zone: 'UTC' }).toISODate();
}
