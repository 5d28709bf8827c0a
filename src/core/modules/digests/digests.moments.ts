import type { TeamRow } from '../../identity.js';
import { addDays, onOrAfterWeekday, weekdayOf } from '../../time/zone.js';
import { atLocalTime, localDateOf } from '../../time.js';
import { periodAt } from '../metrics/metrics.periods.js';
import { workingDayBefore } from '../metrics/metrics.schedule.js';
import type { DigestSchedule } from './digests.settings.js';

type When = Pick<DigestSchedule, 'weekday' | 'minutes'>;

/**
 * The first digest moment strictly after `after`: the schedule's weekday and time on the team's wall clock,
 * computed per date in its zone, so Monday 09:00 stays 09:00 across a DST change.
 */
export const nextDigestAt = ({ team, schedule, after }: { team: TeamRow; schedule: When; after: Date }): Date => {
  const date = onOrAfterWeekday(localDateOf(after, team.zone), schedule.weekday);
  const at = atLocalTime(date, schedule.minutes, team.zone);
  return at > after ? at : atLocalTime(addDays(date, 7), schedule.minutes, team.zone);
};

/**
 * The digest that goes next: a digest reports the week before its own, so a team's first one is the first moment
 * after the week it was set up in, never a report of a week before it existed (a team set up on Monday at 08:00
 * does not get a digest at 09:00).
 */
export const firstDigestAfter = ({ team, schedule, after }: { team: TeamRow; schedule: When; after: Date }): Date => {
  const firstWeekEnds = periodAt('weekly', team.createdAt, team.zone).to.getTime();
  return nextDigestAt({ team, schedule, after: new Date(Math.max(after.getTime(), firstWeekEnds - 1)) });
};

/** Whether a planned moment is still what the schedule says (the zone or the time may have changed since). */
export const isDigestMoment = ({ team, schedule, at }: { team: TeamRow; schedule: When; at: Date }): boolean => {
  const date = localDateOf(at, team.zone);
  return weekdayOf(date) === schedule.weekday && atLocalTime(date, schedule.minutes, team.zone).getTime() === at.getTime();
};

/** When the managers get the draft of a reviewed digest: the start of the team's working day before it. */
export const reviewMomentFor = (team: TeamRow, digestAt: Date): Date => workingDayBefore(team, localDateOf(digestAt, team.zone));
