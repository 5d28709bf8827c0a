import { t, type Locale } from '../../i18n/catalog.js';
import { compose, type Block, type Message } from '../../messages.js';
import { ago, when, type View } from '../../view.js';
import { formatInstant, formatRecurrence } from '../../time.js';
import type { ReminderStep } from './tasks.jobs.js';
import type { ProjectProgress, TaskEventRow, TaskRow, TaskWithPeople } from './tasks.repository.js';
import type { PersonRow, TeamRow } from '../../identity.js';

export const names = (people: PersonRow[], locale: Locale): string =>
  people.length === 0 ? t(locale, 'tasks.no_one') : people.map((person) => person.displayName).join(', ');

const ref = (task: TaskRow) => t('en', 'tasks.dm_line', { number: task.number, title: task.title });

export const taskLine = (task: TaskWithPeople, view: View): string => {
  const parts = [ref(task), names(task.assignees, view.locale)];
  if (task.dueAt) {
    const late = task.status === 'open' && task.dueAt < view.now ? ` (${t(view.locale, 'tasks.overdue_mark')})` : '';
    parts.push(`${t(view.locale, 'tasks.dm_due', { when: when(task.dueAt, view) })}${late}`);
  }
  if (task.priority !== 'normal') parts.push(`!${t(view.locale, `tasks.priority.${task.priority}`)}`);
  if (task.status !== 'open') parts.push(t(view.locale, `tasks.status.${task.status}`));
  return parts.join(' · ');
};

export const taskButtons = (task: TaskRow, locale: Locale): Block => ({
  type: 'buttons',
  buttons: [
    { label: t(locale, 'tasks.button.done'), actionId: 'task.done', value: String(task.id), style: 'primary' },
    { label: t(locale, 'tasks.button.snooze'), actionId: 'task.snooze', value: String(task.id) },
    { label: t(locale, 'tasks.button.help'), actionId: 'task.help', value: String(task.id) },
  ],
});

/** A DM that puts a task in front of someone: why, the task, its due time in their zone, any notes, the buttons. */
export const taskDm = ({ intro, task, view, notes = [] }: { intro: string; task: TaskRow; view: View; notes?: string[] }): Message =>
  compose([
    { type: 'text', text: intro },
    { type: 'header', text: ref(task) },
    { type: 'context', text: task.dueAt ? t(view.locale, 'tasks.dm_due', { when: when(task.dueAt, view) }) : t(view.locale, 'tasks.dm_no_due') },
    ...notes.map((note) => ({ type: 'context' as const, text: note })),
    ...(task.status === 'open' ? [taskButtons(task, view.locale)] : []),
  ]);

/** The DM a person gets when a task becomes theirs, with its due time in their own zone. */
export const assignmentMessage = ({ task, assigner, team, view, notes = [] }: { task: TaskRow; assigner: PersonRow; team: TeamRow; view: View; notes?: string[] }): Message =>
  taskDm({ intro: t(view.locale, 'tasks.dm_new', { assigner: assigner.displayName, team: team.clientName }), task, view, notes });

/** The next occurrence of a repeating task; the one before it, when it was closed as missed, is mentioned here and only here. */
export const occurrenceMessage = ({ task, team, view, missed }: { task: TaskRow; team: TeamRow; view: View; missed: number | null }): Message =>
  taskDm({ intro: t(view.locale, 'tasks.dm_repeat', { team: team.clientName }), task, view, notes: missed === null ? [] : [t(view.locale, 'tasks.dm_missed', { number: missed })] });

export const reopenedMessage = ({ task, actor, team, view }: { task: TaskRow; actor: PersonRow; team: TeamRow; view: View }): Message =>
  taskDm({ intro: t(view.locale, 'tasks.dm_reopened', { actor: actor.displayName, team: team.clientName }), task, view });

/** What a manager reads when someone presses Need help: who, which task, and what they need, in their words. */
export const helpRequestMessage = ({ task, person, team, need, view }: { task: TaskRow; person: PersonRow; team: TeamRow; need: string; view: View }): Message =>
  compose([
    { type: 'text', text: t(view.locale, 'tasks.help_request', { person: person.displayName, number: task.number, title: task.title, team: team.clientName }) },
    { type: 'text', text: need.split('\n').map((line) => `> ${line}`).join('\n') },
    ...(task.status === 'open' ? [taskButtons(task, view.locale)] : []),
  ]);

/** What a task DM becomes once acted on: the current state, with buttons only while there is something to do. */
export const taskStateMessage = ({ task, view }: { task: TaskRow; view: View }): Message =>
  compose([
    { type: 'header', text: ref(task) },
    {
      type: 'context',
      text: [t(view.locale, `tasks.status.${task.status}`), task.dueAt ? t(view.locale, 'tasks.dm_due', { when: when(task.dueAt, view) }) : null].filter(Boolean).join(' · '),
    },
    ...(task.status === 'open' ? [taskButtons(task, view.locale)] : []),
  ]);

