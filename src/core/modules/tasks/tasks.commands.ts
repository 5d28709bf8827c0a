import { z } from 'zod';
import { defineAction, defineCommand, defineForm, defineSubcommand, requireTeam, type BotModule, type CommandContext, type TeamContext } from '../../commands.js';
import { botError } from '../../errors.js';
import { t as translate } from '../../i18n/catalog.js';
import { ephemeral, inChannel, type Reply } from '../../invocation.js';
import { userIdOf } from '../../mentions.js';
import { textMessage, type Message } from '../../messages.js';
import { formatInstant, formatRecurrence } from '../../time.js';
import { getPeople, roleIn } from '../people/people.repository.js';
import { getTeam } from '../teams/teams.repository.js';
import { tasksHome } from './tasks.home.js';
import { assignmentMessage, names, projectList, taskCard, taskList, taskStateMessage } from './tasks.messages.js';
import { findProject, getTaskForUpdate, insertProject, listTasks, projectProgress, taskHistory, withPeople, type TaskFilter, type TaskRow } from './tasks.repository.js';
import { addTask, assignTask, cancelTask, completeTask, findTask, readDue, redateTask, reopenTask, requestHelp, sendDm, type Actor } from './tasks.usecases.js';
import { echoWhen, zoneOf, type View } from '../../view.js';
import type { PersonRow, TeamRow } from '../../identity.js';

// ---- input schemas: messages are catalog keys, so a bad input reads as a sentence in the team's language

const taskNumber = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  z.string({ error: 'tasks.number_required' }).regex(/^\d{1,9}$/, { error: 'tasks.bad_number' }).transform(Number),
);
const title = z.string({ error: 'tasks.title_required' }).trim().min(1, { error: 'tasks.title_required' }).max(200, { error: 'tasks.title_too_long' });
const mentions = z.array(z.string()).max(10, { error: 'tasks.too_many_assignees' });
const PRIORITY_ALIASES: Record<string, string> = { dringend: 'urgent', hoog: 'high', normaal: 'normal', laag: 'low', medium: 'normal' };
const priority = z.preprocess(
  (value) => (typeof value === 'string' ? (PRIORITY_ALIASES[value.toLowerCase()] ?? value.toLowerCase()) : value),
  z.enum(['urgent', 'high', 'normal', 'low'], { error: 'tasks.bad_priority' }),
);
const phrase = (key: 'tasks.when_required') => z.string({ error: key }).trim().min(1, { error: key });

// ---- shared helpers

const actorOf = (ctx: TeamContext): Actor => ({ person: ctx.actor, role: ctx.role });
const viewFor = (ctx: CommandContext, team: TeamRow, person: PersonRow = ctx.actor): View => ({ locale: team.locale, zone: zoneOf(person, team), now: ctx.now });

const whenEcho = (ctx: CommandContext, team: TeamRow, at: Date, zone: string): string =>
  echoWhen({ at, zone, readerZone: zoneOf(ctx.actor, team), locale: team.locale, now: ctx.now });

const dueEcho = (ctx: CommandContext, team: TeamRow, dueAt: Date, dueZone: string): string => ctx.t('tasks.due_echo', { when: whenEcho(ctx, team, dueAt, dueZone) });

const notifyAssigned = async (ctx: CommandContext, team: TeamRow, task: TaskRow, people: PersonRow[]) => {
  for (const person of people) {
    if (person.id === ctx.actor.id) continue;
    await sendDm({ db: ctx.db, now: ctx.now, team, person, message: assignmentMessage({ task, assigner: ctx.actor, team, view: viewFor(ctx, team, person) }), tag: `task:${task.id}:assigned:${ctx.invocation.id}` });
  }
};

const notifyOthers = async (ctx: CommandContext, team: TeamRow, task: TaskRow, people: PersonRow[], render: (view: View) => string, tag: string) => {
  for (const person of people) {
    if (person.id === ctx.actor.id) continue;
    await sendDm({ db: ctx.db, now: ctx.now, team, person, message: textMessage(render(viewFor(ctx, team, person))), tag: `task:${task.id}:${tag}:${ctx.invocation.id}` });
  }
};

// ---- /task subcommands

