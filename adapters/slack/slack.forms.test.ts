import { describe, expect, it } from 'vitest';
import type { Form } from '../../src/core/messages.js';
import { decodeFormMetadata, encodeFormMetadata, fieldLabels, FORM_CALLBACK_ID, submittedValues, toModalView, viewErrors } from './slack.forms.js';

const form: Form = {
  formId: 'task.new',
  title: 'A new task for the Acme Co client team',
  submitLabel: 'Add',
  privateValue: '42',
  fields: [
    { id: 'title', label: 'Title', kind: 'text', required: true, placeholder: 'What needs doing' },
    { id: 'notes', label: 'Notes', kind: 'textarea', required: false, initial: 'Bring slides' },
    { id: 'assignee', label: 'Who', kind: 'person', required: false, initial: '@{U0MARIA01}' },
    { id: 'due', label: 'Due', kind: 'when', required: false },
    { id: 'priority', label: 'Priority', kind: 'select', required: false, initial: 'normal', options: [{ label: 'High', value: 'high' }, { label: 'Normal', value: 'normal' }] },
    { id: 'hours', label: 'Hours', kind: 'number', required: false, initial: '1.5' },
  ],
};

describe('forms as Slack modals', () => {
  it('renders each field as an input block (block and action id = field id) within Slack’s limits', () => {
    const view = toModalView(form, { id: 'C0ACME001', isDm: false });
    expect(view).toMatchObject({ type: 'modal', callback_id: FORM_CALLBACK_ID, submit: { type: 'plain_text', text: 'Add' } });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks.map((block) => ('element' in block ? [block.block_id, block.element.type, block.optional] : null))).toEqual([
      ['title', 'plain_text_input', false],
      ['notes', 'plain_text_input', true],
      ['assignee', 'users_select', true],
      ['due', 'plain_text_input', true],
      ['priority', 'static_select', true],
      ['hours', 'number_input', true],
    ]);
    const elements = view.blocks.map((block) => ('element' in block ? block.element : null)) as unknown as Record<string, unknown>[];
    expect(elements[0]).toMatchObject({ action_id: 'title', multiline: false, placeholder: { text: 'What needs doing' } });
    expect(elements[1]).toMatchObject({ multiline: true, initial_value: 'Bring slides' });
    expect(elements[2]).toMatchObject({ initial_user: 'U0MARIA01' });
    expect(elements[4]).toMatchObject({ initial_option: { value: 'normal' } });
    expect(elements[5]).toMatchObject({ is_decimal_allowed: true, initial_value: '1.5' });
  });

  it('carries the form, its private value and the channel through private_metadata', () => {
    const view = toModalView(form, { id: 'D0MARIA01', isDm: true });
    expect(decodeFormMetadata(view.private_metadata)).toEqual({ formId: 'task.new', privateValue: '42', channel: { id: 'D0MARIA01', isDm: true } });
    expect(decodeFormMetadata('{"c":"40949e29"}')).toBeNull();
    expect(decodeFormMetadata('not json')).toBeNull();
    expect(decodeFormMetadata(undefined)).toBeNull();
    expect(() => encodeFormMetadata({ formId: 'x', privateValue: 'v'.repeat(3000), channel: { id: 'C1', isDm: false } })).toThrow(/3000/);
  });

  it('reads the submitted state: text as typed, a chosen person as a mention, a chosen option’s value; empty fields left out', () => {
    expect(
      submittedValues({
        values: {
          title: { title: { type: 'plain_text_input', value: 'Prepare the deck' } },
          notes: { notes: { type: 'plain_text_input', value: null } },
          assignee: { assignee: { type: 'users_select', selected_user: 'U0MARIA01' } },
          due: { due: { type: 'plain_text_input', value: '' } },
          priority: { priority: { type: 'static_select', selected_option: { value: 'high' } } },
          hours: { hours: { type: 'number_input', value: '2' } },
        },
      }),
    ).toEqual({ title: 'Prepare the deck', assignee: '@{U0MARIA01}', priority: 'high', hours: '2' });
    expect(submittedValues(undefined)).toEqual({});
  });
});

describe('field errors as response_action errors', () => {
  const view = toModalView(form, { id: 'C1', isDm: false });

  it('puts each error on its field’s input block, and names fields by their labels', () => {
    expect(viewErrors([{ field: 'title', message: 'Give the task a title.' }], view)).toEqual({ title: 'Give the task a title.' });
    expect(fieldLabels(view).get('notes')).toBe('Notes');
  });

  it('gives nothing when an error names a block the modal does not have (Slack would refuse the answer)', () => {
    expect(viewErrors([{ field: 'title', message: 'x' }, { field: 'gone', message: 'y' }], view)).toBeNull();
    expect(viewErrors([], view)).toBeNull();
  });
});
