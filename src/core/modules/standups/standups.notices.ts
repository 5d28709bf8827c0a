import { z } from 'zod';
import { defineNoticeCheck, type CheckVerdict, type NoticeCheckContext } from '../../notices.js';
import { zoneOf, type View } from '../../view.js';
import { dayOff } from '../../working-time.js';
import { roleIn } from '../people/people.repository.js';
import { askMessage, nudgeMessage } from './standups.messages.js';
import { answerWithContext, getStandup } from './standups.repository.js';
import { dateText } from './standups.usecases.js';

/**
 * The re-checks of every message about a standup day, run by the outbox when the message falls due. The
 * question and the reminder hold while the person still owes the answer that day, the standup still runs and
 * they are not away; both are written again as they go. A blocker holds while it is the person's blocker and
 * no manager made it a task yet. A channel post holds while its standup exists.
 */

const viewOf = (ctx: NoticeCheckContext): View => ({ locale: ctx.team.locale, zone: zoneOf(ctx.recipient ?? undefined, ctx.team), now: ctx.now });

/** Whether the person still takes part: on the team (the client owner only when named), and named when the standup names people. */
const takesPart = async (ctx: NoticeCheckContext, participantIds: number[] | null, personId: number): Promise<boolean> => {
  const role = await roleIn({ db: ctx.db, teamId: ctx.team.id, personId });
  if (role === null) return false;
  return participantIds === null ? role !== 'owner' : participantIds.includes(personId);
};

/**
 * The day's question (`ask`) and its one reminder (`nudge`), to the participant. Dropped once they answered,
 * skipped or were counted away or missed, once the deadline passed, once the standup is paused or removed or
 * they no longer take part, and when they are away that day (an absence entered after it was queued, or a
 * public holiday). `intended` is the moment the question was planned for: later than a quarter of an hour
 * after it, the question says it comes late.
 */
export const standupQuestion = defineNoticeCheck({
  name: 'standups.question',
  args: z.object({ answerId: z.number().int(), kind: z.enum(['ask', 'nudge']), intended: z.string().optional() }),
  check: async ({ answerId, kind, intended }, ctx): Promise<CheckVerdict> => {
    const found = await answerWithContext({ db: ctx.db, answerId });
    if (!found) return { fresh: false, reason: 'answer_gone' };
    const { answer, run, standup } = found;
    if (standup.status !== 'active') return { fresh: false, reason: `standup_${standup.status}` };
    if (answer.status !== 'asked') return { fresh: false, reason: `answer_${answer.status}` };
    if (ctx.now >= answer.deadlineAt) return { fresh: false, reason: 'past_deadline' };
    if (!ctx.recipient || !ctx.time) return { fresh: true };
    if (!(await takesPart(ctx, standup.participantIds, ctx.recipient.id))) return { fresh: false, reason: 'not_participant' };
    const off = dayOff(run.localDate, { ...ctx.time, days: standup.days ?? ctx.team.workingDays });
    if (off === 'absent' || off === 'holiday') return { fresh: false, reason: 'recipient_away' };
    const view = viewOf(ctx);
    const date = dateText(run.localDate, ctx.team, ctx.now);
    const message =
      kind === 'ask'
        ? askMessage({ standup, team: ctx.team, person: ctx.recipient, answer, date, view, intended: intended ? new Date(intended) : ctx.now })
        : nudgeMessage({ standup, team: ctx.team, answer, date, view });
    return { fresh: true, message };
  },
});

/** A blocker, to a manager: true while it is still the person's blocker, not yet a task, and they still manage the team. */
export const standupBlocker = defineNoticeCheck({
  name: 'standups.blocker',
  args: z.object({ answerId: z.number().int(), blocker: z.string() }),
  check: async ({ answerId, blocker }, ctx): Promise<CheckVerdict> => {
    const found = await answerWithContext({ db: ctx.db, answerId });
    if (!found || found.standup.status === 'removed') return { fresh: false, reason: 'standup_removed' };
    if (found.answer.blocker !== blocker) return { fresh: false, reason: 'blocker_changed' };
    if (found.answer.blockerTaskId !== null) return { fresh: false, reason: 'already_task' };
    if (ctx.recipient && (await roleIn({ db: ctx.db, teamId: ctx.team.id, personId: ctx.recipient.id })) !== 'manager') return { fresh: false, reason: 'not_manager' };
    return { fresh: true };
  },
});

/**
 * A post of a standup day in the team channel (the parent, an answer, the summary, the digest): not once the
 * standup is removed. Removal is final, so a parent dropped takes every reply queued after it along.
 */
export const standupPost = defineNoticeCheck({
  name: 'standups.post',
  args: z.object({ standupId: z.number().int() }),
  check: async ({ standupId }, ctx): Promise<CheckVerdict> => {
    const standup = await getStandup({ db: ctx.db, standupId });
    return standup && standup.status !== 'removed' ? { fresh: true } : { fresh: false, reason: 'standup_removed' };
  },
});

export const standupNotices = [standupQuestion.check, standupBlocker.check, standupPost.check];
