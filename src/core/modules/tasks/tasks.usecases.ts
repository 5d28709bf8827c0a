import { DateTime } from 'luxon';
import type { Db } from '../../../db/database.js';
import { botError } from '../../errors.js';
import type { Locale } from '../../i18n/catalog.js';
import { cancelJobs, scheduleJob } from '../../jobs.js';
import { zoneOf } from '../../view.js';
import { managersOf } from '../../recipients.js';
import { atLocalTime, localDateOf, nextOccurrence, parseRecurrence, parseWhen, type Recurrence } from '../../time.js';
import { nextTaskNumber } from '../teams/teams.repository.js';
import { taskDueJob, taskDueKey } from './tasks.jobs.js';
import { cancelReminders, scheduleReminders } from './tasks.reminders.js';
import { addTaskEvent, assigneesOf, findProject, getTaskByNumber, getTaskForUpdate, insertAssignees, insertTask, setAssignees, successorOf, updateTask, type Priority, type TaskRow } from './tasks.repository.js';
import type { PersonRow, Role, TeamRow } from '../../identity.js';
import { ensureMembers } from '../teams/teams.repository.js';

/** Who is acting, and as what, in the task's team. */
export interface Actor {
  person: PersonRow;
  role: Role;
}

export interface TaskDeps {
  db: Db;
  now: Date;
}

const isManager = (actor: Actor) => actor.role === 'manager';

/**
 * Members may add tasks for themselves and finish or snooze their own; everything about other people's
 * tasks belongs to managers. A task is "yours" when you are among its assignees.
 */
const assertMayChange = ({ actor, task, assigneeIds }: { actor: Actor; task: TaskRow; assigneeIds: number[] }) => {
  if (isManager(actor) || assigneeIds.includes(actor.person.id)) return;
  throw botError('tasks.not_yours', { number: task.number });
};

export const findTask = async ({ db, team, number }: { db: Db; team: TeamRow; number: number }): Promise<TaskRow> => {
  const task = await getTaskByNumber({ db, teamId: team.id, number });
  if (!task) throw botError('tasks.not_found', { number });
  return task;
};

/**
 * Reads a due phrase in the zone of whoever does the work: "due friday" means the end of *their* Friday.
 * A numeric date follows the writer's habit (12/3 is 3 December for a manager in New York), so their zone goes too.
 */
export const readDue = ({ text, now, zone, locale, writerZone }: { text: string; now: Date; zone: string; locale: Locale; writerZone?: string }): Date =>
  parseWhen(text, { now, zone, locale, kind: 'due', ...(writerZone ? { writerZone } : {}) });

/** The first due moment of a repeating task given without a date: today at 17:00 if ahead and allowed, else the next occurrence. */
const firstDueOf = ({ recurrence, now, zone }: { recurrence: Recurrence; now: Date; zone: string }): Date => {
  const today = atLocalTime(localDateOf(now, zone), 17 * 60, zone);
  const todayAllowed = !recurrence.weekdays || recurrence.weekdays.includes(DateTime.fromJSDate(now, { zone }).weekday);
  return today > now && todayAllowed ? today : nextOccurrence(recurrence, today, zone);
};

export interface AddTaskInput {
  title: string;
  assignees: PersonRow[];
  dueText?: string;
  /** A due moment already worked out (an onboarding step on the newcomer's working day); `dueText` wins. */
  dueAt?: Date;
  priority?: Priority;
  recurrenceText?: string;
  projectName?: string;
}

export interface AddedTask {
  task: TaskRow;
  assignees: PersonRow[];
  dueZone: string;
  recurrence: Recurrence | null;
  projectName: string | null;
}

export const addTask = async ({ db, now, team, actor, input }: TaskDeps & { team: TeamRow; actor: Actor; input: AddTaskInput }): Promise<AddedTask> => {
  const assignees = input.assignees.length > 0 ? dedupePeople(input.assignees) : [actor.person];
  if (!isManager(actor) && assignees.some((person) => person.id !== actor.person.id)) throw botError('tasks.members_assign_self');
  const dueZone = zoneOf(assignees[0], team);
  const recurrence = input.recurrenceText ? parseRecurrence(input.recurrenceText) : null;
  let dueAt = input.dueText ? readDue({ text: input.dueText, now, zone: dueZone, locale: team.locale, writerZone: zoneOf(actor.person, team) }) : (input.dueAt ?? null);
  if (recurrence && !dueAt) dueAt = firstDueOf({ recurrence, now, zone: dueZone });
  const project = input.projectName ? await findProject({ db, teamId: team.id, name: input.projectName }) : null;
  if (input.projectName && !project) throw botError('tasks.project_not_found', { project: input.projectName });

  const number = await nextTaskNumber({ db, teamId: team.id });
  const task = (await insertTask({
    db,
    values: { teamId: team.id, number, title: input.title, creatorId: actor.person.id, dueAt, priority: input.priority ?? 'normal', projectId: project?.id ?? null, recurrence, createdAt: now, updatedAt: now },
  }))!;
  // Independent writes of one transaction, sent together: one round trip. The reminders come after, as
  // they read the assignees back.
  await Promise.all([
    insertAssignees({ db, taskId: task.id, personIds: assignees.map((person) => person.id) }),
    // Someone assigned before they ever wrote in the channel is on the team from now on, and may act on it.
    ensureMembers({ db, teamId: team.id, personIds: assignees.map((person) => person.id) }),
    addTaskEvent({ db, taskId: task.id, actorId: actor.person.id, kind: 'created', data: { assignees: assignees.map((person) => person.id), dueAt: dueAt?.toISOString() ?? null }, at: now }),
    scheduleDue({ db, task }),
  ]);
  await scheduleReminders({ db, now, task, team });
  return { task, assignees, dueZone, recurrence, projectName: project?.name ?? null };
};

