import type { Db } from '../../../db/database.js';
import { t, type Locale } from '../../i18n/catalog.js';
import { formatLocalDate } from '../../time.js';
import { zoneOf, type View } from '../../view.js';
import type { StandupRow } from './standups.repository.js';
import type { PersonRow, TeamRow } from '../../identity.js';

/**
 * What every standup use case shares: the one dependencies object, and how a standup, a standup day and a
 * reader's view are put in words. The rules themselves live in `standups.settings.ts` (setup and changes),
 * `standups.scheduling.ts` (the standup day's jobs), `standups.answers.ts`, `standups.report.ts` and
 * `standups.blockers.ts`.
 */

export interface StandupDeps {
  db: Db;
  now: Date;
}

export const MINUTE_MS = 60_000;

/**
 * What every message about one standup day is about, per person (the window allows one DM about it per
 * person per window) and in the channel. A blocker is a subject of its own: it is news about someone else.
 */
export const standupSubject = (standupId: number, date: string): string => `standup:${standupId}:${date}`;
export const blockerSubject = (standupId: number, date: string, personId: number): string => `standup:${standupId}:${date}:blocker:${personId}`;

export const titleOf = (standup: StandupRow, locale: Locale): string => standup.name ?? t(locale, 'standups.default_name');

export const viewOf = (person: PersonRow | undefined, team: TeamRow, now: Date): View => ({ locale: team.locale, zone: zoneOf(person, team), now });

export const dateText = (date: string, team: TeamRow, now: Date): string => formatLocalDate(date, team.locale, { now, zone: team.zone });
