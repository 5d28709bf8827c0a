import { z } from 'zod';
import { botError } from '../errors.js';
import type { Locale } from '../i18n/catalog.js';
import { formatDays, parseClock, readDays } from './units.js';

/**
 * A person's working hours as they say them: "08:00-16:00", a night shift across midnight ("22:00-06:00",
 * common for VAs on US clients), or hours per weekday ("mon-thu 08:00-16:00, fri 08:00-12:00", in Dutch
 * "ma-do 08:00-16:00, vr 08:00-12:00"). A period without days holds on every working day of the team.
 */
export interface HoursPeriod {
  /** ISO weekdays (1 = Monday) the period holds on; absent means every working day of the team. */
  days?: number[];
  /** Minutes after local midnight. An end at or before the start ends the next day (a night shift). */
  start: number;
  end: number;
}

export type WorkingHours = HoursPeriod[];

/** One day's hours: the shift starts on that day; `end <= start` means it ends the next morning. */
export interface DayHours {
  start: number;
  end: number;
}

/** The stored shape (people.hours, jsonb), checked where it is read back. */
export const workingHoursSchema = z
  .array(z.object({ days: z.array(z.number().int().min(1).max(7)).min(1).optional(), start: z.number().int().min(0).max(1439), end: z.number().int().min(0).max(1440) }))
  .min(1);

const RANGE = /(\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)\s*(?:-|–|—|\bto\b|\btot\b|\buntil\b|\btill\b)\s*(\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)$/;

/** Parses working hours; throws time.bad_hours with the text as typed. */
export const parseWorkingHours = (text: string): WorkingHours => {
  const bad = () => botError('time.bad_hours', { hours: text });
  const chunks = text.trim().toLowerCase().split(/\s*[,;\n]\s*|\s+(?:and|en)\s+/).filter((chunk) => chunk !== '');
  const periods: WorkingHours = [];
  // "mon, wed 08:00-12:00": day names on their own belong to the hours that follow them.
  let pendingDays: number[] = [];
  for (const chunk of chunks) {
    const range = RANGE.exec(chunk);
    const prefix = (range ? chunk.slice(0, range.index) : chunk).replace(/:\s*$/, '').trim();
    let days = pendingDays;
    if (prefix !== '') {
      // "ma t/m do", "mon to thu", "mon through thu" are ranges as much as "mon-thu".
      const named = readDays(prefix.replace(/\s*(?:[-–]|\bt\/m\b|\btot en met\b|\btot\b|\bto\b|\bthrough\b|\bthru\b|\btill\b|\buntil\b)\s*/g, '-'));
      if (!named) throw bad();
      days = [...new Set([...days, ...named])].sort((a, b) => a - b);
    }
    if (!range) {
      pendingDays = days;
      continue;
    }
    pendingDays = [];
    const [start, end] = [readClockOrNull(range[1]!), readClockOrNull(range[2]!)];
    // 24:00 ends a day; it starts none. Equal ends would be a shift of no length (or of 24 hours: say 00:00-24:00).
    if (start === null || end === null || start >= 1440 || start === end || (start === 0 && end === 0)) throw bad();
    periods.push(days.length > 0 ? { days, start, end } : { start, end });
  }
  if (pendingDays.length > 0 || periods.length === 0) throw bad();
  if (periods.filter((period) => !period.days).length > 1) throw bad();
  return periods;
};

const readClockOrNull = (text: string): number | null => {
  try {
    return parseClock(text);
  } catch {
    return null;
  }
};

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export const formatDayHours = ({ start, end }: DayHours): string => `${clock(start)}-${clock(end)}`;

/** "08:00-16:00", "22:00-06:00", "Mon-Thu 08:00-16:00, Fri 08:00-12:00" ("ma-do …, vr …" in Dutch): parses back. */
export const formatWorkingHours = (hours: WorkingHours, locale: Locale): string =>
  hours.map((period) => (period.days ? `${formatDays(period.days, locale)} ${formatDayHours(period)}` : formatDayHours(period))).join(', ');

/** The hours of the old start/end columns, for a person who never set any other. */
export const uniformHours = (start: number, end: number): WorkingHours => [{ start, end }];

/**
 * Which days a person works and their hours on each. Hours without days hold on the team's working days;
 * hours naming days add those days (a later period naming a day wins). `perDay` is null when every working
 * day has the same hours, given as `start`/`end`.
 */
export const weekOf = (hours: WorkingHours, teamDays: readonly number[]): { days: number[]; start: number; end: number; perDay: Record<number, DayHours> | null } => {
  const base = hours.find((period) => !period.days);
  const named = hours.filter((period) => period.days);
  const first = base ?? named[0]!;
  if (named.length === 0) return { days: [...teamDays], start: first.start, end: first.end, perDay: null };
  const perDay: Record<number, DayHours> = {};
  if (base) for (const day of teamDays) perDay[day] = { start: base.start, end: base.end };
  for (const period of named) for (const day of period.days!) perDay[day] = { start: period.start, end: period.end };
  const days = Object.keys(perDay).map(Number).sort((a, b) => a - b);
  return { days, start: first.start, end: first.end, perDay };
};