const add = defineSubcommand({
  name: 'add',
  usage: 'add <title> [@assignee ...] [due <when>] [!urgent|!high|!low] [every <repeat>] [project <name>]',
  example: '/task add Send the weekly report @maria due friday 17:00 !high',
  description: 'tasks.add.desc',
  access: { scope: 'team' },
  options: [
    { name: 'title', kind: 'rest', required: true, description: 'What needs doing' },
    { name: 'assignees', kind: 'people', description: 'Who does it (default: you)' },
    { name: 'due', kind: 'keyword', keywords: ['due', 'by'], when: true, description: 'When it is due, e.g. friday 17:00' },
    { name: 'priority', kind: 'flag', choices: ['urgent', 'high', 'normal', 'low'], description: 'Priority' },
    { name: 'repeat', kind: 'keyword', keywords: ['every'], keepKeyword: true, description: 'Repeat, e.g. every monday' },
    { name: 'project', kind: 'keyword', keywords: ['project'], description: 'Project name' },
  ],
  input: z.object({ title, assignees: mentions.optional(), due: z.string().optional(), priority: priority.optional(), repeat: z.string().optional(), project: z.string().trim().optional() }),
  run: async (input, ctx) => {
    const team = requireTeam(ctx);
    const people = await Promise.all((input.assignees ?? []).map((id) => ctx.person(id)));
    return addAndConfirm(ctx, team, { title: input.title, assignees: people, dueText: input.due, priority: input.priority, recurrenceText: input.repeat, projectName: input.project });
  },
});

const addAndConfirm = async (ctx: CommandContext, tc: TeamContext, input: Parameters<typeof addTask>[0]['input']): Promise<Reply> => {
  const added = await addTask({ db: ctx.db, now: ctx.now, team: tc.team, actor: actorOf(tc), input });
  const { task } = added;
  await notifyAssigned(ctx, tc.team, task, added.assignees);
  const forOthers = added.assignees.some((person) => person.id !== ctx.actor.id);
  const details = [
    forOthers ? ctx.t('tasks.added_for', { people: names(added.assignees, tc.team.locale) }) : '',
    task.dueAt ? dueEcho(ctx, tc.team, task.dueAt, added.dueZone) : '',
    added.recurrence ? ctx.t('tasks.repeats', { recurrence: formatRecurrence(added.recurrence, tc.team.locale) }) : '',
    added.projectName ? ctx.t('tasks.in_project', { project: added.projectName }) : '',
  ].join('');
  const message = textMessage(ctx.t('tasks.added', { number: task.number, title: task.title, details }));
  // A new assignment is news for the team; a personal to-do is nobody else's business.
  return forOthers ? inChannel(message) : ephemeral(message);
};

const newForm = defineSubcommand({
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

const optionalText = z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), z.string().trim().optional());

const newTaskForm = defineForm({
  formId: 'task.new',
  input: z.object({ title, assignee: optionalText, due: optionalText, priority: z.preprocess((value) => (value === '' ? undefined : value), priority.optional()), project: optionalText }),
  run: async (input, _privateValue, ctx) => {
    const tc = teamContextOrThrow(ctx);
    const assignee = input.assignee ? [await ctx.person(userIdOf(input.assignee))] : [];
    return addAndConfirm(ctx, tc, { title: input.title, assignees: assignee, dueText: input.due, priority: input.priority, projectName: input.project });
  },
});

const teamContextOrThrow = (ctx: CommandContext): TeamContext => {
  if (!ctx.team || !ctx.role) throw botError('bot.not_team_channel', { command: '/task' });
  return ctx as TeamContext;
};

const FILTERS = ['mine', 'overdue', 'all', 'open'] as const;

