import { z } from 'zod';
import { defineNoticeCheck, type CheckVerdict } from '../../notices.js';
import { lockDigest } from './digests.repository.js';
import { digestScheduleOf } from './digests.settings.js';

/** A digest queued for the channel still goes when the team has not turned the digest off meanwhile. */
export const digestStillOn = defineNoticeCheck({
  name: 'digests.still_on',
  args: z.object({ teamId: z.number().int() }),
  check: async ({ teamId }, ctx): Promise<CheckVerdict> => ((await digestScheduleOf({ db: ctx.db, teamId })).enabled ? { fresh: true } : { fresh: false, reason: 'digest_off' }),
});

/**
 * A draft to review (or the word that it was held) is worth reading only while nobody approved it, the digest
 * did not go, the recipient still manages the team and the digest is still on with review.
 */
export const digestAwaitingApproval = defineNoticeCheck({
  name: 'digests.awaiting_approval',
  args: z.object({ digestId: z.number().int() }),
  check: async ({ digestId }, ctx): Promise<CheckVerdict> => {
    const row = await lockDigest({ db: ctx.db, digestId });
    if (!row || row.status !== 'draft') return { fresh: false, reason: 'digest_settled' };
    const schedule = await digestScheduleOf({ db: ctx.db, teamId: row.teamId });
    if (!schedule.enabled || !schedule.review) return { fresh: false, reason: 'review_off' };
    if (ctx.recipient) {
      const role = await ctx.db.query.memberships.findFirst({ where: (table, { and, eq }) => and(eq(table.teamId, row.teamId), eq(table.personId, ctx.recipient!.id)) });
      if (role?.role !== 'manager') return { fresh: false, reason: 'not_manager' };
    }
    return { fresh: true };
  },
});

export const digestsNotices = [digestStillOn.check, digestAwaitingApproval.check];
