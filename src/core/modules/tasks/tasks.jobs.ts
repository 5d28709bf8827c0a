import { z } from 'zod';
import { declareJob } from '../../jobs.js';

/**
 * The scheduled work of tasks, as the use cases that schedule it see it: kinds, payloads, keys. The
 * handlers that run them live in `tasks.handlers.ts`.
 */

/**
 * The reminder ladder of one deadline. `before` (the team's lead time, 24 h by default) and `day_start`
 * (the start of the due day) warn; `due` nudges at the moment; then, while the task stays open,
 * `overdue_assignee` on the assignee's next working morning, `overdue_managers` one working day later,
 * and `overdue_owner` one more day later when the team turned that on.
 */
export const REMINDER_STEPS = ['before', 'day_start', 'due', 'overdue_assignee', 'overdue_managers', 'overdue_owner'] as const;
export type ReminderStep = (typeof REMINDER_STEPS)[number];

/** A repeating task fell due: its next instance appears now, whether or not this one is done. */
export const taskDueJob = declareJob({
  kind: 'task.due',
  payload: z.object({ taskId: z.number().int().positive() }),
});

export const taskDueKey = (taskId: number, dueAt: Date) => `task-due:${taskId}:${dueAt.toISOString()}`;

/** One rung of a deadline's reminder ladder. After downtime the newest rung still goes once, marked late. */
export const taskReminderJob = declareJob({
  kind: 'task.remind',
  payload: z.object({ taskId: z.number().int().positive(), step: z.enum(REMINDER_STEPS), dueAt: z.iso.datetime() }),
  missed: { policy: 'once', afterMs: 15 * 60_000 },
});

export const reminderKey = (taskId: number, dueAt: Date, step: ReminderStep) => `task-remind:${taskId}:${dueAt.toISOString()}:${step}`;
