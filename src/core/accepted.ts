import { and, asc, eq, inArray, isNull, like, lt, or, sql } from 'drizzle-orm';
import type { Database, Db } from '../db/database.js';
import { acceptedInvocations } from '../db/schema/index.js';
import { withConnectionRetry } from '../db/retry.js';
import { cleanStrings } from './clean-text.js';
import { errorMessage } from './errors.js';
import type { Invocation, Reply } from './invocation.js';
import type { Clock, Logger, Platform, UserDirectory, UserInfo } from './ports.js';

/**
 * Acknowledged work that survives the process. An adapter calls `accept` before it acks (one insert: the row
 * that dedupes the delivery is the row that keeps it), then claims and runs it like a job: its effects and
 * its stored reply commit together (`runAccepted`), so a crash before that commit runs it again and a crash
 * after it sends the stored reply instead; once sent, `replied` forgets the capability to answer and the reply itself.
 */

/** Where an answer goes: what the adapter needs besides the secret (never logged). */
export interface ReplyRoute {
  route: Record<string, unknown>;
  /** Slack's response_url, Discord's interaction token: a capability, kept only until the reply is sent. */
  secret: string | null;
}

export interface AcceptedWork {
  platform: Platform;
  id: string;
  invocation: Omit<Invocation, 'directory'>;
  route: Record<string, unknown>;
  secret: string | null;
  status: 'pending' | 'running' | 'done';
  reply: Reply | null;
  attempts: number;
  acceptedAt: Date;
  /** This claim's own mark: a later claim (the lease ran out, even in this process) makes this one stale. */
  claimedAs: string;
}

/** What to send, and what the adapter needs to choose how (a response_url is valid 30 minutes). */
export interface AcceptedAnswer {
  work: AcceptedWork;
  reply: Reply;
  now: Date;
  /** The core refused it (nothing changed): once answered, its row goes, so the same thing tried again counts. */
  refused: boolean;
}

/** What the core's handler reports back for one run inside the claim's guard (see bot.ts). */
export type Handled = { reply: Reply; outcome: 'ran' | 'duplicate' | 'refused' | 'failed' | 'lost' };
export type HandleHooks = { claimed(db: Db): Promise<boolean>; onReply(db: Db, reply: Reply): Promise<void> };

/** A claim lasts this long: a command's work is milliseconds; a dead instance's claims come back after it. */
export const ACCEPTED_LEASE_MS = 10_000;
/** Runs (and sends) that may fail before the work is given up (logged); an unexpected failure retries after a pause. */
const MAX_ATTEMPTS = 5;
const RETRY_AFTER_MS = 5_000;
/** Attempts at running before an unexpected failure is answered as one (the generic error). */
const RUN_ATTEMPTS = 3;

export interface AcceptedDeps {
  db: Database;
  /** The accept's insert only (see BotDeps.acceptDb); everything else uses `db`. */
  acceptDb?: Database;
  clock: Clock;
  logger: Logger;
  run(invocation: Invocation, hooks: HandleHooks): Promise<Handled>;
}

/** How long an accept rides out a dropped connection before the ack gives up on it (Slack waits 3 s in all). */
const ACCEPT_RETRY_MS = 2_000;

