import { z } from 'zod';
import type { Db } from '../../../db/database.js';
import { defineJob, scheduleJob } from '../../jobs.js';
import { enqueueDelivery } from '../../outbox.js';
import { nextWorkingMoment } from '../../working-time.js';
import { getTeam, type TeamRow } from '../teams/teams.repository.js';
import { zoneAskMessage } from './people.messages.js';
import { getPeople, type PersonRow } from './people.repository.js';
import { workingTimeOf } from './people.usecases.js';

export interface ZoneAskDeps {
  db: Db;
  now: Date;
  /** The team whose schedule reaches the person: its zone is the one used until they answer. */
  team: TeamRow;
  /** As loaded in the caller's transaction: a zone set a moment ago counts. */
  person: PersonRow;
}

/** One key per person, ever (the job's and the DM's): a retry, a second process or a second team asks nothing more. */
export const zoneAskKey = (personId: number) => `zone-ask:${personId}`;

/**
 * The question goes out at the person's next working moment (in the team's zone, the best guess there is,
 * and after an absence), as a job rather than a held DM: a held DM would hold back every later DM to them.
 */
export const zoneAskJob = defineJob({
  kind: 'people.zone_ask',
  payload: z.object({ personId: z.number().int().positive(), teamId: z.number().int().positive() }),
  missed: { policy: 'once', afterMs: 15 * 60_000 },
  teamOf: async ({ teamId }) => teamId,
  run: async ({ personId, teamId }, { db, now }) => {
    const [person] = await getPeople({ db, ids: [personId] });
    const team = await getTeam({ db, teamId });
    // Told us meanwhile (`/obm me zone`), or unreachable now: nothing to ask.
    if (!person || !team || person.zone !== null || !person.dmReachable) return;
    await enqueueDelivery({
      db,
      workspaceId: team.workspaceId,
      target: { kind: 'dm', personId: person.id, userId: person.platformUserId },
      message: zoneAskMessage({ team, at: now }),
      dedupeKey: zoneAskKey(person.id),
      notBefore: now,
    });
  },
});

/**
 * Something is being scheduled for a person whose platform shares no zone (Discord, the console): ask them
 * once which zone they are in, saying that the team's is used meanwhile. Call it wherever a module plans
 * work at a person's hour. A person with a zone, or whom DMs cannot reach (the ask would be lost, and with
 * it the only chance), is not asked. Returns whether the question was planned just now.
 */
export const askZoneOnce = async ({ db, now, team, person }: ZoneAskDeps): Promise<boolean> => {
  if (person.zone !== null || !person.dmReachable) return false;
  const runAt = nextWorkingMoment(now, await workingTimeOf({ db, person, team, now }));
  return scheduleJob({ db, job: zoneAskJob, payload: { personId: person.id, teamId: team.id }, runAt, dedupeKey: zoneAskKey(person.id) });
};