const list = defineSubcommand({
  name: 'list',
  usage: 'list [mine|@person|overdue|all|project <name>]',
  example: '/task list overdue',
  description: 'tasks.list.desc',
  access: { scope: 'team' },
  options: [
    { name: 'filter', kind: 'word', choices: [...FILTERS], description: 'mine, overdue or all' },
    { name: 'person', kind: 'person', description: 'Someone’s open tasks' },
    { name: 'project', kind: 'keyword', keywords: ['project'], description: 'Tasks of a project' },
  ],
  input: z.object({ filter: z.enum(FILTERS, { error: 'tasks.bad_filter' }).optional(), person: z.string().optional(), project: z.string().trim().min(1, { error: 'tasks.bad_filter' }).optional() }),
  run: async (input, ctx) => {
    const tc = requireTeam(ctx);
    const team = tc.team;
    let filter: TaskFilter = { kind: 'open' };
    let title = ctx.t('tasks.list_title.open', { team: team.clientName });
    if (input.person || input.filter === 'mine') {
      const person = input.person ? await ctx.person(input.person) : ctx.actor;
      filter = { kind: 'person', personId: person.id };
      title = ctx.t('tasks.list_title.person', { person: person.displayName });
    } else if (input.project) {
      const project = await findProject({ db: ctx.db, teamId: team.id, name: input.project });
      if (!project) throw botError('tasks.project_not_found', { project: input.project });
      filter = { kind: 'project', projectId: project.id };
      title = ctx.t('tasks.list_title.project', { project: project.name });
    } else if (input.filter === 'overdue') {
      filter = { kind: 'overdue', now: ctx.now };
      title = ctx.t('tasks.list_title.overdue', { team: team.clientName });
    } else if (input.filter === 'all') {
      filter = { kind: 'all' };
      title = ctx.t('tasks.list_title.all', { team: team.clientName });
    }
    const rows = await listTasks({ db: ctx.db, teamId: team.id, filter });
    return ephemeral(taskList({ title, tasks: await withPeople({ db: ctx.db, rows }), view: viewFor(ctx, team), limit: 100 }));
  },
});

const refOption = { name: 'number', kind: 'ref', required: true, description: 'Task number, e.g. 12' } as const;

const show = defineSubcommand({
  name: 'show',
  usage: 'show <n>',
  example: '/task show 12',
  description: 'tasks.show.desc',
  access: { scope: 'team' },
  options: [refOption],
  input: z.object({ number: taskNumber }),
  run: async ({ number }, ctx) => {
    const { team } = requireTeam(ctx);
    const task = await findTask({ db: ctx.db, team, number });
    const [full] = await withPeople({ db: ctx.db, rows: [task] });
    const history = await taskHistory({ db: ctx.db, taskId: task.id });
    const [creator] = await getPeople({ db: ctx.db, ids: [task.creatorId] });
    return ephemeral(taskCard({ task: full!, creator: creator?.displayName ?? '', history, view: viewFor(ctx, team) }));
  },
});

const simpleChange = (
  name: 'done' | 'reopen' | 'cancel',
  run: (ctx: TeamContext, task: TaskRow) => Promise<Reply>,
  access: { scope: 'team'; role?: 'manager' } = { scope: 'team' },
) =>
  defineSubcommand({
    name,
    usage: `${name} <n>`,
    example: `/task ${name} 12`,
    description: `tasks.${name}.desc`,
    access,
    options: [refOption],
    input: z.object({ number: taskNumber }),
    run: async ({ number }, ctx) => {
      const tc = requireTeam(ctx);
      return run(tc, await findTask({ db: ctx.db, team: tc.team, number }));
    },
  });

const doneReply = async (ctx: TeamContext, task: TaskRow): Promise<Message> => {
  const result = await completeTask({ db: ctx.db, now: ctx.now, team: ctx.team, actor: actorOf(ctx), task });
  const lines = [ctx.t('tasks.done_by', { number: task.number, title: task.title, person: ctx.actor.displayName })];
  if (result.next?.dueAt) {
    lines.push(ctx.t('tasks.done_next', { number: result.next.number, when: formatInstant(result.next.dueAt, zoneOf(result.assignees[0], ctx.team), ctx.team.locale, { now: ctx.now }) }));
  }
  return textMessage(lines.join(' '));
};

const done = simpleChange('done', async (ctx, task) => inChannel(await doneReply(ctx, task)));

const reopen = simpleChange('reopen', async (ctx, task) => {
  const result = await reopenTask({ db: ctx.db, now: ctx.now, team: ctx.team, actor: actorOf(ctx), task });
  return ephemeral(textMessage(ctx.t('tasks.reopened', { number: result.task.number, title: result.task.title })));
});

