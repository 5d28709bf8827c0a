import { and, asc, desc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { people, projects, taskAssignees, taskEvents, tasks, type RecurrenceJson } from '../../../db/schema/index.js';
import type { PersonRow } from '../../identity.js';

export type TaskRow = typeof tasks.$inferSelect;
export type ProjectRow = typeof projects.$inferSelect;
export type TaskEventRow = typeof taskEvents.$inferSelect;
export type Priority = TaskRow['priority'];
export type TaskWithPeople = TaskRow & { assignees: PersonRow[]; project: ProjectRow | null };

export const insertTask = async ({ db, values }: { db: Db; values: typeof tasks.$inferInsert }): Promise<TaskRow | null> =>
  // ON CONFLICT covers the one race that matters: two triggers creating the same recurring successor.
  (await db.insert(tasks).values(values).onConflictDoNothing().returning())[0] ?? null;

export const updateTask = async ({ db, taskId, changes, now }: { db: Db; taskId: number; changes: Partial<typeof tasks.$inferInsert>; now: Date }): Promise<TaskRow> =>
  (await db.update(tasks).set({ ...changes, updatedAt: now }).where(eq(tasks.id, taskId)).returning())[0]!;

export const getTaskByNumber = async ({ db, teamId, number }: { db: Db; teamId: number; number: number }): Promise<TaskRow | null> =>
  (await db.select().from(tasks).where(and(eq(tasks.teamId, teamId), eq(tasks.number, number))))[0] ?? null;

/** Reads without locking: the outbox's re-checks look, and must not queue behind a click that holds the row. */
export const getTask = async ({ db, taskId }: { db: Db; taskId: number }): Promise<TaskRow | null> =>
  (await db.select().from(tasks).where(eq(tasks.id, taskId)))[0] ?? null;

/** Locks the row for the rest of the transaction, so two clicks on Done serialise and the second sees "done". */
export const getTaskForUpdate = async ({ db, taskId }: { db: Db; taskId: number }): Promise<TaskRow | null> =>
  (await db.select().from(tasks).where(eq(tasks.id, taskId)).for('update'))[0] ?? null;

export const setAssignees = async ({ db, taskId, personIds }: { db: Db; taskId: number; personIds: number[] }) => {
  await db.delete(taskAssignees).where(eq(taskAssignees.taskId, taskId));
  if (personIds.length > 0) await db.insert(taskAssignees).values(personIds.map((personId) => ({ taskId, personId })));
};

/** A new task's assignees: nothing to replace yet. */
export const insertAssignees = async ({ db, taskId, personIds }: { db: Db; taskId: number; personIds: number[] }) => {
  if (personIds.length > 0) await db.insert(taskAssignees).values(personIds.map((personId) => ({ taskId, personId })));
};

export const assigneesOf = async ({ db, taskIds }: { db: Db; taskIds: number[] }): Promise<Map<number, PersonRow[]>> => {
  const map = new Map<number, PersonRow[]>();
  if (taskIds.length === 0) return map;
  const rows = await db
    .select({ taskId: taskAssignees.taskId, person: people })
    .from(taskAssignees)
    .innerJoin(people, eq(people.id, taskAssignees.personId))
    .where(inArray(taskAssignees.taskId, taskIds))
    .orderBy(asc(people.id));
  for (const row of rows) map.set(row.taskId, [...(map.get(row.taskId) ?? []), row.person]);
  return map;
};

export const withPeople = async ({ db, rows }: { db: Db; rows: TaskRow[] }): Promise<TaskWithPeople[]> => {
  const assignees = await assigneesOf({ db, taskIds: rows.map((row) => row.id) });
  const projectIds = [...new Set(rows.map((row) => row.projectId).filter((id): id is number => id !== null))];
  const projectRows = projectIds.length ? await db.select().from(projects).where(inArray(projects.id, projectIds)) : [];
  const byId = new Map(projectRows.map((project) => [project.id, project]));
  return rows.map((row) => ({ ...row, assignees: assignees.get(row.id) ?? [], project: row.projectId ? (byId.get(row.projectId) ?? null) : null }));
};

export type TaskFilter =
  | { kind: 'open' }
  | { kind: 'all' }
  | { kind: 'person'; personId: number }
  | { kind: 'overdue'; now: Date }
  | { kind: 'project'; projectId: number };

const LIST_LIMIT = 100;

/** Open work first, overdue and soonest due at the top; tasks without a due date after those with one. */
export const listTasks = async ({ db, teamId, filter }: { db: Db; teamId: number; filter: TaskFilter }): Promise<TaskRow[]> => {
  const open = eq(tasks.status, 'open');
  const where =
    filter.kind === 'all'
      ? eq(tasks.teamId, teamId)
      : filter.kind === 'open'
        ? and(eq(tasks.teamId, teamId), open)
        : filter.kind === 'overdue'
          ? and(eq(tasks.teamId, teamId), open, isNotNull(tasks.dueAt), lt(tasks.dueAt, filter.now))
          : filter.kind === 'project'
            ? and(eq(tasks.teamId, teamId), eq(tasks.projectId, filter.projectId))
            : and(eq(tasks.teamId, teamId), open, inArray(tasks.id, db.select({ id: taskAssignees.taskId }).from(taskAssignees).where(eq(taskAssignees.personId, filter.personId))));
  return db
    .select()
    .from(tasks)
    .where(where)
    .orderBy(sql`case ${tasks.status} when 'open' then 0 when 'done' then 1 when 'missed' then 2 else 3 end`, sql`${tasks.dueAt} asc nulls last`, asc(tasks.number))
    .limit(LIST_LIMIT);
};

export const addTaskEvent = async ({ db, taskId, actorId, kind, data = {}, at }: { db: Db; taskId: number; actorId: number | null; kind: string; data?: Record<string, unknown>; at: Date }) => {
  await db.insert(taskEvents).values({ taskId, actorId, kind, data, at });
};

export const taskHistory = async ({ db, taskId }: { db: Db; taskId: number }) =>
  db
    .select({ event: taskEvents, actorName: people.displayName })
    .from(taskEvents)
    .leftJoin(people, eq(people.id, taskEvents.actorId))
    .where(eq(taskEvents.taskId, taskId))
    .orderBy(asc(taskEvents.at), asc(taskEvents.id));

export const findProject = async ({ db, teamId, name }: { db: Db; teamId: number; name: string }): Promise<ProjectRow | null> =>
  (await db.select().from(projects).where(and(eq(projects.teamId, teamId), sql`lower(${projects.name}) = lower(${name})`)))[0] ?? null;

export const insertProject = async ({ db, teamId, name, dueAt }: { db: Db; teamId: number; name: string; dueAt: Date | null }): Promise<ProjectRow | null> =>
  (await db.insert(projects).values({ teamId, name, dueAt }).onConflictDoNothing().returning())[0] ?? null;

export type ProjectProgress = ProjectRow & { done: number; total: number; nextDue: Date | null };

export const projectProgress = async ({ db, teamId }: { db: Db; teamId: number }): Promise<ProjectProgress[]> => {
  const rows = await db
    .select({
      project: projects,
      done: sql<number>`count(${tasks.id}) filter (where ${tasks.status} = 'done')`.mapWith(Number),
      total: sql<number>`count(${tasks.id}) filter (where ${tasks.status} <> 'cancelled')`.mapWith(Number),
      nextDue: sql<Date | null>`min(${tasks.dueAt}) filter (where ${tasks.status} = 'open')`.mapWith(tasks.dueAt),
    })
    .from(projects)
    .leftJoin(tasks, eq(tasks.projectId, projects.id))
    .where(eq(projects.teamId, teamId))
    .groupBy(projects.id)
    .orderBy(asc(projects.name));
  return rows.map((row) => ({ ...row.project, done: row.done, total: row.total, nextDue: row.nextDue }));
};

export const successorOf = async ({ db, taskId }: { db: Db; taskId: number }): Promise<TaskRow | null> =>
  (await db.select().from(tasks).where(eq(tasks.previousId, taskId)))[0] ?? null;

export const recentDone = async ({ db, teamId, limit }: { db: Db; teamId: number; limit: number }) =>
  db.select().from(tasks).where(and(eq(tasks.teamId, teamId), eq(tasks.status, 'done'))).orderBy(desc(tasks.completedAt)).limit(limit);

export type { RecurrenceJson };
