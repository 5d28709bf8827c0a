import { z } from 'zod';
import { defineNoticeCheck, type CheckVerdict } from '../../notices.js';
import { getEntry } from './calendar.repository.js';

/**
 * The re-check of an owner's reminder (`calendar:<id>`): true while the entry is on the calendar at the very
 * version the reminder was written for. A move or a remove bumps the version, so an old reminder still in
 * the outbox is dropped rather than naming a day that no longer holds.
 */
export const calendarReminder = defineNoticeCheck({
  name: 'calendar.reminder',
  args: z.object({ entryId: z.number().int(), version: z.number().int() }),
  check: async ({ entryId, version }, ctx): Promise<CheckVerdict> => {
    const entry = await getEntry({ db: ctx.db, entryId });
    if (!entry) return { fresh: false, reason: 'entry_gone' };
    if (entry.status !== 'active') return { fresh: false, reason: `entry_${entry.status}` };
    return entry.version === version ? { fresh: true } : { fresh: false, reason: 'moved' };
  },
});

export const calendarNotices = [calendarReminder.check];