const cancel = simpleChange(
  'cancel',
  async (ctx, task) => {
    const result = await cancelTask({ db: ctx.db, now: ctx.now, actor: actorOf(ctx), task });
    await notifyOthers(ctx, ctx.team, task, result.assignees, () => ctx.t('tasks.cancelled', { number: task.number, title: task.title }), 'cancelled');
    return ephemeral(textMessage(ctx.t('tasks.cancelled', { number: task.number, title: task.title })));
  },
  { scope: 'team', role: 'manager' },
);

const assign = defineSubcommand({
  name: 'assign',
  usage: 'assign <n> @person [@person ...]',
  example: '/task assign 12 @maria',
  description: 'tasks.assign.desc',
  access: { scope: 'team', role: 'manager' },
  options: [refOption, { name: 'people', kind: 'people', required: true, description: 'Who does it' }],
  input: z.object({ number: taskNumber, people: mentions.min(1, { error: 'people.mention_required' }) }),
  run: async (input, ctx) => {
    const tc = requireTeam(ctx);
    const task = await findTask({ db: ctx.db, team: tc.team, number: input.number });
    const people = await Promise.all(input.people.map((id) => ctx.person(id)));
    const result = await assignTask({ db: ctx.db, now: ctx.now, team: tc.team, actor: actorOf(tc), task, people });
    await notifyAssigned(ctx, tc.team, result.task, result.added);
    await notifyOthers(ctx, tc.team, task, result.removed, () => ctx.t('tasks.dm_reassigned', { assigner: ctx.actor.displayName, number: task.number, title: task.title }), 'unassigned');
    return inChannel(textMessage(ctx.t('tasks.assigned', { number: task.number, title: task.title, people: names(result.assignees, tc.team.locale) })));
  },
});

const redate = (name: 'due' | 'snooze', example: string) =>
  defineSubcommand({
    name,
    usage: `${name} <n> <when>`,
    example,
    description: `tasks.${name}.desc`,
    access: { scope: 'team' },
    options: [refOption, { name: 'when', kind: 'rest', required: true, when: true, description: 'New due moment, e.g. monday 10:00' }],
    input: z.object({ number: taskNumber, when: phrase('tasks.when_required') }),
    run: async (input, ctx) => {
      const tc = requireTeam(ctx);
      const task = await findTask({ db: ctx.db, team: tc.team, number: input.number });
      const result = await redateTask({ db: ctx.db, now: ctx.now, team: tc.team, actor: actorOf(tc), task, whenText: input.when, mode: name });
      const at = result.task.dueAt!;
      await notifyOthers(ctx, tc.team, task, result.assignees, (view) => ctx.t('tasks.due_set', { number: task.number, title: task.title, when: formatInstant(at, view.zone, view.locale, { now: ctx.now }) }), `redated:${at.toISOString()}`);
      const key = name === 'due' ? 'tasks.due_set' : 'tasks.snoozed';
      return ephemeral(textMessage(ctx.t(key, { number: task.number, title: task.title, when: whenEcho(ctx, tc.team, at, result.zone) })));
    },
  });

const projectAdd = defineSubcommand({
  name: 'project add',
  usage: 'project add <name> [due <when>]',
  example: '/task project add Website launch due 15 dec',
  description: 'tasks.project_add.desc',
  access: { scope: 'team', role: 'manager' },
  options: [
    { name: 'name', kind: 'rest', required: true, description: 'Project name' },
    { name: 'due', kind: 'keyword', keywords: ['due', 'by'], when: true, description: 'When the project is due' },
  ],
  input: z.object({ name: z.string({ error: 'tasks.project_name_required' }).trim().min(1, { error: 'tasks.project_name_required' }).max(80, { error: 'tasks.title_too_long' }), due: z.string().optional() }),
  run: async (input, ctx) => {
    const { team } = requireTeam(ctx);
    const zone = zoneOf(ctx.actor, team);
    const dueAt = input.due ? readDue({ text: input.due, now: ctx.now, zone, locale: team.locale }) : null;
    const project = await insertProject({ db: ctx.db, teamId: team.id, name: input.name, dueAt });
    if (!project) throw botError('tasks.project_exists', { project: input.name });
    const details = dueAt ? ctx.t('tasks.due_echo', { when: formatInstant(dueAt, zone, team.locale, { now: ctx.now }) }) : '';
    return inChannel(textMessage(ctx.t('tasks.project_added', { project: project.name, details })));
  },
});