export const taskCard = ({ task, creator, history, view, notes = [] }: { task: TaskWithPeople; creator: string; history: { event: TaskEventRow; actorName: string | null }[]; view: View; notes?: string[] }): Message => {
  const fields = [
    { label: t(view.locale, 'tasks.field.status'), value: t(view.locale, `tasks.status.${task.status}`) },
    { label: t(view.locale, 'tasks.field.assignees'), value: names(task.assignees, view.locale) },
    { label: t(view.locale, 'tasks.field.due'), value: task.dueAt ? when(task.dueAt, view) : t(view.locale, 'tasks.dm_no_due') },
    { label: t(view.locale, 'tasks.field.priority'), value: t(view.locale, `tasks.priority.${task.priority}`) },
    ...(task.project ? [{ label: t(view.locale, 'tasks.field.project'), value: task.project.name }] : []),
    ...(task.recurrence ? [{ label: t(view.locale, 'tasks.field.repeats'), value: formatRecurrence(task.recurrence, view.locale) }] : []),
    { label: t(view.locale, 'tasks.field.created'), value: creator },
  ];
  const lines = history.map(({ event, actorName }) => `${formatInstant(event.at, view.zone, view.locale, { now: view.now })}: ${eventText(event, actorName, view)}`);
  return compose([
    { type: 'header', text: ref(task) },
    { type: 'fields', fields },
    ...notes.map((note) => ({ type: 'text' as const, text: note })),
    { type: 'context', text: `${t(view.locale, 'tasks.history')}:\n${lines.join('\n')}` },
  ]);
};

const eventText = (event: TaskEventRow, actorName: string | null, view: View): string => {
  const actor = actorName ?? t(view.locale, 'tasks.event.system');
  const data = event.data as { dueAt?: string; number?: number; names?: string; previous?: number; text?: string };
  switch (event.kind) {
    case 'created':
      return data.previous ? t(view.locale, 'tasks.event.repeat_of', { number: data.previous }) : t(view.locale, 'tasks.event.created', { actor });
    case 'done':
    case 'reopened':
    case 'cancelled':
      return t(view.locale, `tasks.event.${event.kind}`, { actor });
    case 'help_requested':
      return data.text ? t(view.locale, 'tasks.event.help_requested_text', { actor, text: data.text }) : t(view.locale, 'tasks.event.help_requested', { actor });
    case 'missed':
      return t(view.locale, 'tasks.event.missed', { number: data.number ?? '' });
    case 'assigned':
      return t(view.locale, 'tasks.event.assigned', { actor, people: data.names ?? '' });
    case 'due_changed':
    case 'snoozed':
      return t(view.locale, `tasks.event.${event.kind}`, { actor, when: data.dueAt ? formatInstant(new Date(data.dueAt), view.zone, view.locale, { now: view.now }) : '' });
    case 'recurred':
      return t(view.locale, 'tasks.event.recurred', { number: data.number ?? '' });
    default:
      return event.kind;
  }
};

/** An empty list says what it means: nothing overdue is good news, not a prompt to add a task. */
export const taskList = ({ title, empty = 'open', tasks, view, limit }: { title: string; empty?: 'open' | 'all' | 'person' | 'project' | 'overdue'; tasks: TaskWithPeople[]; view: View; limit: number }): Message =>
  compose([
    { type: 'header', text: title },
    ...(tasks.length === 0 ? [{ type: 'text' as const, text: t(view.locale, empty === 'overdue' ? 'tasks.list_empty_overdue' : empty === 'person' ? 'tasks.list_empty_person' : 'tasks.list_empty') }] : tasks.map((task) => ({ type: 'text' as const, text: taskLine(task, view) }))),
    ...(tasks.length >= limit ? [{ type: 'context' as const, text: t(view.locale, 'tasks.list_more', { count: limit }) }] : []),
  ]);

export const projectList = ({ team, projects, view }: { team: TeamRow; projects: ProjectProgress[]; view: View }): Message =>
  compose([
    { type: 'header', text: t(view.locale, 'tasks.projects_title', { team: team.clientName }) },
    ...(projects.length === 0
      ? [{ type: 'text' as const, text: t(view.locale, 'tasks.projects_empty') }]
      : projects.map((project) => ({
          type: 'text' as const,
          text: [
            t(view.locale, 'tasks.project_line', { name: project.name, done: project.done, total: project.total }),
            project.nextDue ? t(view.locale, 'tasks.project_next', { when: when(project.nextDue, view) }) : null,
            project.dueAt ? t(view.locale, 'tasks.project_due', { when: when(project.dueAt, view) }) : null,
          ]
            .filter(Boolean)
            .join(' · '),
        }))),
  ]);

/** Within this long after the deadline, "due now" is still true; later, the `due` rung says how long ago it was. */
export const DUE_NOW_GRACE_MS = 5 * 60_000;

/**
 * A rung of the reminder ladder, in the recipient's zone, true at `view.now`: it is rendered again when it
 * is sent, so one that goes late (held for the night, after downtime) says how long ago the deadline was.
 */
export const reminderMessage = ({ step, task, assignees, team, view, buttons }: { step: ReminderStep; task: TaskRow; assignees: PersonRow[]; team: TeamRow; view: View; buttons: boolean }): Message => {
  const due = task.dueAt!;
  const key = step === 'due' && view.now.getTime() - due.getTime() > DUE_NOW_GRACE_MS ? 'due_late' : step;
  const params = { number: task.number, title: task.title, when: when(due, view), ago: ago(due, view), people: names(assignees, view.locale), team: team.clientName };
  return compose([{ type: 'text', text: t(view.locale, `tasks.remind.${key}`, params) }, ...(buttons ? [taskButtons(task, view.locale)] : [])]);
};

export const awayMessage = ({ task, away, view }: { task: TaskRow; away: PersonRow; view: View }): Message =>
  compose([{ type: 'text', text: t(view.locale, 'tasks.remind.away', { person: away.displayName, number: task.number, title: task.title, when: when(task.dueAt!, view) }) }]);
