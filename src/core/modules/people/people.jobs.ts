import { z } from 'zod';
import { declareJob } from '../../jobs.js';

/** The scheduled work of the people module, as the use cases see it; `people.handlers.ts` runs it. */

/**
 * The zone question goes out at the person's next working moment (in the team's zone, the best guess there
 * is, and after an absence), as a job rather than a held DM: a held DM would hold back every later DM to them.
 */
export const zoneAskJob = declareJob({
  kind: 'people.zone_ask',
  payload: z.object({ personId: z.number().int().positive(), teamId: z.number().int().positive() }),
  missed: { policy: 'once', afterMs: 15 * 60_000 },
});

/** One key per person, ever (the job's and the DM's): a retry, a second process or a second team asks nothing more. */
export const zoneAskKey = (personId: number) => `zone-ask:${personId}`;
