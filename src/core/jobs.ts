import { and, eq, like } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/database.js';
import { jobs } from '../db/schema/index.js';
import type { ChartRenderer, ChatPort, Clock, Logger, Platform } from './ports.js';

/** What a job handler gets: the transaction its effects must be written in, and the moment it runs. */
export interface JobContext {
  db: Db;
  now: Date;
  logger: Logger;
  /** When the job was due; `now - runAt` is how late it runs (after downtime). */
  runAt: Date;
  /** True when it runs later than its kind's window (see `missed`): say so to the person. */
  late: boolean;
  /**
   * The platforms' outbound ports, for the few jobs whose effect is on the platform itself rather than a
   * message (the events module's mirrors); absent where no scheduler drives the job (a bare test).
   */
  ports?: ReadonlyMap<Platform, ChatPort>;
  /** The chart renderer for jobs whose message carries a chart (the weekly digest); null when none. */
  charts?: ChartRenderer | null;
}

/**
 * What to do with an occurrence found long after its moment (the bot was down):
 * - `once`: run it, once, marked late (reminders: better late than lost).
 * - `skip`: complete it without effect (a standup question after its deadline only confuses).
 * Either way each occurrence runs at most once, so downtime never ends in a storm of stale messages.
 */
export interface MissedPolicy {
  policy: 'once' | 'skip';
  /** How late an occurrence may run before it counts as missed. */
  afterMs: number;
}

export const DEFAULT_MISSED: MissedPolicy = { policy: 'once', afterMs: 15 * 60_000 };

/**
 * A kind of scheduled work, as the code that schedules it sees it: its name, its payload (validated on the
 * way in and on the way out) and what to do when it is found late. Use cases import only declarations, so
 * a handler may call use cases without an import cycle.
 */
export interface JobKind<P = any> {
  kind: string;
  payload: z.ZodType<P>;
  missed?: MissedPolicy;
}

/** What runs a job kind when it falls due; the composition root hands every handler to the bot. */
export interface JobHandler<P = any> extends JobKind<P> {
  /** The team whose managers hear about it when this job fails for good. */
  teamOf?: (payload: P, db: Db) => Promise<number | null>;
  run: (payload: P, ctx: JobContext) => Promise<void>;
}

export const declareJob = <P>(job: JobKind<P>): JobKind<P> => job;

/** Binds a handler to its declaration: `handleJob(taskDueJob, { run })`. */
export const handleJob = <P>(job: JobKind<P>, handler: Pick<JobHandler<P>, 'teamOf' | 'run'>): JobHandler<P> => ({ ...job, ...handler });

/** Declaration and handler in one, for a kind that no use case schedules by name (tests, one-off kinds). */
export const defineJob = <P>(job: JobHandler<P>): JobHandler<P> => job;

/**
 * Schedules one occurrence. The dedupe key names the occurrence (`task-due:12:2026-11-27T16:00:00.000Z`),
 * so scheduling it again, from a retry or a second process, changes nothing; an occurrence that ran stays
 * run. Only a cancelled one comes back (a task reopened with the same deadline gets its reminders again).
 */
export const scheduleJob = async <P>({ db, job, payload, runAt, dedupeKey }: { db: Db; job: JobKind<P>; payload: P; runAt: Date; dedupeKey: string }): Promise<boolean> => {
  const checked = job.payload.parse(payload) as Record<string, unknown>;
  const inserted = await db
    .insert(jobs)
    .values({ kind: job.kind, runAt, payload: checked, dedupeKey })
    .onConflictDoUpdate({
      target: jobs.dedupeKey,
      set: { status: 'pending', runAt, payload: checked, attempts: 0, lastError: null, lockedBy: null, lockedUntil: null, finishedAt: null },
      setWhere: eq(jobs.status, 'cancelled'),
    })
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
