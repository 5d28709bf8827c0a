import { t, type Locale } from '../../i18n/catalog.js';
import type { PersonRow } from '../../identity.js';
import { compose, type Block, type Button, type Message } from '../../messages.js';
import { formatInstant } from '../../time.js';
import { when, type View } from '../../view.js';
import type { Answer, AttendanceRow, OccurrenceRow, RsvpWithPerson, TrainingRow } from './trainings.repository.js';

/** The buttons on an announcement; their value is the occurrence id. */
export const RSVP_ACTIONS: Record<Exclude<Answer, 'waitlist'>, string> = { going: 'training.going', maybe: 'training.maybe', cant: 'training.cant' };
export const ATTENDED_ACTION = 'training.attended';
export const SCOPE_ACTIONS = { one: 'training.cancel_one', all: 'training.cancel_all' } as const;

const names = (people: readonly PersonRow[]) => people.map((person) => person.displayName).join(', ');

export const durationText = (minutes: number, locale: Locale): string => {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t(locale, 'trainings.minutes', { n: rest });
  return rest === 0 ? t(locale, 'trainings.hours', { n: hours }) : t(locale, 'trainings.hours_minutes', { h: hours, m: rest });
};

export const classLine = (training: TrainingRow, occurrence: OccurrenceRow, view: View): string =>
  `#${training.number} ${occurrence.title} · ${when(occurrence.startsAt, view)} · ${durationText(occurrence.durationMinutes, view.locale)}`;

export interface Counts {
  going: PersonRow[];
  maybe: PersonRow[];
  cant: PersonRow[];
  waitlist: PersonRow[];
}

export const countsOf = (rsvps: readonly RsvpWithPerson[]): Counts => {
  const of = (answer: Answer) => rsvps.filter((rsvp) => rsvp.answer === answer).map((rsvp) => rsvp.person);
  return { going: of('going'), maybe: of('maybe'), cant: of('cant'), waitlist: of('waitlist') };
};

const countsText = (counts: Counts, occurrence: OccurrenceRow, locale: Locale): string => {
  const parts = [
    t(locale, 'trainings.count_going', { n: counts.going.length }) + (occurrence.maxSeats ? ` / ${occurrence.maxSeats}` : ''),
    t(locale, 'trainings.count_maybe', { n: counts.maybe.length }),
    t(locale, 'trainings.count_cant', { n: counts.cant.length }),
  ];
  if (occurrence.maxSeats) parts.push(t(locale, 'trainings.count_waitlist', { n: counts.waitlist.length }));
  return parts.join(' · ');
};

export const rsvpButtons = (occurrence: OccurrenceRow, locale: Locale): Block => ({
  type: 'buttons',
  buttons: [
    { label: t(locale, 'trainings.btn_going'), actionId: RSVP_ACTIONS.going, value: String(occurrence.id), style: 'primary' },
    { label: t(locale, 'trainings.btn_maybe'), actionId: RSVP_ACTIONS.maybe, value: String(occurrence.id) },
    { label: t(locale, 'trainings.btn_cant'), actionId: RSVP_ACTIONS.cant, value: String(occurrence.id) },
  ],
});

/**
 * The class in the team channel: its time as a date token (each reader sees their own zone; the fallback is
 * the team's), its length and link, the answers so far and the RSVP buttons. Written again after each click.
 */
export const announcement = ({ training, occurrence, rsvps, view, lead, sopLine }: { training: TrainingRow; occurrence: OccurrenceRow; rsvps: readonly RsvpWithPerson[]; view: View; lead?: string; sopLine?: string | null }): Message => {
  const counts = countsOf(rsvps);
  const blocks: Block[] = [
    { type: 'header', text: `#${training.number} ${occurrence.title}` },
    ...(lead ? [{ type: 'text' as const, text: lead }] : []),
    { type: 'text', text: t(view.locale, 'trainings.announce_when', { when: when(occurrence.startsAt, view), duration: durationText(occurrence.durationMinutes, view.locale) }) },
    ...(occurrence.link ? [{ type: 'text' as const, text: t(view.locale, 'trainings.link_line', { link: occurrence.link }) }] : []),
    ...(sopLine ? [{ type: 'text' as const, text: sopLine }] : []),
    { type: 'context', text: countsText(counts, occurrence, view.locale) },
    ...(counts.going.length > 0 ? [{ type: 'context' as const, text: t(view.locale, 'trainings.going_names', { people: names(counts.going) }) }] : []),
  ];
  if (occurrence.status === 'cancelled') return compose([...blocks, { type: 'context', text: t(view.locale, 'trainings.cancelled_mark') }]);
  if (occurrence.startsAt <= view.now) return compose(blocks);
  return compose([...blocks, rsvpButtons(occurrence, view.locale)]);
};

