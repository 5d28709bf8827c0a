import { z } from 'zod';
import { declareJob } from '../../jobs.js';

/**
 * The owner's reminder of a period's missing value (`metric-nudge-job:<metric>:<period>`), at the start of
 * the working day before the digest that reports it. Missed: `once`, always, since it plans the next
 * period's; the handler itself sends nothing once that digest has gone.
 */
export const metricNudgeJob = declareJob({
  kind: 'metrics.nudge',
  payload: z.object({ metricId: z.number().int().positive(), period: z.string().min(1) }),
  missed: { policy: 'once', afterMs: 15 * 60_000 },
});

export const nudgeJobKey = (metricId: number, period: string) => `metric-nudge-job:${metricId}:${period}`;
export const nudgeJobPrefix = (metricId: number) => `metric-nudge-job:${metricId}:`;
