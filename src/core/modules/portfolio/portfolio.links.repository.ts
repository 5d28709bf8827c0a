import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { identityLinks, people, workspaces } from '../../../db/schema/index.js';

/** A person row tied to another, with where it lives: what `/obm links` lists and the portfolio reads. */
export interface LinkedIdentity {
  personId: number;
  workspaceId: number;
  platform: string;
  workspaceName: string;
  displayName: string;
  linkedAt: Date;
}

/**
 * Every person id that is the same human as `personId`, itself first: the whole group when linked, else
 * only itself. Every cross-client read (overview, task lists, the brief, exports' permission) starts here,
 * so nothing crosses between identities that were not linked.
 */
export const linkedPersonIds = async ({ db, personId }: { db: Db; personId: number }): Promise<number[]> => {
  const [own] = await db.select({ groupId: identityLinks.groupId }).from(identityLinks).where(eq(identityLinks.personId, personId));
  if (!own) return [personId];
  const rows = await db.select({ personId: identityLinks.personId }).from(identityLinks).where(eq(identityLinks.groupId, own.groupId)).orderBy(asc(identityLinks.linkedAt), asc(identityLinks.personId));
  return [personId, ...rows.map((row) => row.personId).filter((id) => id !== personId)];
};

/** The other identities of a person's group, oldest link first, with their workspace. */
export const linkedIdentities = async ({ db, personId }: { db: Db; personId: number }): Promise<LinkedIdentity[]> => {
  const ids = (await linkedPersonIds({ db, personId })).filter((id) => id !== personId);
  if (ids.length === 0) return [];
  return db
    .select({ personId: people.id, workspaceId: people.workspaceId, platform: workspaces.platform, workspaceName: workspaces.name, displayName: people.displayName, linkedAt: identityLinks.linkedAt })
    .from(identityLinks)
    .innerJoin(people, eq(people.id, identityLinks.personId))
    .innerJoin(workspaces, eq(workspaces.id, people.workspaceId))
    .where(and(inArray(identityLinks.personId, ids), ne(identityLinks.personId, personId)))
    .orderBy(asc(identityLinks.linkedAt), asc(identityLinks.personId));
};

/**
 * Ties two person rows into one group (merging two groups when both are linked already). Idempotent; the
 * caller holds the transaction and has checked the code.
 */
export const linkPeople = async ({ db, a, b, now }: { db: Db; a: number; b: number; now: Date }): Promise<void> => {
  const rows = await db.select().from(identityLinks).where(inArray(identityLinks.personId, [a, b]));
  const groupA = rows.find((row) => row.personId === a)?.groupId;
  const groupB = rows.find((row) => row.personId === b)?.groupId;
  const group = groupA ?? groupB ?? a;
  if (groupA !== undefined && groupB !== undefined && groupA !== groupB) await db.update(identityLinks).set({ groupId: group }).where(eq(identityLinks.groupId, groupB));
  await db.insert(identityLinks).values([a, b].map((personId) => ({ personId, groupId: group, linkedAt: now }))).onConflictDoNothing();
};

/** Takes one person row out of its group; a group left with one person dissolves. */
export const unlinkPerson = async ({ db, personId }: { db: Db; personId: number }): Promise<void> => {
  const [row] = await db.delete(identityLinks).where(eq(identityLinks.personId, personId)).returning();
  if (!row) return;
  const left = await db.select({ personId: identityLinks.personId }).from(identityLinks).where(eq(identityLinks.groupId, row.groupId));
  if (left.length <= 1) await db.delete(identityLinks).where(eq(identityLinks.groupId, row.groupId));
};

/**
 * The person's linked identity in another workspace, with that workspace: who a click from one platform acts
 * as on a task of a team of another (the cross-client task list). Null when they linked none there.
 */
export const linkedPersonIn = async ({ db, personId, workspaceId }: { db: Db; personId: number; workspaceId: number }) => {
  const ids = (await linkedPersonIds({ db, personId })).filter((id) => id !== personId);
  if (ids.length === 0) return null;
  const [row] = await db
    .select({ person: people, workspace: workspaces })
    .from(people)
    .innerJoin(workspaces, eq(workspaces.id, people.workspaceId))
    .where(and(inArray(people.id, ids), eq(people.workspaceId, workspaceId)))
    .orderBy(asc(people.id))
    .limit(1);
  return row ?? null;
};
