import { and, asc, eq, inArray, notExists, sql, type SQL } from 'drizzle-orm';
import type { HomeSection } from '../../commands.js';
import type { Db } from '../../../db/database.js';
import { taskAssignees, tasks, teams } from '../../../db/schema/index.js';
import type { Block } from '../../messages.js';
import type { View } from '../../view.js';
import { taskButtons, taskLine } from './tasks.messages.js';
import { withPeople, type TaskRow } from './tasks.repository.js';

const HOME_LIMIT = 10;

/** Open tasks in every team of the workspace, soonest due first: the OBM's view across all clients. */
const openTasksWhere = async ({ db, workspaceId, where }: { db: Db; workspaceId: number; where: SQL | undefined }) =>
  db
    .select({ task: tasks, teamName: teams.clientName })
    .from(tasks)
    .innerJoin(teams, eq(teams.id, tasks.teamId))
    .where(and(eq(teams.workspaceId, workspaceId), eq(tasks.status, 'open'), where))
    .orderBy(sql`${tasks.dueAt} asc nulls last`, asc(tasks.id))
    .limit(HOME_LIMIT);

const assignedTo = (db: Db, personId: number) => db.select({ id: taskAssignees.taskId }).from(taskAssignees).where(eq(taskAssignees.personId, personId));

export const tasksHome: HomeSection = async (ctx) => {
  const { db, actor, workspace } = ctx;
  const view: View = { locale: ctx.locale, zone: actor.zone ?? 'UTC', now: ctx.now };
  const mine = await openTasksWhere({ db, workspaceId: workspace.id, where: inArray(tasks.id, assignedTo(db, actor.id)) });
  const asked = await openTasksWhere({
    db,
    workspaceId: workspace.id,
    // Tasks I created for others: mine to chase, not to do.
    where: and(eq(tasks.creatorId, actor.id), notExists(db.select().from(taskAssignees).where(and(eq(taskAssignees.taskId, tasks.id), eq(taskAssignees.personId, actor.id))))),
  });
  if (mine.length === 0 && asked.length === 0) return [];
  const lines = async (rows: { task: TaskRow; teamName: string }[], buttons: boolean): Promise<Block[]> => {
    if (rows.length === 0) return [{ type: 'context', text: ctx.t('home.none') }];
    const full = await withPeople({ db, rows: rows.map((row) => row.task) });
    return full.flatMap((task, index): Block[] => [
      { type: 'text', text: `${taskLine(task, view)} · ${rows[index]!.teamName}` },
      ...(buttons ? [taskButtons(task, view.locale)] : []),
    ]);
  };
  return [
    { type: 'header', text: ctx.t('home.my_tasks') },
    ...(await lines(mine, true)),
    { type: 'header', text: ctx.t('home.asked_others') },
    ...(await lines(asked, false)),
  ];
};
