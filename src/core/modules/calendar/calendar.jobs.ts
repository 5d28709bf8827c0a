import { z } from 'zod';
import { declareJob } from '../../jobs.js';

/**
 * A reminder to an entry's owner, `days` working days before it (`calendar-remind:<id>:v<version>:<days>d`):
 * written for one version of the entry, so a move or a remove (which bump the version) leaves it nothing
 * to do. Late after downtime it still goes, once: a reminder a few hours late still helps.
 */
export const calendarRemindJob = declareJob({
  kind: 'calendar.remind',
  payload: z.object({ entryId: z.number().int().positive(), version: z.number().int().positive(), days: z.number().int().positive() }),
  missed: { policy: 'once', afterMs: 15 * 60_000 },
});

export const remindKeyPrefix = (entryId: number) => `calendar-remind:${entryId}:`;
export const remindKey = (entryId: number, version: number, days: number) => `${remindKeyPrefix(entryId)}v${version}:${days}d`;
