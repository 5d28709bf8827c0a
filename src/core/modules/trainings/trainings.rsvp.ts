import type { Db } from '../../../db/database.js';
import { botError } from '../../errors.js';
import { t } from '../../i18n/catalog.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import { textMessage } from '../../messages.js';
import { when } from '../../view.js';
import { dmAboutClass, newsCheck, personView } from './trainings.notify.js';
import { rsvpsOf, setRsvp, type Answer, type OccurrenceRow } from './trainings.repository.js';
import { planReminders } from './trainings.schedule.js';

/**
 * One click on an announcement: the person's answer, with the seats counted under the occurrence's lock.
 * A Going beyond `max` joins the waitlist; a Going who changes their mind frees a seat, and the first on the
 * waitlist moves up and is told. The same answer twice changes nothing.
 */
export const answerClass = async ({ db, now, team, occurrence, person, answer }: { db: Db; now: Date; team: TeamRow; occurrence: OccurrenceRow; person: PersonRow; answer: Exclude<Answer, 'waitlist'> }): Promise<string> => {
  if (occurrence.status !== 'scheduled') throw botError('trainings.is_cancelled', { title: occurrence.title });
  if (occurrence.startsAt <= now) throw botError('trainings.started', { title: occurrence.title });
  const rsvps = await rsvpsOf({ db, occurrenceId: occurrence.id });
  const mine = rsvps.find((rsvp) => rsvp.personId === person.id)?.answer ?? null;
  const locale = team.locale;
  const going = rsvps.filter((rsvp) => rsvp.answer === 'going');
  const waiting = rsvps.filter((rsvp) => rsvp.answer === 'waitlist');
  if (mine === answer) return t(locale, `trainings.already_${answer}`, { title: occurrence.title });
  if (mine === 'waitlist' && answer === 'going') return t(locale, 'trainings.still_waitlisted', { place: waiting.findIndex((rsvp) => rsvp.personId === person.id) + 1 });

  const full = occurrence.maxSeats !== null && going.length >= occurrence.maxSeats;
  const stored: Answer = answer === 'going' && full ? 'waitlist' : answer;
  await setRsvp({ db, occurrenceId: occurrence.id, personId: person.id, answer: stored, at: now });
  if (stored === 'going' || stored === 'maybe') await planReminders({ db, now, team, occurrence, people: [person] });
  if (mine === 'going' && occurrence.maxSeats !== null) await promoteFirst({ db, now, team, occurrence });
  if (stored === 'waitlist') return t(locale, 'trainings.waitlisted', { title: occurrence.title, place: waiting.length + 1 });
  return t(locale, `trainings.answered_${answer}`, { title: occurrence.title });
};

/** A seat opened: the first on the waitlist is going now, hears it, and gets the reminders. */
export const promoteFirst = async ({ db, now, team, occurrence }: { db: Db; now: Date; team: TeamRow; occurrence: OccurrenceRow }): Promise<boolean> => {
  const rsvps = await rsvpsOf({ db, occurrenceId: occurrence.id });
  const first = rsvps.find((rsvp) => rsvp.answer === 'waitlist');
  if (!first || (occurrence.maxSeats !== null && rsvps.filter((rsvp) => rsvp.answer === 'going').length >= occurrence.maxSeats)) return false;
  // The answer keeps its time: moving up is not a new answer.
  await setRsvp({ db, occurrenceId: occurrence.id, personId: first.personId, answer: 'going', at: first.answeredAt });
  await planReminders({ db, now, team, occurrence, people: [first.person] });
  const view = personView(team, first.person, now);
  const message = textMessage(t(team.locale, 'trainings.dm_promoted', { title: occurrence.title, when: when(occurrence.startsAt, view) }));
  await dmAboutClass({ db, now, team, occurrence, person: first.person, message, tag: `promoted:${now.toISOString()}`, check: newsCheck(occurrence) });
  return true;
};
