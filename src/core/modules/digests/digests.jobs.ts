import { z } from 'zod';
import { declareJob } from '../../jobs.js';

/**
 * A team's weekly digest (`digest-job:<team>:<moment>`): posts the week's digest (or, with review on, only
 * an approved one) and plans the next. Found late after downtime it still posts, once: the week's report is
 * worth more late than never, and the digests row keeps it to one per week.
 */
export const digestPostJob = declareJob({
  kind: 'digests.post',
  payload: z.object({ teamId: z.number().int().positive() }),
  missed: { policy: 'once', afterMs: 15 * 60_000 },
});

/** The draft to the managers, the working day before a reviewed digest (`digest-review-job:<team>:<moment>`). */
export const digestReviewJob = declareJob({
  kind: 'digests.review',
  payload: z.object({ teamId: z.number().int().positive(), dueAt: z.string().datetime() }),
  missed: { policy: 'once', afterMs: 15 * 60_000 },
});

export const digestJobPrefix = (teamId: number) => `digest-job:${teamId}:`;
export const digestJobKey = (teamId: number, at: Date) => `${digestJobPrefix(teamId)}${at.toISOString()}`;
export const reviewJobPrefix = (teamId: number) => `digest-review-job:${teamId}:`;
export const reviewJobKey = (teamId: number, at: Date) => `${reviewJobPrefix(teamId)}${at.toISOString()}`;
