import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { followups, teams } from '../../../db/schema/index.js';

export type FollowupRow = typeof followups.$inferSelect;
export type FollowupStatus = FollowupRow['status'];

/** Hands out the next per-team follow-up number; the team row's lock serialises concurrent asks. */
export const nextFollowupNumber = async ({ db, teamId }: { db: Db; teamId: number }): Promise<number> => {
  const [row] = await db
    .update(teams)
    .set({ lastFollowupNumber: sql`${teams.lastFollowupNumber} + 1` })
    .where(eq(teams.id, teamId))
    .returning({ number: teams.lastFollowupNumber });
  return row!.number;
};

export const insertFollowup = async ({ db, values }: { db: Db; values: typeof followups.$inferInsert }): Promise<FollowupRow> =>
  (await db.insert(followups).values(values).returning())[0]!;

export const updateFollowup = async ({ db, followupId, changes }: { db: Db; followupId: number; changes: Partial<typeof followups.$inferInsert> }): Promise<FollowupRow> =>
  (await db.update(followups).set(changes).where(eq(followups.id, followupId)).returning())[0]!;

export const getFollowupByNumber = async ({ db, teamId, number }: { db: Db; teamId: number; number: number }): Promise<FollowupRow | null> =>
  (await db.select().from(followups).where(and(eq(followups.teamId, teamId), eq(followups.number, number))))[0] ?? null;

/** Locks the row for the rest of the transaction: a click, a form, a cancel and a job on one follow-up serialise. */
export const getFollowupForUpdate = async ({ db, followupId }: { db: Db; followupId: number }): Promise<FollowupRow | null> =>
  (await db.select().from(followups).where(eq(followups.id, followupId)).for('update'))[0] ?? null;

export const getFollowup = async ({ db, followupId }: { db: Db; followupId: number }): Promise<FollowupRow | null> =>
  (await db.select().from(followups).where(eq(followups.id, followupId)))[0] ?? null;

/** Waiting ones first (asked, then scheduled, soonest first), then the rest, newest first. */
export const listRequestedBy = async ({ db, teamId, requesterId, limit }: { db: Db; teamId: number; requesterId: number; limit: number }): Promise<FollowupRow[]> =>
  db
    .select()
    .from(followups)
    .where(and(eq(followups.teamId, teamId), eq(followups.requesterId, requesterId)))
    .orderBy(
      sql`case ${followups.status} when 'asked' then 0 when 'scheduled' then 1 when 'unanswered' then 2 when 'done' then 3 else 4 end`,
      sql`case when ${followups.status} in ('asked', 'scheduled') then ${followups.askAt} end asc`,
      desc(followups.askAt),
      asc(followups.number),
    )
    .limit(limit);


// ---- the outbox, read: what a follow-up's person or requester has had (or will have) from us about it


