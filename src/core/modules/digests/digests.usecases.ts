import type { Db } from '../../../db/database.js';
import { enqueueDm, enqueuePost } from '../../deliveries.js';
import { botError } from '../../errors.js';
import type { PersonRow, Role, TeamRow } from '../../identity.js';
import type { ChartRenderer } from '../../ports.js';
import { managersOf } from '../../recipients.js';
import { zoneOf, type View } from '../../view.js';
import { getPeople } from '../people/people.repository.js';
import { periodReportedBy } from '../metrics/metrics.schedule.js';
import { getTeam } from '../teams/teams.repository.js';
import { buildDigest } from './digests.build.js';
import { isDigestMoment } from './digests.moments.js';
import { digestAwaitingApproval, digestStillOn } from './digests.notices.js';
import { planDigest } from './digests.plan.js';
import { ensureDigest, lockDigest, updateDigest, type DigestRow } from './digests.repository.js';
import { heldMessage, reviewMessage } from './digests.review.messages.js';
import { digestScheduleOf } from './digests.settings.js';

const NEW_TEAM_MS = 7 * 24 * 60 * 60_000;

type Deps = { db: Db; now: Date; charts: ChartRenderer | null };

const viewFor = (person: PersonRow, team: TeamRow, now: Date): View => ({ locale: team.locale, zone: zoneOf(person, team), now });

const noteOf = async (db: Db, row: DigestRow) => {
  if (!row.note) return null;
  const [person] = row.approvedBy === null ? [] : await getPeople({ db, ids: [row.approvedBy] });
  return { person: person?.displayName ?? '—', text: row.note };
};

/**
 * Posts the week's digest in the team channel once (`digest:<team>:<week>`; the row says it went), with the
 * reviewer's note on top. The outbox re-checks at send time that the digest is still on.
 */
const post = async ({ db, now, charts, team, row, at, quietIfNew = 'post' }: Deps & { team: TeamRow; row: DigestRow; at: Date; quietIfNew?: 'post' | 'skip' }): Promise<void> => {
  const built = await buildDigest({ db, team, at, charts, note: await noteOf(db, row) });
  // A team set up days ago has nothing to report yet: its first "quiet week" would be noise in a new channel.
  if (built.empty && quietIfNew === 'skip' && team.createdAt.getTime() > at.getTime() - NEW_TEAM_MS) return;
  await enqueuePost({ db, team, message: built.message, dedupeKey: `digest:${team.id}:${row.periodKey}`, notBefore: now, notice: { subject: `digest:${team.id}`, nature: 'news', check: digestStillOn.spec({ teamId: team.id }) } });
  await updateDigest({ db, digestId: row.id, changes: { status: 'posted', postedAt: now } });
};

/**
 * A team's digest moment: plans the next one, then posts the week just ended, unless it went already or, with
 * review on, nobody approved it (the managers then hear once that it is held, with the button to post it). A
 * moment the setting no longer names (the time or zone changed since it was planned) only re-plans.
 */
export const runDigest = async ({ db, now, charts, teamId, runAt }: Deps & { teamId: number; runAt: Date }): Promise<void> => {
  const team = await getTeam({ db, teamId });
  if (!team) return;
  const schedule = await digestScheduleOf({ db, teamId });
  if (!schedule.enabled) return;
  await planDigest({ db, now: new Date(Math.max(now.getTime(), runAt.getTime())), team });
  if (!isDigestMoment({ team, schedule, at: runAt })) return;
  const week = periodReportedBy(team, 'weekly', runAt);
  const row = await ensureDigest({ db, teamId, periodKey: week.key, dueAt: runAt });
  if (row.status === 'posted') return;
  if (schedule.review && row.status !== 'approved') {
    for (const manager of await managersOf({ db, teamId })) {
      const message = heldMessage({ team, digestId: row.id, view: viewFor(manager, team, now) });
      await enqueueDm({ db, person: manager, team, message, dedupeKey: `digest-held:${row.id}:${manager.id}`, notBefore: now, notice: { subject: `digest:${team.id}`, nature: 'news', check: digestAwaitingApproval.spec({ digestId: row.id }) } });
    }
    return;
  }
  await post({ db, now, charts, team, row, at: runAt, quietIfNew: 'skip' });
};

/** The working day before a reviewed digest: the draft, as it would post, to every manager by DM. */
export const sendReview = async ({ db, now, charts, teamId, dueAt }: Deps & { teamId: number; dueAt: Date }): Promise<void> => {
  const team = await getTeam({ db, teamId });
  if (!team) return;
  const schedule = await digestScheduleOf({ db, teamId });
  if (!schedule.enabled || !schedule.review) return;
  const week = periodReportedBy(team, 'weekly', dueAt);
  const row = await ensureDigest({ db, teamId, periodKey: week.key, dueAt });
  if (row.status !== 'draft') return;
  if (row.dueAt.getTime() !== dueAt.getTime()) await updateDigest({ db, digestId: row.id, changes: { dueAt } });
  const draft = (await buildDigest({ db, team, at: dueAt, charts })).message;
  for (const manager of await managersOf({ db, teamId })) {
    const message = reviewMessage({ team, digestId: row.id, draft, dueAt, view: viewFor(manager, team, now) });
    await enqueueDm({ db, person: manager, team, message, dedupeKey: `digest-review:${row.id}:${manager.id}`, notBefore: now, notice: { subject: `digest:${team.id}`, nature: 'news', check: digestAwaitingApproval.spec({ digestId: row.id }) } });
  }
};

export type Approval = { kind: 'approved'; team: TeamRow; dueAt: Date; withNote: boolean } | { kind: 'posted_now'; team: TeamRow } | { kind: 'already'; team: TeamRow; dueAt: Date; by: string };

/**
 * A manager approves a draft (with a note, from the form). Under the row's lock, so two managers clicking at
 * once approve it once. An approval after the digest's time posts it at once.
 */
export const approveDigest = async ({ db, now, charts, digestId, actor, role, team, note }: Deps & { digestId: number; actor: PersonRow; role: Role | null; team: TeamRow; note?: string }): Promise<Approval> => {
  const row = await lockDigest({ db, digestId });
  if (!row || row.teamId !== team.id) throw botError('digests.not_found');
  if (role !== 'manager') throw botError('digests.only_managers');
  if (row.status === 'posted') throw botError('digests.already_posted');
  if (row.status === 'approved' && note === undefined) {
    const [by] = row.approvedBy === null ? [] : await getPeople({ db, ids: [row.approvedBy] });
    return { kind: 'already', team, dueAt: row.dueAt, by: by?.displayName ?? '—' };
  }
  const approved = await updateDigest({ db, digestId, changes: { status: 'approved', approvedBy: actor.id, approvedAt: now, ...(note !== undefined ? { note } : {}) } });
  if (now < row.dueAt) return { kind: 'approved', team, dueAt: row.dueAt, withNote: note !== undefined };
  await post({ db, now, charts, team, row: approved, at: row.dueAt });
  return { kind: 'posted_now', team };
};
