import { handleJob } from '../../jobs.js';
import { digestPostJob, digestReviewJob } from './digests.jobs.js';
import { runDigest, sendReview } from './digests.usecases.js';

const teamOf = async ({ teamId }: { teamId: number }) => teamId;

export const digestJobHandlers = [
  handleJob(digestPostJob, { teamOf, run: async ({ teamId }, { db, now, runAt, charts }) => runDigest({ db, now, charts: charts ?? null, teamId, runAt }) }),
  handleJob(digestReviewJob, { teamOf, run: async ({ teamId, dueAt }, { db, now, charts }) => sendReview({ db, now, charts: charts ?? null, teamId, dueAt: new Date(dueAt) }) }),
];
