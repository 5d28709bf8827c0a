import { z } from 'zod';
import { defineTeamAction, defineTeamForm, type ClickContext, type TeamContext, type TeamOf } from '../../commands.js';
import { botError } from '../../errors.js';
import { ephemeral, type Reply } from '../../invocation.js';
import { textMessage } from '../../messages.js';
import { formatInstant } from '../../time.js';
import { zoneOf } from '../../view.js';
import { phrase } from './tasks.inputs.js';
import { taskStateMessage } from './tasks.messages.js';
import { getTaskForUpdate, type TaskRow } from './tasks.repository.js';
import { actorOf, dmAboutTask, doneReply, viewFor } from './tasks.replies.js';
import { redateTask, requestHelp } from './tasks.usecases.js';

// ---- buttons on task DMs: the value is the task id; the team comes from the task, not the channel (a DM)

const taskIdOf = (value: string): number | null => {
  const taskId = Number(value);
  return Number.isInteger(taskId) ? taskId : null;
};

/** The task's team. The lock taken here serialises two clicks, so the second sees what the first did. */
const teamOfTask: TeamOf = async (value, db) => {
  const taskId = taskIdOf(value);
  return taskId === null ? null : ((await getTaskForUpdate({ db, taskId }))?.teamId ?? null);
};

/** The clicked task (the bot found its team, so it exists), for someone on that team. */
const loadForButton = async (ctx: ClickContext, value: string): Promise<{ task: TaskRow; tc: TeamContext }> => {
  const task = (await getTaskForUpdate({ db: ctx.db, taskId: taskIdOf(value)! }))!;
  if (!ctx.role) throw botError('tasks.not_yours', { number: task.number });
  return { task, tc: { ...ctx, role: ctx.role } };
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

const snoozeButton = defineTeamAction({
  actionId: 'task.snooze',
  teamOf: teamOfTask,
  run: async (value, ctx) => {
    const { task, tc } = await loadForButton(ctx, value);
    return {
      kind: 'form',
      form: {
        formId: 'task.snooze',
        title: tc.t('tasks.form.snooze_title', { number: task.number }),
        submitLabel: tc.t('tasks.form.snooze'),
        privateValue: String(task.id),
        fields: [{ id: 'until', label: tc.t('tasks.form.until'), kind: 'when', required: true }],
      },
    };
  },
});

const snoozeForm = defineTeamForm({
  formId: 'task.snooze',
  input: z.object({ until: phrase('tasks.when_required') }),
  teamOf: teamOfTask,
  run: async ({ until }, privateValue, ctx) => {
    const { task, tc } = await loadForButton(ctx, privateValue);
    const result = await redateTask({ db: ctx.db, now: ctx.now, team: tc.team, actor: actorOf(tc), task, whenText: until, mode: 'snooze' });
    return ephemeral(textMessage(tc.t('tasks.snoozed', { number: task.number, title: task.title, when: formatInstant(result.task.dueAt!, zoneOf(ctx.actor, tc.team), tc.team.locale, { now: ctx.now }) })));
  },
});

const helpButton = defineTeamAction({
  actionId: 'task.help',
  teamOf: teamOfTask,
  run: async (value, ctx) => {
    const { task, tc } = await loadForButton(ctx, value);
    const { managers } = await requestHelp({ db: ctx.db, now: ctx.now, actor: actorOf(tc), task });
    for (const manager of managers) {
      await dmAboutTask(ctx, task, manager, textMessage(tc.t('tasks.help_request', { person: ctx.actor.displayName, number: task.number, title: task.title, team: tc.team.clientName })), 'help');
    }
    return afterClick(tc, task.id, tc.t('tasks.help_sent', { managers: managers.map((person) => person.displayName).join(', '), number: task.number }));
  },
});

export const taskActions = [doneButton, snoozeButton, helpButton];
export const taskForms = [snoozeForm];
