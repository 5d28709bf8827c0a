import type { Db } from '../../../db/database.js';
import { handleJob } from '../../jobs.js';
import { standupAskJob, standupDeadlineJob, standupNudgeJob, standupReportJob } from './standups.jobs.js';
import { getStandup } from './standups.repository.js';
import { reportNow } from './standups.report.js';
import { askNow, deadlineNow, nudgeNow } from './standups.scheduling.js';

const teamOf = async ({ standupId }: { standupId: number }, db: Db) => (await getStandup({ db, standupId }))?.teamId ?? null;

export const standupJobHandlers = [
  handleJob(standupAskJob, { teamOf, run: async ({ standupId, personId, date }, { db, now, runAt }) => askNow({ db, now, standupId, personId, date, runAt }) }),
  handleJob(standupNudgeJob, { teamOf, run: async ({ standupId, personId, date }, { db, now, runAt }) => nudgeNow({ db, now, standupId, personId, date, runAt }) }),
  handleJob(standupDeadlineJob, { teamOf, run: async ({ standupId, personId, date }, { db, now }) => deadlineNow({ db, now, standupId, personId, date }) }),
  handleJob(standupReportJob, { teamOf, run: async ({ standupId, date }, { db, now }) => reportNow({ db, now, standupId, date }) }),
];
