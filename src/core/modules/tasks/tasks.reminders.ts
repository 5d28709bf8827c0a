import type { Db } from '../../../db/database.js';
import { cancelJobs, scheduleJob } from '../../jobs.js';
import { reminderKey, taskReminderJob, type ReminderStep } from './tasks.jobs.js';
import type { Message } from '../../messages.js';
import { awayMessage, reminderMessage } from './tasks.messages.js';
import { enqueueDm } from '../../deliveries.js';
import { managersOf, membersWithRole } from '../../recipients.js';
import { atLocalTime, localDateOf } from '../../time.js';
import { dayOff, isAwayAt, nextWorkingDayStart, nextWorkingMoment, type WorkingTime } from '../../working-time.js';
import { workingTimeOf } from '../people/people.usecases.js';
import { askZoneOnce } from '../people/people.zone-ask.js';
import { assigneesOf, type TaskRow } from './tasks.repository.js';
import type { PersonRow, TeamRow } from '../../identity.js';

/** What the ladder needs to know about a task right now, loaded once per step. */
export interface ReminderScene {
  task: TaskRow;
  team: TeamRow;
  assignees: { person: PersonRow; time: WorkingTime }[];
  managers: { person: PersonRow; time: WorkingTime }[];
  owners: { person: PersonRow; time: WorkingTime }[];
}

export const loadScene = async ({ db, now, task, team }: { db: Db; now: Date; task: TaskRow; team: TeamRow }): Promise<ReminderScene> => {
  const withTime = async (person: PersonRow) => ({ person, time: await workingTimeOf({ db, person, team, now }) });
  const withTimes = async (people: Promise<PersonRow[]>) => Promise.all((await people).map(withTime));
  // The managers and owners told of this task are others than its assignees. Queries sent together share a
  // round trip: the assignees first, then their working times with the other lists (and theirs right after).
  const assignees = (await assigneesOf({ db, taskIds: [task.id] })).get(task.id) ?? [];
  const except = assignees.map((person) => person.id);
  const [assigneeTimes, managers, owners] = await Promise.all([
    Promise.all(assignees.map(withTime)),
    withTimes(managersOf({ db, teamId: team.id, except })),
    withTimes(membersWithRole({ db, teamId: team.id, role: 'owner', except })),
  ]);
  return { task, team, assignees: assigneeTimes, managers, owners };
};

/** The ladder is timed by the first assignee's working time; each recipient then gets it in their own. */
const pacer = (scene: ReminderScene): WorkingTime | null => scene.assignees[0]?.time ?? null;

/** When the warning steps fall; steps already past, or landing on or after the deadline, are left out. */
export const warningTimes = ({ scene, now }: { scene: ReminderScene; now: Date }): { step: ReminderStep; at: Date }[] => {
  const { task, team } = scene;
  const time = pacer(scene);
  if (!task.dueAt || !time) return [];
  const due = task.dueAt;
  const steps: { step: ReminderStep; at: Date }[] = [];
  if (team.reminderLeadHours > 0) {
    steps.push({ step: 'before', at: nextWorkingMoment(new Date(due.getTime() - team.reminderLeadHours * 3_600_000), time) });
  }
  const dueDate = localDateOf(due, time.zone);
  if (!dayOff(dueDate, time)) steps.push({ step: 'day_start', at: atLocalTime(dueDate, time.start, time.zone) });
  const warnings = steps.filter(({ at }) => at > now && at < due);
  // Two warnings within the same hour read as a glitch: keep the first.
  const kept = warnings.filter((warning, index) => index === 0 || Math.abs(warning.at.getTime() - warnings[0]!.at.getTime()) >= 3_600_000);
  return [...kept, { step: 'due', at: nextWorkingMoment(due, time) }];
};

/** Plans the ladder for the task's current deadline. Idempotent: every step has a deterministic key. */
export const scheduleReminders = async ({ db, now, task, team }: { db: Db; now: Date; task: TaskRow; team: TeamRow }) => {
  if (task.status !== 'open' || !task.dueAt) return;
  const scene = await loadScene({ db, now, task, team });
  const dueAt = task.dueAt;
  // One round trip for the whole ladder: the steps are independent rows.
  await Promise.all(warningTimes({ scene, now }).map(({ step, at }) => scheduleJob({ db, job: taskReminderJob, payload: { taskId: task.id, step, dueAt: dueAt.toISOString() }, runAt: at, dedupeKey: reminderKey(task.id, dueAt, step) })));
  // Reminders are timed by the assignees' zones: whoever has none is asked for it, once.
  for (const { person } of scene.assignees) await askZoneOnce({ db, now, team, person });
};

export const cancelReminders = async ({ db, taskId }: { db: Db; taskId: number }) => cancelJobs({ db, dedupeKeyPrefix: `task-remind:${taskId}:` });

/** The rung after this one, and when, or null at the top of the ladder. */
export const nextRung = ({ scene, step, now }: { scene: ReminderScene; step: ReminderStep; now: Date }): { step: ReminderStep; at: Date } | null => {
  const time = pacer(scene);
  if (!time || !scene.task.dueAt) return null;
  switch (step) {
    case 'due':
      return { step: 'overdue_assignee', at: nextWorkingDayStart(scene.task.dueAt, time) };
    case 'overdue_assignee':
      return { step: 'overdue_managers', at: nextWorkingDayStart(now, time) };
    case 'overdue_managers':
      return scene.team.escalateToOwner ? { step: 'overdue_owner', at: nextWorkingDayStart(now, time) } : null;
    default:
      return null;
  }
};

/** Queues one nudge for a person, held until their next working moment; the key makes it once per rung. */
const nudge = async ({ db, now, person, time, key, message }: { db: Db; now: Date; person: PersonRow; time: WorkingTime; key: string; message: Message }) => {
  await enqueueDm({ db, person, message, dedupeKey: `${key}:${person.id}`, notBefore: nextWorkingMoment(now, time) });
};

const isAwayForDeadline = (task: TaskRow, time: WorkingTime) => Boolean(task.dueAt && isAwayAt(task.dueAt, time));

/**
 * Sends one rung. Assignee rungs go to each assignee in their own working time, except that a deadline
 * during someone's absence or public holiday goes to the managers instead (once per deadline).
 */
export const deliverStep = async ({ db, now, scene, step, lateSince }: { db: Db; now: Date; scene: ReminderScene; step: ReminderStep; lateSince: Date | null }) => {
  const { task, team } = scene;
  const due = task.dueAt!;
  const viewOf = (time: WorkingTime) => ({ locale: team.locale, zone: time.zone, now });
  const key = reminderKey(task.id, due, step);
  if (step === 'overdue_managers' || step === 'overdue_owner') {
    const recipients = step === 'overdue_managers' ? scene.managers : scene.owners;
    for (const { person, time } of recipients) {
      await nudge({ db, now, person, time, key, message: reminderMessage({ step, task, assignees: scene.assignees.map((a) => a.person), team, view: viewOf(time), lateSince, buttons: step === 'overdue_managers' }) });
    }
    return;
  }
  for (const assignee of scene.assignees) {
    if (isAwayForDeadline(task, assignee.time)) {
      for (const { person, time } of scene.managers) {
        await nudge({ db, now, person, time, key: `task-away:${task.id}:${due.toISOString()}:${assignee.person.id}`, message: awayMessage({ task, away: assignee.person, view: viewOf(time) }) });
      }
      continue;
    }
    await nudge({ db, now, person: assignee.person, time: assignee.time, key, message: reminderMessage({ step, task, assignees: [assignee.person], team, view: viewOf(assignee.time), lateSince, buttons: true }) });
  }
};
