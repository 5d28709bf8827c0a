import { z } from 'zod';
import { defineTeamAction, defineTeamForm, type ClickContext } from '../../commands.js';
import { refuseField } from '../../form-errors.js';
import { t } from '../../i18n/catalog.js';
import { ephemeral } from '../../invocation.js';
import { textMessage } from '../../messages.js';
import { when, zoneOf } from '../../view.js';
import { teamIdOfDigest } from './digests.repository.js';
import { APPROVE_ACTION, NOTE_ACTION, NOTE_FORM, NOTE_MAX, noteForm } from './digests.review.messages.js';
import { approveDigest, type Approval } from './digests.usecases.js';

/** The reviewing manager's buttons under a draft (value: the digest's id) and the note's form. */

const readId = (value: string) => (/^\d{1,9}$/.test(value) ? Number(value) : 0);

const approvalText = (approval: Approval, ctx: ClickContext): string => {
  const view = { locale: ctx.team.locale, zone: zoneOf(ctx.actor, ctx.team), now: ctx.now };
  const team = approval.team.clientName;
  if (approval.kind === 'posted_now') return t(view.locale, 'digests.approved_late', { team });
  if (approval.kind === 'already') return t(view.locale, 'digests.already_approved', { person: approval.by, when: when(approval.dueAt, view) });
  return t(view.locale, approval.withNote ? 'digests.approved_note' : 'digests.approved', { team, when: when(approval.dueAt, view) });
};

const approve = defineTeamAction({
  actionId: APPROVE_ACTION,
  teamOf: teamIdOfDigest,
  run: async (value, ctx) => {
    const approval = await approveDigest({ db: ctx.db, now: ctx.now, charts: ctx.charts ?? null, digestId: readId(value), actor: ctx.actor, role: ctx.role, team: ctx.team });
    // The draft gives way to the answer, so nobody approves twice from the same message.
    return { kind: 'update', message: textMessage(approvalText(approval, ctx)) };
  },
});

const addNote = defineTeamAction({
  actionId: NOTE_ACTION,
  teamOf: teamIdOfDigest,
  run: async (value, ctx) => ({ kind: 'form', form: noteForm({ digestId: readId(value), view: { locale: ctx.team.locale, zone: zoneOf(ctx.actor, ctx.team), now: ctx.now } }) }),
});

const noteSubmitted = defineTeamForm({
  formId: NOTE_FORM,
  input: z.object({ note: z.string().optional() }),
  teamOf: teamIdOfDigest,
  run: async ({ note }, privateValue, ctx) => {
    const text = (note ?? '').trim();
    if (text === '') throw refuseField('note', 'digests.note_required');
    if (text.length > NOTE_MAX) throw refuseField('note', 'digests.note_too_long');
    const approval = await approveDigest({ db: ctx.db, now: ctx.now, charts: ctx.charts ?? null, digestId: readId(privateValue), actor: ctx.actor, role: ctx.role, team: ctx.team, note: text });
    return ephemeral(textMessage(approvalText(approval, ctx)));
  },
});

export const digestActions = [approve, addNote];
export const digestForms = [noteSubmitted];
