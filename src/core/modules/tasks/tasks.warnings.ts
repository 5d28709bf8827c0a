import type { Db } from '../../../db/database.js';
import { arrivalOf } from '../../deliveries.js';
import { t, type Locale } from '../../i18n/catalog.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import { loadWorkingTime } from '../../recipient-time.js';
import { formatInstant, formatLocalDate, localDateOf } from '../../time.js';
import { addDays, wallOf } from '../../time/zone.js';
import { zoneOf } from '../../view.js';
import { dayOff, hoursOn, nextWorkingMoment, shiftAt, shiftOn, type WorkingTime } from '../../working-time.js';

/**
 * What the person who set a deadline or gave a task is told beside the confirmation: that the deadline
 * cannot be met in the assignee's working time, with a moment that can; and when a DM that waits for the
 * recipient's working time will reach them.
 */

// Looking back two months is plenty to find someone's last working day before a deadline.
const LOOK_BACK_DAYS = 60;

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The last moment of the person's working time at or before `at`, or null within the look-back. */
export const lastWorkingMomentBefore = (at: Date, time: WorkingTime): Date | null => {
  if (shiftAt(at, time)) return at;
  // Today's shift may have ended before `at`; a night shift's end is on the day after its start.
  for (let step = 0, day = localDateOf(at, time.zone); step <= LOOK_BACK_DAYS; step++, day = addDays(day, -1)) {
    const shift = shiftOn(day, time);
    if (shift && shift.endAt <= at) return shift.endAt;
  }
  return null;
};

/** Why `at` is outside the person's working time, in words, or null when it is inside. */
const reasonOf = ({ at, time, person, locale, now }: { at: Date; time: WorkingTime; person: PersonRow; locale: Locale; now: Date }): string | null => {
  if (shiftAt(at, time)) return null;
  const date = localDateOf(at, time.zone);
  const day = formatLocalDate(date, locale, { now, zone: time.zone });
  const who = { person: person.displayName, zone: time.zone, day };
  switch (dayOff(date, time)) {
    case 'weekend':
      return t(locale, 'tasks.warn.weekend', who);
    case 'absent':
      return t(locale, 'tasks.warn.absent', who);
    case 'holiday':
      return t(locale, 'tasks.warn.holiday', who);
    case null: {
      const wall = wallOf(at, time.zone);
      const minute = wall.hour * 60 + wall.minute;
      const hours = hoursOn(date, time);
      const params = { ...who, clock: clock(minute), start: clock(hours.start), end: clock(hours.end % (24 * 60)) };
      // Before the day's start unless the day's hours ended earlier that day (a night shift is before its start all day).
      return t(locale, hours.end > hours.start && minute > hours.end ? 'tasks.warn.after_hours' : 'tasks.warn.before_hours', params);
    }
  }
};

/**
 * One line for a deadline outside someone's working time, inside an absence or on a public holiday, with a
 * suggestion: their last working moment before it, or, when that has passed, when they are at work again.
 */
export const deadlineWarning = ({ at, time, person, locale, now }: { at: Date; time: WorkingTime; person: PersonRow; locale: Locale; now: Date }): string | null => {
  const reason = reasonOf({ at, time, person, locale, now });
  if (!reason) return null;
  const before = lastWorkingMomentBefore(at, time);
  const suggestion =
    before && before > now
      ? t(locale, 'tasks.warn.suggest_before', { when: formatInstant(before, time.zone, locale, { now }) })
      : t(locale, 'tasks.warn.suggest_after', { person: person.displayName, when: formatInstant(nextWorkingMoment(at, time), time.zone, locale, { now }) });
  return t(locale, 'tasks.warn.line', { reason, suggestion });
};

/** The warnings for every assignee whose working time the deadline misses. */
export const deadlineWarnings = async ({ db, team, people, at, now }: { db: Db; team: TeamRow; people: PersonRow[]; at: Date | null; now: Date }): Promise<string[]> => {
  if (!at) return [];
  const lines = await Promise.all(people.map(async (person) => deadlineWarning({ at, time: await loadWorkingTime({ db, person, team, now }), person, locale: team.locale, now })));
  return lines.filter((line): line is string => line !== null);
};

/** "Maria gets the message Tue 24 Nov, 09:00 (Asia/Manila).", for each recipient whose DM waits for their working time. */
export const arrivalLines = async ({ db, team, people, now, urgent }: { db: Db; team: TeamRow; people: PersonRow[]; now: Date; urgent: boolean }): Promise<string[]> => {
  const lines = await Promise.all(
    people.map(async (person) => {
      const at = await arrivalOf({ db, person, team, now, urgent });
      return at ? t(team.locale, 'tasks.gets_it', { person: person.displayName, when: formatInstant(at, zoneOf(person, team), team.locale, { now }) }) : null;
    }),
  );
  return lines.filter((line): line is string => line !== null);
};
