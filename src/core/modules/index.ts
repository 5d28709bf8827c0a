import type { BotModule } from '../commands.js';
import type { JobHandler } from '../jobs.js';
import { followupJobHandlers } from './followups/followups.handlers.js';
import { followupsModule } from './followups/followups.commands.js';
import { obmModule } from './obm/obm.commands.js';
import { peopleJobHandlers } from './people/people.handlers.js';
import { soonModule } from './soon/soon.commands.js';
import { standupJobHandlers } from './standups/standups.handlers.js';
import { standupsModule } from './standups/standups.commands.js';
import { taskJobHandlers } from './tasks/tasks.handlers.js';
import { tasksModule } from './tasks/tasks.commands.js';

/** Every capability of the bot; the composition root hands these to createBot. */
export const coreModules: readonly BotModule[] = [tasksModule, followupsModule, standupsModule, obmModule, soonModule];
/** Every job kind's handler; use cases schedule by the declarations in `<domain>.jobs.ts`. */
export const coreJobs: readonly JobHandler[] = [...taskJobHandlers, ...followupJobHandlers, ...standupJobHandlers, ...peopleJobHandlers];
