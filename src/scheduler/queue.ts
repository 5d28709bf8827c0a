import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Bot } from '../core/bot.js';
import type { Logger } from '../core/ports.js';
import type { Database } from '../db/database.js';
import { jobs } from '../db/schema/index.js';

export type JobRow = typeof jobs.$inferSelect;

/** Retry delay after the n-th failed attempt: 30 s, 1 min, 2 min, 4 min… capped at an hour. */
export const jobBackoffMs = (attempts: number): number => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

/**
 * Claims due jobs for this worker under a lease. SKIP LOCKED lets several processes claim at once without
 * waiting on or taking each other's rows; an expired lease (a crashed worker) makes a running job claimable again.
 */
export const claimJobs = async ({ db, now, workerId, limit, leaseMs }: { db: Database; now: Date; workerId: string; limit: number; leaseMs: number }): Promise<JobRow[]> => {
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(or(and(eq(jobs.status, 'pending'), lte(jobs.runAt, now)), and(eq(jobs.status, 'running'), lt(jobs.lockedUntil, now))))
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

/**
 * Runs one claimed job. Its effects (rows, outbox deliveries, next occurrences) and its completion commit
 * in one transaction, so a crash leaves either all of them or none, and the lease brings it back.
 */
export const runClaimedJob = async ({ db, bot, job, now, workerId, logger }: { db: Database; bot: Bot; job: JobRow; now: Date; workerId: string; logger: Logger }): Promise<'done' | 'lost' | 'retry' | 'failed'> => {
  try {
    return await db.transaction(async (tx) => {
      // Still ours? Another worker may have reclaimed it after our lease ran out; the row lock keeps it ours now.
      const [mine] = await tx
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.id, job.id), eq(jobs.status, 'running'), eq(jobs.lockedBy, workerId)))
        .for('update');
      if (!mine) return 'lost' as const;
      await bot.runJob({ kind: job.kind, payload: job.payload, runAt: job.runAt }, { db: tx, now });
      await tx.update(jobs).set({ status: 'done', finishedAt: now, lockedBy: null, lockedUntil: null }).where(eq(jobs.id, job.id));
      return 'done' as const;
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const final = job.attempts >= job.maxAttempts;
    await db
      .update(jobs)
      .set(
        final
          ? { status: 'failed', lastError: message, finishedAt: now, lockedBy: null, lockedUntil: null }
          : { status: 'pending', lastError: message, runAt: new Date(now.getTime() + jobBackoffMs(job.attempts)), lockedBy: null, lockedUntil: null },
      )
      .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)));
    logger.warn({ job: job.id, kind: job.kind, attempts: job.attempts, final, error: message }, 'job failed');
    return final ? 'failed' : 'retry';
  }
};

export const nextJobAt = async ({ db }: { db: Database }): Promise<Date | null> => {
  const [row] = await db
    .select({ at: sql<Date>`min(case when ${jobs.status} = 'pending' then ${jobs.runAt} else ${jobs.lockedUntil} end)`.mapWith(jobs.runAt) })
    .from(jobs)
    .where(inArray(jobs.status, ['pending', 'running']));
  return row?.at ?? null;
};