export const createAccepted = (deps: AcceptedDeps) => {
  const { db, clock } = deps;
  const acceptDb = deps.acceptDb ?? db;
  const keyOf = (work: Pick<AcceptedWork, 'platform' | 'id'>) => and(eq(acceptedInvocations.platform, work.platform), eq(acceptedInvocations.eventId, work.id));
  const ours = (work: Pick<AcceptedWork, 'platform' | 'id' | 'claimedAs'>) => and(keyOf(work), eq(acceptedInvocations.lockedBy, work.claimedAs));
  let claims = 0;

  type Waiting = { row: typeof acceptedInvocations.$inferInsert; work: AcceptedWork; resolve(work: AcceptedWork | null): void; reject(error: unknown): void };
  let waiting: Waiting[] = [];
  let inserting = false;

  /**
   * One insert for every accept waiting: the first goes at once, whatever arrives while it is under way goes
   * together in the next (a burst of commands costs a few statements, not one each, and no ack waits for
   * another's round trip to begin). The same id twice in one batch: the first counts.
   */
  const insertWaiting = async () => {
    if (inserting || waiting.length === 0) return;
    inserting = true;
    const batch = waiting;
    waiting = [];
    const first = new Map<string, Waiting>();
    for (const item of batch) if (!first.has(item.work.id)) first.set(item.work.id, item);
    try {
      const rows = [...first.values()].map((item) => item.row);
      // A dropped connection is retried within the ack's budget (Slack waits 3 s). An attempt that committed
      // unseen makes the next one insert nothing: rows claimed under this batch's own marks are ours all the same.
      let retried = false;
      const fresh = await withConnectionRetry(
        async () => {
          const inserted = await acceptDb.insert(acceptedInvocations).values(rows).onConflictDoNothing().returning({ platform: acceptedInvocations.platform, eventId: acceptedInvocations.eventId });
          if (!retried) return inserted;
          return acceptDb
            .select({ platform: acceptedInvocations.platform, eventId: acceptedInvocations.eventId })
            .from(acceptedInvocations)
            .where(inArray(acceptedInvocations.lockedBy, rows.map((row) => row.lockedBy!)));
        },
        { budgetMs: ACCEPT_RETRY_MS, onRetry: () => (retried = true) },
      );
      const stored = new Set(fresh.map((row) => `${row.platform}:${row.eventId}`));
      for (const item of batch) item.resolve(first.get(item.work.id) === item && stored.has(`${item.work.platform}:${item.work.id}`) ? item.work : null);
    } catch (error) {
      // drizzle puts a failed query's parameters in its message: the response_urls and tokens must not follow.
      const cause = (error as { cause?: unknown }).cause ?? error;
      const safe = new Error(`accepted.insert_failed: ${errorMessage(cause)}`);
      for (const item of batch) item.reject(safe);
    } finally {
      inserting = false;
      void insertWaiting();
    }
  };

  /**
   * Stores the invocation (cleaned, as the core reads it) and where to answer, claimed by `workerId` (the live
   * process runs it next, with no claim of its own); null when its id was accepted before (a duplicate).
   */
  const accept = async (received: Invocation, reply: ReplyRoute, { workerId }: { workerId: string }): Promise<AcceptedWork | null> => {
    // The id and the route are made storable too: a click's id is built from its value, which may hold NUL.
    const { directory: _directory, ...invocation } = cleanStrings({ ...received, directory: undefined });
    const route = cleanStrings(reply.route);
    const now = clock.now();
    const claimedAs = `${workerId}#${++claims}`;
    const row = {
      platform: received.platform,
      eventId: invocation.id,
      invocation: invocation as unknown as Record<string, unknown>,
      route,
      replySecret: reply.secret,
      status: 'running' as const,
      attempts: 1,
      lockedBy: claimedAs,
      lockedUntil: new Date(now.getTime() + ACCEPTED_LEASE_MS),
      acceptedAt: now,
    };
    const work: AcceptedWork = { platform: received.platform, id: invocation.id, invocation, route, secret: reply.secret, status: 'running', reply: null, attempts: 1, acceptedAt: now, claimedAs };
    return new Promise<AcceptedWork | null>((resolve, reject) => {
      waiting.push({ row, work, resolve, reject });
      void insertWaiting();
    });
  };

  /** A live worker's claims stay its own while it lives (work may wait in its queue past a lease); a dead one's lapse. */
  const extend = async ({ platform, workerId }: { platform: Platform; workerId: string }): Promise<void> => {
    await withConnectionRetry(() =>
      db
        .update(acceptedInvocations)
        .set({ lockedUntil: new Date(clock.now().getTime() + ACCEPTED_LEASE_MS) })
        .where(and(eq(acceptedInvocations.platform, platform), isNull(acceptedInvocations.repliedAt), like(acceptedInvocations.lockedBy, `${workerId}#%`))),
    );
  };

  /**
   * Claims open work of one platform under a lease: `id` for the one the live process just accepted, otherwise
   * the oldest whose claim is free (never taken, or its lease ran out: an instance died or stopped).
   */
  const claim = async ({ platform, workerId, id, limit = 20 }: { platform: Platform; workerId: string; id?: string; limit?: number }): Promise<AcceptedWork[]> => {
    const now = clock.now();
    const claimedAs = `${workerId}#${++claims}`;
    const open = db
      .select({ eventId: acceptedInvocations.eventId })
      .from(acceptedInvocations)
      .where(
        and(
          eq(acceptedInvocations.platform, platform),
          isNull(acceptedInvocations.repliedAt),
          lt(acceptedInvocations.attempts, MAX_ATTEMPTS),
          // Ours already: this very claim, committed unseen before a dropped connection and asked again.
          or(isNull(acceptedInvocations.lockedUntil), lt(acceptedInvocations.lockedUntil, now), eq(acceptedInvocations.lockedBy, claimedAs)),
          ...(id !== undefined ? [eq(acceptedInvocations.eventId, id)] : []),
        ),
      )
      .orderBy(asc(acceptedInvocations.acceptedAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    const rows = await withConnectionRetry(() => db
      .update(acceptedInvocations)
      .set({
        status: sql`case when ${acceptedInvocations.status} = 'done' then 'done' else 'running' end`,
        lockedBy: claimedAs,
        lockedUntil: new Date(now.getTime() + ACCEPTED_LEASE_MS),
        attempts: sql`${acceptedInvocations.attempts} + 1`,
      })
      .where(and(eq(acceptedInvocations.platform, platform), inArray(acceptedInvocations.eventId, open)))
      .returning());
    return rows
      .map((row) => ({
        platform: row.platform as Platform,
        id: row.eventId,
        invocation: row.invocation as unknown as AcceptedWork['invocation'],
        route: row.route,
        secret: row.replySecret,
        status: row.status,
        reply: row.reply as unknown as Reply | null,
        attempts: row.attempts,
        acceptedAt: row.acceptedAt,
        claimedAs,
      }))
      .sort((a, b) => a.acceptedAt.getTime() - b.acceptedAt.getTime());
  };

  const finish = async (work: AcceptedWork, reply: Reply): Promise<boolean> => {
    // 'done' too: a first attempt that committed unseen before a dropped connection.
    const marked = await withConnectionRetry(() =>
      db
        .update(acceptedInvocations)
        .set({ status: 'done', reply: reply as unknown as Record<string, unknown> })
        .where(and(ours(work), inArray(acceptedInvocations.status, ['running', 'done'])))
        .returning({ id: acceptedInvocations.eventId }),
    );
    return marked.length > 0;
  };

  /**
   * Runs claimed work (once: its 'done' commits with its effects) or, when it ran before a crash, hands back
   * the stored reply. Null when it is not ours any more, or failed and waits for another attempt.
   */
  const run = async (work: AcceptedWork, { directory, actor }: { directory: UserDirectory; actor?: UserInfo }): Promise<AcceptedAnswer | null> => {
    if (work.status === 'done' && work.reply) return { work, reply: work.reply, now: clock.now(), refused: false };
    const invocation: Invocation = { ...work.invocation, actor: actor ?? work.invocation.actor, directory };
    const handled = await deps.run(invocation, {
      claimed: async (tx) => {
        const [mine] = await tx.select({ id: acceptedInvocations.eventId }).from(acceptedInvocations).where(and(ours(work), eq(acceptedInvocations.status, 'running'))).for('update');
        return Boolean(mine);
      },
      onReply: async (tx, reply) => {
        await tx.update(acceptedInvocations).set({ status: 'done', reply: reply as unknown as Record<string, unknown> }).where(keyOf(work));
      },
    });
    const answer = (refused: boolean): AcceptedAnswer => ({ work, reply: handled.reply, now: clock.now(), refused });
    switch (handled.outcome) {
      case 'ran':
        return answer(false);
      case 'lost': {
        // Lost to another claim, or ran and committed unseen (a dropped connection, then the retry found it done).
        const [row] = await withConnectionRetry(() => db.select({ status: acceptedInvocations.status, reply: acceptedInvocations.reply }).from(acceptedInvocations).where(ours(work)));
        return row?.status === 'done' && row.reply ? { work, reply: row.reply as unknown as Reply, now: clock.now(), refused: false } : null;
      }
      case 'duplicate':
      case 'refused':
        return (await finish(work, handled.reply)) ? answer(handled.outcome === 'refused') : null;
      case 'failed':
        if (work.attempts >= RUN_ATTEMPTS) return (await finish(work, handled.reply)) ? answer(false) : null;
        // Not said to the person yet: a dropped connection or a stop mid-run deserves another go, not an apology.
        await withConnectionRetry(() =>
          db
            .update(acceptedInvocations)
            .set({ status: 'pending', lockedBy: null, lockedUntil: new Date(clock.now().getTime() + RETRY_AFTER_MS) })
            .where(ours(work)),
        ).catch((error: unknown) => deps.logger.error({ invocation: work.id, err: errorMessage(error) }, 'could not put accepted work back (its lease will)'));
        return null;
    }
  };

  /** The reply went out: the secret goes; a refusal's row goes entirely (nothing changed, trying again counts). */
  const replied = async (answer: AcceptedAnswer): Promise<void> => {
    const at = clock.now();
    await withConnectionRetry(async () => {
      if (answer.refused) await db.delete(acceptedInvocations).where(keyOf(answer.work));
      // The stored reply goes too: it may carry a secret of its own (a calendar feed's URL is shown once).
      else await db.update(acceptedInvocations).set({ repliedAt: at, replySecret: null, reply: null, lockedBy: null, lockedUntil: null }).where(keyOf(answer.work));
    });
  };

  /** Lets go of claimed work without running it (a stopping instance): the next one takes it at once. */
  const release = async (work: AcceptedWork): Promise<void> => {
    await withConnectionRetry(() => db.update(acceptedInvocations).set({ lockedBy: null, lockedUntil: null }).where(ours(work)));
  };

  return { accept, claim, extend, run, replied, release };
};

export type Accepted = ReturnType<typeof createAccepted>;
