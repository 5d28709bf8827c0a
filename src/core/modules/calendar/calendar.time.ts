import { botError, isBotError } from '../../errors.js';
import type { Locale } from '../../i18n/catalog.js';
import { atLocalTime, localDateOf, parseWhen } from '../../time.js';
import { readPhrase } from '../../time/reading.js';
import { addDays } from '../../time/zone.js';
import { dayOff, shiftOn, type WorkingTime } from '../../working-time.js';

/**
 * When a calendar entry is. A phrase with a clock time ("10 dec 14:00") is a timed entry at that instant; a
 * day alone ("10 dec", "friday") is an all-day entry on that local date of the team's zone, like a launch day
 * in a calendar app. Today counts as ahead for an all-day entry all day long.
 */
export interface EntryWhen {
  allDay: boolean;
  localDate: string | null;
  startsAt: Date;
}

export const readEntryWhen = ({ text, now, zone, locale }: { text: string; now: Date; zone: string; locale: Locale }): EntryWhen => {
  const reading = readPhrase(text, { now, zone, locale });
  const allDay = reading?.kind === 'moment' && reading.minutes === null;
  try {
    if (!allDay) return { allDay: false, localDate: null, startsAt: parseWhen(text, { now, zone, locale, kind: 'start' }) };
    // Read from the start of today, so that "today", or today's date, is not past at noon.
    const today = localDateOf(now, zone);
    const localDate = localDateOf(parseWhen(text, { now: atLocalTime(today, 0, zone), zone, locale, kind: 'start' }), zone);
    return { allDay: true, localDate, startsAt: atLocalTime(localDate, 0, zone) };
  } catch (error) {
    if (isBotError(error) && error.code === 'time.past') throw botError('calendar.past', { phrase: text.trim() });
    throw error;
  }
};

/** The entry's day for someone in `zone`: an all-day entry's date is the same date everywhere. */
export const entryDateIn = (entry: EntryWhen, zone: string): string => entry.localDate ?? localDateOf(entry.startsAt, zone);

const LOOK_BACK_DAYS = 400;

/**
 * The start of the working day `days` working days before the entry's day, in the person's working time
 * (weekends, absences and public holidays are not working days); null when none is found.
 */
export const reminderMoment = ({ entry, days, time }: { entry: EntryWhen; days: number; time: WorkingTime }): Date | null => {
  let date = entryDateIn(entry, time.zone);
  let counted = 0;
  for (let step = 0; step < LOOK_BACK_DAYS; step++) {
    date = addDays(date, -1);
    if (dayOff(date, time)) continue;
    counted += 1;
    if (counted === days) return shiftOn(date, time)?.startAt ?? null;
  }
  return null;
};

export const DEFAULT_REMIND_DAYS = [3, 1] as const;
export const MAX_REMIND_DAYS = 30;

export const remindDaysOf = (remindDays: number | null): readonly number[] => (remindDays === null ? DEFAULT_REMIND_DAYS : [remindDays]);

/** A reminder planned for an entry: how many working days ahead, when, and in whose zone. */
export interface PlannedReminder {
  days: number;
  at: Date;
  zone: string;
}
