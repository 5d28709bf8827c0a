import type { Db } from '../../../db/database.js';
import { arrivalOf, enqueueDm, lastDmOnSubject } from '../../deliveries.js';
import { cancelJobs, scheduleJob } from '../../jobs.js';
import { atLocalTime, localDateOf } from '../../time.js';
import { addDays, weekdayOf } from '../../time/zone.js';
import { dayOff, hoursOn, type WorkingTime } from '../../working-time.js';
import { askZoneOnce } from '../people/people.zone-ask.js';
import { getTeam, listMembers } from '../teams/teams.repository.js';
import { standupAskJob, standupDeadlineJob, standupNudgeJob, standupReportJob } from './standups.jobs.js';
import { askMessage, nudgeMessage } from './standups.messages.js';
import { standupQuestion } from './standups.notices.js';
import {
  answersOfRun,
  ensureRun,
  getAnswer,
  getRunForUpdate,
  getStandup,
  insertAnswer,
  markMissed,
  updateAnswer,
  type StandupRow,
  type StandupRunRow,
} from './standups.repository.js';
import { dateText, MINUTE_MS, standupSubject, viewOf, type StandupDeps } from './standups.usecases.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import { loadWorkingTime } from '../../recipient-time.js';

// ---- participants and their time

/** Everyone in the team except the client owner, or the people the standup names (while they stay on the team). */
export const participantsOf = async ({ db, standup }: { db: Db; standup: StandupRow }): Promise<PersonRow[]> => {
  const members = await listMembers({ db, teamId: standup.teamId });
  if (standup.participantIds === null) return members.filter((member) => member.role !== 'owner').map((member) => member.person);
  return members.filter((member) => standup.participantIds!.includes(member.person.id)).map((member) => member.person);
};

/** A participant's working time for this standup: their zone, absences and holidays, on the standup's days. */
export const standupTimeOf = async ({ db, standup, team, person, now }: StandupDeps & { standup: StandupRow; team: TeamRow; person: PersonRow }): Promise<WorkingTime> => {
  const time = await loadWorkingTime({ db, person, team, now });
  return { ...time, days: standup.days ?? team.workingDays };
};

/** The moments of one standup day in one zone: the question, the one reminder (if it falls after it) and the deadline. */
export const momentsOf = ({ standup, date, zone }: { standup: StandupRow; date: string; zone: string }) => {
  const askAt = atLocalTime(date, standup.time, zone);
  const deadlineAt = atLocalTime(date, standup.deadline, zone);
  const nudge = standup.nudgeMinutes > 0 ? new Date(deadlineAt.getTime() - standup.nudgeMinutes * MINUTE_MS) : null;
  return { askAt, deadlineAt, nudgeAt: nudge && nudge > askAt ? nudge : null };
};

/**
 * When one person's standup day really happens. The question at the standup's time, or at the start of their
 * working hours when that is later (a DM waits for those anyway); none when that is not before the deadline or
 * is past their hours: the standup's window lies outside their working time that day. The one reminder at the
 * standup's lead before the deadline, but never within the team's notice window after the question (the window
 * would drop it, as a second message about one standup day), and within their hours; none when that leaves no
 * room before the deadline. The reminder job checks the window again against when the question really went.
 */
export const planOf = ({ standup, date, time, windowMinutes }: { standup: StandupRow; date: string; time: WorkingTime; windowMinutes: number }) => {
  const { deadlineAt } = momentsOf({ standup, date, zone: time.zone });
  // That weekday's hours; a night shift's end is the next morning, so it is counted past midnight here.
  const hours = hoursOn(date, time);
  const end = hours.end > hours.start ? hours.end : hours.end + 24 * 60;
  const askMinute = Math.max(standup.time, hours.start);
  const askAt = atLocalTime(date, askMinute, time.zone);
  if (askMinute > end || askAt >= deadlineAt) return { askAt: null, nudgeAt: null, deadlineAt };
  const endAt = end < 24 * 60 ? atLocalTime(date, end, time.zone) : atLocalTime(addDays(date, 1), end - 24 * 60, time.zone);
  const lead = standup.nudgeMinutes > 0 ? deadlineAt.getTime() - standup.nudgeMinutes * MINUTE_MS : null;
  const nudge = lead === null ? null : new Date(Math.max(lead, askAt.getTime() + windowMinutes * MINUTE_MS));
  const fits = nudge !== null && nudge < deadlineAt && nudge <= endAt;
  return { askAt, nudgeAt: fits ? nudge : null, deadlineAt };
};

