import { handleJob } from '../../jobs.js';
import { teamsManagedBy } from '../teams/teams.repository.js';
import { briefJob } from './briefs.jobs.js';
import { runBrief } from './briefs.usecases.js';

export const briefHandler = handleJob(briefJob, {
  // A brief that keeps failing is told to the team whose working time it follows.
  teamOf: async ({ personId }, db) => (await teamsManagedBy({ db, personId }))[0]?.id ?? null,
  run: async ({ personId }, { db, now }) => runBrief({ db, now, personId }),
});

export const briefJobHandlers = [briefHandler];
