import type { Db } from '../../../db/database.js';
import { botError } from '../../errors.js';
import { cancelJobs } from '../../jobs.js';
import { parseClock, parseDays, parseDuration } from '../../time.js';
import { listMembers } from '../teams/teams.repository.js';
import { DEFAULT_QUESTIONS, MAX_NAME_LENGTH, parseQuestions, type Question, type RawSettings } from './standups.grammar.js';
import { insertStandup, listStandups, nextStandupNumber, updateStandup, type StandupRow } from './standups.repository.js';
import { cancelPlanned, planStandup } from './standups.scheduling.js';
import { MINUTE_MS, titleOf, type StandupDeps } from './standups.usecases.js';
import type { PersonRow, TeamRow } from '../../identity.js';

/** A standup's settings, and its setup, edit, pause, resume and removal. */

const LAST_MINUTE = 24 * 60 - 1;
export const DEFAULT_TIME = 9 * 60;
export const DEFAULT_WINDOW_MINUTES = 3 * 60;
export const DEFAULT_NUDGE_MINUTES = 60;

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
