import { describe, expect, it } from 'vitest';
import { compose, timeToken, type Form } from '../../src/core/messages.js';
import { toHumanText, toJsonLine, type Shown } from './console.render.js';

const at = new Date('2026-11-27T09:00:00Z');
const due = timeToken(new Date('2026-11-27T16:00:00Z'), 'Fri 27 Nov, 17:00 (Europe/Amsterdam)');
const taskMessage = compose([
  { type: 'text', text: `Task #1: Send the weekly report` },
  { type: 'context', text: `Due ${due}` },
  {
    type: 'buttons',
    buttons: [
      { label: 'Done', actionId: 'tasks.done', value: '1', style: 'primary' },
      { label: 'Snooze', actionId: 'tasks.snooze', value: '1' },
      { label: 'Need help', actionId: 'tasks.help', value: '1' },
    ],
  },
]);
const zoneMessage = compose([
  { type: 'text', text: 'Which time zone are you in?' },
  { type: 'select', actionId: 'people.zone', placeholder: 'Pick your zone', options: [{ label: 'London (UTC+0)', value: 'Europe/London' }, { label: 'Manila (UTC+8)', value: 'Asia/Manila' }] },
  { type: 'context', text: 'Somewhere else? Type /obm me zone <IANA zone>.' },
]);
const form: Form = {
  formId: 'tasks.edit',
  title: 'Edit task #1',
  submitLabel: 'Save',
  privateValue: '1',
  fields: [
    { id: 'title', label: 'Title', kind: 'text', required: true, initial: 'Send the weekly report' },
    { id: 'priority', label: 'Priority', kind: 'select', required: false, options: [{ label: 'Low', value: 'low' }, { label: 'High', value: 'high' }] },
  ],
};

describe('toHumanText', () => {
  it('shows a channel post with its time in the fallback zone and its buttons on their own line', () => {
    const shown: Shown = { kind: 'message', at, to: { kind: 'channel', channel: 'acme' }, message: taskMessage, ephemeral: false };
    expect(toHumanText(shown, { viewer: 'olivia' })).toBe(
      ['[#acme] Righthand: Task #1: Send the weekly report', '  Due Fri 27 Nov, 17:00 (Europe/Amsterdam)', '  [Done] [Snooze] [Need help]'].join('\n'),
    );
  });

  it('shows a DM as addressed to its person', () => {
    const shown: Shown = { kind: 'message', at, to: { kind: 'dm', person: 'maria' }, message: compose([{ type: 'text', text: 'Hi Maria' }]), ephemeral: false };
    expect(toHumanText(shown, { viewer: 'olivia' })).toBe('[DM to maria] Righthand: Hi Maria');
  });

  it('marks what only one person sees, naming them when they are not the one typing', () => {
    const message = compose([{ type: 'text', text: 'Saved.' }]);
    expect(toHumanText({ kind: 'message', at, to: { kind: 'channel', channel: 'acme', person: 'olivia' }, message, ephemeral: true }, { viewer: 'olivia' })).toBe('(only you) Righthand: Saved.');
    expect(toHumanText({ kind: 'message', at, to: { kind: 'channel', channel: 'acme', person: 'olivia' }, message, ephemeral: true }, { viewer: 'maria' })).toBe('(only olivia) Righthand: Saved.');
  });

  it('marks a replaced message as updated', () => {
    const shown: Shown = { kind: 'message', at, to: { kind: 'dm', person: 'maria' }, message: compose([{ type: 'text', text: 'Task #1 done' }]), ephemeral: false, updated: true };
    expect(toHumanText(shown, { viewer: 'maria' })).toBe('[DM to maria] Righthand (updated): Task #1 done');
  });

  it('shows a thread when a post has one', () => {
    const shown: Shown = { kind: 'message', at, to: { kind: 'channel', channel: 'acme', thread: '12' }, message: compose([{ type: 'text', text: 'Answer' }]), ephemeral: false };
    expect(toHumanText(shown, { viewer: 'olivia' })).toBe('[#acme thread 12] Righthand: Answer');
  });

  it('shows a menu as one line of its options, to :pick from', () => {
    const shown: Shown = { kind: 'message', at, to: { kind: 'dm', person: 'maria' }, message: zoneMessage, ephemeral: false };
    expect(toHumanText(shown, { viewer: 'maria' })).toBe(
      ['[DM to maria] Righthand: Which time zone are you in?', '  Somewhere else? Type /obm me zone <IANA zone>.', '  [Pick your zone ▾] London (UTC+0) | Manila (UTC+8)'].join('\n'),
    );
  });

  it('shows a form with its fields and how to answer it', () => {
    expect(toHumanText({ kind: 'form', at, to: { kind: 'channel', channel: 'acme', person: 'olivia' }, form }, { viewer: 'olivia' })).toBe(
      [
        '(only you) Form: Edit task #1',
        '  title: Title (text, required) [now: Send the weekly report]',
        '  priority: Priority (select) one of: low | high',
        '  Answer with :submit title="..." priority=...',
      ].join('\n'),
    );
  });
});

