import { describe, expect, it } from 'vitest';
import { compose, type Message } from '../../src/core/messages.js';
import { channelLocation, dmLocation } from './console.inbound.js';
import { createConsoleSession } from './console.session.js';

const withButtons = (text: string, ...labels: string[]): Message =>
  compose([{ type: 'text', text }, { type: 'buttons', buttons: labels.map((label) => ({ label, actionId: `test.${label.toLowerCase().replace(/ /g, '_')}`, value: text })) }]);

describe('the console session', () => {
  it('starts as the first person in the channel and knows where they type', () => {
    const session = createConsoleSession({ person: 'olivia', channel: 'general' });
    expect(session.location()).toEqual({ id: 'general', isDm: false });
    session.enterDm();
    expect(session.location()).toEqual({ id: 'dm-olivia', isDm: true });
    session.switchPerson('maria');
    expect(session.location()).toEqual({ id: 'dm-maria', isDm: true });
    session.switchChannel('acme');
    expect(session.location()).toEqual({ id: 'acme', isDm: false });
    expect(session.firstPerson).toBe('olivia');
  });

  it('finds the latest message with the button among those the person may see', () => {
    const session = createConsoleSession({ person: 'olivia', channel: 'general' });
    const post = session.remember({ to: { kind: 'channel', channel: 'acme' }, location: channelLocation('acme'), ephemeral: false, message: withButtons('post', 'Done') });
    session.remember({ to: { kind: 'dm', person: 'maria' }, location: dmLocation('maria'), ephemeral: false, message: withButtons('dm to maria', 'Done') });
    session.remember({ to: { kind: 'channel', channel: 'acme', person: 'maria' }, location: channelLocation('acme'), ephemeral: true, message: withButtons('only maria', 'Snooze') });

    expect(session.findButton('maria', 'done')?.seen.message.text).toBe('dm to maria');
    expect(session.findButton('olivia', 'DONE')?.seen.id).toBe(post.id);
    expect(session.findButton('olivia', 'Snooze')).toBeNull();
    expect(session.findButton('maria', 'test.snooze')?.button).toEqual({ label: 'Snooze', actionId: 'test.snooze', value: 'only maria' });
  });

  it('sees the new buttons once a message is replaced', () => {
    const session = createConsoleSession({ person: 'olivia', channel: 'general' });
    const seen = session.remember({ to: { kind: 'channel', channel: 'general' }, location: channelLocation('general'), ephemeral: false, message: withButtons('open', 'Done') });
    session.replace(seen.id, withButtons('closed', 'Reopen'));
    expect(session.findButton('olivia', 'Done')).toBeNull();
    expect(session.findButton('olivia', 'Reopen')?.seen.id).toBe(seen.id);
  });

  it('finds a menu option by its label, its value or the start of its label, on messages the person may see', () => {
    const session = createConsoleSession({ person: 'olivia', channel: 'general' });
    const menu = (text: string): Message =>
      compose([{ type: 'text', text }, { type: 'select', actionId: 'people.zone', placeholder: 'Pick your zone', options: [{ label: 'New York (UTC-5)', value: 'America/New_York' }, { label: 'Manila (UTC+8)', value: 'Asia/Manila' }] }]);
    const toMaria = session.remember({ to: { kind: 'dm', person: 'maria' }, location: dmLocation('maria'), ephemeral: false, message: menu('for maria') });
    expect(session.findOption('maria', 'Manila (UTC+8)')?.option.value).toBe('Asia/Manila');
    expect(session.findOption('maria', 'america/new_york')?.option.label).toBe('New York (UTC-5)');
    expect(session.findOption('maria', 'new york')).toMatchObject({ seen: { id: toMaria.id }, select: { actionId: 'people.zone' }, option: { value: 'America/New_York' } });
    expect(session.findOption('maria', 'Tokyo')).toBeNull();
    expect(session.findOption('olivia', 'Manila')).toBeNull();
    // Answered: the replaced message has no menu left.
    session.replace(toMaria.id, compose([{ type: 'text', text: 'Your zone is now Asia/Manila' }]));
    expect(session.findOption('maria', 'Manila')).toBeNull();
  });

  it('keeps a form for the person it was opened for', () => {
    const session = createConsoleSession({ person: 'olivia', channel: 'general' });
    const form = { formId: 'f', title: 'F', submitLabel: 'Save', privateValue: 'p', fields: [] };
    session.openForm({ form, person: 'olivia', location: channelLocation('general') });
    expect(session.formOf('maria')).toBeNull();
    expect(session.formOf('olivia')?.form).toBe(form);
    session.closeForm();
    expect(session.currentForm()).toBeNull();
  });
});
