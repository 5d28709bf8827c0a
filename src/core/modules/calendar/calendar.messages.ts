import { t } from '../../i18n/catalog.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import { compose, textMessage, type Block, type Message } from '../../messages.js';
import { formatLocalDate } from '../../time.js';
import { echoWhen, when, type View } from '../../view.js';
import type { CalendarEntryRow } from './calendar.repository.js';
import type { CalendarItem } from './calendar.items.js';
import type { PlannedReminder } from './calendar.time.js';

/** "Thu 10 Dec (all day)" for an all-day entry, else its moment in the reader's zone. */
export const entryWhenText = (entry: Pick<CalendarEntryRow, 'allDay' | 'localDate' | 'startsAt'>, view: View): string =>
  entry.allDay && entry.localDate
    ? t(view.locale, 'calendar.all_day', { date: formatLocalDate(entry.localDate, view.locale, { now: view.now, zone: view.zone }) })
    : when(entry.startsAt, view);

export const kindText = (entry: Pick<CalendarEntryRow, 'kind'>, view: Pick<View, 'locale'>): string => t(view.locale, `calendar.kind.${entry.kind}`);

const details = ({ entry, owner, projectName, view }: { entry: CalendarEntryRow; owner: PersonRow | null; projectName: string | null; view: View }): string =>
  [kindText(entry, view), owner ? t(view.locale, 'calendar.owner', { person: owner.displayName }) : '', projectName ? t(view.locale, 'calendar.project', { project: projectName }) : '']
    .filter(Boolean)
    .join(' · ');

export const remindersText = (reminders: readonly PlannedReminder[], view: View): string =>
  reminders.length === 0
    ? t(view.locale, 'calendar.no_reminders')
    : t(view.locale, 'calendar.reminders', { when: reminders.map((reminder) => when(reminder.at, { ...view, zone: reminder.zone })).join(', ') });

/** A timed entry in its own zone, with the reader's clock when it differs; an all-day one as its date. */
const savedWhen = (entry: CalendarEntryRow, view: View): string =>
  entry.allDay ? entryWhenText(entry, view) : echoWhen({ at: entry.startsAt, zone: entry.zone, readerZone: view.zone, locale: view.locale, now: view.now });

/** The confirmation of an add or a move: what, when, and when the reminders go. */
export const entrySaved = ({ key, entry, owner, projectName, reminders, recipient, view }: { key: 'calendar.added' | 'calendar.moved'; entry: CalendarEntryRow; owner: PersonRow | null; projectName: string | null; reminders: readonly PlannedReminder[]; recipient: PersonRow | null; view: View }): Message =>
  textMessage(
    t(view.locale, key, { number: entry.number, title: entry.title, when: savedWhen(entry, view), details: details({ entry, owner, projectName, view }) }) +
      '\n' +
      (recipient ? t(view.locale, 'calendar.reminders_for', { person: recipient.displayName, reminders: remindersText(reminders, view) }) : remindersText(reminders, view)),
  );

export const entryCard = ({ entry, owner, creator, projectName, view }: { entry: CalendarEntryRow; owner: PersonRow | null; creator: PersonRow | null; projectName: string | null; view: View }): Message => {
  const reminderDays = entry.remindDays === null ? t(view.locale, 'calendar.remind_default') : t(view.locale, 'calendar.remind_days', { days: entry.remindDays });
  const fields = [
    { label: t(view.locale, 'calendar.field.when'), value: entryWhenText(entry, view) },
    { label: t(view.locale, 'calendar.field.kind'), value: kindText(entry, view) },
    { label: t(view.locale, 'calendar.field.owner'), value: owner?.displayName ?? t(view.locale, 'calendar.no_owner', { person: creator?.displayName ?? '?' }) },
    ...(projectName ? [{ label: t(view.locale, 'calendar.field.project'), value: projectName }] : []),
    { label: t(view.locale, 'calendar.field.reminders'), value: reminderDays },
  ];
  return compose([{ type: 'header', text: `#${entry.number} ${entry.title}` }, { type: 'fields', fields }]);
};

/** `/calendar list`: entries and project due dates of the coming days, one a line, soonest first. */
export const calendarList = ({ team, items, people, days, view }: { team: TeamRow; items: readonly CalendarItem[]; people: ReadonlyMap<number, PersonRow>; days: number; view: View }): Message => {
  const title = t(view.locale, 'calendar.list_title', { team: team.clientName, days });
  const lines = items.flatMap((item): string[] => {
    if (item.kind === 'project') return [t(view.locale, 'calendar.line_project', { when: when(item.startsAt, view), project: item.name })];
    if (item.cancelled) return [];
    const owner = item.entry.ownerId === null ? null : (people.get(item.entry.ownerId) ?? null);
    return [t(view.locale, 'calendar.line', { number: item.entry.number, when: entryWhenText(item.entry, view), title: item.entry.title, details: details({ entry: item.entry, owner, projectName: item.projectName, view }) })];
  });
  const blocks: Block[] = [{ type: 'header', text: title }, { type: 'text', text: lines.length > 0 ? lines.join('\n') : t(view.locale, 'calendar.list_empty', { days }) }];
  return compose(blocks);
};

/** The owner's reminder: what, how many working days ahead, and when exactly. */
export const reminderMessage = ({ entry, team, days, project, view }: { entry: CalendarEntryRow; team: TeamRow; days: number; project: string | null; view: View }): Message =>
  textMessage(
    t(view.locale, days === 1 ? 'calendar.dm_reminder_one' : 'calendar.dm_reminder', { team: team.clientName, title: entry.title, kind: kindText(entry, view), number: entry.number, days, when: entryWhenText(entry, view) }) +
      (project ? ` ${t(view.locale, 'calendar.project', { project })}.` : ''),
  );
