import type { TeamRow } from '../../identity.js';
import { addDays, onOrAfterWeekday, weekdayOf } from '../../time/zone.js';
import { atLocalTime, localDateOf } from '../../time.js';
import type { DigestSchedule } from '../digests/digests.settings.js';
import { periodContaining, previousPeriod, type Cadence, type Period } from './metrics.periods.js';

export type { DigestSchedule } from '../digests/digests.settings.js';

type When = Pick<DigestSchedule, 'weekday' | 'minutes'>;

/**
 * The digest that reports a period: the first one on a local date after the period's last day. A digest
 * reports periods that have ended, so Monday's digest shows last week, and a month waits for the first digest
 * of the next one. `schedule` is the team's (digestScheduleOf).
 */
export const digestAfter = (team: TeamRow, period: Period, schedule: When): Date =>
  atLocalTime(onOrAfterWeekday(addDays(period.end, 1), schedule.weekday), schedule.minutes, team.zone);

/** The local date of the digest that reports a period. */
export const digestDateAfter = (period: Period, schedule: When): string => onOrAfterWeekday(addDays(period.end, 1), schedule.weekday);

/**
 * The start of the team's last working day before a digest's date, in the team's zone: when an owner is
 * reminded of a missing value and a manager gets the draft to review. The outbox then holds the DM for the
 * person's own working time.
 */
export const workingDayBefore = (team: TeamRow, digestDate: string): Date => {
  let day = addDays(digestDate, -1);
  for (let step = 0; step < 7 && !team.workingDays.includes(weekdayOf(day)); step++) day = addDays(day, -1);
  return atLocalTime(day, 0, team.zone);
};

/** When an owner is reminded of a value still missing: the working day before the digest that reports it. */
export const nudgeMomentFor = (team: TeamRow, period: Period, schedule: When): Date => workingDayBefore(team, digestDateAfter(period, schedule));

/** The period a digest at `digestAt` reports: the last one that ended before its day (Monday's: last week). */
export const periodReportedBy = (team: TeamRow, cadence: Cadence, digestAt: Date): Period => previousPeriod(periodContaining(cadence, localDateOf(digestAt, team.zone), team.zone));
