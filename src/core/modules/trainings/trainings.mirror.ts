import type { Db } from '../../../db/database.js';
import { t } from '../../i18n/catalog.js';
import type { TeamRow } from '../../identity.js';
import { occurrenceEventSpec } from '../events/events.limits.js';
import { requestEventMirror } from '../events/events.usecases.js';
import type { OccurrenceRow, TrainingRow } from './trainings.repository.js';

export type MirrorChange = 'create' | 'move' | 'edit' | 'cancel';

/** One native event per occurrence, never a recurrence rule (Discord's cannot end): the key names the occurrence. */
export const occurrenceSubject = (occurrence: Pick<OccurrenceRow, 'id'>) => `training-occurrence:${occurrence.id}`;

/**
 * Every change to an occurrence's time, title, length, link or status passes here, in the transaction of
 * the change, so a platform's native calendar (Discord's Guild Scheduled Events) follows it. The events
 * module keeps the desired state and a job brings the platform in line; where the platform has no such
 * calendar (Slack, the console) the mirror is recorded as unsupported and nothing else happens.
 */
export const mirrorOccurrence = async ({ db, now, team, occurrence, change }: { db: Db; now: Date; team: TeamRow; training: TrainingRow; occurrence: OccurrenceRow; change: MirrorChange }): Promise<void> => {
  const subjectKey = occurrenceSubject(occurrence);
  if (change === 'cancel' || occurrence.status === 'cancelled') {
    await requestEventMirror({ db, now, teamId: team.id, subjectKey, spec: { cancelled: true } });
    return;
  }
  // Discord's "Interested" is not an answer: the description sends people to the buttons in the channel.
  const description = t(team.locale, 'trainings.event_description');
  await requestEventMirror({ db, now, teamId: team.id, subjectKey, spec: occurrenceEventSpec({ title: occurrence.title, description, start: occurrence.startsAt, durationMinutes: occurrence.durationMinutes, link: occurrence.link }) });
};
