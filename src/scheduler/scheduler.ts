import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Bot } from '../core/bot.js';
import type { ChatPort, Clock, Logger, Platform } from '../core/ports.js';
import type { Database } from '../db/database.js';
import { claimDeliveries, nextDeliveryAt, sendClaimed } from './outbox.js';
import { claimJobs, nextJobAt, runClaimedJob } from './queue.js';
import type { Scheduler } from './scheduler.types.js';
import { startTicker } from './ticker.js';

export interface SchedulerDeps {
  db: Database;
  bot: Bot;
  clock: Clock;
  logger: Logger;
  ports: ReadonlyMap<Platform, ChatPort>;
  tickSeconds?: number;
  batchSize?: number;
  leaseMs?: number;
  workerId?: string;
}

export const createScheduler = (deps: SchedulerDeps): Scheduler => {
  const workerId = deps.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const batchSize = deps.batchSize ?? 100;
  const leaseMs = deps.leaseMs ?? 60_000;
  let ticker: { stop(): Promise<void> } | null = null;
  let running: Promise<void> | null = null;

  const runJobs = async (now: Date): Promise<number> => {
    const claimed = await claimJobs({ db: deps.db, now, workerId, limit: batchSize, leaseMs });
    for (const job of claimed) await runClaimedJob({ db: deps.db, bot: deps.bot, job, now, workerId, logger: deps.logger });
    return claimed.length;
  };

  const runDeliveries = async (now: Date): Promise<number> => {
    const rows = await claimDeliveries({ db: deps.db, now, limit: batchSize, leaseMs });
    await sendClaimed({ db: deps.db, rows, ports: deps.ports, now, logger: deps.logger });
    return rows.length;
  };

  const runDue = async (now: Date) => {
    // Jobs first: their effects are deliveries, which then go out in the same pass.
    for (;;) {
      const done = (await runJobs(now)) + (await runDeliveries(now));
      if (done === 0) return;
    }
  };

  const tick = async () => {
    running = runDue(deps.clock.now()).catch((error: unknown) => {
      deps.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'scheduler tick failed');
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
      ticker ??= startTicker({ tickSeconds: deps.tickSeconds ?? 5, onTick: tick });
    },
    async stop() {
      await ticker?.stop();
      ticker = null;
      await running;
    },
  };
};
