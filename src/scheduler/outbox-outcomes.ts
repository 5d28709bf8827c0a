import { and, eq, lt, sql } from 'drizzle-orm';
import type { DeliveryTarget, Logger, SendResult } from '../core/ports.js';
import type { Database, Db } from '../db/database.js';
import { deliveries } from '../db/schema/index.js';
import { deliveryBackoffMs, MAX_DELIVERY_ATTEMPTS, type DeliveryRow } from './outbox.js';

/** What the core hears of a permanent failure (a DM to a person who closed DMs marks them unreachable). */
export type DeliveryFailedHook = (delivery: { id: number; target: DeliveryTarget; reason: 'unreachable' | 'channel_gone' | 'other' }, ctx: { db: Db; now: Date }) => Promise<void>;

/**
 * Still ours: the row is being sent under the claim we made (no other instance took it over after our
 * lease, or after our heartbeat went stale).
 */
const ours = (row: DeliveryRow) =>
  and(eq(deliveries.id, row.id), eq(deliveries.status, 'sending'), eq(deliveries.lockedUntil, row.lockedUntil!), sql`${deliveries.claimedBy} is not distinct from ${row.claimedBy}`);

/**
 * The platform took it: recorded at once, in one fenced statement for this message alone, so a crash
 * repeats at most the messages whose answer was still on its way, and reconciliation finds those.
 * Returns false when the claim was no longer ours (someone else owns the outcome).
 */
export const markSent = async ({ db, row, at, platformMessageId }: { db: Database; row: DeliveryRow; at: Date; platformMessageId: string | null }): Promise<boolean> => {
  const marked = await db
    .update(deliveries)
    .set({ status: 'sent', sentAt: at, platformMessageId, lockedUntil: null, claimedBy: null, inDoubtSince: null })
    .where(ours(row))
    .returning({ id: deliveries.id });
  return marked.length > 0;
};

/** Not handed over (workspace paused, target paced, parent not sent yet): back to the queue, without costing an attempt. */
export const recordHeld = async ({ db, held }: { db: Database; held: { row: DeliveryRow; until: Date }[] }) => {
  if (held.length === 0) return;
  const values = held.map(({ row, until }) => ({ id: row.id, claim: row.lockedUntil!.toISOString(), by: row.claimedBy, until: until.toISOString() }));
  await db
    .update(deliveries)
    .set({ status: 'pending', notBefore: sql`greatest(${deliveries.notBefore}, v.until)`, attempts: sql`greatest(${deliveries.attempts} - 1, 0)`, lockedUntil: null, claimedBy: null })
    .from(sql`jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(id bigint, claim timestamptz, by text, until timestamptz)`)
    .where(sql`${deliveries.id} = v.id and ${deliveries.status} = 'sending' and ${deliveries.lockedUntil} = v.claim and ${deliveries.claimedBy} is not distinct from v.by`);
};

/** Retried later, or failed for good (and the core told, in the same transaction). */
export const recordFailure = async ({ db, row, result, now, logger, onFailed }: { db: Database; row: DeliveryRow; result: Extract<SendResult, { ok: false }>; now: Date; logger: Logger; onFailed: DeliveryFailedHook | undefined }) => {
  const retryAfterMs = result.kind === 'retry' ? result.retryAfterMs : undefined;
  // A rate limit says nothing about the message: it does not use up one of its attempts, so it never fails for it.
  const rateLimited = retryAfterMs !== undefined;
  if (result.kind === 'permanent' || (row.attempts >= MAX_DELIVERY_ATTEMPTS && !rateLimited)) {
    await db.transaction(async (tx) => {
      const marked = await tx.update(deliveries).set({ status: 'failed', lastError: result.error, lockedUntil: null, claimedBy: null }).where(ours(row)).returning({ id: deliveries.id });
      // Only the run that marked it tells the core, so a failure is acted on once.
      if (marked.length > 0 && result.kind === 'permanent' && onFailed) await onFailed({ id: row.id, target: row.target, reason: result.reason }, { db: tx, now });
    });
    logger.warn({ delivery: row.id, error: result.error }, 'delivery failed for good');
    return;
  }
  const retryAt = new Date(now.getTime() + (retryAfterMs ?? deliveryBackoffMs(row.attempts)));
  await db.transaction(async (tx) => {
    const marked = await tx
      .update(deliveries)
      .set({
        status: 'pending',
        notBefore: retryAt,
        lastError: result.error,
        lockedUntil: null,
        claimedBy: null,
        // A rate limit refused the message; any other failure (a timeout, a 5xx, a dropped connection) may
        // have come after the platform posted it: look before sending it again.
        ...(rateLimited ? { attempts: sql`greatest(${deliveries.attempts} - 1, 0)` } : {}),
        ...(!rateLimited || (result.kind === 'retry' && result.partlyPosted) ? { inDoubtSince: sql`coalesce(${deliveries.inDoubtSince}, ${deliveries.claimedAt})` } : {}),
      })
      .where(ours(row))
      .returning({ id: deliveries.id });
    if (marked.length > 0 && rateLimited) {
      // A rate limit is the workspace's, not the message's: hold everything else for it too, in every process.
      await tx
        .update(deliveries)
        .set({ notBefore: retryAt })
        .where(and(eq(deliveries.workspaceId, row.workspaceId), eq(deliveries.status, 'pending'), lt(deliveries.notBefore, retryAt)));
    }
  });
  logger.info({ delivery: row.id, retryAt: retryAt.toISOString(), error: result.error }, 'delivery postponed');
};
