import { z } from 'zod';
import { declareJob } from '../../jobs.js';

/**
 * The scheduled work of trainings. Every key names the start it was planned for, so a moved class plans
 * new keys and the old jobs (cancelled, and re-checked against the start when they run) never act.
 */

/** One reminder to one person; offset 0 is the one at the start, with the join link. */
export const trainingRemindJob = declareJob({
  kind: 'training.remind',
  payload: z.object({ occurrenceId: z.number().int().positive(), personId: z.number().int().positive(), offset: z.number().int().min(0), startsAt: z.iso.datetime() }),
  missed: { policy: 'once', afterMs: 15 * 60_000 },
});

export const remindKey = (occurrenceId: number, startsAt: Date, personId: number, offset: number) => `training-remind:${occurrenceId}:${startsAt.toISOString()}:${personId}:${offset}`;
export const remindPrefix = (occurrenceId: number) => `training-remind:${occurrenceId}:`;

/** A class starts: a recurring one's next occurrence appears and is announced. */
export const trainingStartJob = declareJob({
  kind: 'training.start',
  payload: z.object({ occurrenceId: z.number().int().positive(), startsAt: z.iso.datetime() }),
  missed: { policy: 'once', afterMs: 7 * 86_400_000 },
});

export const startKey = (occurrenceId: number, startsAt: Date) => `training-start:${occurrenceId}:${startsAt.toISOString()}`;

/** A class ended: the after-class message with its "I attended" button goes to the channel. */
export const trainingEndJob = declareJob({
  kind: 'training.end',
  payload: z.object({ occurrenceId: z.number().int().positive(), startsAt: z.iso.datetime() }),
  missed: { policy: 'once', afterMs: 86_400_000 },
});

export const endKey = (occurrenceId: number, startsAt: Date) => `training-end:${occurrenceId}:${startsAt.toISOString()}`;
export const occurrenceJobsPrefix = (occurrenceId: number) => [`training-remind:${occurrenceId}:`, `training-start:${occurrenceId}:`, `training-end:${occurrenceId}:`];
