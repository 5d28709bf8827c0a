import { listAcross } from './tasks.across.js';
import { z } from 'zod';
import { defineCommand, defineSubcommand, requireTeam, type BotModule, type TeamContext } from '../../commands.js';
import { botError } from '../../errors.js';
import { ephemeral, inChannel, type Reply } from '../../invocation.js';
import { textMessage } from '../../messages.js';
import { formatInstant } from '../../time.js';
import { isRecurrence } from '../../time/recurrence.js';
import { zoneOf } from '../../view.js';
import { getPeople } from '../people/people.repository.js';
import { resolveSopRef, sopNoteOf } from '../sop/sop.links.js';
import { taskActions, taskForms } from './tasks.buttons.js';
import { newForm, newTaskForm } from './tasks.forms.js';
import { tasksHome } from './tasks.home.js';
import { mentions, phrase, priority, taskNumber, title } from './tasks.inputs.js';
import { names, projectList, reopenedMessage, taskCard, taskList } from './tasks.messages.js';
import { taskNews, tasksNotices } from './tasks.notices.js';
import { findProject, insertProject, listTasks, projectProgress, taskHistory, withPeople, type TaskFilter, type TaskRow } from './tasks.repository.js';
import { actorOf, addAndConfirm, confirmationNotes, dmAboutTask, doneReply, dueEcho, notifyAssigned, notifyOthers, othersThan, viewFor, whenEcho, withNotes } from './tasks.replies.js';
import { alreadyTold } from './tasks.notify.js';
import { assignTask, cancelTask, findTask, readDue, redateTask, reopenTask } from './tasks.usecases.js';

// ---- /task subcommands

// Every keyword in English and Dutch, accepted in any team whatever its language. A keyword counts only
// where what follows reads as its value ("Review due diligence due monday"), see command-text.ts.
const DUE_WORDS = ['due', 'by', 'before', 'deadline', 'uiterlijk', 'voor', 'tegen'];
// The repeat's keyword is part of its phrase: `every monday`, `elke maandag`; `daily` and `dagelijks` are one by themselves.
const REPEAT_WORDS = [
  ...['every', 'each', 'daily', 'weekly', 'monthly', 'weekdays', 'workdays', 'fortnightly'],
  ...['elke', 'iedere', 'om', 'dagelijks', 'wekelijks', 'maandelijks', 'werkdagen', 'tweewekelijks'],
];
const PROJECT_WORDS = ['project'];
// The same word in both languages.
const SOP_WORDS = ['sop'];
const someWords = (value: string) => value.trim() !== '';

const add = defineSubcommand({
  name: 'add',
  usage: 'add <title> [@assignee ...] [due <when>] [!urgent|!high|!low] [every <repeat>] [project <name>] [sop <n or title>]',
  example: '/task add Send the weekly report @maria due friday 17:00 !high',
  description: 'tasks.add.desc',
  access: { scope: 'team' },
  options: [
    { name: 'title', kind: 'rest', required: true, description: 'What needs doing' },
    { name: 'assignees', kind: 'people', description: 'Who does it (default: you)' },
    { name: 'due', kind: 'keyword', keywords: DUE_WORDS, when: true, description: 'When it is due, e.g. friday 17:00' },
    { name: 'priority', kind: 'flag', choices: ['urgent', 'high', 'normal', 'low'], description: 'Priority' },
    { name: 'repeat', kind: 'keyword', keywords: REPEAT_WORDS, keepKeyword: true, accepts: isRecurrence, description: 'Repeat, e.g. every monday' },
    { name: 'project', kind: 'keyword', keywords: PROJECT_WORDS, accepts: someWords, description: 'Project name' },
    { name: 'sop', kind: 'keyword', keywords: SOP_WORDS, accepts: someWords, description: 'An SOP to link: its number or title' },
  ],
  input: z.object({ title, assignees: mentions.optional(), due: z.string().optional(), priority: priority.optional(), repeat: z.string().optional(), project: z.string().trim().optional(), sop: z.string().trim().optional() }),
  run: async (input, ctx) => {
    const team = requireTeam(ctx);
    const people = await Promise.all((input.assignees ?? []).map((id) => ctx.person(id)));
    const sop = input.sop ? await resolveSopRef({ db: ctx.db, teamId: team.team.id, ref: input.sop }) : null;
    if (input.sop && !sop) throw botError('sops.unknown_ref', { sop: input.sop });
    return addAndConfirm(ctx, team, { title: input.title, assignees: people, dueText: input.due, priority: input.priority, recurrenceText: input.repeat, projectName: input.project }, sop);
  },
});

const FILTERS = ['mine', 'overdue', 'all', 'open'] as const;
// The filters in Dutch, read in any team like every keyword.
const DUTCH_FILTERS: Record<string, (typeof FILTERS)[number]> = { mijn: 'mine', achterstallig: 'overdue', telaat: 'overdue', 'te-laat': 'overdue', alles: 'all', alle: 'all' };

