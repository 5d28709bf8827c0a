import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { atLocalTime, localDateOf } from './time.js';

/**
 * When a person can be nudged: their zone, daily hours, working days, absences and the public holidays
 * of their country. Every scheduled nudge goes through `nextWorkingMoment`, so nobody gets a 3 a.m. DM.
 */
export interface WorkingTime {
  zone: string;
  /** Minutes after local midnight. */
  start: number;
  end: number;
  /** ISO weekdays, 1 = Monday. */
  days: readonly number[];
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
  if (!time.days.includes(DateTime.fromISO(date, { zone: 'UTC' }).weekday)) return 'weekend';
  if (time.absences.some((absence) => absence.from <= date && date <= absence.to)) return 'absent';
  if (time.country && publicHolidays(time.country, Number(date.slice(0, 4))).has(date)) return 'holiday';
  return null;
};

const nextDate = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!;

const minuteOfDay = (instant: Date, zone: string) => {
  const local = DateTime.fromJSDate(instant, { zone });
  return local.hour * 60 + local.minute;
};

/** The first working date on or after `date`, or null within the horizon. */
const firstWorkingDate = (date: string, time: WorkingTime): string | null => {
  let candidate = date;
  for (let step = 0; step < HORIZON_DAYS; step++, candidate = nextDate(candidate)) {
    if (!dayOff(candidate, time)) return candidate;
  }
  return null;
};

/** `instant` itself when it falls in working time, else the start of the person's next working period. */
export const nextWorkingMoment = (instant: Date, time: WorkingTime): Date => {
  const today = localDateOf(instant, time.zone);
  const minute = minuteOfDay(instant, time.zone);
  if (!dayOff(today, time)) {
    // The end is inclusive: a 17:00 deadline for a 09:00-17:00 person is nudged at 17:00, not next morning.
    if (minute >= time.start && minute <= time.end) return instant;
    if (minute < time.start) return atLocalTime(today, time.start, time.zone);
  }
  const next = firstWorkingDate(nextDate(today), time);
  return next ? atLocalTime(next, time.start, time.zone) : instant;
};

/** The start of the first working day after the local date of `instant` ("their next working morning"). */
export const nextWorkingDayStart = (instant: Date, time: WorkingTime): Date => {
  const next = firstWorkingDate(nextDate(localDateOf(instant, time.zone)), time);
  return next ? atLocalTime(next, time.start, time.zone) : instant;
};

/** The end of the working day that contains `instant` (or of the next one, outside working time). */
export const workingDayEnd = (instant: Date, time: WorkingTime): Date => {
  const moment = nextWorkingMoment(instant, time);
  return atLocalTime(localDateOf(moment, time.zone), time.end, time.zone);
};

/** Whether the person is away (absent or on a public holiday) on the local date of `instant`. */
export const isAwayAt = (instant: Date, time: WorkingTime): boolean => {
  const reason = dayOff(localDateOf(instant, time.zone), time);
  return reason === 'absent' || reason === 'holiday';
};
