import { z } from 'zod';
import { defineJob } from '../../jobs.js';
import { getTeam } from '../teams/teams.repository.js';
import { getTaskForUpdate } from './tasks.repository.js';
import { spawnNext } from './tasks.usecases.js';

/** A repeating task fell due: its next instance appears now, whether or not this one is done. */
export const taskDueJob = defineJob({
  kind: 'task.due',
  payload: z.object({ taskId: z.number().int().positive() }),
  run: async ({ taskId }, { db, now }) => {
    const task = await getTaskForUpdate({ db, taskId });
    // Cancelled, deleted or re-dated since: a stale occurrence does nothing.
    if (!task || task.status === 'cancelled' || !task.dueAt || task.dueAt > now) return;
    const team = await getTeam({ db, teamId: task.teamId });
    if (team) await spawnNext({ db, now, team, task });
  },
});

export const taskJobs = [taskDueJob];
