import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { feedItems, feeds, memberships, teams, type FeedItemSnapshot } from '../../../db/schema/index.js';

export type FeedRow = typeof feeds.$inferSelect;
export type FeedItemRow = typeof feedItems.$inferSelect;
export type FeedKey = { kind: 'team'; teamId: number } | { kind: 'person'; personId: number };

const ownerWhere = (key: FeedKey) => (key.kind === 'team' ? and(eq(feeds.kind, 'team'), eq(feeds.teamId, key.teamId)) : and(eq(feeds.kind, 'person'), eq(feeds.personId, key.personId)));

export const findFeed = async ({ db, key }: { db: Db; key: FeedKey }): Promise<FeedRow | null> => (await db.select().from(feeds).where(ownerWhere(key)))[0] ?? null;

export const findFeedByHash = async ({ db, tokenHash }: { db: Db; tokenHash: string }): Promise<FeedRow | null> =>
  (await db.select().from(feeds).where(eq(feeds.tokenHash, tokenHash)))[0] ?? null;

/** The owner's first feed; null when one exists already (two first asks at once: one wins, the other is told). */
export const insertFeed = async ({ db, key, tokenHash, now }: { db: Db; key: FeedKey; tokenHash: string; now: Date }): Promise<FeedRow | null> =>
  (
    await db
      .insert(feeds)
      .values({ kind: key.kind, teamId: key.kind === 'team' ? key.teamId : null, personId: key.kind === 'person' ? key.personId : null, tokenHash, createdAt: now })
      .onConflictDoNothing()
      .returning()
  )[0] ?? null;

/** A new token in place of the old: the old URL is unknown from this commit on. */
export const replaceFeedToken = async ({ db, feedId, tokenHash, now }: { db: Db; feedId: number; tokenHash: string; now: Date }): Promise<FeedRow> =>
  (await db.update(feeds).set({ tokenHash, resetAt: now }).where(eq(feeds.id, feedId)).returning())[0]!;

export const listFeedItems = async ({ db, feedId }: { db: Db; feedId: number }): Promise<FeedItemRow[]> =>
  db.select().from(feedItems).where(eq(feedItems.feedId, feedId)).orderBy(asc(feedItems.uid));

/**
 * An event as it is now: new ones start at SEQUENCE 0, a changed one goes up by one. The WHERE on the hash
 * makes two fetches at once bump it once: the second sees the content already stored and changes nothing.
 */
export const storeFeedItem = async ({ db, feedId, uid, hash, snapshot, now }: { db: Db; feedId: number; uid: string; hash: string; snapshot: FeedItemSnapshot; now: Date }) => {
  await db
    .insert(feedItems)
    .values({ feedId, uid, hash, snapshot, sequence: 0, changedAt: now })
    .onConflictDoUpdate({
      target: [feedItems.feedId, feedItems.uid],
      set: { hash, snapshot, sequence: sql`${feedItems.sequence} + 1`, changedAt: now },
      setWhere: sql`${feedItems.hash} <> ${hash}`,
    });
};

/** The zone of the team a person joined first: their feed's zone while they have set none (as their times are read). */
export const firstTeamZone = async ({ db, personId }: { db: Db; personId: number }): Promise<string | null> =>
  (
    await db
      .select({ zone: teams.zone })
      .from(memberships)
      .innerJoin(teams, eq(teams.id, memberships.teamId))
      .where(eq(memberships.personId, personId))
      .orderBy(asc(memberships.createdAt), asc(teams.id))
      .limit(1)
  )[0]?.zone ?? null;
