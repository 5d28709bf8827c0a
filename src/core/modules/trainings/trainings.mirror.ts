import type { Db } from '../../../db/database.js';
import type { TeamRow } from '../../identity.js';
import type { OccurrenceRow, TrainingRow } from './trainings.repository.js';

export type MirrorChange = 'create' | 'move' | 'edit' | 'cancel';

/**
 * Every change to an occurrence's time, title, length, link or status passes here, in the transaction of
 * the change, so a platform's native calendar (Discord's Guild Scheduled Events) can follow it.
 * TODO(lead): wire `requestEventMirror` here at merge (issue 14, part 5); a no-op until then.
 */
export const mirrorOccurrence = async (_change: { db: Db; now: Date; team: TeamRow; training: TrainingRow; occurrence: OccurrenceRow; change: MirrorChange }): Promise<void> => {};
