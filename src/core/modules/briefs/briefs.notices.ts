import { z } from 'zod';
import { defineNoticeCheck } from '../../notices.js';
import { isManager } from './briefs.repository.js';

/** A brief held for the manager's working time is dropped if they manage no team by the time it goes. */
export const stillManager = defineNoticeCheck({
  name: 'briefs.still_manager',
  args: z.object({ personId: z.number().int() }),
  check: async ({ personId }, { db }) => ((await isManager({ db, personId })) ? { fresh: true } : { fresh: false, reason: 'not_manager' }),
});

export const briefsNotices = [stillManager.check];
