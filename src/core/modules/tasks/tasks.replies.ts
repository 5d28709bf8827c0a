import type { CommandContext, TeamContext } from '../../commands.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import { ephemeral, inChannel, type Reply } from '../../invocation.js';
import { textMessage, type Message } from '../../messages.js';
import type { NoticeCheckSpec } from '../../notices.js';
import { formatInstant, formatRecurrence } from '../../time.js';
import { echoWhen, zoneOf, type View } from '../../view.js';
import { linkTask, type SopRow } from '../sop/sop.repository.js';
import { sopName, sopNoteOf } from '../sop/sop.links.js';
import { assignmentMessage, names } from './tasks.messages.js';
import { taskAssigned } from './tasks.notices.js';
import { dmAboutTaskTo } from './tasks.notify.js';
import type { TaskRow } from './tasks.repository.js';
import { addTask, completeTask, type Actor } from './tasks.usecases.js';
import { arrivalLines, deadlineWarnings } from './tasks.warnings.js';

/**
 * What the handlers of /task, its buttons and its forms share: who acts, how a moment is echoed, who
 * hears of a change, and the replies two of them give (adding a task, marking one done).
 */

export const actorOf = (ctx: TeamContext): Actor => ({ person: ctx.actor, role: ctx.role });
export const viewFor = (ctx: CommandContext, team: TeamRow, person: PersonRow = ctx.actor): View => ({ locale: team.locale, zone: zoneOf(person, team), now: ctx.now });

export const whenEcho = (ctx: CommandContext, team: TeamRow, at: Date, zone: string): string =>
  echoWhen({ at, zone, readerZone: zoneOf(ctx.actor, team), locale: team.locale, now: ctx.now });

export const dueEcho = (ctx: CommandContext, team: TeamRow, dueAt: Date, dueZone: string): string => ctx.t('tasks.due_echo', { when: whenEcho(ctx, team, dueAt, dueZone) });

/** A DM about a task, once per invocation: a retried click or command queues nothing more. */
export const dmAboutTask = (ctx: CommandContext, team: TeamRow, task: TaskRow, person: PersonRow, message: Message, tag: string, check: NoticeCheckSpec) =>
  dmAboutTaskTo({ db: ctx.db, now: ctx.now, team, task, person, message, dedupeKey: `dm:${person.id}:task:${task.id}:${tag}:${ctx.invocation.id}`, check });

/** The people of a change who hear of it by DM: everyone but whoever made it. */
export const othersThan = (ctx: CommandContext, people: PersonRow[]) => people.filter((person) => person.id !== ctx.actor.id);

export const notifyAssigned = async (ctx: CommandContext, team: TeamRow, task: TaskRow, people: PersonRow[]) => {
  const others = othersThan(ctx, people);
  const notes = others.length > 0 ? await sopNoteOf({ db: ctx.db, taskId: task.id, locale: team.locale }) : [];
  for (const person of others) {
    await dmAboutTask(ctx, team, task, person, assignmentMessage({ task, assigner: ctx.actor, team, view: viewFor(ctx, team, person), notes }), 'assigned', taskAssigned.spec({ taskId: task.id, assignerId: ctx.actor.id, missed: null }));
  }
};

export const notifyOthers = async (ctx: CommandContext, team: TeamRow, task: TaskRow, people: PersonRow[], render: (view: View) => string, tag: string, check: NoticeCheckSpec) => {
  for (const person of othersThan(ctx, people)) {
    await dmAboutTask(ctx, team, task, person, textMessage(render(viewFor(ctx, team, person))), tag, check);
  }
};

/**
 * The lines under a confirmation that sets a deadline or gives a task: a deadline the assignees cannot meet
 * in their working time, and when the DMs that wait for it arrive.
 */
export const confirmationNotes = async (ctx: CommandContext, team: TeamRow, task: TaskRow, { assignees, told }: { assignees: PersonRow[]; told: PersonRow[] }): Promise<string[]> => [
  ...(await deadlineWarnings({ db: ctx.db, team, people: assignees, at: task.status === 'open' ? task.dueAt : null, now: ctx.now })),
  ...(await arrivalLines({ db: ctx.db, team, people: othersThan(ctx, told), now: ctx.now, urgent: task.priority === 'urgent' })),
];

export const withNotes = (text: string, notes: string[]): Message => textMessage([text, ...notes].join('\n'));

/** `sop`: the SOP the task links to (`/task add … sop 3`), shown with the task and in its DM. */
export const addAndConfirm = async (ctx: CommandContext, tc: TeamContext, input: Parameters<typeof addTask>[0]['input'], sop: SopRow | null = null): Promise<Reply> => {
  const added = await addTask({ db: ctx.db, now: ctx.now, team: tc.team, actor: actorOf(tc), input });
  const { task } = added;
  if (sop) await linkTask({ db: ctx.db, taskId: task.id, sopId: sop.id, purpose: 'link' });
  await notifyAssigned(ctx, tc.team, task, added.assignees);
  const forOthers = added.assignees.some((person) => person.id !== ctx.actor.id);
  const details = [
    forOthers ? ctx.t('tasks.added_for', { people: names(added.assignees, tc.team.locale) }) : '',
    task.dueAt ? dueEcho(ctx, tc.team, task.dueAt, added.dueZone) : '',
    added.recurrence ? ctx.t('tasks.repeats', { recurrence: formatRecurrence(added.recurrence, tc.team.locale) }) : '',
    added.projectName ? ctx.t('tasks.in_project', { project: added.projectName }) : '',
    sop ? ctx.t('sops.linked', { sop: sopName(sop) }) : '',
  ].join('');
  const notes = await confirmationNotes(ctx, tc.team, task, { assignees: added.assignees, told: added.assignees });
  const message = withNotes(ctx.t('tasks.added', { number: task.number, title: task.title, details }), notes);
  // A new assignment is news for the team; a personal to-do is nobody else's business.
  return forOthers ? inChannel(message) : ephemeral(message);
};

export const doneReply = async (ctx: TeamContext, task: TaskRow): Promise<Message> => {
  const result = await completeTask({ db: ctx.db, now: ctx.now, team: ctx.team, actor: actorOf(ctx), task });
  const lines = [ctx.t('tasks.done_by', { number: task.number, title: task.title, person: ctx.actor.displayName })];
  if (result.next?.dueAt) {
    lines.push(ctx.t('tasks.done_next', { number: result.next.number, when: formatInstant(result.next.dueAt, zoneOf(result.assignees[0], ctx.team), ctx.team.locale, { now: ctx.now }) }));
  }
  return textMessage(lines.join(' '));
};
