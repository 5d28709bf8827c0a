import { z } from 'zod';
import { defineForm, defineSubcommand, type CommandContext, type TeamContext } from '../../commands.js';
import { botError } from '../../errors.js';
import { userIdOf } from '../../mentions.js';
import { optionalText } from '../tasks/tasks.inputs.js';
import { scheduleAndConfirm } from './trainings.add.js';
import { classTitle } from './trainings.inputs.js';

// ---- the new-class form: `/training new` opens it in a team channel, and it is submitted from there

export const newClassSubcommand = defineSubcommand({
  name: 'new',
  usage: 'new',
  example: '/training new',
  description: 'trainings.new.desc',
  access: { scope: 'team', role: 'manager' },
  options: [],
  input: z.object({}),
  run: async (_input, ctx) => ({
    kind: 'form',
    form: {
      formId: 'training.new',
      title: ctx.t('trainings.form_title'),
      submitLabel: ctx.t('trainings.form_submit'),
      privateValue: '',
      fields: [
        { id: 'title', label: ctx.t('trainings.form_class'), kind: 'text', required: true },
        { id: 'when', label: ctx.t('trainings.f_when'), kind: 'when', required: true },
        { id: 'length', label: ctx.t('trainings.f_length'), kind: 'text', required: false, placeholder: '90 minutes' },
        { id: 'link', label: ctx.t('trainings.f_link'), kind: 'text', required: false, placeholder: 'https://' },
        { id: 'invitee', label: ctx.t('trainings.f_invited'), kind: 'person', required: false },
        { id: 'max', label: ctx.t('trainings.form_max'), kind: 'number', required: false },
      ],
    },
  }),
});

export const newClassForm = defineForm({
  formId: 'training.new',
  refusals: { when: ['time.'], length: ['trainings.bad_duration'], link: ['trainings.bad_link'], max: ['trainings.bad_max'], invitee: ['people.'] },
  input: z.object({ title: classTitle, when: z.string({ error: 'trainings.when_required' }).trim().min(1, { error: 'trainings.when_required' }), length: optionalText, link: optionalText, invitee: optionalText, max: optionalText }),
  run: async (input, _privateValue, ctx) => {
    const tc = managerContext(ctx);
    return scheduleAndConfirm(tc, { title: input.title, when: input.when, length: input.length, link: input.link, max: input.max, invitees: input.invitee ? [userIdOf(input.invitee)] : [] });
  },
});

/** The form names no class: its team is the channel's, where it was opened, and only a manager schedules. */
const managerContext = (ctx: CommandContext): TeamContext => {
  if (!ctx.team || !ctx.role) throw botError('bot.not_team_channel', { command: '/training' });
  if (ctx.role !== 'manager') throw botError('trainings.managers_only');
  return ctx as TeamContext;
};