/**
 * The first standup day for a person on or after `from` whose `which` moment is still ahead. Days off for
 * absences and holidays are not skipped here: the ask re-checks them when it runs, so an absence entered
 * or cleared later still counts, and the report can say who was away.
 */
const firstDay = ({ standup, zone, days, from, now, which }: { standup: StandupRow; zone: string; days: readonly number[]; from: string; now: Date; which: 'askAt' | 'deadlineAt' }): string | null => {
  if (days.length === 0) return null;
  for (let step = 0, date = from; step < 15; step++, date = addDays(date, 1)) {
    if (days.includes(weekdayOf(date)) && momentsOf({ standup, date, zone })[which] > now) return date;
  }
  return null;
};

export const askKey = (standupId: number, personId: number, date: string) => `standup:${standupId}:${personId}:${date}`;
const nudgeKey = (standupId: number, personId: number, date: string) => `standup-nudge:${standupId}:${personId}:${date}`;
const deadlineKey = (standupId: number, personId: number, date: string) => `standup-deadline:${standupId}:${personId}:${date}`;
export const reportKey = (standupId: number, date: string) => `standup-report:${standupId}:${date}`;

/** Schedules one person's standup day: the question, the reminder and the deadline (which plans the next day). */
const scheduleDay = async ({ db, standup, team, person, date, time }: { db: Db; standup: StandupRow; team: TeamRow; person: PersonRow; date: string; time: WorkingTime }) => {
  const { askAt, nudgeAt, deadlineAt } = planOf({ standup, date, time, windowMinutes: team.noticeWindowMinutes });
  const payload = { standupId: standup.id, personId: person.id, date };
  if (askAt) await scheduleJob({ db, job: standupAskJob, payload, runAt: askAt, dedupeKey: askKey(standup.id, person.id, date) });
  if (nudgeAt) await scheduleJob({ db, job: standupNudgeJob, payload, runAt: nudgeAt, dedupeKey: nudgeKey(standup.id, person.id, date) });
  await scheduleJob({ db, job: standupDeadlineJob, payload, runAt: deadlineAt, dedupeKey: deadlineKey(standup.id, person.id, date) });
};

/**
 * Plans every participant's next standup day whose question is still ahead. Idempotent: the keys name the
 * person's local date, so planning again (a new member, a resume, the daily report) adds only what is missing.
 */
export const planStandup = async ({ db, now, standup, team }: StandupDeps & { standup: StandupRow; team: TeamRow }) => {
  if (standup.status !== 'active') return;
  for (const person of await participantsOf({ db, standup })) {
    const time = await standupTimeOf({ db, now, standup, team, person });
    const date = firstDay({ standup, zone: time.zone, days: time.days, from: localDateOf(now, time.zone), now, which: 'askAt' });
    if (!date) continue;
    await scheduleDay({ db, standup, team, person, date, time });
    // The question goes at their 09:00: whoever has no zone is asked for it, once.
    await askZoneOnce({ db, now, team, person });
  }
};

/** Cancels what is planned for the standup's participants (the questions, reminders and deadlines). */
export const cancelPlanned = async ({ db, standupId }: { db: Db; standupId: number }) => {
  for (const prefix of [`standup:${standupId}:`, `standup-nudge:${standupId}:`, `standup-deadline:${standupId}:`]) await cancelJobs({ db, dedupeKeyPrefix: prefix });
};

// ---- the standup day

