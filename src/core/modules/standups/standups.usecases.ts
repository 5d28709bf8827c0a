import type { Db } from '../../../db/database.js';
import { botError } from '../../errors.js';
import { t, type Locale } from '../../i18n/catalog.js';
import { cancelJobs, scheduleJob } from '../../jobs.js';
import type { Message } from '../../messages.js';
import { enqueueDelivery } from '../../deliveries.js';
import { atLocalTime, formatInstant, formatLocalDate, localDateOf, parseClock, parseDays, parseDuration } from '../../time.js';
import { addDays, weekdayOf } from '../../time/zone.js';
import { zoneOf, type View } from '../../view.js';
import { dayOff, type WorkingTime } from '../../working-time.js';
import { workingTimeOf } from '../people/people.usecases.js';
import { askZoneOnce } from '../people/people.zone-ask.js';
import { addTask } from '../tasks/tasks.usecases.js';
import { assignmentMessage } from '../tasks/tasks.messages.js';
import { getTeam, listMembers } from '../teams/teams.repository.js';
import { DEFAULT_QUESTIONS, isBlocker, MAX_NAME_LENGTH, parseQuestions, readAnswer, type Question, type RawSettings } from './standups.grammar.js';
import { standupAskJob, standupDeadlineJob, standupNudgeJob, standupReportJob } from './standups.jobs.js';
import { askMessage, blockerMessage, digestMessage, entryMessage, nudgeMessage, parentMessage, summaryMessage, type ReportLine } from './standups.messages.js';
import { answersOfRun, answerWithContext, ensureRun, getAnswer, getAnswerForUpdate, getRunForUpdate, getStandup, insertAnswer, insertStandup, listStandups, markMissed, markReported, nextStandupNumber, updateAnswer, updateStandup, type AnswerRow, type StandupRow, type StandupRunRow } from './standups.repository.js';
import type { PersonRow, TeamRow } from '../../identity.js';

export interface StandupDeps {
  db: Db;
  now: Date;
}

const MINUTE_MS = 60_000;
const LAST_MINUTE = 24 * 60 - 1;
export const DEFAULT_TIME = 9 * 60;
export const DEFAULT_WINDOW_MINUTES = 3 * 60;
export const DEFAULT_NUDGE_MINUTES = 60;
/** An ask that runs this much after its moment (after downtime) says it comes late. */
const LATE_AFTER_MS = 15 * MINUTE_MS;

export const titleOf = (standup: StandupRow, locale: Locale): string => standup.name ?? t(locale, 'standups.default_name');

export const viewOf = (person: PersonRow | undefined, team: TeamRow, now: Date): View => ({ locale: team.locale, zone: zoneOf(person, team), now });

export const dateText = (date: string, team: TeamRow, now: Date): string => formatLocalDate(date, team.locale, { now, zone: team.zone });

// ---- settings: read and checked once, for the one-line grammar, Discord's options and the form alike

export interface StandupSettings {
  name: string | null;
  time: number;
  deadline: number;
  nudgeMinutes: number;
  days: number[] | null;
  questions: Question[];
  participantIds: number[] | null;
  reportStyle: 'thread' | 'digest';
}

const readClockSetting = (text: string, key: 'standups.bad_time' | 'standups.bad_deadline'): number => {
  try {
    const minutes = parseClock(text);
    if (minutes > LAST_MINUTE) throw new Error('24:00');
    return minutes;
  } catch {
    throw botError(key, { value: text });
  }
};

const readNudge = (text: string): number => {
  if (/^(?:off|uit|none|geen|no|nee|0)$/i.test(text.trim())) return 0;
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch {
    throw botError('standups.bad_nudge', { value: text });
  }
  const minutes = Math.round(ms / MINUTE_MS);
  if (minutes < 1 || minutes > 12 * 60) throw botError('standups.bad_nudge', { value: text });
  return minutes;
};

const readReportStyle = (text: string): 'thread' | 'digest' => {
  const style = text.trim().toLowerCase();
  if (style === 'thread' || style === 'draad') return 'thread';
  if (style === 'digest' || style === 'samenvatting') return 'digest';
  throw botError('standups.bad_report_style', { value: text });
};

