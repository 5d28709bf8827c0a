import { t } from '../../i18n/catalog.js';
import { compose, type Block, type Form, type Message } from '../../messages.js';
import type { TeamRow } from '../../identity.js';
import { when, type View } from '../../view.js';

export const APPROVE_ACTION = 'digests.approve';
export const NOTE_ACTION = 'digests.note';
export const NOTE_FORM = 'digests.note';
export const NOTE_MAX = 500;

const buttons = (digestId: number, view: View): Block => ({
  type: 'buttons',
  buttons: [
    { label: t(view.locale, 'digests.approve'), actionId: APPROVE_ACTION, value: String(digestId), style: 'primary' },
    { label: t(view.locale, 'digests.add_note'), actionId: NOTE_ACTION, value: String(digestId) },
  ],
});

/** The draft by DM: one line on what to do, the digest as it would post, then Approve and Add a note. */
export const reviewMessage = ({ team, digestId, draft, dueAt, view }: { team: TeamRow; digestId: number; draft: Message; dueAt: Date; view: View }): Message => {
  const message = compose([{ type: 'text', text: t(view.locale, 'digests.review_dm', { team: team.clientName, when: when(dueAt, view) }) }, { type: 'divider' }, ...(draft.blocks ?? []), buttons(digestId, view)]);
  return draft.files ? { ...message, files: draft.files, ...(draft.image ? { image: draft.image } : {}) } : message;
};

/** Its time passed unapproved: the managers hear so once, with the button that posts it at once. */
export const heldMessage = ({ team, digestId, view }: { team: TeamRow; digestId: number; view: View }): Message =>
  compose([{ type: 'text', text: t(view.locale, 'digests.held', { team: team.clientName }) }, buttons(digestId, view)]);

export const noteForm = ({ digestId, view }: { digestId: number; view: View }): Form => ({
  formId: NOTE_FORM,
  title: t(view.locale, 'digests.note_form_title'),
  submitLabel: t(view.locale, 'digests.note_form_submit'),
  privateValue: String(digestId),
  fields: [{ id: 'note', label: t(view.locale, 'digests.note_field'), kind: 'textarea', required: true, placeholder: t(view.locale, 'digests.note_placeholder') }],
});
