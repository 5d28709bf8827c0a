import type { TeamRow } from '../../identity.js';
import { addDays, onOrAfterWeekday, weekdayOf } from '../../time/zone.js';
import { atLocalTime, localDateOf } from '../../time.js';
import { periodContaining, previousPeriod, type Cadence, type Period } from './metrics.periods.js';

/** When a team's weekly digest goes: an ISO weekday and minutes after local midnight, in the team's zone. */
export interface DigestSchedule {
  weekday: number;
  minutes: number;
}

/**
 * THE one place that says when a team's digest goes, until `/digest schedule` stores it per team: replace
 * this body with a read of the team's setting (and `/digest off` with null handling in the callers).
 * Default: Monday 09:00 in the team's zone.
 */
export const digestMoment = (_team: TeamRow): DigestSchedule => ({ weekday: 1, minutes: 9 * 60 });

/**
 * The digest that reports a period: the first one on a local date after the period's last day. A digest
 * reports periods that have ended, so Monday's digest shows last week, and a month waits for the first digest
 * of the next one.
 */
export const digestAfter = (team: TeamRow, period: Period): Date => {
  const { weekday, minutes } = digestMoment(team);
  return atLocalTime(onOrAfterWeekday(addDays(period.end, 1), weekday), minutes, team.zone);
};

/**
 * When an owner is reminded of a value still missing: the start of the team's last working day before the
 * digest's day, in the team's zone. The outbox then holds the DM for the owner's own working time.
 */
export const nudgeMomentFor = (team: TeamRow, period: Period): Date => {
  const { weekday } = digestMoment(team);
  let day = addDays(onOrAfterWeekday(addDays(period.end, 1), weekday), -1);
  for (let step = 0; step < 7 && !team.workingDays.includes(weekdayOf(day)); step++) day = addDays(day, -1);
  return atLocalTime(day, 0, team.zone);
};

/** The period a digest at `digestAt` reports: the last one that ended before its day (Monday's: last week). */
export const periodReportedBy = (team: TeamRow, cadence: Cadence, digestAt: Date): Period => previousPeriod(periodContaining(cadence, localDateOf(digestAt, team.zone), team.zone));
