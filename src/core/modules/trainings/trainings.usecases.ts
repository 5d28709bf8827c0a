import type { Db } from '../../../db/database.js';
import { botError } from '../../errors.js';
import { t } from '../../i18n/catalog.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import { nextOccurrence, parseDuration, parseRecurrence, parseWhen, type Recurrence } from '../../time.js';
import { when } from '../../view.js';
import { mirrorOccurrence } from './trainings.mirror.js';
import { announce, dmAboutClass, newsCheck, personView, postAboutClass, teamView } from './trainings.notify.js';
import { textMessage } from '../../messages.js';
import {
  getTraining,
  insertOccurrence,
  insertTraining,
  inviteesOf,
  latestOccurrence,
  nextTrainingNumber,
  setInvitees,
  updateOccurrence,
  updateTraining,
  getOccurrence,
  type OccurrenceRow,
  type TrainingRow,
} from './trainings.repository.js';
import { cancelOccurrenceJobs, planOccurrence, remindedPeople } from './trainings.schedule.js';
import { promoteFirst } from './trainings.rsvp.js';
import { scheduleWarnings } from './trainings.warnings.js';

export interface TrainingDeps {
  db: Db;
  now: Date;
  team: TeamRow;
}

const DAY_MINUTES = 24 * 60;

/** Minutes in "90 minutes", "1 uur", "1h30"; refused when nothing or a day or more. */
export const readLength = (text: string): number => {
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch {
    throw botError('trainings.bad_duration', { duration: text });
  }
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1 || minutes >= DAY_MINUTES) throw botError('trainings.bad_duration', { duration: text });
  return minutes;
};

export const readLink = (text: string): string => {
  try {
    const url = new URL(text.trim());
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString();
  } catch {
    // refused below
  }
  throw botError('trainings.bad_link', { link: text.trim() });
};

export const readMax = (text: string): number => {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > 10_000) throw botError('trainings.bad_max', { max: text });
  return n;
};

/** A start typed by the manager, read in her zone ("tuesday 15:00"); never in the past. */
export const readStart = ({ text, now, zone, team }: { text: string; now: Date; zone: string; team: TeamRow }): Date => parseWhen(text, { now, zone, locale: team.locale, kind: 'start' });

export interface ClassInput {
  title: string;
  startsAt: Date;
  durationMinutes: number;
  link: string | null;
  people: PersonRow[];
  everyone: boolean;
  maxSeats: number | null;
  recurrence: Recurrence | null;
  sopId?: number | null;
}

export const readRepeat = (text: string | undefined): Recurrence | null => (text ? parseRecurrence(text) : null);

/** Who a class concerns for the warnings: its invitees (the whole team when "with everyone"). */
const concerned = (deps: TrainingDeps & { training: TrainingRow }) => inviteesOf({ db: deps.db, training: deps.training });

export const addClass = async ({ db, now, team, actor, input }: TrainingDeps & { actor: PersonRow; input: ClassInput }) => {
  const number = await nextTrainingNumber({ db, teamId: team.id });
  const training = await insertTraining({
    db,
    values: { teamId: team.id, number, title: input.title, creatorId: actor.id, durationMinutes: input.durationMinutes, link: input.link, sopId: input.sopId ?? null, maxSeats: input.maxSeats, everyone: input.everyone, recurrence: input.recurrence, createdAt: now },
  });
  await setInvitees({ db, trainingId: training.id, personIds: [...new Set(input.people.map((person) => person.id))] });
  const occurrence = (await insertOccurrence({ db, values: occurrenceValues(training, 1, input.startsAt) }))!;
  await startOccurrence({ db, now, team, training, occurrence });
  const warnings = await scheduleWarnings({ db, now, team, people: await concerned({ db, now, team, training }), startsAt: occurrence.startsAt });
  return { training, occurrence, warnings };
};

const occurrenceValues = (training: TrainingRow, seq: number, startsAt: Date) => ({
  trainingId: training.id,
  seq,
  startsAt,
  plannedAt: startsAt,
  title: training.title,
  durationMinutes: training.durationMinutes,
  link: training.link,
  maxSeats: training.maxSeats,
});

/** A new occurrence: planned, announced and mirrored. */
const startOccurrence = async ({ db, now, team, training, occurrence }: TrainingDeps & { training: TrainingRow; occurrence: OccurrenceRow }) => {
  await planOccurrence({ db, now, team, training, occurrence });
  await announce({ db, now, team, training, occurrence, tag: `announce:${occurrence.startsAt.toISOString()}` });
  await mirrorOccurrence({ db, now, team, training, occurrence, change: 'create' });
};

/**
 * A recurring class's next occurrence, one at a time, at the series' local time in the team's zone (so
 * 10:00 stays 10:00 across a DST change). Idempotent: the sequence number makes a second call a no-op.
 */
export const materializeNext = async ({ db, now, team, training, previous }: TrainingDeps & { training: TrainingRow; previous: OccurrenceRow }): Promise<OccurrenceRow | null> => {
  if (!training.recurrence || training.status !== 'active') return null;
  let next = nextOccurrence(training.recurrence, previous.plannedAt, team.zone);
  while (next <= now) next = nextOccurrence(training.recurrence, next, team.zone);
  const occurrence = await insertOccurrence({ db, values: { ...occurrenceValues(training, previous.seq + 1, next) } });
  if (!occurrence) return null;
  await startOccurrence({ db, now, team, training, occurrence });
  return occurrence;
};