const list = defineSubcommand({
  name: 'list',
  usage: 'list [mine|@person|overdue|all|project <name>]',
  example: '/task list overdue',
  description: 'tasks.list.desc',
  // Anywhere: in a DM it lists across clients (tasks.across.ts); elsewhere it needs the team's channel.
  access: { scope: 'anywhere' },
  options: [
    { name: 'filter', kind: 'word', choices: [...FILTERS], description: 'mine, overdue or all' },
    { name: 'person', kind: 'person', description: 'Someone’s open tasks' },
    { name: 'project', kind: 'keyword', keywords: PROJECT_WORDS, description: 'Tasks of a project' },
  ],
  input: z.object({ filter: z.preprocess((value) => (typeof value === 'string' ? (DUTCH_FILTERS[value.toLowerCase()] ?? value) : value), z.enum(FILTERS, { error: 'tasks.bad_filter' }).optional()), person: z.string().optional(), project: z.string().trim().min(1, { error: 'tasks.bad_filter' }).optional() }),
  run: async (input, ctx) => {
    if (!ctx.team && ctx.invocation.channel.isDm) {
      if (input.person || input.project || input.filter === 'all') throw botError('tasks.across_filters');
      return listAcross(ctx, input.filter === 'overdue' ? 'overdue' : 'mine');
    }
    if (!ctx.team) throw botError('bot.not_team_channel', { command: '/task' });
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
    return ephemeral(taskList({ title, empty: filter.kind, tasks: await withPeople({ db: ctx.db, rows }), view: viewFor(ctx, team), limit: 100 }));
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
    const notes = await sopNoteOf({ db: ctx.db, taskId: task.id, locale: team.locale });
    return ephemeral(taskCard({ task: full!, creator: creator?.displayName ?? '', history, view: viewFor(ctx, team), notes }));
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

const done = simpleChange('done', async (ctx, task) => inChannel(await doneReply(ctx, task)));

const reopen = simpleChange('reopen', async (ctx, task) => {
  const result = await reopenTask({ db: ctx.db, now: ctx.now, team: ctx.team, actor: actorOf(ctx), task });
  // Back on their list: the assignees hear it, as news, in their working time.
  for (const person of othersThan(ctx, result.assignees)) {
    const message = reopenedMessage({ task: result.task, actor: ctx.actor, team: ctx.team, view: viewFor(ctx, ctx.team, person) });
    await dmAboutTask(ctx, ctx.team, result.task, person, message, 'reopened', taskNews.spec({ taskId: task.id, status: 'open', assignee: true }));
  }
  return ephemeral(textMessage(ctx.t('tasks.reopened', { number: result.task.number, title: result.task.title })));
});

const cancel = simpleChange(
  'cancel',
  async (ctx, task) => {
    const result = await cancelTask({ db: ctx.db, now: ctx.now, actor: actorOf(ctx), task });
    // Whose assignment still waits for their morning is never told of it now: it is dropped, and so is this.
    const told = await alreadyTold({ db: ctx.db, task, people: result.assignees });
    await notifyOthers(ctx, ctx.team, task, told, () => ctx.t('tasks.cancelled', { number: task.number, title: task.title }), 'cancelled', taskNews.spec({ taskId: task.id, status: 'cancelled' }));
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
    const removed = await alreadyTold({ db: ctx.db, task, people: result.removed });
    await notifyOthers(ctx, tc.team, task, removed, () => ctx.t('tasks.dm_reassigned', { assigner: ctx.actor.displayName, number: task.number, title: task.title }), 'unassigned', taskNews.spec({ taskId: task.id, assignee: false }));
    // The deadline keeps its instant; it is echoed again as the new assignee reads it, with what that means for them.
    const due = result.task.dueAt ? dueEcho(ctx, tc.team, result.task.dueAt, zoneOf(result.assignees[0], tc.team)) : '';
    const notes = await confirmationNotes(ctx, tc.team, result.task, { assignees: result.added, told: result.added });
    return inChannel(withNotes(ctx.t('tasks.assigned', { number: task.number, title: task.title, people: names(result.assignees, tc.team.locale), details: due }), notes));
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
      // Someone whose assignment DM still waits for their morning reads the new deadline there; no second DM.
      const told = await alreadyTold({ db: ctx.db, task, people: result.assignees });
      const check = taskNews.spec({ taskId: task.id, status: 'open', dueAt: at.toISOString(), assignee: true });
      await notifyOthers(ctx, tc.team, task, told, (view) => ctx.t('tasks.due_set', { number: task.number, title: task.title, when: formatInstant(at, view.zone, view.locale, { now: ctx.now }) }), `redated:${at.toISOString()}`, check);
      const key = name === 'due' ? 'tasks.due_set' : 'tasks.snoozed';
      const notes = await confirmationNotes(ctx, tc.team, result.task, { assignees: result.assignees, told: [] });
      return ephemeral(withNotes(ctx.t(key, { number: task.number, title: task.title, when: whenEcho(ctx, tc.team, at, result.zone) }), notes));
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
    { name: 'due', kind: 'keyword', keywords: DUE_WORDS, when: true, description: 'When the project is due' },
  ],
  input: z.object({ name: z.string({ error: 'tasks.project_name_required' }).trim().min(1, { error: 'tasks.project_name_required' }).max(80, { error: 'tasks.project_name_too_long' }), due: z.string().optional() }),
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

export const tasksModule: BotModule = {
  commands: [taskCommand],
  home: tasksHome,
  actions: taskActions,
  forms: [newTaskForm, ...taskForms],
  notices: tasksNotices,
};
