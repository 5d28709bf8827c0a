import { z } from 'zod';
import { defineSubcommand, requireTeam } from '../../commands.js';
import { botError } from '../../errors.js';
import { ephemeral, inChannel } from '../../invocation.js';
import { textMessage } from '../../messages.js';
import { viewFor } from '../tasks/tasks.replies.js';
import { title } from '../tasks/tasks.inputs.js';
import { sopNumber, stepDay } from './sop.inputs.js';
import { addStep, listSteps, onboardingItemsOf, onboardingProgress, removeStep } from './sop.onboarding.js';
import { pathMessage, personProgressMessage, progressMessage } from './sop.onboarding.messages.js';
import { findSop } from './sop.usecases.js';
import { getTrainingByNumber } from '../trainings/trainings.repository.js';

// `day 2`, `dag 2`: a keyword only before a number, so "Meet the day team" stays a title.
const DAY_WORDS = ['day', 'dag'];
const isDayNumber = (value: string) => /^\d{1,6}$/.test(value.trim());
const dayOption = { name: 'day', kind: 'keyword', keywords: DAY_WORDS, accepts: isDayNumber, description: 'Which working day, 1 = the first' } as const;
const manager = { scope: 'team', role: 'manager' } as const;

const onboardingAdd = defineSubcommand({
  name: 'onboarding add',
  usage: 'onboarding add <n> day <1-365>',
  example: '/sop onboarding add 3 day 1',
  description: 'sops.onboarding_add.desc',
  access: manager,
  options: [{ name: 'number', kind: 'ref', required: true, description: 'SOP number, e.g. 3' }, dayOption],
  input: z.object({ number: sopNumber, day: stepDay.default(1) }),
  run: async (input, ctx) => {
    const { team } = requireTeam(ctx);
    const sop = await findSop({ db: ctx.db, team, number: input.number });
    const step = await addStep({ db: ctx.db, team, actor: ctx.actor, kind: 'sop', sopId: sop.id, day: input.day });
    return inChannel(textMessage(ctx.t('sops.onboarding_added', { number: step.number, what: ctx.t('sops.onboarding_read', { sop: `#${sop.number} ${sop.title}` }), day: step.day })));
  },
});

const onboardingTask = defineSubcommand({
  name: 'onboarding task',
  usage: 'onboarding task <title> day <1-365>',
  example: '/sop onboarding task "Set up your 1Password" day 2',
  description: 'sops.onboarding_task.desc',
  access: manager,
  options: [{ name: 'title', kind: 'rest', required: true, description: 'What the newcomer does' }, dayOption],
  input: z.object({ title, day: stepDay.default(1) }),
  run: async (input, ctx) => {
    const { team } = requireTeam(ctx);
    const step = await addStep({ db: ctx.db, team, actor: ctx.actor, kind: 'task', title: input.title, day: input.day });
    return inChannel(textMessage(ctx.t('sops.onboarding_added', { number: step.number, what: input.title, day: step.day })));
  },
});

const onboardingClass = defineSubcommand({
  name: 'onboarding class',
  usage: 'onboarding class <n>',
  example: '/sop onboarding class 2',
  description: 'sops.onboarding_class.desc',
  access: manager,
  options: [{ name: 'number', kind: 'ref', required: true, description: 'Class number, e.g. 2 (see /training list)' }],
  input: z.object({ number: sopNumber }),
  run: async (input, ctx) => {
    const { team } = requireTeam(ctx);
    const training = await getTrainingByNumber({ db: ctx.db, teamId: team.id, number: input.number });
    if (!training || training.status !== 'active') throw botError('trainings.not_found', { number: input.number });
    // A class is not due on a day: newcomers are invited to its next meeting when they join.
    const step = await addStep({ db: ctx.db, team, actor: ctx.actor, kind: 'class', classRef: String(training.id), title: `#${training.number} ${training.title}`, day: 1 });
    return inChannel(textMessage(ctx.t('sops.onboarding_class_added', { number: step.number, title: `#${training.number} ${training.title}` })));
  },
});

const onboardingList = defineSubcommand({
  name: 'onboarding list',
  usage: 'onboarding list',
  example: '/sop onboarding list',
  description: 'sops.onboarding_list.desc',
  access: { scope: 'team' },
  options: [],
  input: z.object({}),
  run: async (_input, ctx) => {
    const { team } = requireTeam(ctx);
    return ephemeral(pathMessage({ team, steps: await listSteps({ db: ctx.db, teamId: team.id }), view: viewFor(ctx, team) }));
  },
});

const onboardingRemove = defineSubcommand({
  name: 'onboarding remove',
  usage: 'onboarding remove <n>',
  example: '/sop onboarding remove 2',
  description: 'sops.onboarding_remove.desc',
  access: manager,
  options: [{ name: 'number', kind: 'ref', required: true, description: 'Step number, e.g. 2' }],
  input: z.object({ number: sopNumber }),
  run: async ({ number }, ctx) => {
    const { team } = requireTeam(ctx);
    await removeStep({ db: ctx.db, team, number });
    return inChannel(textMessage(ctx.t('sops.onboarding_removed', { number })));
  },
});

export const onboardingCommands = [onboardingAdd, onboardingTask, onboardingClass, onboardingList, onboardingRemove];

/** `/obm onboarding [@person]`: everyone's progress for managers; one person's tasks (anyone may see their own). */
export const obmOnboarding = defineSubcommand({
  name: 'onboarding',
  usage: 'onboarding [@person]',
  example: '/obm onboarding @maria',
  description: 'sops.obm_onboarding.desc',
  access: { scope: 'team' },
  options: [{ name: 'person', kind: 'person', description: 'Whose onboarding' }],
  input: z.object({ person: z.string().optional() }),
  run: async (input, ctx) => {
    const tc = requireTeam(ctx);
    const person = input.person ? await ctx.person(input.person) : null;
    if (tc.role !== 'manager' && person?.id !== ctx.actor.id) throw botError('bot.managers_only', { usage: '/obm onboarding @person' });
    const view = viewFor(ctx, tc.team);
    if (!person) return ephemeral(progressMessage({ team: tc.team, progress: await onboardingProgress({ db: ctx.db, teamId: tc.team.id, now: ctx.now }), view }));
    const items = await onboardingItemsOf({ db: ctx.db, teamId: tc.team.id, personId: person.id });
    if (items.length === 0) return ephemeral(textMessage(ctx.t('sops.progress_person_none', { person: person.displayName })));
    return ephemeral(personProgressMessage({ person, items, view }));
  },
});
