import { classSopLine } from './trainings.sop.js';
import type { Db } from '../../../db/database.js';
import { enqueueDm, enqueuePost } from '../../deliveries.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import type { Message } from '../../messages.js';
import type { NoticeCheckSpec } from '../../notices.js';
import { zoneOf, type View } from '../../view.js';
import { announcement } from './trainings.messages.js';
import { trainingNews } from './trainings.notices.js';
import { rsvpsOf, type OccurrenceRow, type TrainingRow } from './trainings.repository.js';

/**
 * Every message about a class goes out here: DMs are about `training:<occurrence id>` and carry the
 * re-check of the state they announce; channel posts name the start they were written for.
 */

export const teamView = (team: TeamRow, now: Date): View => ({ locale: team.locale, zone: team.zone, now });
export const personView = (team: TeamRow, person: PersonRow, now: Date): View => ({ locale: team.locale, zone: zoneOf(person, team), now });

export const newsCheck = (occurrence: OccurrenceRow): NoticeCheckSpec =>
  trainingNews.spec({ occurrenceId: occurrence.id, startsAt: occurrence.startsAt.toISOString(), status: occurrence.status });

export const dmAboutClass = ({ db, now, team, occurrence, person, message, tag, check, urgent = false }: { db: Db; now: Date; team: TeamRow; occurrence: OccurrenceRow; person: PersonRow; message: Message; tag: string; check: NoticeCheckSpec; urgent?: boolean }) =>
  enqueueDm({ db, person, team, message, dedupeKey: `dm:${person.id}:training:${occurrence.id}:${tag}`, notBefore: now, notice: { subject: `training:${occurrence.id}`, nature: 'news', urgent, check } });

export const postAboutClass = ({ db, now, team, occurrence, message, tag }: { db: Db; now: Date; team: TeamRow; occurrence: OccurrenceRow; message: Message; tag: string }) =>
  enqueuePost({ db, team, message, dedupeKey: `post:${team.id}:training:${occurrence.id}:${tag}`, notBefore: now });

/** The announcement, as the answers stand now; `lead` says why it comes again (moved, changed). */
export const announce = async ({ db, now, team, training, occurrence, lead, tag }: { db: Db; now: Date; team: TeamRow; training: TrainingRow; occurrence: OccurrenceRow; lead?: string; tag: string }) => {
  const rsvps = await rsvpsOf({ db, occurrenceId: occurrence.id });
  const sopLine = await classSopLine({ db, training, locale: team.locale });
  const message = announcement({ training, occurrence, rsvps, view: teamView(team, now), sopLine, ...(lead ? { lead } : {}) });
  await postAboutClass({ db, now, team, occurrence, message, tag });
};
