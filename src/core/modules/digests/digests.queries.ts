import { and, asc, eq, gte, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { followups, memberships, people, taskAssignees, tasks, trainingOccurrences, trainings } from '../../../db/schema/index.js';

/**
 * What only the digest reads: the coming week's deadlines and classes, and what waits on the client's owner.
 * The other sections reuse the brief's queries (briefs.queries.ts) and the calendar's items.
 */

// A digest is a summary: a section lists at most this many and says "and N more".
export const DIGEST_ROWS = 50;

export interface DeadlineLine {
  number: number;
  title: string;
  dueAt: Date;
  assignees: string[];
}

const withAssignees = async (db: Db, rows: { id: number; number: number; title: string; dueAt: Date | null }[]): Promise<DeadlineLine[]> => {
  const ids = rows.map((row) => row.id);
  const names = new Map<number, string[]>();
  if (ids.length > 0) {
    const assigned = await db
      .select({ taskId: taskAssignees.taskId, name: people.displayName })
      .from(taskAssignees)
      .innerJoin(people, eq(people.id, taskAssignees.personId))
      .where(inArray(taskAssignees.taskId, ids))
      .orderBy(asc(people.id));
    for (const row of assigned) names.set(row.taskId, [...(names.get(row.taskId) ?? []), row.name]);
  }
  return rows.map((row) => ({ number: row.number, title: row.title, dueAt: row.dueAt!, assignees: names.get(row.id) ?? [] }));
};

/** Open tasks due in [from, to), soonest first. */
export const deadlinesBetween = async ({ db, teamId, from, to }: { db: Db; teamId: number; from: Date; to: Date }): Promise<DeadlineLine[]> =>
  withAssignees(
    db,
    await db
      .select({ id: tasks.id, number: tasks.number, title: tasks.title, dueAt: tasks.dueAt })
      .from(tasks)
      .where(and(eq(tasks.teamId, teamId), eq(tasks.status, 'open'), isNotNull(tasks.dueAt), gte(tasks.dueAt, from), lt(tasks.dueAt, to)))
      .orderBy(asc(tasks.dueAt), asc(tasks.number))
      .limit(DIGEST_ROWS),
  );

export interface ClassLine {
  title: string;
  startsAt: Date;
}

/** Scheduled classes starting in [from, to). */
export const classesBetween = async ({ db, teamId, from, to }: { db: Db; teamId: number; from: Date; to: Date }): Promise<ClassLine[]> =>
  db
    .select({ title: trainingOccurrences.title, startsAt: trainingOccurrences.startsAt })
    .from(trainingOccurrences)
    .innerJoin(trainings, eq(trainings.id, trainingOccurrences.trainingId))
    .where(and(eq(trainings.teamId, teamId), eq(trainingOccurrences.status, 'scheduled'), gte(trainingOccurrences.startsAt, from), lt(trainingOccurrences.startsAt, to)))
    .orderBy(asc(trainingOccurrences.startsAt))
    .limit(DIGEST_ROWS);

/** The team's client owners (role `owner`): who "needs from you" speaks to. */
export const ownersOf = async ({ db, teamId }: { db: Db; teamId: number }): Promise<{ id: number; name: string }[]> =>
  db
    .select({ id: people.id, name: people.displayName })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.teamId, teamId), eq(memberships.role, 'owner')))
    .orderBy(asc(people.id));

export interface OwnerNeeds {
  tasks: (Omit<DeadlineLine, 'dueAt'> & { dueAt: Date | null })[];
  questions: { number: number; what: string; person: string }[];
}

/** What waits on the owners: their open tasks (any deadline) and the follow-ups asked of them and not answered. */
export const ownerNeeds = async ({ db, teamId, ownerIds }: { db: Db; teamId: number; ownerIds: number[] }): Promise<OwnerNeeds> => {
  if (ownerIds.length === 0) return { tasks: [], questions: [] };
  const rows = await db
    .selectDistinct({ id: tasks.id, number: tasks.number, title: tasks.title, dueAt: tasks.dueAt })
    .from(tasks)
    .innerJoin(taskAssignees, eq(taskAssignees.taskId, tasks.id))
    .where(and(eq(tasks.teamId, teamId), eq(tasks.status, 'open'), inArray(taskAssignees.personId, ownerIds)))
    .orderBy(asc(tasks.number))
    .limit(DIGEST_ROWS);
  const questions = await db
    .select({ number: followups.number, what: followups.what, person: people.displayName })
    .from(followups)
    .innerJoin(people, eq(people.id, followups.personId))
    .where(and(eq(followups.teamId, teamId), inArray(followups.status, ['asked', 'unanswered']), inArray(followups.personId, ownerIds)))
    .orderBy(asc(followups.number))
    .limit(DIGEST_ROWS);
  const named = await withAssignees(db, rows);
  return { tasks: named.map((line, index) => ({ ...line, dueAt: rows[index]!.dueAt })), questions };
};
