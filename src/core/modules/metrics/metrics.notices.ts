import { z } from 'zod';
import { defineNoticeCheck, type CheckVerdict } from '../../notices.js';
import { periodOfKey } from './metrics.periods.js';
import { getMetric, valueOf } from './metrics.repository.js';
import { digestAfter } from './metrics.schedule.js';

/**
 * The owner's reminder of a missing value holds while the metric is still there, the recipient still logs it,
 * the period still has no value and its digest has not gone yet.
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
    if (!at || ctx.now >= digestAfter(ctx.team, at)) return { fresh: false, reason: 'digest_gone' };
    return { fresh: true };
  },
});

export const metricsNotices = [metricValueMissing.check];
