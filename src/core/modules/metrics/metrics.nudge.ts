import type { Db } from '../../../db/database.js';
import { enqueueDm } from '../../deliveries.js';
import type { TeamRow } from '../../identity.js';
import { t } from '../../i18n/catalog.js';
import { cancelJobs, scheduleJob } from '../../jobs.js';
import { textMessage } from '../../messages.js';
import { formatInstant } from '../../time.js';
import { zoneOf } from '../../view.js';
import { getPeople } from '../people/people.repository.js';
import { metricNudgeJob, nudgeJobKey, nudgeJobPrefix } from './metrics.jobs.js';
import { metricValueMissing } from './metrics.notices.js';
import { nextPeriod, periodAt, periodLabel, periodOfKey, type Period } from './metrics.periods.js';
import { getMetric, getTeam, valueOf, type MetricRow } from './metrics.repository.js';
import { digestScheduleOf } from '../digests/digests.settings.js';
import { digestAfter, nudgeMomentFor, type DigestSchedule } from './metrics.schedule.js';

/** Plans the reminder of one period's value; the key makes a second plan of it a no-op. */
const planFor = ({ db, metric, period, team, schedule }: { db: Db; metric: MetricRow; period: Period; team: TeamRow; schedule: DigestSchedule }) =>
  scheduleJob({ db, job: metricNudgeJob, payload: { metricId: metric.id, period: period.key }, runAt: nudgeMomentFor(team, period, schedule), dedupeKey: nudgeJobKey(metric.id, period.key) });

/**
 * Starts an owned metric's chain of reminders: the first period whose reminder moment is still ahead (added
 * on a Saturday, this week's Friday has passed: next week's is first). Each reminder plans the next.
 */
export const planFirstNudge = async ({ db, now, metric, team }: { db: Db; now: Date; metric: MetricRow; team: TeamRow }): Promise<void> => {
  if (metric.ownerId === null) return;
  const schedule = await digestScheduleOf({ db, teamId: team.id });
  let period = periodAt(metric.cadence, now, team.zone);
  while (nudgeMomentFor(team, period, schedule) <= now) period = nextPeriod(period);
  await planFor({ db, metric, period, team, schedule });
};

export const cancelNudges = ({ db, metricId }: { db: Db; metricId: number }) => cancelJobs({ db, dedupeKeyPrefix: nudgeJobPrefix(metricId) });

/**
 * A period's reminder falls due: plans the next period's, then DMs the owner once (`metric-nudge:<metric>:
 * <period>`) when the value is still missing, the digest is on and has not gone. The outbox re-checks it when it
 * goes, in the owner's working time, and drops it once the value arrived.
 */
export const nudgeNow = async ({ db, now, metricId, period: key }: { db: Db; now: Date; metricId: number; period: string }): Promise<void> => {
  const metric = await getMetric({ db, metricId });
  if (!metric || metric.removedAt || metric.ownerId === null) return;
  const team = await getTeam({ db, teamId: metric.teamId });
  const period = team ? periodOfKey(key, team.zone) : null;
  if (!team || !period) return;
  const schedule = await digestScheduleOf({ db, teamId: team.id });
  await planFor({ db, metric, period: nextPeriod(period), team, schedule });
  // With the digest off, nothing waits for the value: the chain goes on, so turning it on again resumes it.
  const digest = digestAfter(team, period, schedule);
  if (!schedule.enabled || now >= digest || (await valueOf({ db, metricId, period: key }))) return;
  const [owner] = await getPeople({ db, ids: [metric.ownerId] });
  if (!owner) return;
  const when = formatInstant(digest, zoneOf(owner, team), team.locale, { now });
  const text = t(team.locale, 'metrics.nudge', { name: metric.name, client: team.clientName, period: periodLabel(period, team.locale), when });
  await enqueueDm({
    db,
    person: owner,
    team,
    message: textMessage(text),
    dedupeKey: `metric-nudge:${metric.id}:${key}`,
    notBefore: now,
    notice: { subject: `metric:${metric.id}`, nature: 'nudge', check: metricValueMissing.spec({ metricId: metric.id, period: key }) },
  });
};
