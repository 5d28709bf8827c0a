import { trainingInvitees } from '../../../db/schema/index.js';
import type { Db } from '../../../db/database.js';
import { t } from '../../i18n/catalog.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import { announcement } from './trainings.messages.js';
import { classSopLine } from './trainings.sop.js';
import { dmAboutClass, newsCheck, personView } from './trainings.notify.js';
import { getTraining, latestOccurrence, rsvpsOf } from './trainings.repository.js';

/**
 * Invites one person to a class's next meeting (an onboarding step): they join its invitees, so its
 * reminders reach them, and get the announcement by DM with its RSVP buttons, in their own zone. Nothing
 * when the class was cancelled or has no meeting to come; invited twice, once.
 */
export const inviteToNextClass = async ({ db, now, team, person, trainingId }: { db: Db; now: Date; team: TeamRow; person: PersonRow; trainingId: number }): Promise<boolean> => {
  const training = await getTraining({ db, id: trainingId });
  if (!training || training.teamId !== team.id || training.status !== 'active') return false;
  const occurrence = await latestOccurrence({ db, trainingId: training.id });
  if (!occurrence || occurrence.status !== 'scheduled' || occurrence.startsAt <= now) return false;
  if (!training.everyone) await db.insert(trainingInvitees).values({ trainingId: training.id, personId: person.id }).onConflictDoNothing();
  const view = personView(team, person, now);
  const message = announcement({ training, occurrence, rsvps: await rsvpsOf({ db, occurrenceId: occurrence.id }), view, sopLine: await classSopLine({ db, training, locale: view.locale }), lead: t(view.locale, 'trainings.onboarding_invite', { name: person.displayName }) });
  await dmAboutClass({ db, now, team, occurrence, person, message, tag: 'onboarding-invite', check: newsCheck(occurrence) });
  return true;
};
