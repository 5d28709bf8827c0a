import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Bot } from '../core/bot.js';
import type { ChatPort, Clock, Logger, Platform, Scheduler } from '../core/ports.js';
import type { Database } from '../db/database.js';
import { forEachConcurrently } from './concurrency.js';
import { databaseKind, defaultJobConcurrency } from './database-kind.js';
import { createInstance } from './instances.js';
import { claimDeliveries, nextDeliveryAt } from './outbox.js';
import { sendClaimed } from './outbox-send.js';
import { claimJobs, nextJobAt, runClaimedJobs } from './queue.js';
import { createPlatformLimits, type PlatformLimits } from './rate-limits.js';
import { startTicker } from './ticker.js';
import { isConnectionError, withConnectionRetry } from '../db/retry.js';
import { errorMessage } from '../core/errors.js';

export interface SchedulerDeps {
  db: Database;
  bot: Bot;
  clock: Clock;
  logger: Logger;
  ports: ReadonlyMap<Platform, ChatPort>;
  tickSeconds?: number;
  /** Jobs, and deliveries, claimed per query. Default 200. */
  batchSize?: number;
  leaseMs?: number;
  /** This instance's id (instances.id, jobs.locked_by); unique per process by default. */
  workerId?: string;
  /** A claim of an instance whose heartbeat is older than this is due again. Default 10 s (instances.ts). */
  staleAfterMs?: number;
  /**
   * Job transactions open at once. Defaults to 8 on PostgreSQL (at most the pool's size less two) and 1 on
   * PGlite, whose single connection runs one transaction at a time anyway.
   */
  concurrency?: number;
  /**
   * Jobs committed together in one transaction (a failing one sends its group back to run one by one).
   * Default 32; 1 runs every job in its own transaction.
   */
  jobsPerTransaction?: number;
  /** Deliveries handed to the platforms at once, to different targets (never two to one target). Default 32. */
  sendConcurrency?: number;
  /** Platform limits (Slack pacing, Discord's budget, rate-limit pauses); one per process by default. */
  limits?: PlatformLimits;
}

const groupsOf = <T>(items: T[], size: number): T[][] => {
  const groups: T[][] = [];
  for (let start = 0; start < items.length; start += Math.max(1, size)) groups.push(items.slice(start, start + Math.max(1, size)));
  return groups;
};

export const createScheduler = (deps: SchedulerDeps): Scheduler => {
  const workerId = deps.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const batchSize = deps.batchSize ?? 200;
  const leaseMs = deps.leaseMs ?? 60_000;
  const concurrency = deps.concurrency ?? defaultJobConcurrency(databaseKind(deps.db));
  const jobsPerTransaction = Math.max(1, deps.jobsPerTransaction ?? 32);
  const sendConcurrency = deps.sendConcurrency ?? 32;
  const limits = deps.limits ?? createPlatformLimits();
  const instance = createInstance({ db: deps.db, id: workerId, host: hostname(), pid: process.pid, onError: (error) => deps.logger.warn({ error: errorMessage(error) }, 'scheduler heartbeat failed') });
  let ticker: { stop(): Promise<void> } | null = null;
  let running: Promise<void> | null = null;

  const runJobs = async (now: Date): Promise<number> => {
    // A claim lost to a dropped connection is asked again; one that committed unseen comes back after its lease.
    const claimed = await withConnectionRetry(() => claimJobs({ db: deps.db, now, workerId, limit: batchSize, leaseMs, ...(deps.staleAfterMs !== undefined ? { staleAfterMs: deps.staleAfterMs } : {}) }));
    // Each group of jobs commits with its effects and nothing else, so running groups at once changes no
    // guarantee; only the order in which jobs of one batch commit (and so their messages queue) is no
    // longer strictly run_at order. The groups are sized to keep every lane busy.
    await forEachConcurrently({
      items: groupsOf(claimed, Math.min(jobsPerTransaction, Math.ceil(claimed.length / concurrency))),
      limit: concurrency,
      work: async (group) => void (await runClaimedJobs({ db: deps.db, bot: deps.bot, jobs: group, now, workerId, logger: deps.logger, ports: deps.ports })),
    });
    return claimed.length;
  };

  const runDeliveries = async (now: Date): Promise<number> => {
    const rows = await withConnectionRetry(() => claimDeliveries({ db: deps.db, now, limit: batchSize, leaseMs, freshen: deps.bot.freshen, instanceId: workerId, ...(deps.staleAfterMs !== undefined ? { staleAfterMs: deps.staleAfterMs } : {}) }));
    await sendClaimed({ db: deps.db, rows, now, ports: deps.ports, clock: deps.clock, logger: deps.logger, limits, concurrency: sendConcurrency, onFailed: deps.bot.deliveryFailed });
    return rows.length;
  };

  /**
   * Alive while working: the heartbeat (instances.ts) lets other instances tell our claims from a dead
   * one's. Between passes we hold no claim, so a silent heartbeat then costs nothing.
   */
  const runDue = async (now: Date) => {
    await instance.beat();
    const release = instance.keepAlive();
    try {
      await runDueBeating(now);
    } finally {
      release();
    }
  };

  /**
   * Two loops side by side: jobs, whose effects are deliveries, and the outbox sending them while the next
   * jobs run. The outbox loop ends only after a pass that began once the jobs loop had nothing left, so
   * nothing due at `now` stays behind. (On PGlite the two simply take turns on its one connection; neither
   * waits for the other inside a transaction.)
   */
  const runDueBeating = async (now: Date) => {
    let jobsRunning = true;
    let progress = 0;
    let wake = () => {};
    const jobsLoop = async () => {
      try {
        while ((await runJobs(now)) > 0) {
          progress += 1;
          wake();
        }
      } finally {
        jobsRunning = false;
        wake();
      }
    };
    const deliveriesLoop = async () => {
      for (;;) {
        const seen = progress;
        const finalPass = !jobsRunning;
        if ((await runDeliveries(now)) > 0 || progress !== seen) continue;
        if (finalPass) return;
        if (!jobsRunning) continue;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    };
    const [jobsDone, deliveriesDone] = await Promise.allSettled([jobsLoop(), deliveriesLoop()]);
    if (jobsDone.status === 'rejected') throw jobsDone.reason;
    if (deliveriesDone.status === 'rejected') throw deliveriesDone.reason;
  };

  const tick = async () => {
    running = runDue(deps.clock.now()).catch((error: unknown) => {
      // The database away for longer than a retry waits: nothing is lost (leases and claims bring the work
      // back), the next tick tries again, /healthz already says so.
      if (isConnectionError(error)) deps.logger.warn({ error: errorMessage(error) }, 'scheduler tick could not reach the database');
      else deps.logger.error({ error: errorMessage(error) }, 'scheduler tick failed');
    });
    await running;
    running = null;
  };

  return {
    runDue,
    async nextDueAt() {
      const times = [await nextJobAt({ db: deps.db }), await nextDeliveryAt({ db: deps.db })].filter((at): at is Date => at !== null);
      return times.length === 0 ? null : new Date(Math.min(...times.map((at) => at.getTime())));
    },
    start() {
      ticker ??= startTicker({ tickSeconds: deps.tickSeconds ?? 5, onTick: tick, logger: deps.logger });
    },
    async stop() {
      await ticker?.stop();
      ticker = null;
      await running;
    },
  };
};
