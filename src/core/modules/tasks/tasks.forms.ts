import { z } from 'zod';
import { defineForm, defineSubcommand, type CommandContext, type TeamContext } from '../../commands.js';
import { botError } from '../../errors.js';
import { userIdOf } from '../../mentions.js';
import { optionalText, priority, title } from './tasks.inputs.js';
import { addAndConfirm } from './tasks.replies.js';

// ---- the new-task form: `/task` alone opens it in a team channel, and it is submitted from there

export const newForm = defineSubcommand({
  name: 'new',
  usage: 'new',
  example: '/task',
  description: 'tasks.new.desc',
  access: { scope: 'team' },
  options: [],
  input: z.object({}),
  run: async (_input, ctx) => ({
    kind: 'form',
    form: {
      formId: 'task.new',
      title: ctx.t('tasks.form.new_title'),
      submitLabel: ctx.t('tasks.form.add'),
      privateValue: '',
      fields: [
        { id: 'title', label: ctx.t('tasks.form.title'), kind: 'text', required: true },
        { id: 'assignee', label: ctx.t('tasks.form.assignee'), kind: 'person', required: false },
        { id: 'due', label: ctx.t('tasks.form.due'), kind: 'when', required: false },
        {
          id: 'priority',
          label: ctx.t('tasks.form.priority'),
          kind: 'select',
          required: false,
          initial: 'normal',
          options: (['urgent', 'high', 'normal', 'low'] as const).map((value) => ({ value, label: ctx.t(`tasks.priority.${value}`) })),
        },
        { id: 'project', label: ctx.t('tasks.form.project'), kind: 'text', required: false },
      ],
    },
  }),
});

export const newTaskForm = defineForm({
  formId: 'task.new',
  refusals: {
    assignee: ['people.unknown', 'tasks.members_assign_self', 'tasks.too_many_assignees'],
    due: ['time.'],
    project: ['tasks.project_'],
  },
  input: z.object({ title, assignee: optionalText, due: optionalText, priority: z.preprocess((value) => (value === '' ? undefined : value), priority.optional()), project: optionalText }),
  run: async (input, _privateValue, ctx) => {
    const tc = teamContextOrThrow(ctx);
    const assignee = input.assignee ? [await ctx.person(userIdOf(input.assignee))] : [];
    return addAndConfirm(ctx, tc, { title: input.title, assignees: assignee, dueText: input.due, priority: input.priority, projectName: input.project });
  },
});

/** The form names no task: its team is the channel's, where it was opened. */
const teamContextOrThrow = (ctx: CommandContext): TeamContext => {
  if (!ctx.team || !ctx.role) throw botError('bot.not_team_channel', { command: '/task' });
  return ctx as TeamContext;
};
