import type { Db } from '../../../db/database.js';
import { scheduleJob } from '../../jobs.js';
import { zoneAskJob, zoneAskKey } from './people.jobs.js';
import { nextWorkingMoment } from '../../working-time.js';
import { loadWorkingTime } from '../../recipient-time.js';
import type { PersonRow, TeamRow } from '../../identity.js';

export interface ZoneAskDeps {
  db: Db;
  now: Date;
  /** The team whose schedule reaches the person: its zone is the one used until they answer. */
  team: TeamRow;
  /** As loaded in the caller's transaction: a zone set a moment ago counts. */
  person: PersonRow;
}

/**
 * Something is being scheduled for a person whose platform shares no zone (Discord, the console): ask them
 * once which zone they are in, saying that the team's is used meanwhile. Call it wherever a module plans
 * work at a person's hour. A person with a zone, or whom DMs cannot reach (the ask would be lost, and with
 * it the only chance), is not asked. Returns whether the question was planned just now.
 */
export const askZoneOnce = async ({ db, now, team, person }: ZoneAskDeps): Promise<boolean> => {
  if (person.zone !== null || !person.dmReachable) return false;
  const runAt = nextWorkingMoment(now, await loadWorkingTime({ db, person, team, now }));
  return scheduleJob({ db, job: zoneAskJob, payload: { personId: person.id, teamId: team.id }, runAt, dedupeKey: zoneAskKey(person.id) });
};
