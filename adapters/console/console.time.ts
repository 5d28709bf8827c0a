import type { ControllableClock } from '../../src/core/clock.js';
import type { Scheduler } from '../../src/core/ports.js';

/**
 * Moves the simulated clock to `target`, stopping at every moment work falls due on the way, so jobs run
 * in time order and each sees the time it was due (a reminder at 09:00 goes out at 09:00, and what it
 * schedules for 09:30 runs before anything due at 10:00).
 * `onStop` is told each moment the clock stops at, before the work due then runs.
 */
export const advanceClock = async ({ clock, scheduler, target, onStop }: { clock: ControllableClock; scheduler: Scheduler; target: Date; onStop?: (at: Date) => void }): Promise<void> => {
  let lastRun = Number.NEGATIVE_INFINITY;
  for (let next = await scheduler.nextDueAt(); next && next.getTime() <= target.getTime(); next = await scheduler.nextDueAt()) {
    // runDue(now) leaves nothing due at or before `now`; if something still is, it cannot run (a stuck
    // lease, a paused workspace) and stopping here again would loop forever.
    if (next.getTime() <= lastRun) break;
    clock.advanceTo(next);
    const now = clock.now();
    onStop?.(now);
    await scheduler.runDue(now);
    lastRun = now.getTime();
  }
  clock.advanceTo(target);
  const now = clock.now();
  onStop?.(now);
  await scheduler.runDue(now);
};
