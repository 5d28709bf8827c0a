import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { linkAttempts, linkCodes, people, workspaces } from '../../../db/schema/index.js';
import { hashLinkCode, newLinkCode, normalizeLinkCode, sameLinkHash } from './portfolio.codes.js';
import { linkedPersonIds, linkPeople } from './portfolio.links.repository.js';

export const LINK_CODE_TTL_MS = 15 * 60_000;
export const MAX_LINK_FAILURES = 5;
export const LINK_LOCK_MS = 60 * 60_000;

/** Where an identity lives, as the person is told: "Slack · Beta Studio". */
export interface IdentityPlace {
  personId: number;
  platform: string;
  workspaceName: string;
  displayName: string;
}

export type IssueResult = { kind: 'code'; code: string; expiresAt: Date } | { kind: 'locked'; until: Date };

export type RedeemResult =
  | { kind: 'linked'; other: IdentityPlace }
  | { kind: 'already'; other: IdentityPlace }
  | { kind: 'locked'; until: Date }
  | { kind: 'wrong'; left: number }
  | { kind: 'not_a_code' }
  | { kind: 'used' }
  | { kind: 'expired' }
  | { kind: 'own' }
  | { kind: 'same_workspace' };

const lockOf = async ({ db, personId, now }: { db: Db; personId: number; now: Date }): Promise<Date | null> => {
  const [row] = await db.select({ lockedUntil: linkAttempts.lockedUntil }).from(linkAttempts).where(eq(linkAttempts.personId, personId));
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
};

/**
 * A fresh code for the person, replacing any live one of theirs (one code at a time, so an old one seen over a
 * shoulder stops working). Refused while their linking is locked.
 */
export const issueLinkCode = async ({ db, personId, now }: { db: Db; personId: number; now: Date }): Promise<IssueResult> => {
  const until = await lockOf({ db, personId, now });
  if (until) return { kind: 'locked', until };
  await db.delete(linkCodes).where(and(eq(linkCodes.personId, personId), or(isNull(linkCodes.usedAt), lte(linkCodes.expiresAt, now))));
  const code = newLinkCode();
  const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
  await db.insert(linkCodes).values({ personId, codeHash: hashLinkCode(code), expiresAt, createdAt: now });
  return { kind: 'code', code, expiresAt };
};

/**
 * One wrong code more for the person: five within an hour of the first lock their linking for an hour. One
 * upsert, so two wrong codes at once both count.
 */
const countFailure = async ({ db, personId, now }: { db: Db; personId: number; now: Date }): Promise<RedeemResult> => {
  // Typed: a bare parameter inside CASE leaves PostgreSQL guessing its type (PGlite guesses, postgres.js does not).
  const windowStart = sql`${new Date(now.getTime() - LINK_LOCK_MS).toISOString()}::timestamptz`;
  const at = sql`${now.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(linkAttempts)
    .values({ personId, failures: 1, firstFailureAt: now })
    .onConflictDoUpdate({
      target: linkAttempts.personId,
      set: {
        failures: sql`case when ${linkAttempts.firstFailureAt} is null or ${linkAttempts.firstFailureAt} <= ${windowStart} then 1 else ${linkAttempts.failures} + 1 end`,
        firstFailureAt: sql`case when ${linkAttempts.firstFailureAt} is null or ${linkAttempts.firstFailureAt} <= ${windowStart} then ${at} else ${linkAttempts.firstFailureAt} end`,
      },
    })
    .returning();
  if (row!.failures < MAX_LINK_FAILURES) return { kind: 'wrong', left: MAX_LINK_FAILURES - row!.failures };
  const until = new Date(now.getTime() + LINK_LOCK_MS);
  await db.update(linkAttempts).set({ failures: 0, firstFailureAt: null, lockedUntil: until }).where(eq(linkAttempts.personId, personId));
  return { kind: 'locked', until };
};

export const placeOf = async ({ db, personId }: { db: Db; personId: number }): Promise<IdentityPlace> => {
  const [row] = await db
    .select({ personId: people.id, platform: workspaces.platform, workspaceName: workspaces.name, displayName: people.displayName, workspaceId: people.workspaceId })
    .from(people)
    .innerJoin(workspaces, eq(workspaces.id, people.workspaceId))
    .where(eq(people.id, personId));
  return { personId: row!.personId, platform: row!.platform, workspaceName: row!.workspaceName ?? '', displayName: row!.displayName };
};

/**
 * The person types a code made by their other identity. The caller's transaction commits whatever this
 * returns (a wrong code must count even though it is refused), so it never throws for a bad code.
 */
export const redeemLinkCode = async ({ db, personId, typed, now }: { db: Db; personId: number; typed: string; now: Date }): Promise<RedeemResult> => {
  const until = await lockOf({ db, personId, now });
  if (until) return { kind: 'locked', until };
  const code = normalizeLinkCode(typed);
  if (!code) return { kind: 'not_a_code' };
  const hash = hashLinkCode(code);
  const [row] = await db.select().from(linkCodes).where(eq(linkCodes.codeHash, hash)).for('update');
  if (!row || !sameLinkHash(row.codeHash, hash)) return countFailure({ db, personId, now });
  if (row.personId === personId) return { kind: 'own' };
  if (row.usedAt) return { kind: 'used' };
  if (row.expiresAt <= now) return { kind: 'expired' };
  const [maker] = await db.select({ workspaceId: people.workspaceId }).from(people).where(eq(people.id, row.personId));
  const [me] = await db.select({ workspaceId: people.workspaceId }).from(people).where(eq(people.id, personId));
  // Two people of one workspace are two humans: a code only ties one person's identities in different places.
  if (maker!.workspaceId === me!.workspaceId) return { kind: 'same_workspace' };
  const claimed = await db.update(linkCodes).set({ usedAt: now }).where(and(eq(linkCodes.id, row.id), isNull(linkCodes.usedAt), gt(linkCodes.expiresAt, now))).returning({ id: linkCodes.id });
  if (claimed.length === 0) return { kind: 'used' };
  await db.delete(linkAttempts).where(eq(linkAttempts.personId, personId));
  const other = await placeOf({ db, personId: row.personId });
  if ((await linkedPersonIds({ db, personId })).includes(row.personId)) return { kind: 'already', other };
  await linkPeople({ db, a: row.personId, b: personId, now });
  return { kind: 'linked', other };
};
