import type { Logger } from '../../src/core/ports.js';

/**
 * What happens after an ack: the listener acks, hands its work here and returns, so Bolt lets go of the
 * request at once; the work (the core, then the reply to Slack) runs in the background.
 *
 * The core's part is mostly CPU in this process and database time. Started all at once, a burst of
 * commands would keep the event loop busy with their continuations, and the acks of the requests arriving
 * behind them (due within 3 s) would wait; so the core runs for a few invocations at a time (`limit`),
 * in arrival order, which finishes as fast in total. The network parts (users.info, replies to Slack)
 * are not limited: they wait on Slack, not on this process.
 */
export interface WorkQueue {
  /** Starts the work in the background; a failure is logged (the person already had the ack). */
  run(what: string, work: () => Promise<void>): void;
  /** Runs `work` once fewer than `concurrency` limited calls are running. */
  limit<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves once no work is running (a clean stop). */
  idle(): Promise<void>;
}

export const createWorkQueue = ({ concurrency, logger }: { concurrency: number; logger: Logger }): WorkQueue => {
  let running = 0;
  const waiters: (() => void)[] = [];
  let active = 0;
  const queue: (() => void)[] = [];

  return {
    run(what, work) {
      running++;
      void work()
        .catch((error: unknown) => logger.error({ what, err: error instanceof Error ? error.message : String(error) }, 'slack: work after the ack failed'))
        .finally(() => {
          running--;
          if (running === 0) for (const resolve of waiters.splice(0)) resolve();
        });
    },
    async limit(work) {
      // A finished call hands its slot straight to the next in line, so nobody overtakes the queue.
      if (active < concurrency) active++;
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        return await work();
      } finally {
        const next = queue.shift();
        if (next) next();
        else active--;
      }
    },
    idle: () => (running === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
};
