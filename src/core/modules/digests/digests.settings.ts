import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { digestSettings } from '../../../db/schema/index.js';

/** When a team's weekly digest goes: an ISO weekday and minutes after local midnight, in the team's zone. */
export interface DigestSchedule {
  weekday: number;
  minutes: number;
  /** `/digest off`: no digest, no review, no owner reminders before it. */
  enabled: boolean;
  /** `/digest review on`: a manager approves the draft the working day before. */
  review: boolean;
}

/** What a team without a setting gets: Monday 09:00 in its zone, no review. */
export const DEFAULT_DIGEST: DigestSchedule = { weekday: 1, minutes: 9 * 60, enabled: true, review: false };

/** THE one place that says when a team's digest goes (the digest's job, the owner reminders and their re-checks read it). */
export const digestScheduleOf = async ({ db, teamId }: { db: Db; teamId: number }): Promise<DigestSchedule> => {
  const [row] = await db.select().from(digestSettings).where(eq(digestSettings.teamId, teamId));
  return row ? { weekday: row.weekday, minutes: row.minutes, enabled: row.enabled, review: row.review } : DEFAULT_DIGEST;
};

export const saveDigestSchedule = async ({ db, teamId, now, changes }: { db: Db; teamId: number; now: Date; changes: Partial<DigestSchedule> }): Promise<DigestSchedule> => {
  const next = { ...(await digestScheduleOf({ db, teamId })), ...changes };
  await db
    .insert(digestSettings)
    .values({ teamId, ...next, updatedAt: now })
    .onConflictDoUpdate({ target: digestSettings.teamId, set: { ...next, updatedAt: now } });
  return next;
};
