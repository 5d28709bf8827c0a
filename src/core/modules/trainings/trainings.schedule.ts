import type { Db } from '../../../db/database.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import { cancelJobs, scheduleJob } from '../../jobs.js';
import { loadWorkingTime } from '../../recipient-time.js';
import { localDateOf } from '../../time.js';
import { addDays, wallOf } from '../../time/zone.js';
import { shiftAt, shiftOn, type WorkingTime } from '../../working-time.js';
import { endKey, occurrenceJobsPrefix, remindKey, startKey, trainingEndJob, trainingRemindJob, trainingStartJob } from './trainings.jobs.js';
import { inviteesOf, rsvpsOf, settingsOf, type OccurrenceRow, type TrainingRow } from './trainings.repository.js';

const MINUTE = 60_000;
const NIGHT_START = 22 * 60;
const NIGHT_END = 7 * 60;

const inNight = (instant: Date, zone: string) => {
  const wall = wallOf(instant, zone);
  const minutes = wall.hour * 60 + wall.minute;
  return minutes >= NIGHT_START || minutes < NIGHT_END;
};

/** The end of the last working period that ended at or before `instant` (a fortnight back at most). */
const previousWorkingEnd = (instant: Date, time: WorkingTime): Date | null => {
  let date = localDateOf(instant, time.zone);
  for (let step = 0; step < 14; step++, date = addDays(date, -1)) {
    const shift = shiftOn(date, time);
    if (shift && shift.endAt <= instant) return shift.endAt;
  }
  return null;
};

/**
 * When one reminder reaches one person: `offset` minutes before the start, unless that falls in their night
 * (22:00-07:00 in their zone, outside any shift they work), when it goes at the end of their previous working
 * day. Null when the moment has passed (a class planned for within the hour gets no "in 24 hours").
 */
export const reminderMoment = ({ startsAt, offset, time, now }: { startsAt: Date; offset: number; time: WorkingTime; now: Date }): Date | null => {
  const at = new Date(startsAt.getTime() - offset * MINUTE);
  if (at <= now) return null;
  if (offset === 0 || shiftAt(at, time) || !inNight(at, time.zone)) return at;
  const earlier = previousWorkingEnd(at, time);
  if (!earlier) return at;
  return earlier > now ? earlier : now;
};

/** Who is reminded of an occurrence: its invitees and whoever answered Going or Maybe, never Can't or the waitlist. */
export const remindedPeople = async ({ db, training, occurrence }: { db: Db; training: TrainingRow; occurrence: OccurrenceRow }): Promise<PersonRow[]> => {
  const [invitees, rsvps] = await Promise.all([inviteesOf({ db, training }), rsvpsOf({ db, occurrenceId: occurrence.id })]);
  const byId = new Map(invitees.map((person) => [person.id, person]));
  for (const rsvp of rsvps) {
    if (rsvp.answer === 'going' || rsvp.answer === 'maybe') byId.set(rsvp.personId, rsvp.person);
    else byId.delete(rsvp.personId);
  }
  return [...byId.values()];
};

export const isReminded = async ({ db, training, occurrence, personId }: { db: Db; training: TrainingRow; occurrence: OccurrenceRow; personId: number }): Promise<boolean> =>
  (await remindedPeople({ db, training, occurrence })).some((person) => person.id === personId);

/** Plans one person's reminders of an occurrence at the team's offsets and at the start; planning twice changes nothing. */
export const planReminders = async ({ db, now, team, occurrence, people }: { db: Db; now: Date; team: TeamRow; occurrence: OccurrenceRow; people: readonly PersonRow[] }) => {
  if (occurrence.status !== 'scheduled') return;
  const { reminderOffsets } = await settingsOf({ db, teamId: team.id });
  const offsets = [...new Set([...reminderOffsets, 0])];
  for (const person of people) {
    const time = await loadWorkingTime({ db, person, team, now });
    for (const offset of offsets) {
      const runAt = reminderMoment({ startsAt: occurrence.startsAt, offset, time, now });
      if (!runAt) continue;
      await scheduleJob({
        db,
        job: trainingRemindJob,
        payload: { occurrenceId: occurrence.id, personId: person.id, offset, startsAt: occurrence.startsAt.toISOString() },
        runAt,
        dedupeKey: remindKey(occurrence.id, occurrence.startsAt, person.id, offset),
      });
    }
  }
};

/** Everything an occurrence has planned: its start (the next of a series), its end (the after-class message) and the reminders. */
export const planOccurrence = async ({ db, now, team, training, occurrence }: { db: Db; now: Date; team: TeamRow; training: TrainingRow; occurrence: OccurrenceRow }) => {
  const payload = { occurrenceId: occurrence.id, startsAt: occurrence.startsAt.toISOString() };
  await scheduleJob({ db, job: trainingStartJob, payload, runAt: occurrence.startsAt, dedupeKey: startKey(occurrence.id, occurrence.startsAt) });
  const endsAt = new Date(occurrence.startsAt.getTime() + occurrence.durationMinutes * MINUTE);
  await scheduleJob({ db, job: trainingEndJob, payload, runAt: endsAt, dedupeKey: endKey(occurrence.id, occurrence.startsAt) });
  await planReminders({ db, now, team, occurrence, people: await remindedPeople({ db, training, occurrence }) });
};

/** A moved or cancelled occurrence leaves no pending job behind; `keepStart` keeps a series going past a cancelled one. */
export const cancelOccurrenceJobs = async ({ db, occurrence, keepStart = false }: { db: Db; occurrence: OccurrenceRow; keepStart?: boolean }) => {
  const [remind, start, end] = occurrenceJobsPrefix(occurrence.id);
  await cancelJobs({ db, dedupeKeyPrefix: remind! });
  await cancelJobs({ db, dedupeKeyPrefix: end! });
  if (!keepStart) await cancelJobs({ db, dedupeKeyPrefix: start! });
};
