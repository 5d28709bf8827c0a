import { and, asc, eq, inArray, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Bot } from '../core/bot.js';
import type { ChatPort, Logger, Platform } from '../core/ports.js';
import type { Database } from '../db/database.js';
import { jobs } from '../db/schema/index.js';
import { instanceSilent, STALE_AFTER_MS } from './instances.js';
import { idIn } from './sql-ids.js';
import { withConnectionRetry } from '../db/retry.js';
import { errorMessage } from '../core/errors.js';

export type JobRow = typeof jobs.$inferSelect;
/** The platforms' ports, handed to jobs that act on a platform directly (JobContext.ports). */
type JobPorts = ReadonlyMap<Platform, ChatPort>;

/** Retry delay after the n-th failed attempt: 30 s, 1 min, 2 min, 4 min… capped at an hour. */
export const jobBackoffMs = (attempts: number): number => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

/**
 * Claims due jobs for this worker under a lease. SKIP LOCKED lets several processes claim at once without
 * waiting on or taking each other's rows; an expired lease (a crashed worker) makes a running job due again.
 */
export const claimJobs = async ({ db, now, workerId, limit, leaseMs, staleAfterMs = STALE_AFTER_MS }: { db: Database; now: Date; workerId: string; limit: number; leaseMs: number; staleAfterMs?: number }): Promise<JobRow[]> => {
  // Expired leases first, in their own statement: folded into the claim as an OR, they would cost the
  // claim its index order (a sort of every due row, per batch). A job still locked by the worker that is
  // finishing it is skipped; a worker that wakes after this finds the job no longer its own. A job whose
  // worker is a registered instance that stopped beating (instances.ts) is due again without waiting.
  const expired = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.status, 'running'), or(lt(jobs.lockedUntil, now), and(ne(jobs.lockedBy, workerId), instanceSilent(jobs.lockedBy, staleAfterMs)))))
    .for('update', { skipLocked: true });
  await db.update(jobs).set({ status: 'pending', lockedBy: null, lockedUntil: null }).where(inArray(jobs.id, expired));
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.status, 'pending'), lte(jobs.runAt, now)))
    .orderBy(asc(jobs.runAt), asc(jobs.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(jobs)
    .set({ status: 'running', lockedBy: workerId, lockedUntil: new Date(now.getTime() + leaseMs), attempts: sql`${jobs.attempts} + 1` })
    .where(inArray(jobs.id, due))
    .returning();
  return claimed.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
};

export type JobOutcome = 'done' | 'lost' | 'retry' | 'failed';

/**
 * Runs several claimed jobs in one transaction: their effects and their completion commit together, which
 * spares a round trip and a commit per job. Should one of them throw, the whole group rolls back, leaving
 * no effect behind: the jobs before it run again as a group, it runs again alone (so a failure caused by
 * the company it kept, a deadlock say, is not held against it, and a real one is recorded as usual), and
 * the jobs after it, which never ran, as a group. A failing job therefore runs twice per attempt, both
 * times inside a transaction, and only the second one counts.
 */
export const runClaimedJobs = async ({ db, bot, jobs: group, now, workerId, logger, ports }: { db: Database; bot: Bot; jobs: JobRow[]; now: Date; workerId: string; logger: Logger; ports?: JobPorts }): Promise<JobOutcome[]> => {
  if (group.length === 0) return [];
  if (group.length === 1) return [await runClaimedJob({ db, bot, job: group[0]!, now, workerId, logger, ports })];
  let failedAt = -1;
  try {
    // A dropped connection runs the group again whole (src/db/retry.ts); its jobs are still ours, or skipped.
    return await withConnectionRetry(() => db.transaction(async (tx) => {
      // Still ours? (See runClaimedJob.) One query for the group, locking in id order.
      const mine = await tx
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(idIn(jobs.id, group.map((job) => job.id)), eq(jobs.status, 'running'), eq(jobs.lockedBy, workerId)))
        .orderBy(asc(jobs.id))
        .for('update');
      const ours = new Set(mine.map((row) => row.id));
      for (const [index, job] of group.entries()) {
        if (!ours.has(job.id)) continue;
        failedAt = index;
        await bot.runJob({ kind: job.kind, payload: job.payload, runAt: job.runAt }, { db: tx, now, ...(ports ? { ports } : {}) });
      }
      failedAt = -1;
      if (ours.size > 0) await tx.update(jobs).set({ status: 'done', finishedAt: now, lockedBy: null, lockedUntil: null }).where(idIn(jobs.id, [...ours]));
      return group.map((job): JobOutcome => (ours.has(job.id) ? 'done' : 'lost'));
    }));
  } catch {
    if (failedAt < 0) {
      // The group itself failed (its lock, its completion, its commit): each job on its own.
      const outcomes: JobOutcome[] = [];
      for (const job of group) outcomes.push(await runClaimedJob({ db, bot, job, now, workerId, logger, ports }));
      return outcomes;
    }
    const before = await runClaimedJobs({ db, bot, jobs: group.slice(0, failedAt), now, workerId, logger, ports });
    const alone = await runClaimedJob({ db, bot, job: group[failedAt]!, now, workerId, logger, ports });
    const after = await runClaimedJobs({ db, bot, jobs: group.slice(failedAt + 1), now, workerId, logger, ports });
    return [...before, alone, ...after];
  }
};

