import type { BotModule } from '../commands.js';
import type { JobDef } from '../jobs.js';
import { followupJobs, followupsModule } from './followups/followups.commands.js';
import { obmModule } from './obm/obm.commands.js';
import { peopleModule } from './people/people.commands.js';
import { peopleJobs } from './people/people.jobs.js';
import { soonModule } from './soon/soon.commands.js';
import { standupJobs, standupsModule } from './standups/standups.commands.js';
import { taskJobs, tasksModule } from './tasks/tasks.commands.js';

/** Every capability of the bot; the composition root hands these to createBot. */
export const coreModules: readonly BotModule[] = [tasksModule, followupsModule, standupsModule, obmModule, peopleModule, soonModule];
export const coreJobs: readonly JobDef[] = [...taskJobs, ...followupJobs, ...standupJobs, ...peopleJobs];
