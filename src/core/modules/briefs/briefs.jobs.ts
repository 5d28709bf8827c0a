import { z } from 'zod';
import { declareJob } from '../../jobs.js';

/** The scheduled work of the daily brief, as the use cases see it; `briefs.handlers.ts` runs it. */

/**
 * One manager's brief, at the start of their working day. Each run plans the next, so a manager has one
 * chain; late after downtime it still runs once (the brief covers everything since the last one anyway).
 */
export const briefJob = declareJob({
  kind: 'briefs.daily',
  payload: z.object({ personId: z.number().int().positive() }),
  missed: { policy: 'once', afterMs: 15 * 60_000 },
});

/** Every brief of one person shares this prefix: "is one pending?" and "re-plan" look them up by it. */
export const briefKeyPrefix = (personId: number) => `brief:${personId}:`;

/**
 * One occurrence per planned instant. Keyed by the instant, not the day: a run that finds the person's day
 * starts later (hours changed) plans the same day again under a new key rather than colliding with itself.
 */
export const briefKey = (personId: number, runAt: Date) => `${briefKeyPrefix(personId)}${runAt.toISOString()}`;
