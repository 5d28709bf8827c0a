import type { Db } from '../../../db/database.js';
import { handleJob } from '../../jobs.js';
import { followupAskJob, followupExpireJob } from './followups.jobs.js';
import { getFollowup } from './followups.repository.js';
import { askNow, expireNow } from './followups.usecases.js';

const teamOf = async ({ followupId }: { followupId: number }, db: Db) => (await getFollowup({ db, followupId }))?.teamId ?? null;

export const followupJobHandlers = [
  handleJob(followupAskJob, { teamOf, run: async ({ followupId, askAt, intended }, { db, now }) => askNow({ db, now, followupId, askAt: new Date(askAt), intended: new Date(intended ?? askAt) }) }),
  handleJob(followupExpireJob, { teamOf, run: async ({ followupId, askAt }, { db, now }) => expireNow({ db, now, followupId, askAt: new Date(askAt) }) }),
];
