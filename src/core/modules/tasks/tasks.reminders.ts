import type { Db } from '../../../db/database.js';
import { cancelJobs, scheduleJob } from '../../jobs.js';
import { reminderKey, taskReminderJob, type ReminderStep } from './tasks.jobs.js';
import type { Message } from '../../messages.js';
import type { NoticeCheckSpec } from '../../notices.js';
import { awayMessage, reminderMessage } from './tasks.messages.js';
import { managersOf, membersWithRole } from '../../recipients.js';
import { isAwayAt, nextWorkingDayStart, type WorkingTime } from '../../working-time.js';
import { plannedRungs, RUNG_RANK, type Rung } from './tasks.ladder.js';
import { askZoneOnce } from '../people/people.zone-ask.js';
import { assigneeAway, taskReminder } from './tasks.notices.js';
import { dmAboutTaskTo } from './tasks.notify.js';
import { assigneesOf, type TaskRow } from './tasks.repository.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import { loadWorkingTime } from '../../recipient-time.js';

/** What the ladder needs to know about a task right now, loaded once per step. */
export interface ReminderScene {
  task: TaskRow;
  team: TeamRow;
  assignees: { person: PersonRow; time: WorkingTime }[];
  managers: { person: PersonRow; time: WorkingTime }[];
  owners: { person: PersonRow; time: WorkingTime }[];
}

export const loadScene = async ({ db, now, task, team }: { db: Db; now: Date; task: TaskRow; team: TeamRow }): Promise<ReminderScene> => {
  const withTime = async (person: PersonRow) => ({ person, time: await loadWorkingTime({ db, person, team, now }) });
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
export const pacer = (scene: ReminderScene): WorkingTime | null => scene.assignees[0]?.time ?? null;

/** The rungs still ahead for the task's deadline (a one-off task's own rung always, even when it has passed). */
export const rungsAhead = ({ scene, now }: { scene: ReminderScene; now: Date }): Rung[] => {
  const time = pacer(scene);
  if (!scene.task.dueAt || !time) return [];
  const repeating = scene.task.recurrence !== null;
  const announcedAt = repeating ? scene.task.createdAt : null;
  return plannedRungs({ due: scene.task.dueAt, time, team: scene.team, announcedAt }).filter((rung, index, all) => (!repeating && index === all.length - 1) || rung.at > now);
};

/** Plans the ladder for the task's current deadline. Idempotent: every step has a deterministic key. */
export const scheduleReminders = async ({ db, now, task, team }: { db: Db; now: Date; task: TaskRow; team: TeamRow }) => {
  if (task.status !== 'open' || !task.dueAt) return;
  const scene = await loadScene({ db, now, task, team });
  const dueAt = task.dueAt;
  // One round trip for the whole ladder: the steps are independent rows.
  await Promise.all(rungsAhead({ scene, now }).map(({ step, at }) => scheduleJob({ db, job: taskReminderJob, payload: { taskId: task.id, step, dueAt: dueAt.toISOString() }, runAt: at, dedupeKey: reminderKey(task.id, dueAt, step) })));
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

/**
 * Queues one DM of the ladder for a person; the outbox holds it for their working time and writes it again
 * when it goes (tasks.notices.ts). The key makes it once per rung.
 */
const nudge = async ({ db, now, scene, person, key, message, step, check, nature = 'nudge' }: { db: Db; now: Date; scene: ReminderScene; person: PersonRow; key: string; message: Message; step: ReminderStep; check: NoticeCheckSpec; nature?: 'news' | 'nudge' }) => {
  await dmAboutTaskTo({ db, now, team: scene.team, task: scene.task, person, message, dedupeKey: `${key}:${person.id}`, nature, ...(nature === 'nudge' ? { rank: RUNG_RANK[step] } : {}), check });
};

const isAwayForDeadline = (task: TaskRow, time: WorkingTime) => Boolean(task.dueAt && isAwayAt(task.dueAt, time));

/**
 * Sends one rung. Assignee rungs go to each assignee in their own working time, except that a deadline
 * during someone's absence or public holiday goes to the managers instead (once per deadline, as news: it
 * asks them to act before it). The managers' rung goes only to those who chose instant alerts; the others
 * read overdue tasks in their daily brief.
 */
export const deliverStep = async ({ db, now, scene, step }: { db: Db; now: Date; scene: ReminderScene; step: ReminderStep }) => {
  const { task, team } = scene;
  const due = task.dueAt!;
  const dueAt = due.toISOString();
  const viewOf = (time: WorkingTime) => ({ locale: team.locale, zone: time.zone, now });
  const key = reminderKey(task.id, due, step);
  const assignees = scene.assignees.map((assignee) => assignee.person);
  if (step === 'overdue_managers' || step === 'overdue_owner') {
    const audience = step === 'overdue_managers' ? 'managers' : 'owner';
    const recipients = step === 'overdue_managers' ? scene.managers.filter(({ person }) => person.alerts === 'instant') : scene.owners;
    for (const { person, time } of recipients) {
      const message = reminderMessage({ step, task, assignees, team, view: viewOf(time), buttons: audience === 'managers' });
      const check = taskReminder.spec({ taskId: task.id, step, dueAt, audience, assignees: assignees.map((person) => person.id) });
      await nudge({ db, now, scene, person, key, message, step, check });
    }
    return;
  }
  for (const assignee of scene.assignees) {
    if (isAwayForDeadline(task, assignee.time)) {
      // Like every manager alert, only for managers on instant alerts; the others read who is away in their brief.
      for (const { person, time } of scene.managers.filter((manager) => manager.person.alerts === 'instant')) {
        const check = assigneeAway.spec({ taskId: task.id, dueAt, awayId: assignee.person.id });
        await nudge({ db, now, scene, person, key: `task-away:${task.id}:${dueAt}:${assignee.person.id}`, message: awayMessage({ task, away: assignee.person, view: viewOf(time) }), step, check, nature: 'news' });
      }
      continue;
    }
    const message = reminderMessage({ step, task, assignees: [assignee.person], team, view: viewOf(assignee.time), buttons: true });
    await nudge({ db, now, scene, person: assignee.person, key, message, step, check: taskReminder.spec({ taskId: task.id, step, dueAt, audience: 'assignee' }) });
  }
};
