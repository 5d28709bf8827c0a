import { mention, userIdOf } from '../../src/core/mentions.js';
import type { types } from '@slack/bolt';
import type { FieldError, Form, FormField } from '../../src/core/messages.js';
import { toPlain } from './slack.render.js';

/**
 * What a modal carries through Slack untouched, in `private_metadata`: the form, the core's private value,
 * and where the form was opened (its answer goes back there). Short keys: Slack allows 3,000 characters.
 */
export interface FormMetadata {
  formId: string;
  privateValue: string;
  channel: { id: string; isDm: boolean };
}

/** The modal's callback id; every Righthand form shares it, the form itself is in the metadata. */
export const FORM_CALLBACK_ID = 'righthand.form';
const PRIVATE_METADATA_MAX = 3000;

// Slack's limits for modals (https://docs.slack.dev/reference/views/modal-views).
const TITLE_MAX = 24;
const LABEL_MAX = 2000;
const PLACEHOLDER_MAX = 150;
const OPTION_TEXT_MAX = 75;
const OPTIONS_MAX = 100;
const INITIAL_TEXT_MAX = 3000;

export const encodeFormMetadata = (metadata: FormMetadata): string => {
  const encoded = JSON.stringify({ f: metadata.formId, p: metadata.privateValue, c: metadata.channel.id, d: metadata.channel.isDm });
  if (encoded.length > PRIVATE_METADATA_MAX) throw new Error(`form ${metadata.formId}: private metadata is ${encoded.length} characters, Slack allows ${PRIVATE_METADATA_MAX}`);
  return encoded;
};

/** Null for a modal that is not one of ours (or metadata that was tampered into nonsense). */
export const decodeFormMetadata = (raw: string | undefined): FormMetadata | null => {
  try {
    const value = JSON.parse(raw ?? '') as { f?: unknown; p?: unknown; c?: unknown; d?: unknown };
    if (typeof value.f !== 'string' || typeof value.p !== 'string' || typeof value.c !== 'string') return null;
    return { formId: value.f, privateValue: value.p, channel: { id: value.c, isDm: value.d === true } };
  } catch {
    return null;
  }
};

/** A mention or a bare `U123` as a user id, for a users_select's initial user. */
const initialUserOf = (value: string): string | null => {
  const id = userIdOf(value);
  return /^[UW][A-Z0-9]+$/.test(id) ? id : null;
};

const plain = (text: string, max: number): types.PlainTextElement => ({ type: 'plain_text', text: toPlain(text, max) || ' ', emoji: true });

const placeholderOf = (field: FormField) => (field.placeholder ? { placeholder: plain(field.placeholder, PLACEHOLDER_MAX) } : {});

const elementOf = (field: FormField): types.InputBlock['element'] => {
  const action_id = field.id;
  switch (field.kind) {
    case 'text':
    case 'when':
    case 'textarea':
      return {
        type: 'plain_text_input',
        action_id,
        multiline: field.kind === 'textarea',
        ...placeholderOf(field),
        ...(field.initial ? { initial_value: field.initial.slice(0, INITIAL_TEXT_MAX) } : {}),
      };
    case 'number':
      return { type: 'number_input', action_id, is_decimal_allowed: true, ...placeholderOf(field), ...(field.initial ? { initial_value: field.initial } : {}) };
    case 'person': {
      const initial = field.initial ? initialUserOf(field.initial) : null;
      return { type: 'users_select', action_id, ...placeholderOf(field), ...(initial ? { initial_user: initial } : {}) };
    }
    case 'select': {
      const options = (field.options ?? []).slice(0, OPTIONS_MAX).map((option) => ({ text: plain(option.label, OPTION_TEXT_MAX), value: option.value }));
      const initial = options.find((option) => option.value === field.initial);
      return { type: 'static_select', action_id, options, ...placeholderOf(field), ...(initial ? { initial_option: initial } : {}) };
    }
  }
};

/** A core form as a Slack modal; each field is one input block whose block id and action id are the field id. */
export const toModalView = (form: Form, channel: FormMetadata['channel']): types.ModalView => ({
  type: 'modal',
  callback_id: FORM_CALLBACK_ID,
  title: plain(form.title, TITLE_MAX),
  submit: plain(form.submitLabel, TITLE_MAX),
  private_metadata: encodeFormMetadata({ formId: form.formId, privateValue: form.privateValue, channel }),
  blocks: form.fields.map((field) => ({
    type: 'input',
    block_id: field.id,
    label: plain(field.label, LABEL_MAX),
    optional: !field.required,
    element: elementOf(field),
  })),
});

type StateValue = {
  type?: string;
  value?: string | null;
  selected_option?: { value?: string } | null;
  selected_user?: string | null;
  selected_date?: string | null;
  selected_time?: string | null;
};

/**
 * The submitted values, one string per field the person filled in: text as typed, a chosen option's value,
 * a chosen person as the mention `<@U…>` (which the core reads as it reads a typed mention). Empty fields are
 * left out, as the console leaves out fields nobody answered.
 */
export const submittedValues = (state: { values: Record<string, Record<string, StateValue>> } | undefined): Record<string, string> => {
  const values: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(state?.values ?? {})) {
    for (const [actionId, input] of Object.entries(actions)) {
      const value = input.selected_user ? mention(input.selected_user) : (input.selected_option?.value ?? input.value ?? input.selected_date ?? input.selected_time ?? null);
      if (value !== null && value !== '') values[actionId || blockId] = value;
    }
  }
  return values;
};

type ViewBlock = { type?: string; block_id?: string; label?: { text?: string } };

/** A submitted modal's input blocks: field id (its block id) -> label, to name a field in a message. */
export const fieldLabels = (view: { blocks?: readonly unknown[] }): Map<string, string> =>
  new Map(((view.blocks ?? []) as ViewBlock[]).flatMap((block) => (block.type === 'input' && block.block_id ? [[block.block_id, block.label?.text ?? block.block_id] as const] : [])));

/**
 * The core's field errors as `response_action: errors` wants them: block id -> message. Each field is its
 * input block (see `toModalView`); an error about a block the modal does not have would make Slack refuse the
 * whole answer, so null unless every error has its block.
 */
export const viewErrors = (errors: readonly FieldError[], view: { blocks?: readonly unknown[] }): Record<string, string> | null => {
  const blocks = fieldLabels(view);
  if (errors.length === 0 || errors.some((error) => !blocks.has(error.field))) return null;
  return Object.fromEntries(errors.map((error) => [error.field, error.message]));
};
