import { and, eq, inArray, like, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { digests, jobs, teams } from '../../../db/schema/index.js';
import type { TeamRow } from '../../identity.js';

export type DigestRow = typeof digests.$inferSelect;

export const findDigest = async ({ db, teamId, periodKey }: { db: Db; teamId: number; periodKey: string }): Promise<DigestRow | null> =>
  (await db.select().from(digests).where(and(eq(digests.teamId, teamId), eq(digests.periodKey, periodKey))))[0] ?? null;

/** The row under its lock: an approval and the post job deciding at once see one another. */
export const lockDigest = async ({ db, digestId }: { db: Db; digestId: number }): Promise<DigestRow | null> =>
  (await db.select().from(digests).where(eq(digests.id, digestId)).for('update'))[0] ?? null;

export const lockDigestOf = async ({ db, teamId, periodKey }: { db: Db; teamId: number; periodKey: string }): Promise<DigestRow | null> =>
  (await db.select().from(digests).where(and(eq(digests.teamId, teamId), eq(digests.periodKey, periodKey))).for('update'))[0] ?? null;

/** The week's row, made once (the unique key decides between two processes), then locked. */
export const ensureDigest = async ({ db, teamId, periodKey, dueAt }: { db: Db; teamId: number; periodKey: string; dueAt: Date }): Promise<DigestRow> => {
  await db.insert(digests).values({ teamId, periodKey, status: 'draft', dueAt }).onConflictDoNothing();
  return (await lockDigestOf({ db, teamId, periodKey }))!;
};

export const updateDigest = async ({ db, digestId, changes }: { db: Db; digestId: number; changes: Partial<Pick<DigestRow, 'status' | 'note' | 'approvedBy' | 'approvedAt' | 'postedAt' | 'dueAt'>> }): Promise<DigestRow> =>
  (await db.update(digests).set(changes).where(eq(digests.id, digestId)).returning())[0]!;

export const teamIdOfDigest = async (value: string, db: Db): Promise<number | null> => {
  if (!/^\d{1,9}$/.test(value)) return null;
  return (await db.select({ teamId: digests.teamId }).from(digests).where(eq(digests.id, Number(value))))[0]?.teamId ?? null;
};

/** Teams with no digest planned (a release that brings the digest, a team from before it): what start-up plans. */
export const teamsWithoutDigestJob = async ({ db }: { db: Db }): Promise<TeamRow[]> =>
  db
    .select()
    .from(teams)
    .where(
      notExists(
        db
          .select({ id: jobs.id })
          .from(jobs)
          .where(and(inArray(jobs.status, ['pending', 'running']), like(jobs.dedupeKey, sql`'digest-job:' || ${teams.id} || ':%'`))),
      ),
    );
