import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { trainingOccurrences, trainings } from '../../../db/schema/index.js';
import type { TeamRow } from '../../identity.js';
import { cancelJobs } from '../../jobs.js';
import { remindPrefix } from './trainings.jobs.js';
import { planReminders, remindedPeople } from './trainings.schedule.js';

/** New offsets apply to every class to come: their pending reminders are planned again. */
export const replanTeamReminders = async ({ db, now, team }: { db: Db; now: Date; team: TeamRow }) => {
  const rows = await db
    .select({ training: trainings, occurrence: trainingOccurrences })
    .from(trainingOccurrences)
    .innerJoin(trainings, eq(trainings.id, trainingOccurrences.trainingId))
    .where(and(eq(trainings.teamId, team.id), eq(trainingOccurrences.status, 'scheduled'), gt(trainingOccurrences.startsAt, now)));
  for (const { training, occurrence } of rows) {
    await cancelJobs({ db, dedupeKeyPrefix: remindPrefix(occurrence.id) });
    await planReminders({ db, now, team, occurrence, people: await remindedPeople({ db, training, occurrence }) });
  }
};
