import { classSopLine } from './trainings.sop.js';
import type { Db } from '../../../db/database.js';
import { enqueueDm } from '../../deliveries.js';
import { handleJob } from '../../jobs.js';
import { getPeople } from '../people/people.repository.js';
import { getTeam } from '../teams/teams.repository.js';
import { trainingEndJob, trainingRemindJob, trainingStartJob } from './trainings.jobs.js';
import { afterClassMessage, reminderMessage } from './trainings.messages.js';
import { trainingReminder } from './trainings.notices.js';
import { personView, postAboutClass, teamView } from './trainings.notify.js';
import { getOccurrenceForUpdate, getTraining } from './trainings.repository.js';
import { isReminded } from './trainings.schedule.js';
import { materializeNext } from './trainings.usecases.js';

const teamOfOccurrence = async ({ occurrenceId }: { occurrenceId: number }, db: Db) => {
  const occurrence = await getOccurrenceForUpdate({ db, id: occurrenceId });
  return occurrence ? ((await getTraining({ db, id: occurrence.trainingId }))?.teamId ?? null) : null;
};

/** Loads what a job is about; null when the class is gone, cancelled or moved off the start the job was planned for. */
const loadCurrent = async (db: Db, occurrenceId: number, startsAt: string, { cancelledToo = false } = {}) => {
  const occurrence = await getOccurrenceForUpdate({ db, id: occurrenceId });
  if (!occurrence || occurrence.startsAt.toISOString() !== startsAt) return null;
  if (!cancelledToo && occurrence.status !== 'scheduled') return null;
  const training = (await getTraining({ db, id: occurrence.trainingId }))!;
  const team = await getTeam({ db, teamId: training.teamId });
  return team ? { occurrence, training, team } : null;
};

/** One reminder to one person, re-checked now and again when the outbox sends it. */
export const trainingRemindHandler = handleJob(trainingRemindJob, {
  teamOf: teamOfOccurrence,
  run: async ({ occurrenceId, personId, offset, startsAt }, { db, now }) => {
    const loaded = await loadCurrent(db, occurrenceId, startsAt);
    if (!loaded) return;
    const { occurrence, training, team } = loaded;
    if (!(await isReminded({ db, training, occurrence, personId }))) return;
    const [person] = await getPeople({ db, ids: [personId] });
    if (!person) return;
    await enqueueDm({
      db,
      person,
      team,
      message: reminderMessage({ occurrence, offsetMinutes: offset, view: personView(team, person, now), sopLine: await classSopLine({ db, training, locale: team.locale }) }),
      dedupeKey: `dm:${person.id}:training-remind:${occurrence.id}:${startsAt}:${offset}`,
      notBefore: now,
      // The moment was chosen for this person already (their night moved it to their evening): it goes now.
      notice: { subject: `training:${occurrence.id}`, nature: 'news', urgent: true, check: trainingReminder.spec({ occurrenceId, startsAt, offset }) },
    });
  },
});

/** A class starts: a recurring one's next occurrence appears (also after a cancelled "this one"). */
export const trainingStartHandler = handleJob(trainingStartJob, {
  teamOf: teamOfOccurrence,
  run: async ({ occurrenceId, startsAt }, { db, now }) => {
    const loaded = await loadCurrent(db, occurrenceId, startsAt, { cancelledToo: true });
    if (!loaded) return;
    await materializeNext({ db, now, team: loaded.team, training: loaded.training, previous: loaded.occurrence });
  },
});

/** A class ended: the channel is asked who attended. */
export const trainingEndHandler = handleJob(trainingEndJob, {
  teamOf: teamOfOccurrence,
  run: async ({ occurrenceId, startsAt }, { db, now }) => {
    const loaded = await loadCurrent(db, occurrenceId, startsAt);
    if (!loaded) return;
    const { occurrence, training, team } = loaded;
    await postAboutClass({ db, now, team, occurrence, tag: `ended:${startsAt}`, message: afterClassMessage({ training, occurrence, view: teamView(team, now) }) });
  },
});

export const trainingJobHandlers = [trainingRemindHandler, trainingStartHandler, trainingEndHandler];
