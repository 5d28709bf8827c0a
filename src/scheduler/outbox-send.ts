import { eq } from 'drizzle-orm';
import type { ChatPort, Clock, DeliveryTarget, Logger, OutboundMessage, Platform, SendResult } from '../core/ports.js';
import type { Database } from '../db/database.js';
import { deliveries, workspaces } from '../db/schema/index.js';
import { forEachConcurrently } from './concurrency.js';
import type { DeliveryRow } from './outbox.js';
import { markSent, recordFailure, recordHeld, type DeliveryFailedHook } from './outbox-outcomes.js';
import type { PlatformLimits } from './rate-limits.js';
import { idIn } from './sql-ids.js';
import { withConnectionRetry } from '../db/retry.js';
import { errorMessage } from '../core/errors.js';
import { loadDeliveryFiles, withFiles } from './outbox-files.js';

export type { DeliveryFailedHook } from './outbox-outcomes.js';

// How long a thread reply waits for its parent (sent by another worker) before looking again.
const THREAD_WAIT_MS = 2_000;
/**
 * A delivery in doubt is looked up from this long before its claim: the claim time is our clock, the
 * platform's timestamps are its own, and the two may disagree by a little.
 */
export const RECONCILE_MARGIN_MS = 2 * 60_000;

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

/** What became of one claimed delivery in this process. */
type Outcome =
  | { kind: 'sent'; at: Date; platformMessageId: string | null }
  | { kind: 'failed'; at: Date; result: Extract<SendResult, { ok: false }> }
  // Not handed over (workspace paused, target paced): back to the queue, without costing an attempt.
  | { kind: 'held'; until: Date };

/**
 * Sends claimed deliveries through their platform's port, concurrently across targets and one after the
 * other within a target, within the platforms' limits, and records each outcome the moment the platform
 * answers, one fenced statement per message: a crash repeats at most the messages in flight.
 * The port gets the delivery id as an idempotency key (Discord's enforced nonce). A delivery whose last
 * claim ended without a known outcome (`in_doubt_since`) is first looked up on the platform where the port
 * can (Slack: the message metadata), and marked sent rather than posted again when it is there.
 */
export const sendClaimed = async ({ db, rows, now, ports, clock, logger, limits, concurrency, onFailed }: SendDeps): Promise<void> => {
  if (rows.length === 0) return;
  const spaces = await withConnectionRetry(() => db.select().from(workspaces).where(idIn(workspaces.id, [...new Set(rows.map((row) => row.workspaceId))])));
  const byId = new Map(spaces.map((space) => [space.id, space]));
  const files = await withConnectionRetry(() => loadDeliveryFiles({ db, rows }));
  const byTarget = new Map<string, DeliveryRow[]>();
  for (const row of rows) byTarget.set(row.targetKey, [...(byTarget.get(row.targetKey) ?? []), row]);
  const held: { row: DeliveryRow; until: Date }[] = [];
  const current = () => new Date(Math.max(now.getTime(), clock.now().getTime()));

  // Parents sent in this batch, by dedupe key: their replies may follow in the same batch.
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

  /** The platform's answer to one delivery: looked up first when in doubt, then sent (the rest of it). */
  const deliver = async (port: ChatPort, row: DeliveryRow, outbound: OutboundMessage): Promise<SendResult> => {
    if (row.inDoubtSince && port.findDelivered) {
      const since = new Date(row.inDoubtSince.getTime() - RECONCILE_MARGIN_MS);
      const found = await port.findDelivered({ deliveryId: row.id, workspaceExternalId: outbound.workspaceExternalId, target: outbound.target, since });
      if (found.kind === 'found' && found.complete) {
        logger.info({ delivery: row.id }, 'delivery in doubt was already on the platform');
        return { ok: true, platformMessageId: found.platformMessageId };
      }
      if (found.kind === 'found') return port.send({ ...outbound, resume: { postedParts: found.postedParts, platformMessageId: found.platformMessageId } });
      if (found.kind === 'unknown') logger.warn({ delivery: row.id, error: found.error }, 'cannot look up a delivery in doubt; sending it again');
    }
    return port.send(outbound);
  };

  const sendOne = async (row: DeliveryRow): Promise<Outcome> => {
    const workspace = byId.get(row.workspaceId)!;
    const platform = workspace.platform;
    const nowMs = current().getTime();
    const heldUntil = limits.pausedUntil({ workspaceId: row.workspaceId, nowMs }) ?? limits.targetReadyAt({ platform, targetKey: row.targetKey, nowMs });
    if (heldUntil !== null) return { kind: 'held', until: new Date(heldUntil) };
    const target = await resolveTarget(row);
    if (target === 'wait') return { kind: 'held', until: new Date(nowMs + THREAD_WAIT_MS) };
    const port = ports.get(platform);
    if (port) await limits.acquire(platform);
    const result: SendResult = port
      ? await deliver(port, row, { deliveryId: row.id, workspaceExternalId: workspace.externalId, target, message: withFiles(row.message, files.get(row.id)) }).catch(
          (error: unknown): SendResult => {
            const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs;
            return { ok: false, kind: 'retry', error: errorMessage(error), ...(typeof retryAfterMs === 'number' ? { retryAfterMs } : {}) };
          },
        )
      : { ok: false, kind: 'retry', error: `no ${platform} adapter is running` };
    const at = current();
    if (port) limits.sentTo({ platform, targetKey: row.targetKey, atMs: at.getTime() });
    if (!result.ok && result.kind === 'retry' && result.retryAfterMs !== undefined) limits.pause({ workspaceId: row.workspaceId, untilMs: at.getTime() + result.retryAfterMs });
    if (result.ok) sentHere.set(row.dedupeKey, result.platformMessageId ?? null);
    return result.ok ? { kind: 'sent', at, platformMessageId: result.platformMessageId ?? null } : { kind: 'failed', at, result };
  };

  await forEachConcurrently({
    items: [...byTarget.values()],
    limit: concurrency,
    work: async (targetRows) => {
      for (const [index, row] of targetRows.entries()) {
        // Whatever stops this one stops the later ones to the same target too: order first.
        const holdLater = (until: Date | null) => {
          for (const later of targetRows.slice(index + 1)) held.push({ row: later, until: until ?? later.notBefore });
        };
        let outcome: Outcome;
        try {
          outcome = await sendOne(row);
          // Recorded before the next message to this target goes. Should the write fail, the row stays
          // 'sending' under our claim and comes back in doubt; the later ones go back to the queue unsent.
          // A mark lost to a dropped connection is written again (src/db/retry.ts): it is fenced by our claim.
          if (outcome.kind === 'sent') {
            const { at, platformMessageId } = outcome;
            await withConnectionRetry(() => markSent({ db, row, at, platformMessageId }));
            continue;
          }
          if (outcome.kind === 'failed') {
            const { result, at } = outcome;
            await withConnectionRetry(() => recordFailure({ db, row, result, now: at, logger, onFailed }));
          }
          else if (outcome.kind === 'held') held.push({ row, until: outcome.until });
        } catch (error) {
          holdLater(null);
          throw error;
        }
        holdLater(outcome.kind === 'held' ? outcome.until : null);
        return;
      }
    },
  }).finally(() => withConnectionRetry(() => recordHeld({ db, held })));
};
