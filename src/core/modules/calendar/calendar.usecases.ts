import type { Db } from '../../../db/database.js';
import { enqueueDm } from '../../deliveries.js';
import { botError } from '../../errors.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import { cancelJobs, scheduleJob } from '../../jobs.js';
import { loadWorkingTime } from '../../recipient-time.js';
import { getPeople } from '../people/people.repository.js';
import { askZoneOnce } from '../people/people.zone-ask.js';
import { getTeam } from '../teams/teams.repository.js';
import { calendarRemindJob, remindKey, remindKeyPrefix } from './calendar.jobs.js';
import { reminderMessage } from './calendar.messages.js';
import { calendarReminder } from './calendar.notices.js';
import {
  getEntry,
  getEntryByNumberForUpdate,
  insertEntry,
  nextEntryNumber,
  projectNames,
  updateEntry,
  type CalendarEntryRow,
  type CalendarKind,
} from './calendar.repository.js';
import { reminderMoment, remindDaysOf, type EntryWhen, type PlannedReminder } from './calendar.time.js';

export interface CalendarDeps {
  db: Db;
  now: Date;
}

/** Who hears an entry's reminders: its owner, else whoever put it on the calendar. */
export const reminderRecipientId = (entry: CalendarEntryRow): number => entry.ownerId ?? entry.creatorId;

/**
 * Schedules the reminders of the entry's current version: each `days` working days before its day, at the
 * start of the recipient's working day in their zone. One already past is skipped (an entry two working days
 * away gets only its 1-day reminder). Keys name the version, so planning twice queues nothing more.
 */
const planReminders = async ({ db, now, entry, team }: CalendarDeps & { entry: CalendarEntryRow; team: TeamRow }): Promise<PlannedReminder[]> => {
  const [person] = await getPeople({ db, ids: [reminderRecipientId(entry)] });
  if (!person || entry.status !== 'active') return [];
  const time = await loadWorkingTime({ db, person, team, now });
  const planned: PlannedReminder[] = [];
  for (const days of remindDaysOf(entry.remindDays)) {
    const at = reminderMoment({ entry, days, time });
    if (!at || at <= now) continue;
    await scheduleJob({ db, job: calendarRemindJob, payload: { entryId: entry.id, version: entry.version, days }, runAt: at, dedupeKey: remindKey(entry.id, entry.version, days) });
    planned.push({ days, at, zone: time.zone });
  }
  // Reminders are timed by their zone: whoever has none is asked for it, once.
  await askZoneOnce({ db, now, team, person });
  return planned;
};

export interface NewEntry {
  title: string;
  when: EntryWhen;
  zone: string;
  kind: CalendarKind;
  owner: PersonRow | null;
  projectId: number | null;
  remindDays: number | null;
}

export const addEntry = async ({ db, now, team, creator, entry }: CalendarDeps & { team: TeamRow; creator: PersonRow; entry: NewEntry }) => {
  const number = await nextEntryNumber({ db, teamId: team.id });
  const row = await insertEntry({
    db,
    values: {
      teamId: team.id,
      number,
      title: entry.title,
      kind: entry.kind,
      allDay: entry.when.allDay,
      localDate: entry.when.localDate,
      startsAt: entry.when.startsAt,
      zone: entry.zone,
      ownerId: entry.owner?.id ?? null,
      creatorId: creator.id,
      projectId: entry.projectId,
      remindDays: entry.remindDays,
      createdAt: now,
      updatedAt: now,
    },
  });
  return { entry: row, reminders: await planReminders({ db, now, entry: row, team }) };
};

/** The active entry of this number, locked; a removed one is as good as unknown. */
export const findEntry = async ({ db, team, number }: { db: Db; team: TeamRow; number: number }): Promise<CalendarEntryRow> => {
  const entry = await getEntryByNumberForUpdate({ db, teamId: team.id, number });
  if (!entry || entry.status !== 'active') throw botError('calendar.not_found', { number });
  return entry;
};

/** A new day or time: the old version's reminders are cancelled (and dropped by their re-check if queued), new ones planned. */
export const moveEntry = async ({ db, now, team, entry, when }: CalendarDeps & { team: TeamRow; entry: CalendarEntryRow; when: EntryWhen }) => {
  await cancelJobs({ db, dedupeKeyPrefix: remindKeyPrefix(entry.id) });
  const moved = await updateEntry({ db, entryId: entry.id, now, changes: { allDay: when.allDay, localDate: when.localDate, startsAt: when.startsAt } });
  return { entry: moved, reminders: await planReminders({ db, now, entry: moved, team }) };
};

/** Kept as removed, with a new version (a feed shows it cancelled); its reminders never go. */
export const removeEntry = async ({ db, now, entry }: CalendarDeps & { entry: CalendarEntryRow }) => {
  await cancelJobs({ db, dedupeKeyPrefix: remindKeyPrefix(entry.id) });
  return updateEntry({ db, entryId: entry.id, now, changes: { status: 'removed' } });
};

/**
 * The reminder job: for the version it was planned for only. The DM goes through the outbox, which re-checks
 * the version when it falls due, and, as for every nudge, drops it when the owner is away that day (an
 * absence entered after the entry was planned): the other reminder still goes.
 */
export const remindNow = async ({ db, now, entryId, version, days }: CalendarDeps & { entryId: number; version: number; days: number }): Promise<void> => {
  const entry = await getEntry({ db, entryId });
  if (!entry || entry.status !== 'active' || entry.version !== version) return;
  const team = await getTeam({ db, teamId: entry.teamId });
  const [person] = await getPeople({ db, ids: [reminderRecipientId(entry)] });
  if (!team || !person) return;
  const { zone } = await loadWorkingTime({ db, person, team, now });
  const projects = entry.projectId === null ? new Map<number, string>() : await projectNames({ db, ids: [entry.projectId] });
  const message = reminderMessage({ entry, team, days, project: entry.projectId === null ? null : (projects.get(entry.projectId) ?? null), view: { locale: team.locale, zone, now } });
  await enqueueDm({
    db,
    person,
    team,
    message,
    dedupeKey: `calendar:${entry.id}:v${version}:remind:${days}:dm:${person.id}`,
    notBefore: now,
    notice: { subject: `calendar:${entry.id}`, nature: 'nudge', check: calendarReminder.spec({ entryId: entry.id, version }) },
  });
};

export const entryTeam = async ({ db, entryId }: { db: Db; entryId: number }): Promise<number | null> => (await getEntry({ db, entryId }))?.teamId ?? null;

/** The read side other modules use (the weekly digest, the team's calendar feed). */
export { upcomingCalendarItems, type CalendarItem } from './calendar.items.js';
