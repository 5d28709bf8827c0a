import type { Logger } from '../../src/core/ports.js';
import { errorMessage } from '../../src/core/errors.js';

/**
 * What happens after an ack: the listener acks, hands its work here and returns, so Bolt lets go of the
 * request at once; the work (the core, then the reply to Slack) runs in the background.
 *
 * The core's part is mostly CPU in this process and database time. Started all at once, a burst of
 * commands would keep the event loop busy with their continuations, and the acks of the requests arriving
 * behind them (due within 3 s) would wait; so the core runs for a few invocations at a time (`limit`),
 * in arrival order, which finishes as fast in total. The network parts (users.info, replies to Slack)
 * are not limited: they wait on Slack, not on this process.
 *
 * Acks come first. An ack is a few hundred microseconds of work with a deadline; a command's core work is
 * milliseconds of CPU here and in PostgreSQL, and nobody waits on its answer yet (the ack said "got it").
 * On a small machine the two compete for the same cores, so no *new* core work starts while the HTTP side is
 * busy: while a request waits for its ack (counted by the HTTP route, `awaitingAck`), and until `quietMs`
 * (10 ms) after the last one came or was answered. A request is acked within a millisecond or so, so between the requests of a burst the
 * count alone often reads zero; the quiet period is what tells a burst from a lull. The acks of a burst go out
 * first and the work catches up after it.
 * The starvation guard is a bound: work that has waited `maxDeferMs` (2 s) starts as soon as a slot frees,
 * acks pending or not, so under sustained load the work still runs `concurrency` at a time, 2 s behind.
 * The priority delays a command's answer by at most those 2 s beyond its turn in the queue (the work ahead
 * of it, `concurrency` at a time): seconds even after a burst of thousands of commands, against the 30
 * minutes Slack keeps a response_url valid. (Not "one always runs": on two cores, one command's work at a
 * time, with its database queries, is most of a core: exactly what the acks would compete with.)
 * Work already running is never paused: its steps are short (between two database round trips), so an ack
 * waits for at most a few of them. Socket Mode acks travel over its WebSocket and are not counted: there
 * the queue is plain FIFO.
 */
export interface WorkQueue {
  /** Starts the work in the background; a failure is logged (the person already had the ack). */
  run(what: string, work: () => Promise<void>): void;
  /** Runs `work` in arrival order, at most `concurrency` at once, once no ack is waiting (see above). */
  limit<T>(work: () => Promise<T>): Promise<T>;
  /** A request came in and is not answered yet; call the returned function once it is (idempotent). */
  awaitingAck(): () => void;
  /** Resolves once no work is running (a clean stop). */
  idle(): Promise<void>;
}

/** How long core work may be held back for acks, and how long after a request the HTTP side counts as busy; see WorkQueue. */
export const MAX_DEFER_MS = 2_000;
export const QUIET_MS = 10;

export interface WorkQueueOptions {
  concurrency: number;
  logger: Logger;
  maxDeferMs?: number;
  quietMs?: number;
  /** The clock and timer (tests pass fakes). */
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
}

export const createWorkQueue = ({ concurrency, logger, maxDeferMs = MAX_DEFER_MS, quietMs = QUIET_MS, now = Date.now, setTimer = setTimeout }: WorkQueueOptions): WorkQueue => {
  let running = 0;
  const waiters: (() => void)[] = [];
  let active = 0;
  let unacked = 0;
  let lastBusy = -Infinity;
  const queue: { since: number; start: () => void }[] = [];
  let timer: unknown = null;

  /** Starts waiting work from the head of the queue while the rules allow; called whenever one may have changed. */
  const pump = () => {
    while (queue.length > 0 && active < concurrency) {
      const at = now();
      const quietIn = unacked > 0 ? quietMs : lastBusy + quietMs - at;
      const overdueIn = queue[0]!.since + maxDeferMs - at;
      if (quietIn > 0 && overdueIn > 0) {
        // Look again once it may be quiet (an answered ack also looks again) or the head is overdue.
        if (timer === null) {
          timer = setTimer(() => {
            timer = null;
            pump();
          }, Math.min(quietIn, overdueIn));
        }
        return;
      }
      active++;
      queue.shift()!.start();
    }
  };

  return {
    run(what, work) {
      running++;
      void work()
        .catch((error: unknown) => logger.error({ what, err: errorMessage(error) }, 'slack: work after the ack failed'))
        .finally(() => {
          running--;
          if (running === 0) for (const resolve of waiters.splice(0)) resolve();
        });
    },
    async limit(work) {
      await new Promise<void>((resolve) => {
        queue.push({ since: now(), start: resolve });
        pump();
      });
      try {
        return await work();
      } finally {
        active--;
        pump();
      }
    },
    awaitingAck() {
      unacked++;
      lastBusy = now();
      let answered = false;
      return () => {
        if (answered) return;
        answered = true;
        unacked--;
        lastBusy = now();
        pump();
      };
    },
    idle: () => (running === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
};