export const reminderMessage = ({ occurrence, offsetMinutes, view, sopLine }: { occurrence: OccurrenceRow; offsetMinutes: number; view: View; sopLine?: string | null }): Message => {
  const link = (occurrence.link ? `\n${t(view.locale, 'trainings.link_line', { link: occurrence.link })}` : '') + (sopLine ? `\n${sopLine}` : '');
  if (offsetMinutes === 0) return compose([{ type: 'text', text: t(view.locale, 'trainings.starting_now', { title: occurrence.title }) + link }]);
  return compose([{ type: 'text', text: t(view.locale, 'trainings.reminder', { title: occurrence.title, when: when(occurrence.startsAt, view), in: durationText(offsetMinutes, view.locale) }) + link }]);
};

export const afterClassMessage = ({ training, occurrence, view }: { training: TrainingRow; occurrence: OccurrenceRow; view: View }): Message =>
  compose([
    { type: 'text', text: t(view.locale, 'trainings.after_class', { number: training.number, title: occurrence.title }) },
    { type: 'buttons', buttons: [{ label: t(view.locale, 'trainings.btn_attended'), actionId: ATTENDED_ACTION, value: String(occurrence.id), style: 'primary' }] },
  ]);

export const attendedButton = (occurrence: OccurrenceRow, locale: Locale): Button => ({ label: t(locale, 'trainings.btn_attended'), actionId: ATTENDED_ACTION, value: String(occurrence.id), style: 'primary' });

export const classCard = ({ training, occurrence, rsvps, invitees, attendance, view }: { training: TrainingRow; occurrence: OccurrenceRow; rsvps: readonly RsvpWithPerson[]; invitees: readonly PersonRow[]; attendance: readonly AttendanceRow[]; view: View }): Message => {
  const counts = countsOf(rsvps);
  const list = (people: readonly PersonRow[]) => (people.length > 0 ? names(people) : '–');
  const known = new Map([...invitees, ...rsvps.map((rsvp) => rsvp.person)].map((person) => [person.id, person]));
  const attended = attendance.filter((row) => row.attended).flatMap((row) => known.get(row.personId) ?? []);
  const fields = [
    { label: t(view.locale, 'trainings.f_when'), value: formatInstant(occurrence.startsAt, view.zone, view.locale, { now: view.now }) },
    { label: t(view.locale, 'trainings.f_length'), value: durationText(occurrence.durationMinutes, view.locale) },
    { label: t(view.locale, 'trainings.f_invited'), value: training.everyone ? t(view.locale, 'trainings.everyone') : list(invitees) },
    { label: t(view.locale, 'trainings.count_going', { n: counts.going.length }), value: list(counts.going) },
    { label: t(view.locale, 'trainings.count_maybe', { n: counts.maybe.length }), value: list(counts.maybe) },
    { label: t(view.locale, 'trainings.count_cant', { n: counts.cant.length }), value: list(counts.cant) },
  ];
  if (occurrence.maxSeats) fields.push({ label: t(view.locale, 'trainings.count_waitlist', { n: counts.waitlist.length }), value: list(counts.waitlist) });
  if (occurrence.link) fields.push({ label: t(view.locale, 'trainings.f_link'), value: occurrence.link });
  if (training.recurrence) fields.push({ label: t(view.locale, 'trainings.f_repeat'), value: t(view.locale, 'trainings.repeats') });
  if (occurrence.recordingUrl) fields.push({ label: t(view.locale, 'trainings.f_recording'), value: occurrence.recordingUrl });
  if (attendance.length > 0) fields.push({ label: t(view.locale, 'trainings.f_attended'), value: list(attended) });
  const status = occurrence.status === 'cancelled' ? [{ type: 'context' as const, text: t(view.locale, 'trainings.cancelled_mark') }] : [];
  return compose([{ type: 'header', text: `#${training.number} ${occurrence.title}` }, { type: 'fields', fields }, ...status]);
};
