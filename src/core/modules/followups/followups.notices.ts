import { z } from 'zod';
import type { Db } from '../../../db/database.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import { defineNoticeCheck, type CheckVerdict, type NoticeCheckContext } from '../../notices.js';
import { zoneOf, type View } from '../../view.js';
import { workingDayEnd } from '../../working-time.js';
import { getPeople, roleIn } from '../people/people.repository.js';
import { askMessage, notYetNotice } from './followups.messages.js';
import { getFollowup, type FollowupRow } from './followups.repository.js';

/**
 * The re-checks of every DM about a follow-up (`followup:<id>`), run by the outbox when the DM falls due. Each
 * is written for one state of its follow-up (asked at one moment, answered, moved, cancelled); once that state
 * is gone the DM is dropped, and the question, whose words depend on the clock, is written again as it goes.
 */

/** A manager of the team who chose the daily brief finds unanswered follow-ups there, not in a DM of their own. */
export const hearsInBrief = async ({ db, team, person }: { db: Db; team: TeamRow; person: PersonRow }): Promise<boolean> =>
  person.alerts === 'daily' && (await roleIn({ db, teamId: team.id, personId: person.id })) === 'manager';

const STATUSES = ['scheduled', 'asked', 'done', 'unanswered', 'cancelled'] as const;

const viewOf = (ctx: NoticeCheckContext): View => ({ locale: ctx.team.locale, zone: zoneOf(ctx.recipient ?? undefined, ctx.team), now: ctx.now });

/** The follow-up as it is now, or why the DM about it no longer holds. */
const load = async (ctx: NoticeCheckContext, followupId: number): Promise<FollowupRow | { fresh: false; reason: string }> =>
  (await getFollowup({ db: ctx.db, followupId })) ?? { fresh: false, reason: 'followup_gone' };

const sameMoment = (followup: FollowupRow, askAt: string) => followup.askAt.toISOString() === askAt;

/**
 * The question to the person: true while this very ask is open (asked, at the moment it was asked for, that
 * many times). Written again when it goes: answer by the end of the working day it arrives in, and, when it
 * arrives more than a quarter of an hour after the moment meant, since when ("2 hours ago").
 */
export const followupAsk = defineNoticeCheck({
  name: 'followups.ask',
  args: z.object({ followupId: z.number().int(), askAt: z.string(), timesAsked: z.number().int(), intended: z.string() }),
  check: async ({ followupId, askAt, timesAsked, intended }, ctx): Promise<CheckVerdict> => {
    const followup = await load(ctx, followupId);
    if (!('id' in followup)) return followup;
    if (followup.status !== 'asked') return { fresh: false, reason: `followup_${followup.status}` };
    if (!sameMoment(followup, askAt) || followup.timesAsked !== timesAsked) return { fresh: false, reason: 'moved' };
    const [requester] = await getPeople({ db: ctx.db, ids: [followup.requesterId] });
    if (!requester || !ctx.time) return { fresh: true };
    const message = askMessage({ followup, requester, team: ctx.team, view: viewOf(ctx), answerBy: workingDayEnd(ctx.now, ctx.time), intended: new Date(intended) });
    return { fresh: true, message };
  },
});

/** "Has not answered", to the requester: true while this ask stays unanswered, and not for a manager who reads the brief. */
export const followupUnanswered = defineNoticeCheck({
  name: 'followups.unanswered',
  args: z.object({ followupId: z.number().int(), askAt: z.string() }),
  check: async ({ followupId, askAt }, ctx): Promise<CheckVerdict> => {
    const followup = await load(ctx, followupId);
    if (!('id' in followup)) return followup;
    if (followup.status !== 'unanswered') return { fresh: false, reason: `followup_${followup.status}` };
    if (!sameMoment(followup, askAt)) return { fresh: false, reason: 'moved' };
    if (ctx.recipient && (await hearsInBrief({ db: ctx.db, team: ctx.team, person: ctx.recipient }))) return { fresh: false, reason: 'in_brief' };
    return { fresh: true };
  },
});

/**
 * "Not yet, I'll ask again then", to the requester: true while the follow-up waits for that moment, or was
 * asked again at it (then said in the past tense); dropped once answered, cancelled or moved again.
 */
export const followupNotYet = defineNoticeCheck({
  name: 'followups.not_yet',
  args: z.object({ followupId: z.number().int(), askAt: z.string() }),
  check: async ({ followupId, askAt }, ctx): Promise<CheckVerdict> => {
    const followup = await load(ctx, followupId);
    if (!('id' in followup)) return followup;
    if (followup.status === 'done' || followup.status === 'cancelled') return { fresh: false, reason: `followup_${followup.status}` };
    if (!sameMoment(followup, askAt)) return { fresh: false, reason: 'moved' };
    if (followup.status === 'scheduled') return { fresh: true };
    const [person] = await getPeople({ db: ctx.db, ids: [followup.personId] });
    return person ? { fresh: true, message: notYetNotice({ followup, person, team: ctx.team, view: viewOf(ctx), askedAgain: true }) } : { fresh: true };
  },
});

/** Done or cancelled, told to whoever should know: true while the follow-up stays so (neither is ever undone). */
export const followupSettled = defineNoticeCheck({
  name: 'followups.settled',
  args: z.object({ followupId: z.number().int(), status: z.enum(STATUSES) }),
  check: async ({ followupId, status }, ctx): Promise<CheckVerdict> => {
    const followup = await load(ctx, followupId);
    if (!('id' in followup)) return followup;
    return followup.status === status ? { fresh: true } : { fresh: false, reason: `followup_${followup.status}` };
  },
});

export const followupNotices = [followupAsk.check, followupUnanswered.check, followupNotYet.check, followupSettled.check];
