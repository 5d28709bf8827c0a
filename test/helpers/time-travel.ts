import type { createControllableClock } from '../../src/core/clock.js';
import type { Scheduler } from '../../src/core/ports.js';

/** Moving a test's clock with the scheduler in step, as the console's `:advance` does. */
export const timeTravel = ({ clock, scheduler }: { clock: ReturnType<typeof createControllableClock>; scheduler: Pick<Scheduler, 'nextDueAt' | 'runDue'> }) => ({
  /** A second passes (the platforms' pacing allows about one message a second per channel), then the outbox runs. */
  deliver: async () => {
    clock.advanceTo(new Date(clock.now().getTime() + 1_000));
    await scheduler.runDue(clock.now());
  },
  /** Moves the clock to `iso`, running due jobs and deliveries in time order as it passes (a day of standups). */
  advanceTo: async (iso: string) => {
    const target = new Date(iso);
    // Bounded, so a delivery that stays due without going out fails the test instead of hanging it.
    for (let next = await scheduler.nextDueAt(), steps = 0; next && next <= target; next = await scheduler.nextDueAt(), steps++) {
      if (steps > 1_000) throw new Error(`advanceTo ${iso}: work due at ${next.toISOString()} does not go out`);
      if (next > clock.now()) clock.advanceTo(next);
      await scheduler.runDue(clock.now());
    }
    clock.advanceTo(target);
    await scheduler.runDue(clock.now());
  },
});