const readDaysSetting = (text: string): number[] => {
  try {
    return parseDays(text);
  } catch {
    throw botError('standups.bad_days', { value: text });
  }
};

/** Who takes part: mentioned team members (never an empty list), or null for everyone. */
const readParticipants = async ({ db, team, ids, resolve }: { db: Db; team: TeamRow; ids: string[]; resolve: (userId: string) => Promise<PersonRow> }): Promise<number[] | null> => {
  if (ids.includes('*')) return null;
  if (ids.length === 0) throw botError('standups.participants_required');
  const members = await listMembers({ db, teamId: team.id });
  const chosen: number[] = [];
  for (const id of ids) {
    const person = await resolve(id);
    if (!members.some((member) => member.person.id === person.id)) throw botError('standups.not_member', { person: person.displayName, team: team.clientName });
    if (!chosen.includes(person.id)) chosen.push(person.id);
  }
  return chosen;
};

/**
 * Turns raw settings into a whole standup: those given, on top of `base` (the current settings when editing)
 * or the defaults (09:00, the team's days, three questions, deadline 3 hours later, everyone, a thread).
 * A new time without a new deadline keeps the answering window as long as it was.
 */
export const readSettings = async ({ db, team, raw, base, resolve }: { db: Db; team: TeamRow; raw: RawSettings; base: StandupSettings | null; resolve: (userId: string) => Promise<PersonRow> }): Promise<StandupSettings> => {
  const name = raw.name !== undefined ? raw.name.trim() : undefined;
  if (name !== undefined && name.length > MAX_NAME_LENGTH) throw botError('standups.name_too_long', { max: MAX_NAME_LENGTH });
  if (name !== undefined && /^#?\d+$/.test(name)) throw botError('standups.name_number', { name });
  const time = raw.at !== undefined ? readClockSetting(raw.at, 'standups.bad_time') : (base?.time ?? DEFAULT_TIME);
  const window = base ? base.deadline - base.time : DEFAULT_WINDOW_MINUTES;
  const deadline = raw.deadline !== undefined ? readClockSetting(raw.deadline, 'standups.bad_deadline') : raw.at !== undefined || !base ? Math.min(time + window, LAST_MINUTE) : base.deadline;
  if (deadline <= time) throw botError('standups.deadline_before_time', { deadline: clockText(deadline), time: clockText(time) });
  return {
    name: name === undefined ? (base?.name ?? null) : name === '' ? null : name,
    time,
    deadline,
    nudgeMinutes: raw.nudge !== undefined ? readNudge(raw.nudge) : (base?.nudgeMinutes ?? DEFAULT_NUDGE_MINUTES),
    days: raw.on === undefined ? (base?.days ?? null) : /^(?:|team|default|standaard)$/i.test(raw.on.trim()) ? null : readDaysSetting(raw.on),
    questions: raw.questions !== undefined ? parseQuestions(raw.questions) : (base?.questions ?? DEFAULT_QUESTIONS[team.locale]),
    participantIds: raw.participants !== undefined ? await readParticipants({ db, team, ids: raw.participants, resolve }) : base ? base.participantIds : null,
    reportStyle: raw.report !== undefined ? readReportStyle(raw.report) : (base?.reportStyle ?? 'thread'),
  };
};

export const settingsOf = (standup: StandupRow): StandupSettings => ({
  name: standup.name,
  time: standup.time,
  deadline: standup.deadline,
  nudgeMinutes: standup.nudgeMinutes,
  days: standup.days,
  questions: standup.questions,
  participantIds: standup.participantIds,
  reportStyle: standup.reportStyle,
});

export const clockText = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

// ---- which standup a command means

/** `#2`, `2` or a name picks one; nothing picks the only one (and asks which when there are several). */
export const findStandup = async ({ db, team, selector }: { db: Db; team: TeamRow; selector: { number: number } | { name: string } | null }): Promise<StandupRow> => {
  const all = await listStandups({ db, teamId: team.id });
  if (all.length === 0) throw botError('standups.none');
  if (!selector) {
    if (all.length === 1) return all[0]!;
    throw botError('standups.which', { standups: all.map((standup) => `#${standup.number}${standup.name ? ` ${standup.name}` : ''}`).join(', ') });
  }
  const found = 'number' in selector ? all.find((standup) => standup.number === selector.number) : all.find((standup) => standup.name?.toLowerCase() === selector.name.toLowerCase());
  if (!found) throw botError('standups.not_found', { standup: 'number' in selector ? `#${selector.number}` : selector.name });
  return found;
};

// ---- participants and their time

/** Everyone in the team except the client owner, or the people the standup names (while they stay on the team). */
export const participantsOf = async ({ db, standup }: { db: Db; standup: StandupRow }): Promise<PersonRow[]> => {
  const members = await listMembers({ db, teamId: standup.teamId });
  if (standup.participantIds === null) return members.filter((member) => member.role !== 'owner').map((member) => member.person);
  return members.filter((member) => standup.participantIds!.includes(member.person.id)).map((member) => member.person);
};

/** A participant's working time for this standup: their zone, absences and holidays, on the standup's days. */
export const standupTimeOf = async ({ db, standup, team, person, now }: StandupDeps & { standup: StandupRow; team: TeamRow; person: PersonRow }): Promise<WorkingTime> => {
  const time = await workingTimeOf({ db, person, team, now });
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
const reportKey = (standupId: number, date: string) => `standup-report:${standupId}:${date}`;

/** Schedules one person's standup day: the question, the reminder and the deadline (which plans the next day). */
const scheduleDay = async ({ db, standup, person, date, zone }: { db: Db; standup: StandupRow; person: PersonRow; date: string; zone: string }) => {
  const { askAt, nudgeAt, deadlineAt } = momentsOf({ standup, date, zone });
  const payload = { standupId: standup.id, personId: person.id, date };
  await scheduleJob({ db, job: standupAskJob, payload, runAt: askAt, dedupeKey: askKey(standup.id, person.id, date) });
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
    await scheduleDay({ db, standup, person, date, zone: time.zone });
    // The question goes at their 09:00: whoever has no zone is asked for it, once.
    await askZoneOnce({ db, now, team, person });
  }
};

/** Cancels what is planned for the standup's participants (the questions, reminders and deadlines). */
const cancelPlanned = async ({ db, standupId }: { db: Db; standupId: number }) => {
  for (const prefix of [`standup:${standupId}:`, `standup-nudge:${standupId}:`, `standup-deadline:${standupId}:`]) await cancelJobs({ db, dedupeKeyPrefix: prefix });
};

// ---- setup, edit, pause, resume, remove

export const createStandup = async ({ db, now, team, actor, settings }: StandupDeps & { team: TeamRow; actor: PersonRow; settings: StandupSettings }): Promise<StandupRow> => {
  if (settings.name) {
    const taken = (await listStandups({ db, teamId: team.id })).some((standup) => standup.name?.toLowerCase() === settings.name!.toLowerCase());
    if (taken) throw botError('standups.name_taken', { name: settings.name });
  }
  const number = await nextStandupNumber({ db, teamId: team.id });
  const standup = await insertStandup({ db, values: { teamId: team.id, number, ...settings, createdBy: actor.id, createdAt: now, updatedAt: now } });
  await planStandup({ db, now, standup, team });
  return standup;
};

/** Changes apply from the next question on: what was asked today stays as it was asked. */
export const editStandup = async ({ db, now, team, standup, settings }: StandupDeps & { team: TeamRow; standup: StandupRow; settings: StandupSettings }): Promise<StandupRow> => {
  if (settings.name && settings.name.toLowerCase() !== standup.name?.toLowerCase()) {
    const taken = (await listStandups({ db, teamId: team.id })).some((other) => other.id !== standup.id && other.name?.toLowerCase() === settings.name!.toLowerCase());
    if (taken) throw botError('standups.name_taken', { name: settings.name });
  }
  const updated = await updateStandup({ db, standupId: standup.id, changes: settings, now });
  const timing = (row: StandupRow) => JSON.stringify([row.time, row.deadline, row.nudgeMinutes, row.days, row.participantIds]);
  if (timing(updated) !== timing(standup)) {
    await cancelPlanned({ db, standupId: standup.id });
    await planStandup({ db, now, standup: updated, team });
  }
  return updated;
};

export const setStandupStatus = async ({ db, now, team, standup, status }: StandupDeps & { team: TeamRow; standup: StandupRow; status: 'active' | 'paused' | 'removed' }): Promise<StandupRow> => {
  if (standup.status === status) throw botError(status === 'active' ? 'standups.already_active' : 'standups.already_paused', { title: titleOf(standup, team.locale), number: standup.number });
  const updated = await updateStandup({ db, standupId: standup.id, changes: { status }, now });
  if (status === 'active') await planStandup({ db, now, standup: updated, team });
  else await cancelPlanned({ db, standupId: standup.id });
  if (status === 'removed') await cancelJobs({ db, dedupeKeyPrefix: `standup-report:${standup.id}:` });
  return updated;
};

// ---- the standup day

/** When the report of a day goes: once the last participant's deadline for that date has passed. */
const reportMoment = async ({ db, now, standup, team, date, runId }: StandupDeps & { standup: StandupRow; team: TeamRow; date: string; runId: number | null }): Promise<Date> => {
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
const runOf = async ({ db, now, standup, team, date }: StandupDeps & { standup: StandupRow; team: TeamRow; date: string }): Promise<StandupRunRow> => {
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

const dm = async ({ db, now, team, person, message, key }: StandupDeps & { team: TeamRow; person: PersonRow; message: Message; key: string }) =>
  enqueueDelivery({ db, workspaceId: team.workspaceId, target: { kind: 'dm', personId: person.id, userId: person.platformUserId }, message, dedupeKey: key, notBefore: now });

const post = async ({ db, now, team, message, key, threadOfKey }: StandupDeps & { team: TeamRow; message: Message; key: string; threadOfKey?: string }) =>
  enqueueDelivery({ db, workspaceId: team.workspaceId, target: { kind: 'channel', channelId: team.channelId, ...(threadOfKey ? { threadOfKey } : {}) }, message, dedupeKey: key, notBefore: now });

const parentKey = (standupId: number, date: string) => `standup-parent:${standupId}:${date}`;
const digestKey = (standupId: number, date: string) => `standup-digest:${standupId}:${date}`;

/** The day's parent post in the team channel (thread style), posted before its first reply; once per day. */
const ensureParent = async ({ db, now, team, standup, date }: StandupDeps & { team: TeamRow; standup: StandupRow; date: string }): Promise<string> => {
  const key = parentKey(standup.id, date);
  await post({ db, now, team, message: parentMessage({ title: titleOf(standup, team.locale), date: dateText(date, team, now) }), key });
  return key;
};

/**
 * The question job (`standup:<id>:<person>:<local date>`): on the person's standup day, unless they are away
 * (recorded, so the report can say so) or skipped it ahead. After downtime it still asks while the deadline
 * is ahead, saying it comes late; past the deadline it does nothing.
 */
export const askNow = async ({ db, now, standupId, personId, date, runAt }: StandupDeps & { standupId: number; personId: number; date: string; runAt: Date }): Promise<void> => {
  const day = await loadDay({ db, now, standupId, personId });
  if (!day) return;
  const { standup, team, person, time } = day;
  const { deadlineAt } = momentsOf({ standup, date, zone: time.zone });
  if (now >= deadlineAt) return;
  const off = dayOff(date, time);
  if (off === 'weekend') return;
  const run = await runOf({ db, now, standup, team, date });
  const base = { runId: run.id, personId, questions: standup.questions, deadlineAt, createdAt: now, updatedAt: now };
  if (off) {
    await insertAnswer({ db, values: { ...base, status: 'away', awayReason: off } });
    return;
  }
  const answer = await insertAnswer({ db, values: { ...base, status: 'asked', askedAt: now } });
  if (!answer) return;
  const lateSince = now.getTime() - runAt.getTime() > LATE_AFTER_MS ? runAt : null;
  await dm({ db, now, team, person, message: askMessage({ standup, team, person, answer, date: dateText(date, team, now), view: viewOf(person, team, now), lateSince }), key: `standup-ask:${answer.id}` });
};

/** The one reminder, to whoever has not answered yet, while the deadline is ahead. */
export const nudgeNow = async ({ db, now, standupId, personId, date, runAt }: StandupDeps & { standupId: number; personId: number; date: string; runAt: Date }): Promise<void> => {
  const day = await loadDay({ db, now, standupId, personId });
  if (!day) return;
  const { standup, team, person } = day;
  const run = await getRunForUpdate({ db, standupId, localDate: date });
  const answer = run ? await getAnswer({ db, runId: run.id, personId }) : null;
  // A question that itself went out after the reminder's moment (late, after downtime) needs no reminder.
  if (!answer || answer.status !== 'asked' || now >= answer.deadlineAt || !answer.askedAt || answer.askedAt > runAt) return;
  await dm({ db, now, team, person, message: nudgeMessage({ standup, team, answer, date: dateText(date, team, now), view: viewOf(person, team, now) }), key: `standup-nudge:${answer.id}` });
};

/** The person's deadline: no answer means missed; then their next standup day is planned (the chain goes on). */
export const deadlineNow = async ({ db, now, standupId, personId, date }: StandupDeps & { standupId: number; personId: number; date: string }): Promise<void> => {
  const run = await getRunForUpdate({ db, standupId, localDate: date });
  if (run) await markMissed({ db, runId: run.id, personId, now });
  const day = await loadDay({ db, now, standupId, personId });
  if (!day) return;
  const { standup, person, time } = day;
  // After downtime the next day is the first whose deadline is still ahead: it is asked late rather than lost.
  const yesterday = addDays(localDateOf(now, time.zone), -1);
  const from = addDays(date, 1) > yesterday ? addDays(date, 1) : yesterday;
  const next = firstDay({ standup, zone: time.zone, days: time.days, from, now, which: 'deadlineAt' });
  if (next) await scheduleDay({ db, standup, person, date: next, zone: time.zone });
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
  await markMissed({ db, runId: run.id, now });
  const rows = await answersOfRun({ db, runId: run.id });
  await markReported({ db, runId: run.id, now });
  await planStandup({ db, now, standup, team });
  if (!rows.some(({ answer }) => answer.status === 'answered' || answer.status === 'missed' || answer.status === 'asked')) return;
  const lines: ReportLine[] = rows.map(({ answer, person }) => ({ answer, person }));
  const title = titleOf(standup, team.locale);
  const dateLabel = dateText(date, team, now);
  if (standup.reportStyle === 'digest') {
    await post({ db, now, team, message: digestMessage({ title, date: dateLabel, team, lines }), key: digestKey(standupId, date) });
    return;
  }
  const parent = await ensureParent({ db, now, team, standup, date });
  await post({ db, now, team, message: summaryMessage({ title, date: dateLabel, team, lines }), key: `standup-summary:${standupId}:${date}`, threadOfKey: parent });
};

// ---- answering

export type AnswerContext = NonNullable<Awaited<ReturnType<typeof answerWithContext>>> & { team: TeamRow };

/**
 * Loads the standup day a button, form or DM reply is about, checked to be the actor's in this workspace.
 * Everything is refused before anything is written, so answering the refusal is safe.
 */
export const loadAnswer = async ({ db, answerId, actor }: { db: Db; answerId: number; actor: PersonRow }): Promise<AnswerContext> => {
  const found = Number.isInteger(answerId) && answerId > 0 ? await answerWithContext({ db, answerId }) : null;
  const team = found ? await getTeam({ db, teamId: found.standup.teamId }) : null;
  if (!found || !team || team.workspaceId !== actor.workspaceId) throw botError('bot.unknown_action');
  if (found.answer.personId !== actor.id) throw botError('standups.not_yours', { person: found.person.displayName });
  if (found.standup.status === 'removed') throw botError('standups.removed_answer');
  return { ...found, team };
};

/** Whether the form (or another DM reply) may still change these answers: a first answer always, an edit until the deadline. */
export const assertMayAnswer = (ctx: AnswerContext, now: Date) => {
  const { answer, team, person } = ctx;
  if (answer.status === 'answered' && now >= answer.deadlineAt) {
    throw botError('standups.edit_closed', { when: formatInstant(answer.deadlineAt, zoneOf(person, team), team.locale, { now }) });
  }
};

/** Blocker answer of a set of answers, or null. */
export const blockerOf = (questions: readonly Question[], answers: readonly string[]): string | null => {
  const index = questions.findIndex((question) => question.blocker);
  return index >= 0 && isBlocker(answers[index]) ? answers[index]!.trim() : null;
};

/** The managers who hear about a blocker: every manager of the team but the blocked person. */
const managersOf = async ({ db, team, except }: { db: Db; team: TeamRow; except: number }) =>
  (await listMembers({ db, teamId: team.id })).filter((member) => member.role === 'manager' && member.person.id !== except).map((member) => member.person);

export interface Submitted {
  answer: AnswerRow;
  late: boolean;
  edited: boolean;
  toldManagers: PersonRow[];
}

/**
 * Stores a complete set of answers, first time or edited before the deadline. Thread style posts it to the
 * day's thread at once; digest style keeps it for the digest, or, once the digest went, adds it to its
 * thread marked late. A new or changed blocker goes to the team's managers with "Make it a task".
 */
export const submitAnswers = async ({ db, now, ctx, values }: StandupDeps & { ctx: AnswerContext; values: string[] }): Promise<Submitted> => {
  const run = (await getRunForUpdate({ db, standupId: ctx.standup.id, localDate: ctx.run.localDate }))!;
  const current = (await getAnswerForUpdate({ db, answerId: ctx.answer.id }))!;
  assertMayAnswer({ ...ctx, answer: current }, now);
  const edited = current.status === 'answered';
  const late = edited ? current.late : now > current.deadlineAt;
  const blocker = blockerOf(current.questions, values);
  const answer = await updateAnswer({
    db,
    answerId: current.id,
    changes: { status: 'answered', answers: values, late, blocker, revision: current.revision + 1, submittedAt: current.submittedAt ?? now, askedAt: current.askedAt ?? now },
    now,
  });
  const { team, standup, person } = ctx;
  const line: ReportLine = { answer, person };
  if (standup.reportStyle === 'thread') {
    const parent = await ensureParent({ db, now, team, standup, date: run.localDate });
    await post({ db, now, team, message: entryMessage({ line, team, edited }), key: `standup-answer:${answer.id}:${answer.revision}`, threadOfKey: parent });
  } else if (run.reportedAt) {
    await post({ db, now, team, message: entryMessage({ line, team, edited }), key: `standup-answer:${answer.id}:${answer.revision}`, threadOfKey: digestKey(standup.id, run.localDate) });
  }
  let toldManagers: PersonRow[] = [];
  if (blocker && blocker !== current.blocker) {
    toldManagers = await managersOf({ db, team, except: person.id });
    for (const manager of toldManagers) {
      await dm({ db, now, team, person: manager, message: blockerMessage({ standup, team, person, answer, date: dateText(run.localDate, team, now), taskNumber: null }), key: `standup-blocker:${answer.id}:${answer.revision}:${manager.id}` });
    }
  }
  return { answer, late, edited, toldManagers };
};

/**
 * A DM reply: the answer to the person's next open question. Returns what to say back (the next question,
 * a hint when the reply does not fit, or the thanks), or null when the person has no standup open.
 */
export const answerByMessage = async ({ db, now, ctx, text }: StandupDeps & { ctx: AnswerContext; text: string }) => {
  const current = (await getAnswerForUpdate({ db, answerId: ctx.answer.id }))!;
  const questions = current.questions;
  const index = Math.min(current.answers.length, questions.length - 1);
  const question = questions[index]!;
  const read = readAnswer(question, text);
  if (read === null) return { kind: 'retry' as const, question, index, count: questions.length };
  const answers = [...current.answers.slice(0, index), read];
  if (answers.length < questions.length) {
    await updateAnswer({ db, answerId: current.id, changes: { answers }, now });
    return { kind: 'next' as const, question: questions[answers.length]!, index: answers.length, count: questions.length };
  }
  return { kind: 'done' as const, submitted: await submitAnswers({ db, now, ctx: { ...ctx, answer: current }, values: answers }) };
};

/** "Skip today" (button) or `/standup skip <day>`: the person is not asked, or no longer waited for, that day. */
export const skipDay = async ({ db, now, standup, team, person, date }: StandupDeps & { standup: StandupRow; team: TeamRow; person: PersonRow; date: string }): Promise<'skipped' | 'already'> => {
  const time = await standupTimeOf({ db, now, standup, team, person });
  if (date < localDateOf(now, time.zone)) throw botError('standups.skip_past', { date: dateText(date, team, now) });
  const off = dayOff(date, time);
  if (off === 'weekend') throw botError('standups.no_standup_that_day', { date: dateText(date, team, now), title: titleOf(standup, team.locale) });
  const { deadlineAt } = momentsOf({ standup, date, zone: time.zone });
  const run = await runOf({ db, now, standup, team, date });
  const existing = await getAnswer({ db, runId: run.id, personId: person.id });
  if (!existing) {
    await insertAnswer({ db, values: { runId: run.id, personId: person.id, status: off ? 'away' : 'skipped', awayReason: off, questions: standup.questions, deadlineAt, createdAt: now, updatedAt: now } });
    return 'skipped';
  }
  const locked = (await getAnswerForUpdate({ db, answerId: existing.id }))!;
  if (locked.status === 'answered') throw botError('standups.skip_answered', { date: dateText(date, team, now) });
  if (locked.status === 'skipped' || locked.status === 'away') return 'already';
  await updateAnswer({ db, answerId: locked.id, changes: { status: 'skipped' }, now });
  return 'skipped';
};

// ---- blockers become tasks

/** A manager turns a blocker into a task, once; the answer keeps the task's id, the task's title says where it came from. */
export const blockerToTask = async ({ db, now, answerId, actor, title, assignee, dueText }: StandupDeps & { answerId: number; actor: PersonRow; title: string; assignee: PersonRow; dueText?: string }) => {
  const found = await answerWithContext({ db, answerId });
  const team = found ? await getTeam({ db, teamId: found.standup.teamId }) : null;
  if (!found || !team || team.workspaceId !== actor.workspaceId || !found.answer.blocker) throw botError('bot.unknown_action');
  const role = (await listMembers({ db, teamId: team.id })).find((member) => member.person.id === actor.id)?.role;
  if (role !== 'manager') throw botError('standups.managers_only_task');
  const answer = (await getAnswerForUpdate({ db, answerId }))!;
  if (answer.blockerTaskId !== null) throw botError('standups.already_task', { person: found.person.displayName });
  const added = await addTask({ db, now, team, actor: { person: actor, role }, input: { title, assignees: [assignee], ...(dueText ? { dueText } : {}) } });
  await updateAnswer({ db, answerId, changes: { blockerTaskId: added.task.id }, now });
  for (const person of added.assignees) {
    if (person.id === actor.id) continue;
    await dm({ db, now, team, person, message: assignmentMessage({ task: added.task, assigner: actor, team, view: viewOf(person, team, now) }), key: `dm:${person.id}:task:${added.task.id}:assigned:standup-blocker` });
  }
  return { ...found, team, answer: { ...answer, blockerTaskId: added.task.id }, added };
};

export const blockerTitle = (blocker: string, locale: Locale) => {
  const title = t(locale, 'standups.task_title', { blocker: blocker.replace(/\s+/g, ' ') });
  return title.length > 200 ? `${title.slice(0, 199)}…` : title;
};

