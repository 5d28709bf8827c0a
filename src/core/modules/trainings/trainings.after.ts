import type { Db } from '../../../db/database.js';
import { botError } from '../../errors.js';
import { t } from '../../i18n/catalog.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import { compose, textMessage } from '../../messages.js';
import { loadWorkingTime } from '../../recipient-time.js';
import { addDays } from '../../time/zone.js';
import { dayOff, workingDateOf, type WorkingTime } from '../../working-time.js';
import { addTask } from '../tasks/tasks.usecases.js';
import { attendedButton } from './trainings.messages.js';
import { upcomingOf } from './trainings.usecases.js';
import { dmAboutClass, newsCheck, postAboutClass } from './trainings.notify.js';
import { attendanceOf, inviteesOf, lastStarted, markAttended, markNoShow, rsvpsOf, setNoShowTask, settingsOf, updateOccurrence, type OccurrenceRow, type TrainingRow } from './trainings.repository.js';

/**
 * After a class: its recording and materials reach the channel and every invitee, with an "I attended" button;
 * whoever said Going and is not marked present gets the recording with a friendly note and a task to watch it.
 */

export const pastOccurrenceOf = async ({ db, now, training }: { db: Db; now: Date; training: TrainingRow }): Promise<OccurrenceRow> => {
  const occurrence = await lastStarted({ db, trainingId: training.id, now });
  if (!occurrence) throw botError('trainings.not_started', { number: training.number });
  return occurrence;
};

/** Everyone the class concerned: its invitees and whoever answered. */
const audienceOf = async ({ db, training, occurrence }: { db: Db; training: TrainingRow; occurrence: OccurrenceRow }) => {
  const byId = new Map((await inviteesOf({ db, training })).map((person) => [person.id, person]));
  const rsvps = await rsvpsOf({ db, occurrenceId: occurrence.id });
  for (const rsvp of rsvps) byId.set(rsvp.personId, rsvp.person);
  return { people: [...byId.values()], rsvps };
};

/** The date `days` working days after today in the person's calendar (weekends, absences and holidays skipped). */
export const workingDaysLater = (now: Date, time: WorkingTime, days: number): string => {
  let date = workingDateOf(now, time);
  for (let counted = 0, step = 0; counted < days && step < 400; step++) {
    date = addDays(date, 1);
    if (!dayOff(date, time)) counted++;
  }
  return date;
};

export const shareRecording = async ({ db, now, team, actor, training, url }: { db: Db; now: Date; team: TeamRow; actor: PersonRow; training: TrainingRow; url: string }) => {
  const occurrence = await pastOccurrenceOf({ db, now, training });
  await updateOccurrence({ db, id: occurrence.id, changes: { recordingUrl: url } });
  const { people, rsvps } = await audienceOf({ db, training, occurrence });
  const present = new Set((await attendanceOf({ db, occurrenceId: occurrence.id })).filter((row) => row.attended).map((row) => row.personId));
  const { noShowDays } = await settingsOf({ db, teamId: team.id });
  const locale = team.locale;
  const text = t(locale, 'trainings.recording', { number: training.number, title: occurrence.title, url });
  await postAboutClass({ db, now, team, occurrence, tag: `recording:${url}`, message: compose([{ type: 'text', text }, { type: 'buttons', buttons: [attendedButton(occurrence, locale)] }]) });
  const noShows: PersonRow[] = [];
  for (const person of people) {
    const said = rsvps.find((rsvp) => rsvp.personId === person.id)?.answer;
    if (said === 'going' && !present.has(person.id) && (await markNoShow({ db, occurrenceId: occurrence.id, personId: person.id, at: now }))) {
      const time = await loadWorkingTime({ db, person, team, now });
      const due = workingDaysLater(now, time, noShowDays);
      const { task } = await addTask({ db, now, team, actor: { person: actor, role: 'manager' }, input: { title: t(locale, 'trainings.noshow_task', { title: occurrence.title }), assignees: [person], dueText: due } });
      await setNoShowTask({ db, occurrenceId: occurrence.id, personId: person.id, taskId: task.id });
      const message = textMessage(t(locale, 'trainings.dm_noshow', { title: occurrence.title, url, number: task.number }));
      await dmAboutClass({ db, now, team, occurrence, person, message, tag: `recording:${url}`, check: newsCheck(occurrence) });
      noShows.push(person);
      continue;
    }
    if (person.id === actor.id) continue;
    const message = compose([{ type: 'text', text }, ...(present.has(person.id) ? [] : [{ type: 'buttons' as const, buttons: [attendedButton(occurrence, locale)] }])]);
    await dmAboutClass({ db, now, team, occurrence, person, message, tag: `recording:${url}`, check: newsCheck(occurrence) });
  }
  return { occurrence, told: people.length, noShows };
};

export const shareMaterials = async ({ db, now, team, actor, training, url, note }: { db: Db; now: Date; team: TeamRow; actor: PersonRow; training: TrainingRow; url: string; note: string }) => {
  const occurrence = (await lastStarted({ db, trainingId: training.id, now })) ?? null;
  const target = occurrence ?? (await upcomingOf({ db, now, training }));
  await updateOccurrence({ db, id: target.id, changes: { materials: [...target.materials, { url, note }] } });
  const text = t(team.locale, note ? 'trainings.materials_note' : 'trainings.materials', { number: training.number, title: target.title, url, note });
  await postAboutClass({ db, now, team, occurrence: target, tag: `materials:${url}`, message: textMessage(text) });
  const { people } = await audienceOf({ db, training, occurrence: target });
  for (const person of people) {
    if (person.id === actor.id) continue;
    await dmAboutClass({ db, now, team, occurrence: target, person, message: textMessage(text), tag: `materials:${url}`, check: newsCheck(target) });
  }
  return { occurrence: target, told: people.filter((person) => person.id !== actor.id).length };
};

/** A manager marks who came (someone marked a no-show before counts as present from now on). */
export const setAttendance = async ({ db, now, occurrence, people }: { db: Db; now: Date; occurrence: OccurrenceRow; people: PersonRow[] }) => {
  for (const person of people) await markAttended({ db, occurrenceId: occurrence.id, personId: person.id, source: 'manager', at: now });
};

export const attendedSelf = async ({ db, now, occurrence, person }: { db: Db; now: Date; occurrence: OccurrenceRow; person: PersonRow }): Promise<boolean> => {
  if (occurrence.startsAt > now) throw botError('trainings.not_started_yet', { title: occurrence.title });
  return markAttended({ db, occurrenceId: occurrence.id, personId: person.id, source: 'self', at: now });
};
