import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import { markUnreachable } from '../core/modules/people/people.usecases.js';
import type { ChatPort, Logger, Platform, SendResult } from '../core/ports.js';
import type { Database } from '../db/database.js';
import { deliveries, workspaces } from '../db/schema/index.js';

export type DeliveryRow = typeof deliveries.$inferSelect;

export const MAX_DELIVERY_ATTEMPTS = 8;
export const deliveryBackoffMs = (attempts: number): number => Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);

/**
 * Claims deliveries that are due, at most one per target and only the oldest of each target, so messages
 * to one person or channel arrive in the order they were written, across processes.
 */
export const claimDeliveries = async ({ db, now, limit, leaseMs }: { db: Database; now: Date; limit: number; leaseMs: number }): Promise<DeliveryRow[]> => {
  // A worker that died mid-send leaves 'sending' behind; after its lease the message is due again.
  await db.update(deliveries).set({ status: 'pending' }).where(and(eq(deliveries.status, 'sending'), lt(deliveries.lockedUntil, now)));
  const due = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.status, 'pending'),
        lte(deliveries.notBefore, now),
        sql`not exists (select 1 from deliveries as earlier where earlier.target_key = ${deliveries.targetKey} and earlier.id < ${deliveries.id}
              and (earlier.status = 'sending' or (earlier.status = 'pending' and earlier.not_before <= ${now.toISOString()}::timestamptz)))`,
      ),
    )
    .orderBy(asc(deliveries.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(deliveries)
    .set({ status: 'sending', lockedUntil: new Date(now.getTime() + leaseMs), attempts: sql`${deliveries.attempts} + 1` })
    .where(inArray(deliveries.id, due))
    .returning();
  return claimed.sort((a, b) => a.id - b.id);
};

/** Sends claimed deliveries through their platform's port and records what happened. */
export const sendClaimed = async ({ db, rows, ports, now, logger }: { db: Database; rows: DeliveryRow[]; ports: ReadonlyMap<Platform, ChatPort>; now: Date; logger: Logger }): Promise<void> => {
  if (rows.length === 0) return;
  const spaces = await db.select().from(workspaces).where(inArray(workspaces.id, [...new Set(rows.map((row) => row.workspaceId))]));
  const byId = new Map(spaces.map((space) => [space.id, space]));
  for (const row of rows) {
    const workspace = byId.get(row.workspaceId)!;
    const port = ports.get(workspace.platform);
    const result: SendResult = port
      ? await port
          .send({ deliveryId: row.id, workspaceExternalId: workspace.externalId, target: row.target, message: row.message })
          .catch((error: unknown): SendResult => ({ ok: false, kind: 'retry', error: error instanceof Error ? error.message : String(error) }))
      : { ok: false, kind: 'retry', error: `no ${workspace.platform} adapter is running` };
    await recordResult({ db, row, result, now, logger });
  }
};

const recordResult = async ({ db, row, result, now, logger }: { db: Database; row: DeliveryRow; result: SendResult; now: Date; logger: Logger }) => {
  if (result.ok) {
    await db.update(deliveries).set({ status: 'sent', sentAt: now, platformMessageId: result.platformMessageId ?? null, lockedUntil: null }).where(eq(deliveries.id, row.id));
    return;
  }
  if (result.kind === 'permanent' || row.attempts >= MAX_DELIVERY_ATTEMPTS) {
    await db.transaction(async (tx) => {
      await tx.update(deliveries).set({ status: 'failed', lastError: result.error, lockedUntil: null }).where(eq(deliveries.id, row.id));
      if (result.kind === 'permanent' && result.reason === 'unreachable' && row.target.kind === 'dm') {
        await markUnreachable({ db: tx, personId: row.target.personId, now });
      }
    });
    logger.warn({ delivery: row.id, error: result.error }, 'delivery failed for good');
    return;
  }
  const retryAt = new Date(now.getTime() + (result.retryAfterMs ?? deliveryBackoffMs(row.attempts)));
  await db.transaction(async (tx) => {
    await tx.update(deliveries).set({ status: 'pending', notBefore: retryAt, lastError: result.error, lockedUntil: null }).where(eq(deliveries.id, row.id));
    if (result.retryAfterMs !== undefined) {
      // A rate limit is the workspace's, not the message's: hold everything else for it too.
      await tx
        .update(deliveries)
        .set({ notBefore: retryAt })
        .where(and(eq(deliveries.workspaceId, row.workspaceId), eq(deliveries.status, 'pending'), lt(deliveries.notBefore, retryAt)));
    }
  });
  logger.info({ delivery: row.id, retryAt: retryAt.toISOString(), error: result.error }, 'delivery postponed');
};

export const nextDeliveryAt = async ({ db }: { db: Database }): Promise<Date | null> => {
  const [row] = await db
    .select({ at: sql<Date>`min(case when ${deliveries.status} = 'pending' then ${deliveries.notBefore} else ${deliveries.lockedUntil} end)`.mapWith(deliveries.notBefore) })
    .from(deliveries)
    .where(inArray(deliveries.status, ['pending', 'sending']));
  return row?.at ?? null;
};
