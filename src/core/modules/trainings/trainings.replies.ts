import type { TeamContext } from '../../commands.js';
import { formatInstant } from '../../time.js';
import { zoneOf } from '../../view.js';
import type { TrainingRow } from './trainings.repository.js';
import type { cancelClass } from './trainings.usecases.js';

export const cancelledText = (ctx: TeamContext, training: TrainingRow, result: Awaited<ReturnType<typeof cancelClass>>): string => {
  const view = { zone: zoneOf(ctx.actor, ctx.team), locale: ctx.team.locale };
  const base = ctx.t(result.whole ? 'trainings.cancelled_all' : 'trainings.cancelled_one', { number: training.number, title: result.occurrence.title, when: formatInstant(result.occurrence.startsAt, view.zone, view.locale, { now: ctx.now }) });
  return result.next ? `${base}\n${ctx.t('trainings.next_is', { when: formatInstant(result.next.startsAt, view.zone, view.locale, { now: ctx.now }) })}` : base;
};
