import { and, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { ChatPort, Clock, DeliveryTarget, Logger, Platform, SendResult } from '../core/ports.js';
import type { Database, Db } from '../db/database.js';
import { deliveries, workspaces } from '../db/schema/index.js';
import { createBatcher } from './batcher.js';
import { forEachConcurrently } from './concurrency.js';
import type { PlatformLimits } from './rate-limits.js';
import { idIn } from './sql-ids.js';
import { withConnectionRetry } from '../db/retry.js';
import { errorMessage } from '../core/errors.js';
import { sendEverything, type Freshen } from '../core/notices.js';

export type DeliveryRow = typeof deliveries.$inferSelect;

export const MAX_DELIVERY_ATTEMPTS = 8;
// How long a thread reply waits for its parent (sent by another worker) before looking again.
const THREAD_WAIT_MS = 2_000;
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
 * The claim's `locked_until` doubles as a fencing token: only the claim that set it may record the outcome.
 */
export const claimDeliveries = async ({ db, now, limit, leaseMs, freshen = sendEverything }: { db: Database; now: Date; limit: number; leaseMs: number; freshen?: Freshen }): Promise<DeliveryRow[]> => {
  // A worker that died mid-send leaves 'sending' behind; after its lease the message is due again.
  await db.update(deliveries).set({ status: 'pending' }).where(and(eq(deliveries.status, 'sending'), lt(deliveries.lockedUntil, now)));
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
      return verdict?.kind === 'send' && verdict.message ? [{ id: row.id, message: verdict.message }] : [];
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
      .set({ status: 'sending', lockedUntil: new Date(now.getTime() + leaseMs), attempts: sql`${deliveries.attempts} + 1` })
      .where(idIn(deliveries.id, sendable.map((row) => row.id)))
      .returning();
    return claimed.sort((a, b) => a.id - b.id);
  });
};

/** What became of one claimed delivery in this process. */
type Outcome =
  | { row: DeliveryRow; kind: 'sent'; at: Date; platformMessageId: string | null }
  | { row: DeliveryRow; kind: 'failed'; at: Date; result: Extract<SendResult, { ok: false }> }
  // Not handed over (workspace paused, target paced): back to the queue, without costing an attempt.
  | { row: DeliveryRow; kind: 'held'; until: Date };

export interface SendDeps {
  db: Database;
  rows: DeliveryRow[];
  /** The moment the pass runs for; pacing uses the later of it and the clock. */
  now: Date;
  ports: ReadonlyMap<Platform, ChatPort>;
  clock: Clock;
  logger: Logger;
  limits: PlatformLimits;
  /** Deliveries in flight at once; never two to one target. */
  concurrency: number;
  /** The bot's hook for a delivery that failed for good, in the transaction that records the failure. */
  onFailed?: DeliveryFailedHook;
}

/** What the core hears of a permanent failure (a DM to a person who closed DMs marks them unreachable). */
export type DeliveryFailedHook = (delivery: { id: number; target: DeliveryTarget; reason: 'unreachable' | 'channel_gone' | 'other' }, ctx: { db: Db; now: Date }) => Promise<void>;

/**
 * Sends claimed deliveries through their platform's port, concurrently across targets and one after the
 * other within a target, within the platforms' limits, then records what happened.
 * The port gets the delivery id as an idempotency key: a resend after a crash between the platform's
 * answer and our record of it is the same message to the platform (Discord's nonce), not a second one.
 */
