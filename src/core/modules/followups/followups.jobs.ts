import { z } from 'zod';
import { defineJob } from '../../jobs.js';
import { getFollowup } from './followups.repository.js';
import { askNow, expireNow } from './followups.usecases.js';

const payload = z.object({ followupId: z.number().int().positive(), askAt: z.iso.datetime() });

const teamOf = async ({ followupId }: { followupId: number }, db: Parameters<typeof getFollowup>[0]['db']) =>
  (await getFollowup({ db, followupId }))?.teamId ?? null;

/**
 * Asks the person (`followup-ask:<id>:<askAt>`). Late after downtime it still asks, once, saying it is
 * late; outside their working time it waits for the next working moment instead.
 */
export const followupAskJob = defineJob({
  kind: 'followup.ask',
  payload,
  missed: { policy: 'once', afterMs: 15 * 60_000 },
  teamOf,
  run: async ({ followupId, askAt }, { db, now, late }) => askNow({ db, now, followupId, askAt: new Date(askAt), late }),
});

/** The end of the person's working day after an ask (`followup-expire:<id>:<askedAt>`): no answer, tell the requester. */
export const followupExpireJob = defineJob({
  kind: 'followup.expire',
  payload,
  missed: { policy: 'once', afterMs: 15 * 60_000 },
  teamOf,
  run: async ({ followupId, askAt }, { db, now }) => expireNow({ db, now, followupId, askAt: new Date(askAt) }),
});

export const followupJobs = [followupAskJob, followupExpireJob];
