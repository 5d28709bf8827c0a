import { and, eq, inArray, isNotNull, lt, lte, ne, not, or, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { deliveries } from '../db/schema/index.js';
import { instanceAlive, STALE_AFTER_MS } from './instances.js';
import { idIn } from './sql-ids.js';
import { sendEverything, type Freshen } from '../core/notices.js';
import { withoutFiles } from '../core/messages.js';

export type DeliveryRow = typeof deliveries.$inferSelect;

export const MAX_DELIVERY_ATTEMPTS = 8;
export const deliveryBackoffMs = (attempts: number): number => Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);

/**
 * Claims due deliveries, at most one per target and only the oldest unsent one of each, so messages to
 * one person or channel arrive in the order they were committed, across processes. (Two transactions
 * committing at the same moment have no order between them: the one committed first may go first though
 * its id was drawn later. One that read what another committed always comes after it.) Strictly: an earlier
 * message waiting for a retry, a rate limit or pacing holds the later ones to its target back; only an
 * urgent message passes one that is held for later (the recipient's working time).
 * In the same transaction the core's `freshen` judges each one against the current state: what is no
 * longer true is marked superseded, what must wait for the recipient's hours goes back with its new time,
 * and only the rest is handed over.
 * The claim's `locked_until` and `claimed_by` are its fencing token: only the claim that set them may record
 * the outcome.
 */
export const claimDeliveries = async ({
  db,
  now,
  limit,
  leaseMs,
  freshen = sendEverything,
  instanceId = null,
  staleAfterMs = STALE_AFTER_MS,
}: {
  db: Database;
  now: Date;
  limit: number;
  leaseMs: number;
  freshen?: Freshen;
  /** The claiming scheduler's instance (instances.id); null claims under the lease alone. */
  instanceId?: string | null;
  staleAfterMs?: number;
}): Promise<DeliveryRow[]> => {
  // A worker that died mid-send leaves 'sending' behind: due again once its instance stopped beating (or
  // was seen dead at a restart), at the latest after its lease. Whether the platform got it is unknown.
  await db
    .update(deliveries)
    .set({ status: 'pending', claimedBy: null, inDoubtSince: sql`coalesce(${deliveries.inDoubtSince}, ${deliveries.claimedAt})` })
    .where(
      and(
        eq(deliveries.status, 'sending'),
        or(
          lt(deliveries.lockedUntil, now),
          and(isNotNull(deliveries.claimedBy), instanceId ? ne(deliveries.claimedBy, instanceId) : undefined, not(instanceAlive(deliveries.claimedBy, staleAfterMs))),
        ),
      ),
    );
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(deliveries)
      .where(
        and(
          eq(deliveries.status, 'pending'),
          lte(deliveries.notBefore, now),
          sql`not exists (select 1 from ${deliveries} as earlier
            where earlier.target_key = ${deliveries.targetKey} and earlier.id < ${deliveries.id} and earlier.status in ('pending', 'sending')
              and not (${deliveries.urgent} and earlier.status = 'pending' and earlier.not_before > ${now.toISOString()}::timestamptz))`,
        ),
      )
      .orderBy(deliveries.id)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    const verdicts = await freshen(due, { db: tx, now });
    const dropped = due.flatMap((row) => {
      const verdict = verdicts.get(row.id);
      return verdict?.kind === 'drop' ? [{ id: row.id, reason: verdict.reason }] : [];
    });
    const held = due.flatMap((row) => {
      const verdict = verdicts.get(row.id);
      return verdict?.kind === 'hold' ? [{ id: row.id, until: verdict.until.toISOString() }] : [];
    });
    const reworded = due.flatMap((row) => {
      const verdict = verdicts.get(row.id);
      // A re-worded message keeps the files stored with the delivery; only its words change.
      return verdict?.kind === 'send' && verdict.message ? [{ id: row.id, message: withoutFiles(verdict.message) }] : [];
    });
    if (dropped.length > 0) {
      await tx
        .update(deliveries)
        .set({ status: 'superseded', droppedReason: sql`v.reason` })
        .from(sql`jsonb_to_recordset(${JSON.stringify(dropped)}::jsonb) as v(id bigint, reason text)`)
        .where(sql`${deliveries.id} = v.id`);
    }
    if (held.length > 0) {
      await tx
        .update(deliveries)
        .set({ notBefore: sql`v.until` })
        .from(sql`jsonb_to_recordset(${JSON.stringify(held)}::jsonb) as v(id bigint, until timestamptz)`)
        .where(sql`${deliveries.id} = v.id`);
    }
    if (reworded.length > 0) {
      await tx
        .update(deliveries)
        .set({ message: sql`v.message` })
        .from(sql`jsonb_to_recordset(${JSON.stringify(reworded)}::jsonb) as v(id bigint, message jsonb)`)
        .where(sql`${deliveries.id} = v.id`);
    }
    const sendable = due.filter((row) => {
      const kind = verdicts.get(row.id)?.kind ?? 'send';
      return kind === 'send';
    });
    if (sendable.length === 0) return [];
    const claimed = await tx
      .update(deliveries)
      .set({ status: 'sending', lockedUntil: new Date(now.getTime() + leaseMs), claimedBy: instanceId, claimedAt: now, attempts: sql`${deliveries.attempts} + 1` })
      .where(idIn(deliveries.id, sendable.map((row) => row.id)))
      .returning();
    return claimed.sort((a, b) => a.id - b.id);
  });
};

/**
 * When the outbox next has something to do: the earliest moment among the first unsent message of each
 * target (a later one waits for it whatever its own time), or an expired lease; null when all is sent.
 */
export const nextDeliveryAt = async ({ db }: { db: Database }): Promise<Date | null> => {
  const [row] = await db
    .select({ at: sql<Date>`min(case when ${deliveries.status} = 'pending' then ${deliveries.notBefore} else ${deliveries.lockedUntil} end)`.mapWith(deliveries.notBefore) })
    .from(deliveries)
    .where(
      and(
        inArray(deliveries.status, ['pending', 'sending']),
        sql`not exists (select 1 from ${deliveries} as earlier
          where earlier.target_key = ${deliveries.targetKey} and earlier.id < ${deliveries.id} and earlier.status in ('pending', 'sending')
            and not (${deliveries.urgent} and earlier.status = 'pending' and earlier.not_before > ${deliveries.notBefore}))`,
      ),
    );
  return row?.at ?? null;
};
