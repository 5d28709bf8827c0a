import type { Db } from '../../../db/database.js';
import type { TeamRow } from '../../identity.js';
import { cancelJobs, scheduleJob } from '../../jobs.js';
import { digestJobKey, digestJobPrefix, digestPostJob, digestReviewJob, reviewJobKey, reviewJobPrefix } from './digests.jobs.js';
import { firstDigestAfter, reviewMomentFor } from './digests.moments.js';
import { digestScheduleOf } from './digests.settings.js';
import { teamsWithoutDigestJob } from './digests.repository.js';

/**
 * (Re)plans a team's next digest from its setting: the post at the next moment after `now` and, with review
 * on, the draft the working day before (at once when that has passed). What was planned before is cancelled,
 * so a new time, zone or `/digest off` takes effect for the coming week. Returns the moment, or null when off.
 */
export const planDigest = async ({ db, now, team }: { db: Db; now: Date; team: TeamRow }): Promise<Date | null> => {
  await cancelJobs({ db, dedupeKeyPrefix: digestJobPrefix(team.id) });
  await cancelJobs({ db, dedupeKeyPrefix: reviewJobPrefix(team.id) });
  const schedule = await digestScheduleOf({ db, teamId: team.id });
  if (!schedule.enabled) return null;
  const at = firstDigestAfter({ team, schedule, after: now });
  await scheduleJob({ db, job: digestPostJob, payload: { teamId: team.id }, runAt: at, dedupeKey: digestJobKey(team.id, at) });
  if (schedule.review) {
    const reviewAt = new Date(Math.max(now.getTime(), reviewMomentFor(team, at).getTime()));
    await scheduleJob({ db, job: digestReviewJob, payload: { teamId: team.id, dueAt: at.toISOString() }, runAt: reviewAt, dedupeKey: reviewJobKey(team.id, at) });
  }
  return at;
};

/** Start-up: every team without a planned digest gets one (teams from before the digest, or after a failure). */
export const planMissingDigests = async ({ db, now }: { db: Db; now: Date }): Promise<number> => {
  const teams = await teamsWithoutDigestJob({ db });
  for (const team of teams) await planDigest({ db, now, team });
  return teams.length;
};
