import { handleJob } from '../../jobs.js';
import { calendarRemindJob } from './calendar.jobs.js';
import { entryTeam, remindNow } from './calendar.usecases.js';

export const calendarJobHandlers = [
  handleJob(calendarRemindJob, { teamOf: async ({ entryId }, db) => entryTeam({ db, entryId }), run: async (payload, { db, now }) => remindNow({ db, now, ...payload }) }),
];
