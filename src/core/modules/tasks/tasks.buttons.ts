import { z } from 'zod';
import { defineTeamAction, defineTeamForm, type ClickContext, type TeamContext, type TeamOf } from '../../commands.js';
import { botError } from '../../errors.js';
import { readRowId } from '../../row-id.js';
import { ephemeral, type Reply } from '../../invocation.js';
import { textMessage, type FormField } from '../../messages.js';
import { formatInstant } from '../../time.js';
import { zoneOf } from '../../view.js';
import { need, phrase } from './tasks.inputs.js';
import { helpRequestMessage, taskStateMessage } from './tasks.messages.js';
import { taskNews } from './tasks.notices.js';
import { assigneesOf, getTaskForUpdate, type TaskRow } from './tasks.repository.js';
import { actorOf, confirmationNotes, dmAboutTask, doneReply, viewFor, withNotes } from './tasks.replies.js';
import { arrivalLines } from './tasks.warnings.js';
import { helpersOf, redateTask, requestHelp } from './tasks.usecases.js';

// ---- buttons on task DMs: the value is the task id; the team comes from the task, not the channel (a DM)

const taskIdOf = readRowId;

/** The task's team. The lock taken here serialises two clicks, so the second sees what the first did. */
const teamOfTask: TeamOf = async (value, db) => {
  const taskId = taskIdOf(value);
  return taskId === null ? null : ((await getTaskForUpdate({ db, taskId }))?.teamId ?? null);
};

/** The clicked task (the bot found its team, so it exists), for someone on that team. */
const loadForButton = async (ctx: ClickContext, value: string): Promise<{ task: TaskRow; tc: TeamContext }> => {
  const task = (await getTaskForUpdate({ db: ctx.db, taskId: taskIdOf(value)! }))!;
  if (ctx.role) return { task, tc: { ...ctx, role: ctx.role } };
  // An assignee may always act on their own task, even one assigned before they joined the team.
  const assignees = (await assigneesOf({ db: ctx.db, taskIds: [task.id] })).get(task.id) ?? [];
  if (!assignees.some((person) => person.id === ctx.actor.id)) throw botError('tasks.not_yours', { number: task.number });
  return { task, tc: { ...ctx, role: 'member' } };
};

const afterClick = async (tc: TeamContext, taskId: number, notice: string): Promise<Reply> => {
  const task = (await getTaskForUpdate({ db: tc.db, taskId }))!;
  return { kind: 'update', message: taskStateMessage({ task, view: viewFor(tc, tc.team) }), notice: textMessage(notice) };
};

const doneButton = defineTeamAction({
  actionId: 'task.done',
  teamOf: teamOfTask,
  run: async (value, ctx) => {
    const { task, tc } = await loadForButton(ctx, value);
    const message = await doneReply(tc, task);
    return afterClick(tc, task.id, message.text);
  },
});

/** A one-question form about a task (until when, what is needed); the task rides along as its private value. */
const askAbout = (task: TaskRow, { formId, title, submitLabel, field }: { formId: string; title: string; submitLabel: string; field: Omit<FormField, 'required'> }): Reply => ({
  kind: 'form',
  form: { formId, title, submitLabel, privateValue: String(task.id), fields: [{ ...field, required: true }] },
});

const snoozeButton = defineTeamAction({
  actionId: 'task.snooze',
  teamOf: teamOfTask,
  run: async (value, ctx) => {
    const { task, tc } = await loadForButton(ctx, value);
    return askAbout(task, { formId: 'task.snooze', title: tc.t('tasks.form.snooze_title', { number: task.number }), submitLabel: tc.t('tasks.form.snooze'), field: { id: 'until', label: tc.t('tasks.form.until'), kind: 'when' } });
  },
});

const snoozeForm = defineTeamForm({
  formId: 'task.snooze',
  input: z.object({ until: phrase('tasks.when_required') }),
  refusals: { until: ['time.', 'tasks.snooze_not_later'] },
  teamOf: teamOfTask,
  run: async ({ until }, privateValue, ctx) => {
    const { task, tc } = await loadForButton(ctx, privateValue);
    const result = await redateTask({ db: ctx.db, now: ctx.now, team: tc.team, actor: actorOf(tc), task, whenText: until, mode: 'snooze' });
    const notes = await confirmationNotes(ctx, tc.team, result.task, { assignees: result.assignees, told: [] });
    return ephemeral(withNotes(tc.t('tasks.snoozed', { number: task.number, title: task.title, when: formatInstant(result.task.dueAt!, zoneOf(ctx.actor, tc.team), tc.team.locale, { now: ctx.now }) }), notes));
  },
});

/** Need help asks what is needed first: a bare "needs help" leaves the manager to ask back, a day later. */
const helpButton = defineTeamAction({
  actionId: 'task.help',
  teamOf: teamOfTask,
  run: async (value, ctx) => {
    const { task, tc } = await loadForButton(ctx, value);
    await helpersOf({ db: ctx.db, actor: actorOf(tc), task });
    return askAbout(task, { formId: 'task.help', title: tc.t('tasks.form.help_title', { number: task.number }), submitLabel: tc.t('tasks.form.help_send'), field: { id: 'need', label: tc.t('tasks.form.help_need'), kind: 'textarea' } });
  },
});

/** The answer goes to every manager as news, in their working time (at once for an urgent task); the asker hears who gets it, and when. */
const helpForm = defineTeamForm({
  formId: 'task.help',
  input: z.object({ need }),
  teamOf: teamOfTask,
  run: async (input, privateValue, ctx) => {
    const { task, tc } = await loadForButton(ctx, privateValue);
    const { managers } = await requestHelp({ db: ctx.db, now: ctx.now, actor: actorOf(tc), task, need: input.need });
    for (const manager of managers) {
      const message = helpRequestMessage({ task, person: ctx.actor, team: tc.team, need: input.need, view: viewFor(ctx, tc.team, manager) });
      await dmAboutTask(ctx, tc.team, task, manager, message, 'help', taskNews.spec({ taskId: task.id, status: 'open' }));
    }
    const arrivals = await arrivalLines({ db: ctx.db, team: tc.team, people: managers, now: ctx.now, urgent: task.priority === 'urgent' });
    return ephemeral(withNotes(tc.t('tasks.help_sent', { managers: managers.map((person) => person.displayName).join(', '), number: task.number }), arrivals));
  },
});

export const taskActions = [doneButton, snoozeButton, helpButton];
export const taskForms = [snoozeForm, helpForm];
