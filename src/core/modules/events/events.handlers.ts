import type { Db } from '../../../db/database.js';
import { handleJob } from '../../jobs.js';
import { eventMirrorJob } from './events.jobs.js';
import { mirrorTeam } from './events.repository.js';
import { mirrorNow } from './events.usecases.js';

const teamOf = async ({ mirrorId }: { mirrorId: number }, db: Db) => mirrorTeam({ db, mirrorId });

export const eventJobHandlers = [handleJob(eventMirrorJob, { teamOf, run: mirrorNow })];