export const sendClaimed = async ({ db, rows, now, ports, clock, logger, limits, concurrency, onFailed }: SendDeps): Promise<void> => {
  if (rows.length === 0) return;
  const spaces = await withConnectionRetry(() => db.select().from(workspaces).where(idIn(workspaces.id, [...new Set(rows.map((row) => row.workspaceId))])));
  const byId = new Map(spaces.map((space) => [space.id, space]));
  const byTarget = new Map<string, DeliveryRow[]>();
  for (const row of rows) byTarget.set(row.targetKey, [...(byTarget.get(row.targetKey) ?? []), row]);
  const outcomes: Outcome[] = [];
  // Each message is marked sent as soon as a write is free, not at the end of the batch: the window in
  // which a crash makes us send it again (absorbed by the idempotency key where the platform has one)
  // stays about one write long, and under load one statement marks many.
  // A mark lost to a dropped connection would send the message again after the lease: it is retried (src/db/retry.ts).
  const marks = createBatcher((sent: Extract<Outcome, { kind: 'sent' }>[]) => withConnectionRetry(() => markSent({ db, sent })));
  const current = () => new Date(Math.max(now.getTime(), clock.now().getTime()));

  // Parents sent in this batch, by dedupe key: their replies may follow in the same batch, before the mark lands.
  const sentHere = new Map<string, string | null>();

  /**
   * A reply in a thread names its parent by dedupe key; the parent went first (same target, strict order),
   * so its platform id is known. A parent that failed for good leaves the reply as a plain post rather
   * than losing it; one not sent yet holds the reply briefly.
   */
  const resolveTarget = async (row: DeliveryRow): Promise<DeliveryTarget | 'wait'> => {
    const target = row.target;
    if (target.kind !== 'channel' || !target.threadOfKey || target.threadId) return target;
    const { threadOfKey, ...plain } = target;
    const local = sentHere.get(threadOfKey);
    if (local !== undefined) return local ? { ...plain, threadId: local } : plain;
    const [parent] = await db.select({ status: deliveries.status, id: deliveries.platformMessageId }).from(deliveries).where(eq(deliveries.dedupeKey, threadOfKey));
    if (parent?.status === 'sent') return parent.id ? { ...plain, threadId: parent.id } : plain;
    // A parent that failed for good or was superseded will never be sent: the reply goes as a plain post.
    return !parent || parent.status === 'failed' || parent.status === 'superseded' ? plain : 'wait';
  };

  const sendOne = async (row: DeliveryRow): Promise<Outcome> => {
    const workspace = byId.get(row.workspaceId)!;
    const platform = workspace.platform;
    const nowMs = current().getTime();
    const heldUntil = limits.pausedUntil({ workspaceId: row.workspaceId, nowMs }) ?? limits.targetReadyAt({ platform, targetKey: row.targetKey, nowMs });
    if (heldUntil !== null) return { row, kind: 'held', until: new Date(heldUntil) };
    const target = await resolveTarget(row);
    if (target === 'wait') return { row, kind: 'held', until: new Date(nowMs + THREAD_WAIT_MS) };
    const port = ports.get(platform);
    if (port) await limits.acquire(platform);
    const result: SendResult = port
      ? await port
          .send({ deliveryId: row.id, workspaceExternalId: workspace.externalId, target, message: row.message })
          .catch((error: unknown): SendResult => ({ ok: false, kind: 'retry', error: errorMessage(error) }))
      : { ok: false, kind: 'retry', error: `no ${platform} adapter is running` };
    const at = current();
    if (port) limits.sentTo({ platform, targetKey: row.targetKey, atMs: at.getTime() });
    if (!result.ok && result.kind === 'retry' && result.retryAfterMs !== undefined) limits.pause({ workspaceId: row.workspaceId, untilMs: at.getTime() + result.retryAfterMs });
    if (result.ok) sentHere.set(row.dedupeKey, result.platformMessageId ?? null);
    return result.ok ? { row, kind: 'sent', at, platformMessageId: result.platformMessageId ?? null } : { row, kind: 'failed', at, result };
  };

  await forEachConcurrently({
    items: [...byTarget.values()],
    limit: concurrency,
    work: async (targetRows) => {
      for (const [index, row] of targetRows.entries()) {
        const outcome = await sendOne(row);
        if (outcome.kind === 'sent') {
          marks.add(outcome);
          continue;
        }
        outcomes.push(outcome);
        // Whatever stopped this one stops the later ones to the same target too: order first.
        for (const later of targetRows.slice(index + 1)) outcomes.push({ row: later, kind: 'held', until: outcome.kind === 'held' ? outcome.until : later.notBefore });
        return;
      }
    },
  });
  const marked = marks.drain().then(
    () => null,
    (error: unknown) => ({ error }),
  );
  await withConnectionRetry(() => recordOutcomes({ db, outcomes, logger, onFailed }));
  const failure = await marked;
  // Rows we could not mark stay 'sending' and go again after their lease, under the same key.
  if (failure) throw failure.error;
};

const markSent = async ({ db, sent }: { db: Database; sent: Extract<Outcome, { kind: 'sent' }>[] }) => {
  const values = sent.map(({ row, at, platformMessageId }) => ({ id: row.id, claim: row.lockedUntil!.toISOString(), at: at.toISOString(), message: platformMessageId }));
  await db
    .update(deliveries)
    .set({ status: 'sent', sentAt: sql`v.at`, platformMessageId: sql`v.message`, lockedUntil: null })
    .from(sql`jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(id bigint, claim timestamptz, at timestamptz, message text)`)
    .where(sql`${deliveries.id} = v.id and ${deliveries.status} = 'sending' and ${deliveries.lockedUntil} = v.claim`);
};

/** What did not go out: back to the queue (held), or retried or failed for good. */
const recordOutcomes = async ({ db, outcomes, logger, onFailed }: { db: Database; outcomes: Outcome[]; logger: Logger; onFailed: DeliveryFailedHook | undefined }) => {
  const held = outcomes.filter((outcome) => outcome.kind === 'held');
  if (held.length > 0) {
    const values = held.map(({ row, until }) => ({ id: row.id, claim: row.lockedUntil!.toISOString(), until: until.toISOString() }));
    await db
      .update(deliveries)
      .set({ status: 'pending', notBefore: sql`greatest(${deliveries.notBefore}, v.until)`, attempts: sql`greatest(${deliveries.attempts} - 1, 0)`, lockedUntil: null })
      .from(sql`jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(id bigint, claim timestamptz, until timestamptz)`)
      .where(sql`${deliveries.id} = v.id and ${deliveries.status} = 'sending' and ${deliveries.lockedUntil} = v.claim`);
  }
  for (const outcome of outcomes) if (outcome.kind === 'failed') await recordFailure({ db, row: outcome.row, result: outcome.result, now: outcome.at, logger, onFailed });
};

/** Still ours: the row is being sent under the claim we made (no other worker took it over after our lease). */
const ours = (row: DeliveryRow) => and(eq(deliveries.id, row.id), eq(deliveries.status, 'sending'), eq(deliveries.lockedUntil, row.lockedUntil!));

const recordFailure = async ({ db, row, result, now, logger, onFailed }: { db: Database; row: DeliveryRow; result: Extract<SendResult, { ok: false }>; now: Date; logger: Logger; onFailed: DeliveryFailedHook | undefined }) => {
  const retryAfterMs = result.kind === 'retry' ? result.retryAfterMs : undefined;
  // A rate limit says nothing about the message: it does not use up one of its attempts, so it never fails for it.
  const rateLimited = retryAfterMs !== undefined;
  if (result.kind === 'permanent' || (row.attempts >= MAX_DELIVERY_ATTEMPTS && !rateLimited)) {
    await db.transaction(async (tx) => {
      const marked = await tx.update(deliveries).set({ status: 'failed', lastError: result.error, lockedUntil: null }).where(ours(row)).returning({ id: deliveries.id });
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
        ...(rateLimited ? { attempts: sql`greatest(${deliveries.attempts} - 1, 0)` } : {}),
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
