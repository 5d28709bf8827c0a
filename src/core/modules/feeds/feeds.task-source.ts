import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { projects, taskAssignees, tasks, teams } from '../../../db/schema/index.js';
import { withPeople, type TaskRow } from '../tasks/tasks.repository.js';
import type { FeedEvent, FeedSource, FeedSourceContext } from './feeds.types.js';

/** What a task's deadline says in a calendar: its number and title, ticked when done; cancelled stays cancelled. */
const taskEvents = async (db: Db, rows: { task: TaskRow; teamName: string | null }[], ctx: FeedSourceContext): Promise<FeedEvent[]> => {
  const full = await withPeople({ db, rows: rows.map((row) => row.task) });
  return full.map((task, index) => {
    const teamName = rows[index]!.teamName;
    const key = task.status === 'done' ? 'feeds.task_done' : task.status === 'missed' ? 'feeds.task_missed' : 'feeds.task_due';
    const title = ctx.t(key, { number: task.number, title: task.title });
    const who = task.assignees.map((person) => person.displayName).join(', ');
    const lines = [who ? ctx.t('feeds.task_assignees', { people: who }) : null, task.project ? ctx.t('feeds.task_project', { project: task.project.name }) : null];
    return {
      uid: `task-${task.id}@righthand`,
      summary: teamName ? `[${teamName}] ${title}` : title,
      description: lines.filter(Boolean).join('\n') || null,
      start: task.dueAt!,
      status: task.status === 'cancelled' ? 'cancelled' : 'confirmed',
    };
  });
};

/** Task deadlines: a team's feed has every task with a due date, a person's the ones assigned to them, in every team. */
export const taskFeedSource: FeedSource = {
  name: 'tasks',
  team: async (team, ctx) => {
    const rows = await ctx.db.select().from(tasks).where(and(eq(tasks.teamId, team.id), isNotNull(tasks.dueAt))).orderBy(asc(tasks.id));
    return taskEvents(ctx.db, rows.map((task) => ({ task, teamName: null })), ctx);
  },
  person: async (person, ctx) => {
    const rows = await ctx.db
      .select({ task: tasks, teamName: teams.clientName })
      .from(tasks)
      .innerJoin(taskAssignees, and(eq(taskAssignees.taskId, tasks.id), eq(taskAssignees.personId, person.id)))
      .innerJoin(teams, eq(teams.id, tasks.teamId))
      .where(isNotNull(tasks.dueAt))
      .orderBy(asc(tasks.id));
    return taskEvents(ctx.db, rows, ctx);
  },
};

/** Project due dates, in the team's feed. */
export const projectFeedSource: FeedSource = {
  name: 'projects',
  team: async (team, ctx) => {
    const rows = await ctx.db.select().from(projects).where(and(eq(projects.teamId, team.id), isNotNull(projects.dueAt))).orderBy(asc(projects.id));
    return rows.map((project) => ({ uid: `project-${project.id}@righthand`, summary: ctx.t('feeds.project_due', { project: project.name }), start: project.dueAt!, status: 'confirmed' as const }));
  },
};
