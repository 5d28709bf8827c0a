import type { Db } from '../../../db/database.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import { inviteToNextClass } from '../trainings/trainings.invite.js';

/**
 * "Plus invitations to the next onboarding classes": each class step of the path (its `class_ref` is the
 * class's id) invites the newcomer to that class's next meeting. It runs once per team and person, inside
 * the transaction that starts their onboarding, after their tasks exist.
 */
export const inviteToOnboardingClasses = async ({ db, now, team, person, classRefs }: { db: Db; now: Date; team: TeamRow; person: PersonRow; classRefs: readonly string[] }): Promise<void> => {
  for (const ref of classRefs) await inviteToNextClass({ db, now, team, person, trainingId: Number(ref) });
};
