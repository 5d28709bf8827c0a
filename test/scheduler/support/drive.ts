import type { ControllableClock } from '../../../src/core/clock.js';
import type { Scheduler } from '../../../src/core/ports.js';

/**
 * Moves a frozen clock forward to `until`, stopping at every moment work falls due and running it, like
 * the console's `:advance`. Bounded, so a scheduler that leaves due work behind fails the test instead
 * of hanging it.
 */
export const driveUntil = async ({ scheduler, clock, until, maxStops = 200 }: { scheduler: Scheduler; clock: ControllableClock; until: Date; maxStops?: number }) => {
  await scheduler.runDue(clock.now());
  for (let stops = 0; ; stops++) {
    const next = await scheduler.nextDueAt();
    if (!next || next > until) break;
    if (stops >= maxStops) throw new Error(`still due work at ${next.toISOString()} after ${maxStops} stops`);
    clock.advanceTo(next);
    await scheduler.runDue(clock.now());
  }
  clock.advanceTo(until);
  await scheduler.runDue(clock.now());
};
