import type { Database } from '../../db/database.js';
import type { BotModule } from '../commands.js';
import type { JobHandler } from '../jobs.js';
import { briefJobHandlers } from './briefs/briefs.handlers.js';
import { briefsModule } from './briefs/briefs.module.js';
import { planMissingBriefs } from './briefs/briefs.usecases.js';
import { eventJobHandlers } from './events/events.handlers.js';
import { eventsModule } from './events/events.module.js';
import { calendarJobHandlers } from './calendar/calendar.handlers.js';
import { calendarModule } from './calendar/calendar.commands.js';
import { calendarFeedSource } from './calendar/calendar.feed.js';
import { projectFeedSource, taskFeedSource } from './feeds/feeds.task-source.js';
import { trainingFeedSource } from './trainings/trainings.feed.js';
import type { FeedSource } from './feeds/feeds.types.js';
import { followupJobHandlers } from './followups/followups.handlers.js';
import { followupsModule } from './followups/followups.commands.js';
import { metricJobHandlers } from './metrics/metrics.handlers.js';
import { metricsModule } from './metrics/metrics.commands.js';
import { digestJobHandlers } from './digests/digests.handlers.js';
import { digestsModule } from './digests/digests.commands.js';
import { planMissingDigests } from './digests/digests.plan.js';
import { obmModule, portfolioHomeModule } from './obm/obm.commands.js';
import { peopleJobHandlers } from './people/people.handlers.js';
import { sopModule } from './sop/sop.commands.js';
import { standupJobHandlers } from './standups/standups.handlers.js';
import { standupsModule } from './standups/standups.commands.js';
import { taskJobHandlers } from './tasks/tasks.handlers.js';
import { tasksModule } from './tasks/tasks.commands.js';
import { trainingJobHandlers } from './trainings/trainings.handlers.js';
import { trainingsModule } from './trainings/trainings.commands.js';

/** Every capability of the bot; the composition root hands these to createBot. */
export const coreModules: readonly BotModule[] = [portfolioHomeModule, tasksModule, followupsModule, standupsModule, trainingsModule, calendarModule, metricsModule, digestsModule, sopModule, obmModule, briefsModule, eventsModule];
/** Every job kind's handler; use cases schedule by the declarations in `<domain>.jobs.ts`. */
export const coreJobs: readonly JobHandler[] = [...taskJobHandlers, ...followupJobHandlers, ...standupJobHandlers, ...peopleJobHandlers, ...briefJobHandlers, ...eventJobHandlers, ...calendarJobHandlers, ...metricJobHandlers, ...digestJobHandlers, ...trainingJobHandlers];
/**
 * What the calendar feeds show (GET /calendar/<token>.ics): each source gives the dated things of one kind
 * for a team's feed and for a person's. A module with dates adds its source here (feeds/feeds.types.ts).
 */
export const coreFeedSources: readonly FeedSource[] = [taskFeedSource, projectFeedSource, trainingFeedSource, calendarFeedSource];

/**
 * What each start-up does once, after the migrations and before the scheduler: plans the work a release
 * added for rows that already exist (the daily brief of managers from before it). Idempotent, so every
 * process of a deployment may run it.
 */
export const prepareModules = async ({ db, now }: { db: Database; now: Date }): Promise<void> => {
  await db.transaction((tx) => planMissingBriefs({ db: tx, now }));
  await db.transaction((tx) => planMissingDigests({ db: tx, now }));
};
