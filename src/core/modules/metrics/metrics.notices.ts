import { z } from 'zod';
import { defineNoticeCheck, type CheckVerdict } from '../../notices.js';
import { periodOfKey } from './metrics.periods.js';
import { getMetric, valueOf } from './metrics.repository.js';
import { digestScheduleOf } from '../digests/digests.settings.js';
import { digestAfter } from './metrics.schedule.js';

/**
 * The owner's reminder of a missing value holds while the metric is still there, the recipient still logs it,
 * the period still has no value, the digest is on and has not gone yet.
 */
export const metricValueMissing = defineNoticeCheck({
  name: 'metrics.value_missing',
  args: z.object({ metricId: z.number().int(), period: z.string() }),
  check: async ({ metricId, period }, ctx): Promise<CheckVerdict> => {
    const metric = await getMetric({ db: ctx.db, metricId });
    if (!metric || metric.removedAt) return { fresh: false, reason: 'metric_removed' };
    if (ctx.recipient && metric.ownerId !== ctx.recipient.id) return { fresh: false, reason: 'not_owner' };
    if (await valueOf({ db: ctx.db, metricId, period })) return { fresh: false, reason: 'value_logged' };
    const at = periodOfKey(period, ctx.team.zone);
    const schedule = await digestScheduleOf({ db: ctx.db, teamId: ctx.team.id });
    if (!schedule.enabled) return { fresh: false, reason: 'digest_off' };
    if (!at || ctx.now >= digestAfter(ctx.team, at, schedule)) return { fresh: false, reason: 'digest_gone' };
    return { fresh: true };
  },
});

export const metricsNotices = [metricValueMissing.check];