/** When the report of a day goes: once the last participant's deadline for that date has passed. */
export const reportMoment = async ({ db, now, standup, team, date, runId }: StandupDeps & { standup: StandupRow; team: TeamRow; date: string; runId: number | null }): Promise<Date> => {
  const candidates: Date[] = [];
  for (const person of await participantsOf({ db, standup })) {
    const time = await standupTimeOf({ db, now, standup, team, person });
    if (time.days.includes(weekdayOf(date))) candidates.push(momentsOf({ standup, date, zone: time.zone }).deadlineAt);
  }
  if (runId !== null) for (const { answer } of await answersOfRun({ db, runId })) candidates.push(answer.deadlineAt);
  return new Date(Math.max(...candidates.map((at) => at.getTime()), now.getTime()));
};

/**
 * The run of a standup day. When it is created (the day's first question anywhere) its report is scheduled
 * and everyone's next day is planned, which is how people who joined the team since are picked up.
 */
export const runOf = async ({ db, now, standup, team, date }: StandupDeps & { standup: StandupRow; team: TeamRow; date: string }): Promise<StandupRunRow> => {
  const { run, created } = await ensureRun({ db, standupId: standup.id, localDate: date, now });
  if (created) {
    const at = await reportMoment({ db, now, standup, team, date, runId: null });
    await scheduleJob({ db, job: standupReportJob, payload: { standupId: standup.id, date }, runAt: at, dedupeKey: reportKey(standup.id, date) });
    await planStandup({ db, now, standup, team });
  }
  return run;
};

/** Loads what a job about one participant's day needs, or null when it no longer applies. */
const loadDay = async ({ db, now, standupId, personId }: StandupDeps & { standupId: number; personId: number }) => {
  const standup = await getStandup({ db, standupId });
  if (!standup || standup.status !== 'active') return null;
  const team = await getTeam({ db, teamId: standup.teamId });
  if (!team) return null;
  const person = (await participantsOf({ db, standup })).find((candidate) => candidate.id === personId);
  if (!person) return null;
  const time = await standupTimeOf({ db, now, standup, team, person });
  return { standup, team, person, time };
};

/**
 * The question job (`standup:<id>:<person>:<local date>`): on the person's standup day, unless they are away
 * (recorded, so the report can say so) or skipped it ahead. After downtime it still asks while the deadline
 * is ahead, saying it comes late; past the deadline it does nothing, and so when the DM could only reach
 * them (their working time) after it. The DM is re-checked and written again when it goes.
 */
export const askNow = async ({ db, now, standupId, personId, date, runAt }: StandupDeps & { standupId: number; personId: number; date: string; runAt: Date }): Promise<void> => {
  const day = await loadDay({ db, now, standupId, personId });
  if (!day) return;
  const { standup, team, person, time } = day;
  const { deadlineAt } = momentsOf({ standup, date, zone: time.zone });
  if (now >= deadlineAt) return;
  const off = dayOff(date, time);
  if (off === 'weekend') return;
  const arrival = off ? null : await arrivalOf({ db, person, team, now });
  if (arrival && arrival >= deadlineAt) return;
  const run = await runOf({ db, now, standup, team, date });
  const base = { runId: run.id, personId, questions: standup.questions, deadlineAt, createdAt: now, updatedAt: now };
  if (off) {
    await insertAnswer({ db, values: { ...base, status: 'away', awayReason: off } });
    return;
  }
  const answer = await insertAnswer({ db, values: { ...base, status: 'asked', askedAt: arrival ?? now } });
  if (!answer) return;
  // A question that waits for their working hours is not late: it is late only after the moment it can arrive.
  const intended = arrival && arrival > runAt ? arrival : runAt;
  const message = askMessage({ standup, team, person, answer, date: dateText(date, team, now), view: viewOf(person, team, now), intended });
  await enqueueDm({
    db,
    person,
    team,
    message,
    dedupeKey: `standup-ask:${answer.id}`,
    notBefore: now,
    notice: { subject: standupSubject(standupId, date), nature: 'news', check: standupQuestion.spec({ answerId: answer.id, kind: 'ask', intended: intended.toISOString() }) },
  });
};

