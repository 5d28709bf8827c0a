import type { Clock } from './ports.js';

/**
 * A clock that follows real time from a movable offset (`advanceTo` jumps it ahead), or stands still
 * when frozen. The console's simulated time and the tests use it; production uses `systemClock`.
 */
export interface ControllableClock extends Clock {
  /** Moves the clock to `instant` (never backwards). */
  advanceTo(instant: Date): void;
  readonly frozen: boolean;
}

export const createControllableClock = ({ start, frozen, realNow = () => Date.now() }: { start?: Date; frozen: boolean; realNow?: () => number }): ControllableClock => {
  const startedAt = realNow();
  let offset = start ? start.getTime() - startedAt : 0;
  let fixed = start?.getTime() ?? startedAt;
  const now = () => new Date(frozen ? fixed : realNow() + offset);
  return {
    frozen,
    now,
    advanceTo(instant) {
      const target = instant.getTime();
      if (target <= now().getTime()) return;
      if (frozen) fixed = target;
      else offset = target - realNow();
    },
  };
};
