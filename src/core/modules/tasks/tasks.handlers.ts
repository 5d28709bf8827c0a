import type { Db } from '../../../db/database.js';
import { handleJob, scheduleJob } from '../../jobs.js';
import { getTeam } from '../teams/teams.repository.js';
import { reminderKey, taskDueJob, taskReminderJob } from './tasks.jobs.js';
import { deliverStep, loadScene, nextRung } from './tasks.reminders.js';
import { getTaskForUpdate } from './tasks.repository.js';
import { spawnNext } from './tasks.usecases.js';

const teamOfTask = async ({ taskId }: { taskId: number }, db: Db) => (await getTaskForUpdate({ db, taskId }))?.teamId ?? null;

export const taskDueHandler = handleJob(taskDueJob, {
  teamOf: teamOfTask,
  run: async ({ taskId }, { db, now }) => {
    const task = await getTaskForUpdate({ db, taskId });
    // Cancelled, deleted or re-dated since: a stale occurrence does nothing.
    if (!task || task.status === 'cancelled' || !task.dueAt || task.dueAt > now) return;
    const team = await getTeam({ db, teamId: task.teamId });
    if (team) await spawnNext({ db, now, team, task });
  },
});

/**
 * One rung re-reads the task, so a done, cancelled or re-dated task ignores its stale rungs, and it plans
 * the next rung itself, so the ladder stops the moment the task does.
 */
export const taskReminderHandler = handleJob(taskReminderJob, {
  teamOf: teamOfTask,
  run: async ({ taskId, step, dueAt }, { db, now, runAt, late }) => {
    const task = await getTaskForUpdate({ db, taskId });
    if (!task || task.status !== 'open' || task.dueAt?.toISOString() !== new Date(dueAt).toISOString()) return;
    const team = await getTeam({ db, teamId: task.teamId });
    if (!team) return;
    const scene = await loadScene({ db, now, task, team });
    const next = nextRung({ scene, step, now });
    // After downtime, only the newest rung that applies goes out: a warning once the deadline has passed,
    // or a rung whose successor is already due, is passed over rather than sent in a burst.
    const warning = step === 'before' || step === 'day_start';
    const superseded = late && ((warning && task.dueAt <= now) || (next !== null && next.at <= now));
    if (!superseded) await deliverStep({ db, now, scene, step, lateSince: late ? runAt : null });
    if (next) await scheduleJob({ db, job: taskReminderJob, payload: { taskId, step: next.step, dueAt }, runAt: next.at, dedupeKey: reminderKey(taskId, task.dueAt, next.step) });
  },
});

export const taskJobHandlers = [taskDueHandler, taskReminderHandler];
