import { enqueuePost } from '../../deliveries.js';
import { scheduleJob } from '../../jobs.js';
import { getTeam } from '../teams/teams.repository.js';
import { standupReportJob } from './standups.jobs.js';
import { digestMessage, parentMessage, summaryMessage, type ReportLine } from './standups.messages.js';
import { answersOfRun, getRunForUpdate, getStandup, markMissed, markReported, type StandupRow } from './standups.repository.js';
import { standupPost } from './standups.notices.js';
import { planStandup, reportKey, reportMoment, settleAway } from './standups.scheduling.js';
import { dateText, standupSubject, titleOf, type StandupDeps } from './standups.usecases.js';
import type { TeamRow } from '../../identity.js';

/** What a standup day says in the team channel: its parent post (thread style), and the report at the last deadline. */

const parentKey = (standupId: number, date: string) => `standup-parent:${standupId}:${date}`;
export const digestKey = (standupId: number, date: string) => `standup-digest:${standupId}:${date}`;

/** Every post of a standup day: news of the day, not posted once the standup is removed. */
const postNotice = (standupId: number, date: string) => ({ subject: standupSubject(standupId, date), nature: 'news' as const, check: standupPost.spec({ standupId }) });

/** The day's parent post in the team channel (thread style), posted before its first reply; once per day. */
export const ensureParent = async ({ db, now, team, standup, date }: StandupDeps & { team: TeamRow; standup: StandupRow; date: string }): Promise<string> => {
  const key = parentKey(standup.id, date);
  await enqueuePost({ db, team, message: parentMessage({ title: titleOf(standup, team.locale), date: dateText(date, team, now) }), dedupeKey: key, notBefore: now, notice: postNotice(standup.id, date) });
  return key;
};

/**
 * The report of a day, once the last participant's deadline has passed: thread style adds a summary to
 * the day's thread, digest style posts one compiled message. It plans everyone's next day too.
 */
export const reportNow = async ({ db, now, standupId, date }: StandupDeps & { standupId: number; date: string }): Promise<void> => {
  const standup = await getStandup({ db, standupId });
  if (!standup || standup.status === 'removed') return;
  const team = await getTeam({ db, teamId: standup.teamId });
  const run = await getRunForUpdate({ db, standupId, localDate: date });
  if (!team || !run || run.reportedAt) return;
  const at = await reportMoment({ db, now, standup, team, date, runId: run.id });
  if (at > now) {
    // Someone in a later zone joined since the report was planned: wait for their deadline too.
    await scheduleJob({ db, job: standupReportJob, payload: { standupId, date }, runAt: at, dedupeKey: `${reportKey(standupId, date)}:${at.toISOString()}` });
    return;
  }
  await settleAway({ db, now, standup, team, run });
  await markMissed({ db, runId: run.id, now });
  const rows = await answersOfRun({ db, runId: run.id });
  await markReported({ db, runId: run.id, now });
  await planStandup({ db, now, standup, team });
  if (!rows.some(({ answer }) => answer.status === 'answered' || answer.status === 'missed' || answer.status === 'asked')) return;
  const lines: ReportLine[] = rows.map(({ answer, person }) => ({ answer, person }));
  const title = titleOf(standup, team.locale);
  const dateLabel = dateText(date, team, now);
  if (standup.reportStyle === 'digest') {
    await enqueuePost({ db, team, message: digestMessage({ title, date: dateLabel, team, lines }), dedupeKey: digestKey(standupId, date), notBefore: now, notice: postNotice(standupId, date) });
    return;
  }
  const parent = await ensureParent({ db, now, team, standup, date });
  const summary = summaryMessage({ title, date: dateLabel, team, lines });
  await enqueuePost({ db, team, message: summary, dedupeKey: `standup-summary:${standupId}:${date}`, notBefore: now, threadOfKey: parent, notice: postNotice(standupId, date) });
};