/** The occurrence commands about a class act on: the one to come (the latest). */
export const upcomingOf = async ({ db, now, training }: { db: Db; now: Date; training: TrainingRow }): Promise<OccurrenceRow> => {
  const occurrence = await latestOccurrence({ db, trainingId: training.id });
  if (!occurrence || occurrence.status !== 'scheduled' || occurrence.startsAt <= now) throw botError('trainings.nothing_upcoming', { number: training.number });
  return occurrence;
};

/** Tells everyone expected at the class what changed, and posts it in the channel. */
const tellAll = async ({ db, now, team, occurrence, people, tag, render, except }: TrainingDeps & { occurrence: OccurrenceRow; people: PersonRow[]; tag: string; render: (view: ReturnType<typeof teamView>) => string; except: number }) => {
  for (const person of people) {
    if (person.id === except) continue;
    await dmAboutClass({ db, now, team, occurrence, person, message: textMessage(render(personView(team, person, now))), tag, check: newsCheck(occurrence) });
  }
};

export const moveClass = async ({ db, now, team, actor, training, startsAt }: TrainingDeps & { actor: PersonRow; training: TrainingRow; startsAt: Date }) => {
  const before = await upcomingOf({ db, now, training });
  if (before.startsAt.getTime() === startsAt.getTime()) throw botError('trainings.same_time', { number: training.number });
  await cancelOccurrenceJobs({ db, occurrence: before });
  await updateOccurrence({ db, id: before.id, changes: { startsAt } });
  const occurrence = (await getOccurrence({ db, id: before.id }))!;
  await planOccurrence({ db, now, team, training, occurrence });
  await mirrorOccurrence({ db, now, team, training, occurrence, change: 'move' });
  const tag = `moved:${startsAt.toISOString()}`;
  const people = await remindedPeople({ db, training, occurrence });
  await tellAll({ db, now, team, occurrence, people, tag, except: actor.id, render: (view) => t(view.locale, 'trainings.dm_moved', { title: occurrence.title, when: when(startsAt, view) }) });
  await announce({ db, now, team, training, occurrence, tag, lead: t(team.locale, 'trainings.lead_moved', { was: when(before.startsAt, teamView(team, now)) }) });
  const warnings = await scheduleWarnings({ db, now, team, people: await concerned({ db, now, team, training }), startsAt });
  return { occurrence, warnings };
};

export type Scope = 'one' | 'all';

export const cancelClass = async ({ db, now, team, actor, training, scope }: TrainingDeps & { actor: PersonRow; training: TrainingRow; scope: Scope }) => {
  const before = await upcomingOf({ db, now, training });
  const people = await remindedPeople({ db, training, occurrence: before });
  const whole = scope === 'all' || !training.recurrence;
  await cancelOccurrenceJobs({ db, occurrence: before });
  await updateOccurrence({ db, id: before.id, changes: { status: 'cancelled' } });
  if (whole) await updateTraining({ db, id: training.id, changes: { status: 'cancelled' } });
  const occurrence = (await getOccurrence({ db, id: before.id }))!;
  await mirrorOccurrence({ db, now, team, training, occurrence, change: 'cancel' });
  await tellAll({ db, now, team, occurrence, people, tag: 'cancelled', except: actor.id, render: (view) => t(view.locale, 'trainings.dm_cancelled', { title: occurrence.title, when: when(occurrence.startsAt, view) }) });
  await postAboutClass({ db, now, team, occurrence, tag: 'cancelled', message: textMessage(t(team.locale, whole ? 'trainings.cancelled_all' : 'trainings.cancelled_one', { number: training.number, title: occurrence.title, when: when(occurrence.startsAt, teamView(team, now)) })) });
  const next = whole ? null : await materializeNext({ db, now, team, training: (await getTraining({ db, id: training.id }))!, previous: occurrence });
  return { occurrence, whole, next };
};

export interface ClassChanges {
  title?: string;
  durationMinutes?: number;
  link?: string;
  maxSeats?: number;
}

export const editClass = async ({ db, now, team, training, scope, changes }: TrainingDeps & { training: TrainingRow; scope: Scope; changes: ClassChanges }) => {
  const before = await upcomingOf({ db, now, training });
  if (Object.keys(changes).length === 0) throw botError('trainings.nothing_to_edit');
  if (scope === 'all' || !training.recurrence) await updateTraining({ db, id: training.id, changes });
  await updateOccurrence({ db, id: before.id, changes });
  const occurrence = (await getOccurrence({ db, id: before.id }))!;
  // More seats: the waitlist moves up, first come first served, each told.
  if (changes.maxSeats) while (await promoteFirst({ db, now, team, occurrence }));
  if (changes.durationMinutes) {
    // The after-class message follows the new end.
    await cancelOccurrenceJobs({ db, occurrence, keepStart: true });
    await planOccurrence({ db, now, team, training, occurrence });
  }
  await mirrorOccurrence({ db, now, team, training, occurrence, change: 'edit' });
  const tag = `edited:${now.toISOString()}`;
  await announce({ db, now, team, training, occurrence, tag, lead: t(team.locale, 'trainings.lead_edited') });
  return { occurrence };
};
