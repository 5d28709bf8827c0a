import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { sopReads, sops, sopVersions, taskAssignees, taskSops, tasks, teams } from '../../../db/schema/index.js';

export type SopRow = typeof sops.$inferSelect;
export type SopVersionRow = typeof sopVersions.$inferSelect;

/** The next SOP number of a team; the team row's lock serialises two adds at once. */
export const nextSopNumber = async ({ db, teamId }: { db: Db; teamId: number }): Promise<number> => {
  await db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).for('update');
  const [row] = await db.select({ last: sql<number>`coalesce(max(${sops.number}), 0)` }).from(sops).where(eq(sops.teamId, teamId));
  return Number(row?.last ?? 0) + 1;
};

export const insertSop = async ({ db, values }: { db: Db; values: typeof sops.$inferInsert }): Promise<SopRow> => (await db.insert(sops).values(values).returning())[0]!;

export const insertVersion = async ({ db, values }: { db: Db; values: typeof sopVersions.$inferInsert }) => {
  await db.insert(sopVersions).values(values).onConflictDoNothing();
};

export const updateSop = async ({ db, sopId, changes }: { db: Db; sopId: number; changes: Partial<typeof sops.$inferInsert> }): Promise<SopRow> =>
  (await db.update(sops).set(changes).where(eq(sops.id, sopId)).returning())[0]!;

/** The team's SOPs still in the handbook, by number. */
export const activeSops = async ({ db, teamId }: { db: Db; teamId: number }): Promise<SopRow[]> =>
  db.select().from(sops).where(and(eq(sops.teamId, teamId), isNull(sops.removedAt))).orderBy(asc(sops.number));

export const getSopByNumber = async ({ db, teamId, number }: { db: Db; teamId: number; number: number }): Promise<SopRow | null> =>
  (await db.select().from(sops).where(and(eq(sops.teamId, teamId), eq(sops.number, number), isNull(sops.removedAt))))[0] ?? null;

export const getSop = async ({ db, sopId }: { db: Db; sopId: number }): Promise<SopRow | null> => (await db.select().from(sops).where(eq(sops.id, sopId)))[0] ?? null;

export const getSopForUpdate = async ({ db, sopId }: { db: Db; sopId: number }): Promise<SopRow | null> =>
  (await db.select().from(sops).where(eq(sops.id, sopId)).for('update'))[0] ?? null;

export const versionsOf = async ({ db, sopId }: { db: Db; sopId: number }): Promise<SopVersionRow[]> =>
  db.select().from(sopVersions).where(eq(sopVersions.sopId, sopId)).orderBy(desc(sopVersions.version));

/** Stores a read; returns whether it is new (a second click stores nothing). */
export const recordRead = async ({ db, sopId, personId, version, at }: { db: Db; sopId: number; personId: number; version: number; at: Date }): Promise<boolean> =>
  (await db.insert(sopReads).values({ sopId, personId, version, readAt: at }).onConflictDoNothing().returning()).length > 0;

export const hasRead = async ({ db, sopId, personId, version }: { db: Db; sopId: number; personId: number; version: number }): Promise<boolean> =>
  (await db.select({ v: sopReads.version }).from(sopReads).where(and(eq(sopReads.sopId, sopId), eq(sopReads.personId, personId), eq(sopReads.version, version)))).length > 0;

/** Each reader's latest version read. */
export const readersOf = async ({ db, sopId }: { db: Db; sopId: number }): Promise<{ personId: number; version: number; readAt: Date }[]> => {
  const rows = await db.select().from(sopReads).where(eq(sopReads.sopId, sopId)).orderBy(desc(sopReads.version));
  const latest = new Map<number, { personId: number; version: number; readAt: Date }>();
  for (const row of rows) if (!latest.has(row.personId)) latest.set(row.personId, { personId: row.personId, version: row.version, readAt: row.readAt });
  return [...latest.values()];
};

export const linkTask = async ({ db, taskId, sopId, purpose }: { db: Db; taskId: number; sopId: number; purpose: 'read' | 'link' }) => {
  await db.insert(taskSops).values({ taskId, sopId, purpose }).onConflictDoNothing();
};

export const sopOfTask = async ({ db, taskId }: { db: Db; taskId: number }): Promise<(SopRow & { purpose: 'read' | 'link' }) | null> => {
  const [row] = await db.select({ sop: sops, purpose: taskSops.purpose }).from(taskSops).innerJoin(sops, eq(sops.id, taskSops.sopId)).where(eq(taskSops.taskId, taskId));
  return row ? { ...row.sop, purpose: row.purpose } : null;
};

/** Every open "Read <title>" task of this SOP. */
export const allOpenReadTasks = async ({ db, sopId }: { db: Db; sopId: number }) =>
  (
    await db
      .select({ task: tasks })
      .from(taskSops)
      .innerJoin(tasks, eq(tasks.id, taskSops.taskId))
      .where(and(eq(taskSops.sopId, sopId), eq(taskSops.purpose, 'read'), eq(tasks.status, 'open')))
  ).map((row) => row.task);

/** The open "Read <title>" tasks of this SOP given to these people. */
export const openReadTasks = async ({ db, sopId, personIds }: { db: Db; sopId: number; personIds: number[] }) => {
  if (personIds.length === 0) return [];
  return db
    .select({ task: tasks, personId: taskAssignees.personId })
    .from(taskSops)
    .innerJoin(tasks, eq(tasks.id, taskSops.taskId))
    .innerJoin(taskAssignees, eq(taskAssignees.taskId, tasks.id))
    .where(and(eq(taskSops.sopId, sopId), eq(taskSops.purpose, 'read'), eq(tasks.status, 'open'), inArray(taskAssignees.personId, personIds)));
};