const dedupePeople = (list: PersonRow[]) => [...new Map(list.map((person) => [person.id, person])).values()];

/**
 * A repeating task's next instance appears when this one falls due (or earlier, when it is done),
 * so the due moment is a durable job; one-off tasks need no job in this release.
 */
const scheduleDue = async ({ db, task }: { db: Db; task: TaskRow }) => {
  if (!task.recurrence || !task.dueAt || task.status !== 'open') return;
  await scheduleJob({ db, job: taskDueJob, payload: { taskId: task.id }, runAt: task.dueAt, dedupeKey: taskDueKey(task.id, task.dueAt) });
};

/** A done, cancelled or re-dated task leaves no pending job behind: no stale nudge ever arrives. */
const cancelDue = async ({ db, task }: { db: Db; task: TaskRow }) => {
  await cancelJobs({ db, dedupeKeyPrefix: `task-due:${task.id}:` });
  await cancelReminders({ db, taskId: task.id });
};

/**
 * Creates the next instance of a repeating task, at most once (the unique `previous_id` makes a second
 * call, from the Done button and the due job racing, a no-op). Occurrences already past are skipped:
 * a weekly task done three weeks late gets one next instance, not three. A series has one open occurrence:
 * one still open when its successor appears is closed as missed (kept in its history, its reminders gone).
 */
export const spawnNext = async ({ db, now, team, task }: TaskDeps & { team: TeamRow; task: TaskRow }): Promise<TaskRow | null> => {
  if (!task.recurrence || !task.dueAt) return null;
  const existing = await successorOf({ db, taskId: task.id });
  if (existing) return null;
  const assignees = (await assigneesOf({ db, taskIds: [task.id] })).get(task.id) ?? [];
  const zone = zoneOf(assignees[0], team);
  const anchorDay = Number(localDateOf(task.dueAt, zone).slice(8, 10));
  let dueAt = nextOccurrence(task.recurrence, task.dueAt, zone, { anchorDay });
  while (dueAt <= now) dueAt = nextOccurrence(task.recurrence, dueAt, zone, { anchorDay });
  const number = await nextTaskNumber({ db, teamId: team.id });
  const next = await insertTask({
    db,
    values: { teamId: team.id, number, title: task.title, creatorId: task.creatorId, dueAt, priority: task.priority, projectId: task.projectId, recurrence: task.recurrence, previousId: task.id, createdAt: now, updatedAt: now },
  });
  if (!next) return null;
  await setAssignees({ db, taskId: next.id, personIds: assignees.map((person) => person.id) });
  await addTaskEvent({ db, taskId: next.id, actorId: null, kind: 'created', data: { previous: task.number }, at: now });
  await addTaskEvent({ db, taskId: task.id, actorId: null, kind: 'recurred', data: { number: next.number }, at: now });
  if (task.status === 'open') {
    await updateTask({ db, taskId: task.id, changes: { status: 'missed' }, now });
    await addTaskEvent({ db, taskId: task.id, actorId: null, kind: 'missed', data: { number: next.number }, at: now });
    await cancelDue({ db, task });
  }
  await scheduleDue({ db, task: next });
  await scheduleReminders({ db, now, task: next, team });
  return next;
};

/** Locks the task and loads what the permission rules need. */
const lockTask = async ({ db, task }: { db: Db; task: TaskRow }) => {
  const locked = (await getTaskForUpdate({ db, taskId: task.id }))!;
  const assignees = (await assigneesOf({ db, taskIds: [task.id] })).get(task.id) ?? [];
  return { task: locked, assignees, assigneeIds: assignees.map((person) => person.id) };
};

export const completeTask = async ({ db, now, team, actor, task }: TaskDeps & { team: TeamRow; actor: Actor; task: TaskRow }) => {
  const current = await lockTask({ db, task });
  assertMayChange({ actor, ...current });
  if (current.task.status === 'done') throw botError('tasks.already_done', { number: task.number });
  if (current.task.status === 'cancelled') throw botError('tasks.already_cancelled', { number: task.number });
  // A missed occurrence may still be done late: it counts as done, late, and its successor already exists.
  const done = await updateTask({ db, taskId: task.id, changes: { status: 'done', completedAt: now }, now });
  await addTaskEvent({ db, taskId: task.id, actorId: actor.person.id, kind: 'done', at: now });
  await cancelDue({ db, task });
  const next = await spawnNext({ db, now, team, task: done });
  return { task: done, next, assignees: current.assignees };
};

