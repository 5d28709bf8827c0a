import type { BotModule } from '../commands.js';
import type { JobDef } from '../jobs.js';
import { obmModule } from './obm/obm.commands.js';
import { taskJobs, tasksModule } from './tasks/tasks.commands.js';

/** Every capability of the bot; the composition root hands these to createBot. */
export const coreModules: readonly BotModule[] = [tasksModule, obmModule];
export const coreJobs: readonly JobDef[] = [...taskJobs];
