import { describe, expect, it } from 'vitest';
import { createControllableClock } from '../../src/core/clock.js';
import type { Scheduler } from '../../src/core/ports.js';
import { advanceClock } from './console.time.js';

/** A scheduler of bare due times; running one may schedule another, as a recurring job does. */
const fakeScheduler = (due: Date[], onRun: (at: Date) => Date[] = () => []) => {
  const ran: string[] = [];
  const scheduler: Scheduler = {
    runDue: async (now) => {
      for (;;) {
        due.sort((a, b) => a.getTime() - b.getTime());
        const first = due[0];
        if (!first || first.getTime() > now.getTime()) return;
        due.shift();
        ran.push(`${first.toISOString()} at ${now.toISOString()}`);
        due.push(...onRun(first));
      }
    },
    nextDueAt: async () => [...due].sort((a, b) => a.getTime() - b.getTime())[0] ?? null,
    start: () => {},
    stop: async () => {},
  };
  return { scheduler, ran };
};

describe('advanceClock', () => {
  it('stops at every due moment on the way, in time order, then at the target', async () => {
    const clock = createControllableClock({ start: new Date('2026-11-27T08:00:00Z'), frozen: true });
    const { scheduler, ran } = fakeScheduler([new Date('2026-11-27T10:00:00Z'), new Date('2026-11-27T09:00:00Z'), new Date('2026-11-28T09:00:00Z')], (at) =>
      at.toISOString() === '2026-11-27T09:00:00.000Z' ? [new Date('2026-11-27T09:30:00Z')] : [],
    );
    const stops: string[] = [];
    await advanceClock({ clock, scheduler, target: new Date('2026-11-27T12:00:00Z'), onStop: (at) => stops.push(at.toISOString()) });
    expect(ran).toEqual([
      '2026-11-27T09:00:00.000Z at 2026-11-27T09:00:00.000Z',
      '2026-11-27T09:30:00.000Z at 2026-11-27T09:30:00.000Z',
      '2026-11-27T10:00:00.000Z at 2026-11-27T10:00:00.000Z',
    ]);
    expect(stops).toEqual(['2026-11-27T09:00:00.000Z', '2026-11-27T09:30:00.000Z', '2026-11-27T10:00:00.000Z', '2026-11-27T12:00:00.000Z']);
    expect(clock.now().toISOString()).toBe('2026-11-27T12:00:00.000Z');
  });

  it('does not loop when something due cannot run', async () => {
    const clock = createControllableClock({ start: new Date('2026-11-27T08:00:00Z'), frozen: true });
    const stuck = new Date('2026-11-27T09:00:00Z');
    const scheduler: Scheduler = { runDue: async () => {}, nextDueAt: async () => stuck, start: () => {}, stop: async () => {} };
    await advanceClock({ clock, scheduler, target: new Date('2026-11-27T10:00:00Z') });
    expect(clock.now().toISOString()).toBe('2026-11-27T10:00:00.000Z');
  });
});
