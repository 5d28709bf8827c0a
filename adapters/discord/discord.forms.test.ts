import { describe, expect, it } from 'vitest';
import { mention } from '../../src/core/mentions.js';
import type { Form } from '../../src/core/messages.js';
import { createPendingForms, pagesOf, refilled, submittedValues, toModal } from './discord.forms.js';

const form = (count: number): Form => ({
  formId: 'standup.answer',
  title: 'Standup, Tue 24 Nov',
  submitLabel: 'Send',
  privateValue: '7',
  fields: Array.from({ length: count }, (_, index) => ({ id: `q${index + 1}`, label: index === 0 ? 'What did you finish yesterday, and what are you most proud of?' : `Question ${index + 1}`, kind: 'textarea' as const, required: index === 0 })),
});

describe('core forms as Discord modals', () => {
  it('each field is a label holding a text input, a user select or a string select', () => {
    const modal = toModal(
      {
        formId: 'task.new',
        title: 'New task',
        submitLabel: 'Add',
        privateValue: '',
        fields: [
          { id: 'title', label: 'Title', kind: 'text', required: true },
          { id: 'assignee', label: 'Assignee', kind: 'person', required: false, initial: mention('310000000000000002') },
          { id: 'priority', label: 'Priority', kind: 'select', required: false, initial: 'normal', options: [{ value: 'high', label: 'High' }, { value: 'normal', label: 'Normal' }] },
        ],
      },
      0,
      'rhm|key',
    );
    expect(modal.custom_id).toBe('rhm|key');
    const components = modal.components as unknown as { type: number; label: string; component: Record<string, unknown> }[];
    expect(components.map((label) => [label.type, label.component.type, label.component.custom_id])).toEqual([[18, 4, 'title'], [18, 5, 'assignee'], [18, 3, 'priority']]);
    expect(components[1]!.component.default_values).toEqual([{ id: '310000000000000002', type: 'user' }]);
    expect(components[2]!.component.options).toEqual([{ label: 'High', value: 'high' }, { label: 'Normal', value: 'normal', default: true }]);
  });

  it('a form of more than 5 fields is asked in pages of 5; a long label is cut and shown whole below', () => {
    expect(pagesOf(form(10)).map((page) => page.length)).toEqual([5, 5]);
    expect(pagesOf(form(3)).map((page) => page.length)).toEqual([3]);
    const modal = toModal(form(7), 1, 'rhm|k');
    expect(modal.title).toBe('Standup, Tue 24 Nov (2/2)');
    expect(modal.components).toHaveLength(2);
    const first = toModal(form(7), 0, 'rhm|k').components[0] as unknown as { label: string; description?: string };
    expect(first.label.length).toBeLessThanOrEqual(45);
    expect(first.description).toBe('What did you finish yesterday, and what are you most proud of?');
  });

  it('reads submitted values: text as typed, a picked option, a picked person as a mention; empty ones left out', () => {
    expect(
      submittedValues([
        { type: 18, component: { type: 4, customId: 'title', value: 'Deck' } },
        { type: 18, component: { type: 5, customId: 'assignee', values: ['310000000000000002'] } },
        { type: 18, component: { type: 3, customId: 'priority', values: ['high'] } },
        { type: 18, component: { type: 4, customId: 'project', value: '' } },
        { type: 1, components: [{ type: 4, customId: 'legacy', value: 'row' }] },
      ]),
    ).toEqual({ title: 'Deck', assignee: mention('310000000000000002'), priority: 'high', legacy: 'row' });
  });

  it('open forms are kept by key, advance page by page, and expire', () => {
    let now = 0;
    const forms = createPendingForms({ ttlMs: 1_000, now: () => now });
    const key = forms.open({ form: form(7), origin: { guildId: 'g', channel: { id: 'c', isDm: false } }, page: 0, values: {} });
    expect(forms.advance(key, { q1: 'a' })).toMatchObject({ page: 1, values: { q1: 'a' } });
    now = 2_000;
    expect(forms.get(key)).toBeNull();
  });
});

describe('a refused form, asked again', () => {
  const origin = { guildId: 'g1', channel: { id: 'c1', isDm: false } };
  const sent = { q1: 'a', q2: 'b', q6: 'maybe', q7: 'c' };

  it('is filled in as sent and opens at the page of the first refused field, the pages before it kept', () => {
    const again = refilled({ form: form(7), origin, page: 1, values: {} }, sent, [{ field: 'q6', message: 'Please answer yes or no.' }]);
    expect(again.page).toBe(1);
    expect(again.values).toEqual({ q1: 'a', q2: 'b' });
    expect(again.form.fields.map((field) => field.initial)).toEqual(['a', 'b', undefined, undefined, undefined, 'maybe', 'c']);
    expect(again.origin).toBe(origin);
  });

  it('opens at the first page when the refused field is there: every page is answered again', () => {
    const again = refilled({ form: form(7), origin, page: 1, values: {} }, sent, [{ field: 'q2', message: 'x' }]);
    expect(again).toMatchObject({ page: 0, values: {} });
  });
});
