import { z } from 'zod';
import { declareJob } from '../../jobs.js';

/** The scheduled work of follow-ups, as the use cases see it; `followups.handlers.ts` runs it. */

const payload = z.object({ followupId: z.number().int().positive(), askAt: z.iso.datetime() });

/**
 * Asks the person (`followup-ask:<id>:<askAt>`). Late after downtime it still asks, once, saying it is
 * late; outside their working time it waits for the next working moment instead, remembering the moment
 * it was meant for (`intended`) so the question can say since when it is late.
 */
export const followupAskJob = declareJob({
  kind: 'followup.ask',
  payload: payload.extend({ intended: z.iso.datetime().optional() }),
  missed: { policy: 'once', afterMs: 15 * 60_000 },
});

/**
 * The end of the person's working day after an ask (`followup-expire:<id>:<askedAt>`): no answer, tell the
 * requester. Run again later (`…:<moment>`) when the question had not gone yet, or to keep one window apart.
 */
export const followupExpireJob = declareJob({ kind: 'followup.expire', payload, missed: { policy: 'once', afterMs: 15 * 60_000 } });
