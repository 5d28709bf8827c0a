import { enqueueDm } from '../../deliveries.js';
import { handleJob } from '../../jobs.js';
import { getTeam } from '../teams/teams.repository.js';
import { zoneAskJob, zoneAskKey } from './people.jobs.js';
import { zoneAskMessage } from './people.messages.js';
import { zoneStillUnknown } from './people.notices.js';
import { getPeople } from './people.repository.js';

export const zoneAskHandler = handleJob(zoneAskJob, {
  teamOf: async ({ teamId }) => teamId,
  run: async ({ personId, teamId }, { db, now }) => {
    const [person] = await getPeople({ db, ids: [personId] });
    const team = await getTeam({ db, teamId });
    // Told us meanwhile (`/obm me zone`), or unreachable now: nothing to ask.
    if (!person || !team || person.zone !== null || !person.dmReachable) return;
    await enqueueDm({
      db,
      person,
      team,
      message: zoneAskMessage({ team, at: now }),
      dedupeKey: zoneAskKey(person.id),
      notBefore: now,
      notice: { subject: `person:${person.id}:zone`, nature: 'news', check: zoneStillUnknown.spec({ personId: person.id }) },
    });
  },
});

export const peopleJobHandlers = [zoneAskHandler];