const projectListCommand = defineSubcommand({
  name: 'project list',
  usage: 'project list',
  example: '/task project list',
  description: 'tasks.project_list.desc',
  access: { scope: 'team' },
  options: [],
  input: z.object({}),
  run: async (_input, ctx) => {
    const { team } = requireTeam(ctx);
    return ephemeral(projectList({ team, projects: await projectProgress({ db: ctx.db, teamId: team.id }), view: viewFor(ctx, team) }));
  },
});

export const taskCommand = defineCommand({
  name: 'task',
  description: 'tasks.cmd',
  fallback: 'new',
  subcommands: [add, list, show, done, reopen, assign, redate('due', '/task due 12 monday 10:00'), redate('snooze', '/task snooze 12 tomorrow 9:00'), cancel, projectAdd, projectListCommand, newForm],
});

// ---- buttons on task DMs: the value is the task id; the team comes from the task, not the channel (a DM)

const loadForButton = async (ctx: CommandContext, value: string) => {
  const taskId = Number(value);
  const task = Number.isInteger(taskId) ? await getTaskForUpdate({ db: ctx.db, taskId }) : null;
  const team = task ? await getTeam({ db: ctx.db, teamId: task.teamId }) : null;
  // A task of another workspace is as good as missing: ids from one workspace never reach into another.
  if (!task || !team || team.workspaceId !== ctx.workspace.id) throw botError('bot.unknown_action');
  const role = await roleIn({ db: ctx.db, teamId: team.id, personId: ctx.actor.id });
  if (!role) throw botError('tasks.not_yours', { number: task.number });
  // The click came from a DM: speak the task's team language, not the DM's default.
  const tc: TeamContext = { ...ctx, team, role, locale: team.locale, t: (key, params) => translate(team.locale, key, params) };
  return { task, tc };
};

const afterClick = async (tc: TeamContext, taskId: number, notice: string): Promise<Reply> => {
  const task = (await getTaskForUpdate({ db: tc.db, taskId }))!;
  return { kind: 'update', message: taskStateMessage({ task, view: viewFor(tc, tc.team) }), notice: textMessage(notice) };
};

const doneButton = defineAction({
  actionId: 'task.done',
  run: async (value, ctx) => {
    const { task, tc } = await loadForButton(ctx, value);
    const message = await doneReply(tc, task);
    return afterClick(tc, task.id, message.text);
  },
});

const snoozeButton = defineAction({
  actionId: 'task.snooze',
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

const snoozeForm = defineForm({
  formId: 'task.snooze',
  input: z.object({ until: phrase('tasks.when_required') }),
  run: async ({ until }, privateValue, ctx) => {
    const { task, tc } = await loadForButton(ctx, privateValue);
    const result = await redateTask({ db: ctx.db, now: ctx.now, team: tc.team, actor: actorOf(tc), task, whenText: until, mode: 'snooze' });
    return ephemeral(textMessage(tc.t('tasks.snoozed', { number: task.number, title: task.title, when: formatInstant(result.task.dueAt!, zoneOf(ctx.actor, tc.team), tc.team.locale, { now: ctx.now }) })));
  },
});

const helpButton = defineAction({
  actionId: 'task.help',
  run: async (value, ctx) => {
    const { task, tc } = await loadForButton(ctx, value);
    const { managers } = await requestHelp({ db: ctx.db, now: ctx.now, actor: actorOf(tc), task });
    for (const manager of managers) {
      await sendDm({
        db: ctx.db,
        now: ctx.now,
        team: tc.team,
        person: manager,
        message: textMessage(translate(tc.team.locale, 'tasks.help_request', { person: ctx.actor.displayName, number: task.number, title: task.title, team: tc.team.clientName })),
        tag: `task:${task.id}:help:${ctx.invocation.id}`,
      });
    }
    return afterClick(tc, task.id, tc.t('tasks.help_sent', { managers: managers.map((person) => person.displayName).join(', '), number: task.number }));
  },
});

export const tasksModule: BotModule = {
  commands: [taskCommand],
  home: tasksHome,
  actions: [doneButton, snoozeButton, helpButton],
  forms: [newTaskForm, snoozeForm],
};

