/** What the composition root and the console drive; implemented in scheduler.ts. */
export interface Scheduler {
  /**
   * Runs every job and sends every delivery due at or before `now`, earliest first batch by batch (jobs of
   * one batch run concurrently; messages to one target always go in the order they were written), until
   * none is left.
   */
  runDue(now: Date): Promise<void>;
  /** The earliest pending job `run_at` or delivery `not_before`, or null when nothing is pending. */
  nextDueAt(): Promise<Date | null>;
  /** Starts ticking on the real clock (node-cron) every `tickSeconds`. */
  start(): void;
  /** Stops ticking and waits for the tick in progress. */
  stop(): Promise<void>;
}
