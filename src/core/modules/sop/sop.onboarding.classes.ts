import type { Db } from '../../../db/database.js';
import type { PersonRow, TeamRow } from '../../identity.js';

/**
 * THE HOOK FOR TRAININGS (issue 15, part 3): "plus invitations to the next onboarding classes". Trainings are
 * built in another module; at merge this function invites the newcomer to the next class of each onboarding
 * step of kind 'class' (`onboarding_steps.class_ref` names the class or series), using that module's use
 * cases. It runs once per team and person, inside the transaction that starts their onboarding, after their
 * tasks exist. Until then a team cannot add class steps, so there is nothing to invite to.
 */
export const inviteToOnboardingClasses = async (_join: { db: Db; now: Date; team: TeamRow; person: PersonRow; classRefs: readonly string[] }): Promise<void> => {};
