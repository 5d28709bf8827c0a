import { and, eq, like } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/database.js';
import { jobs } from '../db/schema/index.js';
import type { Clock, Logger } from './ports.js';

/** What a job handler gets: the transaction its effects must be written in, and the moment it runs. */
export interface JobContext {
  db: Db;
  now: Date;
  logger: Logger;
  /** When the job was due; `now - runAt` is how late it runs (after downtime). */
  runAt: Date;
}

/** A kind of scheduled work. The payload is validated on the way in and on the way out. */
export interface JobDef<P = any> {
  kind: string;
  payload: z.ZodType<P>;
  run: (payload: P, ctx: JobContext) => Promise<void>;
}

export const defineJob = <P>(job: JobDef<P>): JobDef<P> => job;

/**
 * Schedules one occurrence. The dedupe key names the occurrence (`task-due:12:2026-11-27T16:00:00.000Z`),
 * so scheduling it again, from a retry or a second process, changes nothing.
 */
export const scheduleJob = async <P>({ db, job, payload, runAt, dedupeKey }: { db: Db; job: JobDef<P>; payload: P; runAt: Date; dedupeKey: string }): Promise<boolean> => {
  const checked = job.payload.parse(payload) as Record<string, unknown>;
  const inserted = await db
    .insert(jobs)
    .values({ kind: job.kind, runAt, payload: checked, dedupeKey })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return inserted.length > 0;
};

/** Cancels pending occurrences whose key starts with the prefix, e.g. every reminder of one task. */
export const cancelJobs = async ({ db, dedupeKeyPrefix }: { db: Db; dedupeKeyPrefix: string }): Promise<number> => {
  const escaped = dedupeKeyPrefix.replace(/[\\%_]/g, (char) => `\\${char}`);
  const rows = await db
    .update(jobs)
    .set({ status: 'cancelled' })
    .where(and(eq(jobs.status, 'pending'), like(jobs.dedupeKey, `${escaped}%`)))
    .returning({ id: jobs.id });
  return rows.length;
};

export type JobDeps = { clock: Clock; logger: Logger };
