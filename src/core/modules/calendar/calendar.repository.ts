import { and, asc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { calendarEntries, projects, teams } from '../../../db/schema/index.js';

export type CalendarEntryRow = typeof calendarEntries.$inferSelect;
export type CalendarKind = CalendarEntryRow['kind'];
export type ProjectDateRow = { id: number; name: string; dueAt: Date };

/**
 * The next per-team entry number. The team row's lock serialises two adds; removed entries keep theirs, so a
 * number never comes back for another entry (a feed's UID and the words "entry #3" stay one thing).
 */
export const nextEntryNumber = async ({ db, teamId }: { db: Db; teamId: number }): Promise<number> => {
  await db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).for('update');
  const [row] = await db.select({ max: sql<number | null>`max(${calendarEntries.number})` }).from(calendarEntries).where(eq(calendarEntries.teamId, teamId));
  return Number(row?.max ?? 0) + 1;
};

export const insertEntry = async ({ db, values }: { db: Db; values: typeof calendarEntries.$inferInsert }): Promise<CalendarEntryRow> =>
  (await db.insert(calendarEntries).values(values).returning())[0]!;

/** Every change bumps the version, which the reminders and a feed's SEQUENCE follow. */
export const updateEntry = async ({ db, entryId, changes, now }: { db: Db; entryId: number; changes: Partial<typeof calendarEntries.$inferInsert>; now: Date }): Promise<CalendarEntryRow> =>
  (await db.update(calendarEntries).set({ ...changes, version: sql`${calendarEntries.version} + 1`, updatedAt: now }).where(eq(calendarEntries.id, entryId)).returning())[0]!;

export const getEntry = async ({ db, entryId }: { db: Db; entryId: number }): Promise<CalendarEntryRow | null> =>
  (await db.select().from(calendarEntries).where(eq(calendarEntries.id, entryId)))[0] ?? null;

/** Locks the row: a move, a remove and a reminder job on one entry serialise. */
export const getEntryByNumberForUpdate = async ({ db, teamId, number }: { db: Db; teamId: number; number: number }): Promise<CalendarEntryRow | null> =>
  (await db.select().from(calendarEntries).where(and(eq(calendarEntries.teamId, teamId), eq(calendarEntries.number, number))).for('update'))[0] ?? null;

/** Entries starting in [from, to), removed ones included (a feed shows them cancelled), soonest first. */
export const entriesBetween = async ({ db, teamId, from, to }: { db: Db; teamId: number; from: Date; to: Date }): Promise<CalendarEntryRow[]> =>
  db
    .select()
    .from(calendarEntries)
    .where(and(eq(calendarEntries.teamId, teamId), gte(calendarEntries.startsAt, from), lt(calendarEntries.startsAt, to)))
    .orderBy(asc(calendarEntries.startsAt), asc(calendarEntries.number));

export const projectDatesBetween = async ({ db, teamId, from, to }: { db: Db; teamId: number; from: Date; to: Date }): Promise<ProjectDateRow[]> =>
  (
    await db
      .select({ id: projects.id, name: projects.name, dueAt: projects.dueAt })
      .from(projects)
      .where(and(eq(projects.teamId, teamId), isNotNull(projects.dueAt), gte(projects.dueAt, from), lt(projects.dueAt, to)))
      .orderBy(asc(projects.dueAt))
  ).map((row) => ({ ...row, dueAt: row.dueAt! }));

export const projectNames = async ({ db, ids }: { db: Db; ids: number[] }): Promise<Map<number, string>> => {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: projects.id, name: projects.name }).from(projects).where(inArray(projects.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
};
