import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { atLocalTime, localDateOf } from './time.js';
import type { DayHours } from './time/working-hours.js';

/**
 * When a person can be nudged: their zone, daily hours, working days, absences and the public holidays
 * of their country. Every scheduled nudge goes through `nextWorkingMoment`, so nobody gets a 3 a.m. DM.
 */
export interface WorkingTime {
  zone: string;
  /**
   * Minutes after local midnight: the hours on every working day, unless `perDay` gives that day's. An end at
   * or before the start ends the next morning (a night shift, "22:00-06:00"); a shift belongs to the day it starts.
   */
  start: number;
  end: number;
  /** ISO weekdays, 1 = Monday. */
  days: readonly number[];
  /** Hours per ISO weekday where they differ ("mon-thu 08:00-16:00, fri 08:00-12:00"); a day missing here is not worked. */
  perDay?: Readonly<Record<number, DayHours>> | null;
  /** Inclusive local dates. */
  absences: readonly { from: string; to: string }[];
  /** ISO 3166-1 alpha-2; its public holidays count as days off. */
  country: string | null;
}

// Looking a year ahead is plenty for any nudge; a person with no working day at all still gets one, late.
const HORIZON_DAYS = 400;

const holidayCache = new Map<string, Set<string>>();

/** Public holidays only (not bank, school or observance days), from the date-holidays data set. */
export const publicHolidays = (country: string, year: number): Set<string> => {
  const key = `${country}:${year}`;
  let dates = holidayCache.get(key);
  if (!dates) {
    const calendar = new Holidays(country);
    const list = calendar.getHolidays?.(year) ?? [];
    dates = new Set(list.filter((holiday) => holiday.type === 'public').map((holiday) => holiday.date.slice(0, 10)));
    holidayCache.set(key, dates);
  }
  return dates;
};

export const isKnownCountry = (code: string): boolean => Object.hasOwn(new Holidays().getCountries(), code.toUpperCase());

export type DayOff = 'weekend' | 'absent' | 'holiday';

/** Why a local date is not a working day for this person, or null when it is one. */
export const dayOff = (date: string, time: WorkingTime): DayOff | null => {
  const weekday = DateTime.fromISO(date, { zone: 'UTC' }).weekday;
  if (!time.days.includes(weekday) || (time.perDay && !time.perDay[weekday])) return 'weekend';
  if (time.absences.some((absence) => absence.from <= date && date <= absence.to)) return 'absent';
  if (time.country && publicHolidays(time.country, Number(date.slice(0, 4))).has(date)) return 'holiday';
  return null;
};

const nextDate = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!;
const previousDate = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).minus({ days: 1 }).toISODate()!;

const MINUTE_MS = 60_000;

/** The hours of a local date's weekday, worked or not (whether it is worked is `dayOff`'s question). */
export const hoursOn = (date: string, time: WorkingTime): DayHours => {
  const own = time.perDay?.[DateTime.fromISO(date, { zone: 'UTC' }).weekday];
  return own ?? { start: time.start, end: time.end };
};

/** One working period: it starts on `date` and may end the next morning. */
export interface Shift {
  date: string;
  startAt: Date;
  endAt: Date;
}

/** The shift that starts on a local date, or null on a day off. */
export const shiftOn = (date: string, time: WorkingTime): Shift | null => {
  if (dayOff(date, time)) return null;
  const { start, end } = hoursOn(date, time);
  const startAt = atLocalTime(date, start, time.zone);
  const endAt = end > start && end < 24 * 60 ? atLocalTime(date, end, time.zone) : atLocalTime(nextDate(date), end % (24 * 60), time.zone);
  return { date, startAt, endAt };
};

// The end is inclusive to the minute: a 17:00 deadline for a 09:00-17:00 person is nudged at 17:00, not next morning.
const contains = (shift: Shift, instant: Date) => instant >= shift.startAt && instant.getTime() < shift.endAt.getTime() + MINUTE_MS;

/** The shift `instant` falls in: today's, or last night's that runs past midnight; null outside working time. */
export const shiftAt = (instant: Date, time: WorkingTime): Shift | null => {
  const today = localDateOf(instant, time.zone);
  for (const date of [previousDate(today), today]) {
    const shift = shiftOn(date, time);
    if (shift && contains(shift, instant)) return shift;
  }
  return null;
};

/** The working day an instant belongs to: its shift's date (03:00 in a 22:00-06:00 shift is the day before), else its local date. */
export const workingDateOf = (instant: Date, time: WorkingTime): string => shiftAt(instant, time)?.date ?? localDateOf(instant, time.zone);

/** The first shift starting on a date on or after `date` whose start is after `after`, or null within the horizon. */
const firstShiftFrom = (date: string, time: WorkingTime, after: Date | null): Shift | null => {
  let candidate = date;
  for (let step = 0; step < HORIZON_DAYS; step++, candidate = nextDate(candidate)) {
    const shift = shiftOn(candidate, time);
    if (shift && (!after || shift.startAt > after)) return shift;
  }
  return null;
};

/** `instant` itself when it falls in working time, else the start of the person's next working period. */
export const nextWorkingMoment = (instant: Date, time: WorkingTime): Date => {
  if (shiftAt(instant, time)) return instant;
  return firstShiftFrom(localDateOf(instant, time.zone), time, instant)?.startAt ?? instant;
};

/** The start of the first working day after the working day of `instant` ("their next working morning"). */
export const nextWorkingDayStart = (instant: Date, time: WorkingTime): Date =>
  firstShiftFrom(nextDate(workingDateOf(instant, time)), time, null)?.startAt ?? instant;

/** The end of the working period that contains `instant` (or of the next one, outside working time). */
export const workingDayEnd = (instant: Date, time: WorkingTime): Date => {
  const moment = nextWorkingMoment(instant, time);
  return shiftAt(moment, time)?.endAt ?? moment;
};

/** Whether the person is away (absent or on a public holiday) on the working day of `instant`. */
export const isAwayAt = (instant: Date, time: WorkingTime): boolean => {
  const reason = dayOff(workingDateOf(instant, time), time);
  return reason === 'absent' || reason === 'holiday';
};
