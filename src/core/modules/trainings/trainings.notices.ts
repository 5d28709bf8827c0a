import { classSopLine } from './trainings.sop.js';
import { z } from 'zod';
import { defineNoticeCheck, type CheckVerdict, type NoticeCheckContext } from '../../notices.js';
import { zoneOf, type View } from '../../view.js';
import { reminderMessage } from './trainings.messages.js';
import { getOccurrence, getTraining, type OccurrenceRow } from './trainings.repository.js';
import { isReminded } from './trainings.schedule.js';

/**
 * The re-checks of messages about a class, run when each falls due: a message is written for one start of
 * one occurrence, so once the class moved or was cancelled it is dropped and never goes.
 */

const viewOf = (ctx: NoticeCheckContext): View => ({ locale: ctx.team.locale, zone: zoneOf(ctx.recipient ?? undefined, ctx.team), now: ctx.now });

type Loaded = { occurrence: OccurrenceRow } | { fresh: false; reason: string };

const loadAt = async (ctx: NoticeCheckContext, occurrenceId: number, startsAt: string, status: 'scheduled' | 'cancelled' = 'scheduled'): Promise<Loaded> => {
  const occurrence = await getOccurrence({ db: ctx.db, id: occurrenceId });
  if (!occurrence) return { fresh: false as const, reason: 'training_gone' };
  if (occurrence.status !== status) return { fresh: false as const, reason: `training_${occurrence.status}` };
  if (occurrence.startsAt.toISOString() !== startsAt) return { fresh: false as const, reason: 'moved' };
  return { occurrence };
};

/** A reminder: true while the class is still on at that start and the recipient still expected (not Can't, not waitlisted). */
export const trainingReminder = defineNoticeCheck({
  name: 'trainings.reminder',
  args: z.object({ occurrenceId: z.number().int(), startsAt: z.string(), offset: z.number().int() }),
  check: async ({ occurrenceId, startsAt, offset }, ctx): Promise<CheckVerdict> => {
    const loaded = await loadAt(ctx, occurrenceId, startsAt);
    if (!('occurrence' in loaded)) return loaded;
    const { occurrence } = loaded;
    if (offset > 0 && ctx.now >= occurrence.startsAt) return { fresh: false, reason: 'started' };
    const training = (await getTraining({ db: ctx.db, id: occurrence.trainingId }))!;
    if (ctx.recipient && !(await isReminded({ db: ctx.db, training, occurrence, personId: ctx.recipient.id }))) return { fresh: false, reason: 'not_expected' };
    return { fresh: true, message: reminderMessage({ occurrence, offsetMinutes: offset, view: viewOf(ctx), sopLine: await classSopLine({ db: ctx.db, training, locale: viewOf(ctx).locale }) }) };
  },
});

/** News about a class (moved, cancelled, a seat opened, the recording): true while the class is as the news says. */
export const trainingNews = defineNoticeCheck({
  name: 'trainings.news',
  args: z.object({ occurrenceId: z.number().int(), startsAt: z.string(), status: z.enum(['scheduled', 'cancelled']) }),
  check: async ({ occurrenceId, startsAt, status }, ctx): Promise<CheckVerdict> => {
    const loaded = await loadAt(ctx, occurrenceId, startsAt, status);
    return 'occurrence' in loaded ? { fresh: true } : loaded;
  },
});

export const trainingsNotices = [trainingReminder.check, trainingNews.check];
