import type { BotModule } from '../../commands.js';
import { briefsNotices } from './briefs.notices.js';

/**
 * The daily brief has no command of its own: it is set with `/obm me alerts` and `/obm setup`, and runs as a
 * job (briefs.handlers.ts). The module carries the re-check its DMs are queued with.
 */
export const briefsModule: BotModule = { notices: briefsNotices };