export const reopenTask = async ({ db, now, team, actor, task }: TaskDeps & { team: TeamRow; actor: Actor; task: TaskRow }) => {
  const current = await lockTask({ db, task });
  assertMayChange({ actor, ...current });
  if (current.task.status === 'open') throw botError('tasks.already_open', { number: task.number });
  if (current.task.status === 'cancelled' && !isManager(actor)) throw botError('bot.managers_only', { usage: `/task reopen ${task.number}` });
  const reopened = await updateTask({ db, taskId: task.id, changes: { status: 'open', completedAt: null }, now });
  await addTaskEvent({ db, taskId: task.id, actorId: actor.person.id, kind: 'reopened', at: now });
  if (reopened.dueAt && reopened.dueAt > now) {
    await scheduleDue({ db, task: reopened });
    await scheduleReminders({ db, now, task: reopened, team });
  }
  return { task: reopened, assignees: current.assignees };
};

export const cancelTask = async ({ db, now, actor, task }: TaskDeps & { actor: Actor; task: TaskRow }) => {
  const current = await lockTask({ db, task });
  if (current.task.status === 'cancelled') throw botError('tasks.already_cancelled', { number: task.number });
  const cancelled = await updateTask({ db, taskId: task.id, changes: { status: 'cancelled' }, now });
  await addTaskEvent({ db, taskId: task.id, actorId: actor.person.id, kind: 'cancelled', at: now });
  await cancelDue({ db, task });
  return { task: cancelled, assignees: current.assignees };
};

export const assignTask = async ({ db, now, team, actor, task, people }: TaskDeps & { team: TeamRow; actor: Actor; task: TaskRow; people: PersonRow[] }) => {
  const current = await lockTask({ db, task });
  const assignees = dedupePeople(people);
  await setAssignees({ db, taskId: task.id, personIds: assignees.map((person) => person.id) });
  await ensureMembers({ db, teamId: team.id, personIds: assignees.map((person) => person.id) });
  await addTaskEvent({ db, taskId: task.id, actorId: actor.person.id, kind: 'assigned', data: { assignees: assignees.map((person) => person.id), names: assignees.map((person) => person.displayName).join(', ') }, at: now });
  const added = assignees.filter((person) => !current.assigneeIds.includes(person.id));
  const removed = current.assignees.filter((person) => !assignees.some((next) => next.id === person.id));
  // The ladder is timed by the first assignee's working hours: re-plan it for the new people.
  await cancelReminders({ db, taskId: task.id });
  await scheduleReminders({ db, now, task: current.task, team });
  return { task: current.task, assignees, added, removed };
};

const closedError = { done: 'tasks.already_done', cancelled: 'tasks.already_cancelled', missed: 'tasks.already_missed' } as const;

/** Sets a new due moment; `snooze` only ever moves it later, so a snooze can never make a task overdue. */
export const redateTask = async ({ db, now, team, actor, task, whenText, mode }: TaskDeps & { team: TeamRow; actor: Actor; task: TaskRow; whenText: string; mode: 'due' | 'snooze' }) => {
  const current = await lockTask({ db, task });
  assertMayChange({ actor, ...current });
  if (current.task.status !== 'open') throw botError(closedError[current.task.status], { number: task.number });
  const zone = zoneOf(current.assignees[0], team);
  const dueAt = readDue({ text: whenText, now, zone, locale: team.locale, writerZone: zoneOf(actor.person, team) });
  if (mode === 'snooze' && current.task.dueAt && dueAt <= current.task.dueAt) {
    throw botError('tasks.snooze_not_later', { when: whenText });
  }
  await cancelDue({ db, task });
  const updated = await updateTask({ db, taskId: task.id, changes: { dueAt }, now });
  await addTaskEvent({ db, taskId: task.id, actorId: actor.person.id, kind: mode === 'due' ? 'due_changed' : 'snoozed', data: { dueAt: dueAt.toISOString() }, at: now });
  await scheduleDue({ db, task: updated });
  await scheduleReminders({ db, now, task: updated, team });
  return { task: updated, assignees: current.assignees, zone };
};

/** Who will be asked; checked before the form opens, so nobody types out a question nobody can answer. */
export const helpersOf = async ({ db, actor, task }: { db: Db; actor: Actor; task: TaskRow }) => {
  const managers = await managersOf({ db, teamId: task.teamId, except: [actor.person.id] });
  if (managers.length === 0) throw botError('tasks.help_no_manager');
  return managers;
};

/** Someone needs help: what they need is kept in the task's history and goes to the managers. */
export const requestHelp = async ({ db, now, actor, task, need }: TaskDeps & { actor: Actor; task: TaskRow; need: string }) => {
  const managers = await helpersOf({ db, actor, task });
  await addTaskEvent({ db, taskId: task.id, actorId: actor.person.id, kind: 'help_requested', data: { text: need }, at: now });
  return { managers };
};
