import { z } from 'zod';
import { defineNoticeCheck, type CheckVerdict, type NoticeCheckContext } from '../../notices.js';
import { zoneOf, type View } from '../../view.js';
import { getPeople, roleIn } from '../people/people.repository.js';
import { getTask } from '../tasks/tasks.repository.js';
import { assignmentDm, changedDm } from './sop.messages.js';
import { getSop, hasRead, versionsOf } from './sop.repository.js';

/**
 * The re-checks of the DMs about SOPs: each is written for one version of one SOP, and is dropped once the
 * SOP is gone, has moved on to a newer version (whose own DM says it all), or the recipient has read it.
 */

const viewOf = (ctx: NoticeCheckContext): View => ({ locale: ctx.team.locale, zone: zoneOf(ctx.recipient ?? undefined, ctx.team), now: ctx.now });

/** "Refunds SOP has a new version": true while that is still the version and the recipient has not read it. */
export const sopChanged = defineNoticeCheck({
  name: 'sops.changed',
  args: z.object({ sopId: z.number().int(), version: z.number().int() }),
  check: async ({ sopId, version }, ctx): Promise<CheckVerdict> => {
    const sop = await getSop({ db: ctx.db, sopId });
    if (!sop || sop.removedAt) return { fresh: false, reason: 'sop_gone' };
    if (sop.version !== version) return { fresh: false, reason: 'newer_version' };
    if (ctx.recipient && (await hasRead({ db: ctx.db, sopId, personId: ctx.recipient.id, version }))) return { fresh: false, reason: 'already_read' };
    const [latest] = await versionsOf({ db: ctx.db, sopId });
    return { fresh: true, message: changedDm({ sop, note: latest?.note ?? '', team: ctx.team, view: viewOf(ctx) }) };
  },
});

/** "Please read Refunds SOP": true while the reading task is open; written again, so it links the version of the day. */
export const sopAssigned = defineNoticeCheck({
  name: 'sops.assigned',
  args: z.object({ sopId: z.number().int(), taskId: z.number().int(), assignerId: z.number().int() }),
  check: async ({ sopId, taskId, assignerId }, ctx): Promise<CheckVerdict> => {
    const [sop, task] = await Promise.all([getSop({ db: ctx.db, sopId }), getTask({ db: ctx.db, taskId })]);
    if (!sop || sop.removedAt) return { fresh: false, reason: 'sop_gone' };
    if (!task || task.status !== 'open') return { fresh: false, reason: 'task_closed' };
    const [assigner] = await getPeople({ db: ctx.db, ids: [assignerId] });
    return { fresh: true, message: assignmentDm({ sop, task, assigner: assigner?.displayName ?? '', team: ctx.team, view: viewOf(ctx) }) };
  },
});

/** The welcome: true while the newcomer is still on the team (one removed before their morning is not welcomed). */
export const onboardingWelcome = defineNoticeCheck({
  name: 'sops.onboarding_welcome',
  args: z.object({ teamId: z.number().int() }),
  check: async ({ teamId }, ctx): Promise<CheckVerdict> => {
    if (!ctx.recipient) return { fresh: true };
    return (await roleIn({ db: ctx.db, teamId, personId: ctx.recipient.id })) ? { fresh: true } : { fresh: false, reason: 'left_team' };
  },
});
