import type { Db } from '../../../db/database.js';
import { handleJob, scheduleJob } from '../../jobs.js';
import { getTeam } from '../teams/teams.repository.js';
import { reminderKey, taskDueJob, taskReminderJob } from './tasks.jobs.js';
import { occurrenceMessage } from './tasks.messages.js';
import { taskAssigned } from './tasks.notices.js';
import { dmAboutTaskTo } from './tasks.notify.js';
import { deliverStep, loadScene, nextRung } from './tasks.reminders.js';
import { assigneesOf, getTaskForUpdate } from './tasks.repository.js';
import { spawnNext } from './tasks.usecases.js';
import { zoneOf } from '../../view.js';

const teamOfTask = async ({ taskId }: { taskId: number }, db: Db) => (await getTaskForUpdate({ db, taskId }))?.teamId ?? null;

/**
 * A repeating task fell due: its next occurrence appears, and this one, if still open, is closed as missed
 * (a series has one open occurrence, never a pile). The assignees hear of both in one DM, the new one's.
 */
export const taskDueHandler = handleJob(taskDueJob, {
  teamOf: teamOfTask,
  run: async ({ taskId }, { db, now }) => {
    const task = await getTaskForUpdate({ db, taskId });
    // Cancelled, missed, deleted or re-dated since: a stale occurrence does nothing.
    if (!task || task.status === 'cancelled' || task.status === 'missed' || !task.dueAt || task.dueAt > now) return;
    const team = await getTeam({ db, teamId: task.teamId });
    if (!team) return;
    const next = await spawnNext({ db, now, team, task });
    if (!next) return;
    const missed = task.status === 'open' ? task.number : null;
    for (const person of (await assigneesOf({ db, taskIds: [next.id] })).get(next.id) ?? []) {
      const message = occurrenceMessage({ task: next, team, view: { locale: team.locale, zone: zoneOf(person, team), now }, missed });
      await dmAboutTaskTo({ db, now, team, task: next, person, message, dedupeKey: `dm:${person.id}:task:${next.id}:occurrence`, check: taskAssigned.spec({ taskId: next.id, assignerId: null, missed }) });
    }
  },
});

/**
 * One rung re-reads the task, so a done, cancelled or re-dated task ignores its stale rungs, and it plans
 * the next rung itself, so the ladder stops the moment the task does.
 */
export const taskReminderHandler = handleJob(taskReminderJob, {
  teamOf: teamOfTask,
  run: async ({ taskId, step, dueAt }, { db, now, late }) => {
    const task = await getTaskForUpdate({ db, taskId });
    if (!task || task.status !== 'open' || task.dueAt?.toISOString() !== new Date(dueAt).toISOString()) return;
    const team = await getTeam({ db, teamId: task.teamId });
    if (!team) return;
    const scene = await loadScene({ db, now, task, team });
    const next = nextRung({ scene, step, now });
    // After downtime, only the newest rung that applies goes out: a warning once the deadline has passed,
    // or a rung whose successor is already due, is passed over rather than sent in a burst. What goes says
    // how late it is by itself: it is written again when sent (tasks.notices.ts).
    const warning = step === 'before' || step === 'day_start';
    const superseded = late && ((warning && task.dueAt <= now) || (next !== null && next.at <= now));
    if (!superseded) await deliverStep({ db, now, scene, step });
    if (next) await scheduleJob({ db, job: taskReminderJob, payload: { taskId, step: next.step, dueAt }, runAt: next.at, dedupeKey: reminderKey(taskId, task.dueAt, next.step) });
  },
});

export const taskJobHandlers = [taskDueHandler, taskReminderHandler];
