import type { Db } from '../../../db/database.js';
import { handleJob } from '../../jobs.js';
import { metricNudgeJob } from './metrics.jobs.js';
import { nudgeNow } from './metrics.nudge.js';
import { getMetric } from './metrics.repository.js';

const teamOf = async ({ metricId }: { metricId: number }, db: Db) => (await getMetric({ db, metricId }))?.teamId ?? null;

export const metricJobHandlers = [handleJob(metricNudgeJob, { teamOf, run: async ({ metricId, period }, { db, now }) => nudgeNow({ db, now, metricId, period }) })];