/**
 * The one reminder, to whoever has not answered yet, while the deadline is ahead and it can reach them before
 * it (not away, within their hours). It keeps one notice window after the question as it really went (late,
 * or held for their hours): sooner, it waits until then, or is not sent when that is past the deadline.
 */
export const nudgeNow = async ({ db, now, standupId, personId, date, runAt }: StandupDeps & { standupId: number; personId: number; date: string; runAt: Date }): Promise<void> => {
  const day = await loadDay({ db, now, standupId, personId });
  if (!day) return;
  const { standup, team, person } = day;
  const run = await getRunForUpdate({ db, standupId, localDate: date });
  const answer = run ? await getAnswer({ db, runId: run.id, personId }) : null;
  // A question that itself went out after the reminder's moment (late, after downtime) needs no reminder.
  if (!answer || answer.status !== 'asked' || now >= answer.deadlineAt || !answer.askedAt || answer.askedAt > runAt) return;
  // Away today (an absence entered since the question), or past their hours: it could only arrive after the deadline.
  const arrival = await arrivalOf({ db, person, team, now });
  if (arrival && arrival >= answer.deadlineAt) return;
  const subject = standupSubject(standupId, date);
  const last = await lastDmOnSubject({ db, person, subject });
  const clear = last ? new Date(last.getTime() + team.noticeWindowMinutes * MINUTE_MS) : now;
  if (clear > now) {
    const payload = { standupId, personId, date };
    if (clear < answer.deadlineAt) await scheduleJob({ db, job: standupNudgeJob, payload, runAt: clear, dedupeKey: `${nudgeKey(standupId, personId, date)}:${clear.toISOString()}` });
    return;
  }
  const message = nudgeMessage({ standup, team, answer, date: dateText(date, team, now), view: viewOf(person, team, now) });
  await enqueueDm({
    db,
    person,
    team,
    message,
    dedupeKey: `standup-nudge:${answer.id}`,
    notBefore: now,
    notice: { subject, nature: 'nudge', rank: 1, check: standupQuestion.spec({ answerId: answer.id, kind: 'nudge' }) },
  });
};

/**
 * Whoever of a day was asked and is away that day after all (an absence entered since, a holiday) counts as
 * away, not missed: their question and reminder were dropped for it.
 */
export const settleAway = async ({ db, now, standup, team, run, personId }: StandupDeps & { standup: StandupRow; team: TeamRow; run: StandupRunRow; personId?: number }) => {
  for (const { answer, person } of await answersOfRun({ db, runId: run.id })) {
    if (answer.status !== 'asked' || (personId !== undefined && person.id !== personId)) continue;
    const off = dayOff(run.localDate, await standupTimeOf({ db, now, standup, team, person }));
    if (off === 'absent' || off === 'holiday') await updateAnswer({ db, answerId: answer.id, changes: { status: 'away', awayReason: off }, now });
  }
};

/** The person's deadline: no answer means missed (or away); then their next standup day is planned (the chain goes on). */
export const deadlineNow = async ({ db, now, standupId, personId, date }: StandupDeps & { standupId: number; personId: number; date: string }): Promise<void> => {
  const run = await getRunForUpdate({ db, standupId, localDate: date });
  const day = await loadDay({ db, now, standupId, personId });
  if (run && day) await settleAway({ db, now, standup: day.standup, team: day.team, run, personId });
  if (run) await markMissed({ db, runId: run.id, personId, now });
  if (!day) return;
  const { standup, team, person, time } = day;
  // After downtime the next day is the first whose deadline is still ahead: it is asked late rather than lost.
  const yesterday = addDays(localDateOf(now, time.zone), -1);
  const from = addDays(date, 1) > yesterday ? addDays(date, 1) : yesterday;
  const next = firstDay({ standup, zone: time.zone, days: time.days, from, now, which: 'deadlineAt' });
  if (next) await scheduleDay({ db, standup, team, person, date: next, time });
};