/**
 * Runs one claimed job. Its effects (rows, outbox deliveries, next occurrences) and its completion commit
 * in one transaction, so a crash leaves either all of them or none, and the lease brings it back.
 */
export const runClaimedJob = async ({ db, bot, job, now, workerId, logger, ports }: { db: Database; bot: Bot; job: JobRow; now: Date; workerId: string; logger: Logger; ports?: JobPorts }): Promise<JobOutcome> => {
  try {
    return await withConnectionRetry(() => db.transaction(async (tx) => {
      // Still ours? Another worker may have reclaimed it after our lease ran out; the row lock keeps it ours now.
      const [mine] = await tx
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.id, job.id), eq(jobs.status, 'running'), eq(jobs.lockedBy, workerId)))
        .for('update');
      if (!mine) return 'lost' as const;
      await bot.runJob({ kind: job.kind, payload: job.payload, runAt: job.runAt }, { db: tx, now, ...(ports ? { ports } : {}) });
      await tx.update(jobs).set({ status: 'done', finishedAt: now, lockedBy: null, lockedUntil: null }).where(eq(jobs.id, job.id));
      return 'done' as const;
    }));
  } catch (error) {
    const message = errorMessage(error);
    const final = job.attempts >= job.maxAttempts;
    const recorded = await withConnectionRetry(() => recordFailure({ db, bot, job, now, workerId, logger, message, final })).catch((recordError: unknown) => {
      // The database itself is failing: the lease brings the job back once it recovers.
      logger.error({ job: job.id, error: errorMessage(recordError) }, 'could not record a job failure');
      return false;
    });
    if (!recorded) return 'lost';
    logger.warn({ job: job.id, kind: job.kind, attempts: job.attempts, final, error: message }, 'job failed');
    return final ? 'failed' : 'retry';
  }
};

/**
 * Puts a failed job back with a backoff, or marks it failed for good. The last failure and the managers'
 * notice commit together: a crash between them can neither lose the notice nor send it twice (its outbox
 * key is the job's). Returns false when the job was no longer ours to record.
 */
const recordFailure = async ({ db, bot, job, now, workerId, logger, message, final }: { db: Database; bot: Bot; job: JobRow; now: Date; workerId: string; logger: Logger; message: string; final: boolean }): Promise<boolean> =>
  db.transaction(async (tx) => {
    const marked = await tx
      .update(jobs)
      .set(
        final
          ? { status: 'failed', lastError: message, finishedAt: now, lockedBy: null, lockedUntil: null }
          : { status: 'pending', lastError: message, runAt: new Date(now.getTime() + jobBackoffMs(job.attempts)), lockedBy: null, lockedUntil: null },
      )
      // Only while still ours: a worker that took over after our lease owns the outcome now.
      .where(and(eq(jobs.id, job.id), eq(jobs.status, 'running'), eq(jobs.lockedBy, workerId)))
      .returning({ id: jobs.id });
    if (marked.length === 0) return false;
    if (final) {
      try {
        // A savepoint: a notice that cannot be written must not keep the job from being marked failed,
        // or it would be retried (and fail to notify) forever.
        await tx.transaction((inner) => bot.jobFailed({ id: job.id, kind: job.kind, payload: job.payload, error: message }, { db: inner, now }));
      } catch (noticeError) {
        logger.error({ job: job.id, kind: job.kind, error: errorMessage(noticeError) }, 'could not tell the managers a job failed');
      }
    }
    return true;
  });

export const nextJobAt = async ({ db }: { db: Database }): Promise<Date | null> => {
  const [row] = await db
    .select({ at: sql<Date>`min(case when ${jobs.status} = 'pending' then ${jobs.runAt} else ${jobs.lockedUntil} end)`.mapWith(jobs.runAt) })
    .from(jobs)
    .where(inArray(jobs.status, ['pending', 'running']));
  return row?.at ?? null;
};
