import type { BotModule } from '../../commands.js';
import { alertCheck } from './events.notices.js';

/**
 * Mirrors of subjects (class occurrences) as the platform's own scheduled events. No commands of its own:
 * other modules call `requestEventMirror` (events.usecases.ts); this module owns the job and the notices.
 */
export const eventsModule: BotModule = { notices: [alertCheck.check] };
