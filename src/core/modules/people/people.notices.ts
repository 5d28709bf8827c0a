import { z } from 'zod';
import { defineNoticeCheck } from '../../notices.js';
import { getPeople } from './people.repository.js';

/** The zone question still makes sense only while the person has not told us their zone. */
export const zoneStillUnknown = defineNoticeCheck({
  name: 'people.zone_unknown',
  args: z.object({ personId: z.number().int() }),
  check: async ({ personId }, { db }) => {
    const [person] = await getPeople({ db, ids: [personId] });
    return person && person.zone === null ? { fresh: true } : { fresh: false, reason: 'zone_known' };
  },
});

/** A notice that someone's DMs are closed is stale once a DM reached them again. */
export const stillUnreachable = defineNoticeCheck({
  name: 'people.unreachable',
  args: z.object({ personId: z.number().int() }),
  check: async ({ personId }, { db }) => {
    const [person] = await getPeople({ db, ids: [personId] });
    return person && !person.dmReachable ? { fresh: true } : { fresh: false, reason: 'reachable_again' };
  },
});

export const peopleNotices = [zoneStillUnknown.check, stillUnreachable.check];
