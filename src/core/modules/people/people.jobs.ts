import { zoneAskJob } from './people.zone-ask.js';

/** Scheduled work of the people module. */
export const peopleJobs = [zoneAskJob];