describe('toJsonLine', () => {
  it('writes a channel post', () => {
    const shown: Shown = { kind: 'message', at, to: { kind: 'channel', channel: 'acme' }, message: taskMessage, ephemeral: false };
    expect(toJsonLine(shown)).toBe(
      '{"at":"2026-11-27T09:00:00.000Z","to":{"kind":"channel","channel":"acme"},"text":"Task #1: Send the weekly report\\nDue Fri 27 Nov, 17:00 (Europe/Amsterdam)",' +
        '"buttons":[{"label":"Done","actionId":"tasks.done","value":"1"},{"label":"Snooze","actionId":"tasks.snooze","value":"1"},{"label":"Need help","actionId":"tasks.help","value":"1"}],"ephemeral":false}',
    );
  });

  it('writes an ephemeral reply with the person it is for', () => {
    const shown: Shown = { kind: 'message', at, to: { kind: 'channel', channel: 'general', person: 'olivia' }, message: compose([{ type: 'text', text: 'Saved.' }]), ephemeral: true };
    expect(toJsonLine(shown)).toBe('{"at":"2026-11-27T09:00:00.000Z","to":{"kind":"channel","channel":"general","person":"olivia"},"text":"Saved.","buttons":[],"ephemeral":true}');
  });

  it('writes a DM and an update', () => {
    const message = compose([{ type: 'text', text: 'Done.' }]);
    expect(toJsonLine({ kind: 'message', at, to: { kind: 'dm', person: 'maria' }, message, ephemeral: false, updated: true })).toBe(
      '{"at":"2026-11-27T09:00:00.000Z","to":{"kind":"dm","person":"maria"},"text":"Done.","buttons":[],"ephemeral":false,"updated":true}',
    );
  });

  it('writes a menu with its options, and leaves the key out of messages without one', () => {
    expect(toJsonLine({ kind: 'message', at, to: { kind: 'dm', person: 'maria' }, message: zoneMessage, ephemeral: false })).toBe(
      '{"at":"2026-11-27T09:00:00.000Z","to":{"kind":"dm","person":"maria"},"text":"Which time zone are you in?\\nSomewhere else? Type /obm me zone <IANA zone>.","buttons":[],' +
        '"selects":[{"actionId":"people.zone","placeholder":"Pick your zone","options":[{"label":"London (UTC+0)","value":"Europe/London"},{"label":"Manila (UTC+8)","value":"Asia/Manila"}]}],"ephemeral":false}',
    );
    expect(toJsonLine({ kind: 'message', at, to: { kind: 'dm', person: 'maria' }, message: compose([{ type: 'text', text: 'Hi' }]), ephemeral: false })).not.toContain('selects');
  });

  it('writes a form with its fields', () => {
    expect(toJsonLine({ kind: 'form', at, to: { kind: 'dm', person: 'olivia' }, form })).toBe(
      '{"at":"2026-11-27T09:00:00.000Z","to":{"kind":"dm","person":"olivia"},"form":{"formId":"tasks.edit","title":"Edit task #1","fields":[' +
        '{"id":"title","label":"Title","kind":"text","required":true},{"id":"priority","label":"Priority","kind":"select","required":false}]},' +
        '"text":"Edit task #1","buttons":[],"ephemeral":true}',
    );
  });
});
