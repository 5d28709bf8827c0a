import { z } from 'zod';
import { declareJob } from '../../jobs.js';

/** The scheduled work of standups, as the use cases see it; `standups.handlers.ts` runs it. */

const day = z.object({ standupId: z.number().int().positive(), personId: z.number().int().positive(), date: z.iso.date() });

// The deadline is at most a day after the question (both are clock times of one local date), so a question or
// reminder found more than a day late is always past it. Within that day the handlers check the participant's
// own deadline, which differs per standup: that is the real window.
const WITHIN_A_DAY = { policy: 'skip', afterMs: 24 * 60 * 60_000 } as const;

/**
 * The question, on a participant's standup day at the standup's time in their zone
 * (`standup:<standup>:<person>:<local date>`). Missed: `skip` once the participant's deadline has passed;
 * before it, asked late, saying so.
 */
export const standupAskJob = declareJob({
  kind: 'standup.ask',
  payload: day,
  missed: WITHIN_A_DAY,
});

/** The one reminder before the deadline (`standup-nudge:…`). Missed: `skip` once the deadline has passed. */
export const standupNudgeJob = declareJob({
  kind: 'standup.nudge',
  payload: day,
  missed: WITHIN_A_DAY,
});

/**
 * A participant's deadline (`standup-deadline:…`): marks a missing answer missed and plans their next standup
 * day. Missed: `once`, always, since it carries the chain; after downtime it plans the first day still ahead.
 */
export const standupDeadlineJob = declareJob({
  kind: 'standup.deadline',
  payload: day,
  missed: { policy: 'once', afterMs: 15 * 60_000 },
});

/**
 * The day's report, once the last participant's deadline has passed (`standup-report:<standup>:<date>`).
 * Missed: `once`: the report of a day that had questions still goes, once, late.
 */
export const standupReportJob = declareJob({
  kind: 'standup.report',
  payload: z.object({ standupId: z.number().int().positive(), date: z.iso.date() }),
  missed: { policy: 'once', afterMs: 15 * 60_000 },
});
