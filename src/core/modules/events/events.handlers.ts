import type { Db } from '../../../db/database.js';
import { eventMirrors } from '../../../db/schema/index.js';
import { eq } from 'drizzle-orm';
import { handleJob } from '../../jobs.js';
import { eventMirrorJob } from './events.jobs.js';
import { mirrorNow } from './events.usecases.js';

const teamOf = async ({ mirrorId }: { mirrorId: number }, db: Db) => (await db.select({ teamId: eventMirrors.teamId }).from(eventMirrors).where(eq(eventMirrors.id, mirrorId)))[0]?.teamId ?? null;

export const eventJobHandlers = [handleJob(eventMirrorJob, { teamOf, run: mirrorNow })];
