import { describe, expect, it } from 'vitest';
import { actionInvocationId, actionValueOf, channelOf, messageInvocationId } from './slack.inbound.js';

const click = (blocks: unknown[], actionTs: string, triggerId: string) => ({
  container: { type: 'message', channel_id: 'D0MARIA01', message_ts: '1767000000.000100' },
  message: { type: 'message' as const, ts: '1767000000.000100', blocks },
  trigger_id: triggerId,
  action: { action_id: 'task.done#0', value: '12', action_ts: actionTs },
});

describe('invocation ids from Slack payloads', () => {
  it('a double click on one message is one id, whatever its trigger and action ts', () => {
    const first = click([{ type: 'actions' }], '1.1', 'trigger-1');
    const second = click([{ type: 'actions' }], '1.2', 'trigger-2');
    expect(actionInvocationId(first, 'T1', first.action)).toBe(actionInvocationId(second, 'T1', second.action));
  });

  it('a click on the message after the bot replaced it is a new id; so is another button, value or workspace', () => {
    const before = click([{ type: 'actions', v: 1 }], '1.1', 't');
    const after = click([{ type: 'actions', v: 2 }], '1.1', 't');
    const id = actionInvocationId(before, 'T1', before.action);
    expect(actionInvocationId(after, 'T1', after.action)).not.toBe(id);
    expect(actionInvocationId(before, 'T1', { ...before.action, value: '13' })).not.toBe(id);
    expect(actionInvocationId(before, 'T1', { ...before.action, action_id: 'task.snooze#1' })).not.toBe(id);
    expect(actionInvocationId(before, 'T2', before.action)).not.toBe(id);
  });

  it('a view (App Home) click is keyed on the view and its hash; an ephemeral message on its ts', () => {
    const view = { container: { type: 'view' }, view: { id: 'V1', hash: 'h1' } as never, trigger_id: 't' };
    expect(actionInvocationId(view, 'T1', { action_id: 'task.done#0', value: '1' })).toBe('action:T1:view:V1:h1:task.done#0:1');
    const ephemeral = { container: { type: 'message', channel_id: 'C1', message_ts: '5.5', is_ephemeral: true }, trigger_id: 't' };
    expect(actionInvocationId(ephemeral, 'T1', { action_id: 'a', value: 'v' })).toBe('action:T1:C1:5.5:ephemeral:a:v');
  });

  it('a retried event keeps its envelope event_id; an old payload without one is keyed on channel and ts', () => {
    expect(messageInvocationId({ event_id: 'Ev123' }, { channel: 'D1', ts: '1.2' }, 'T1')).toBe('event:Ev123');
    expect(messageInvocationId({}, { channel: 'D1', ts: '1.2' }, 'T1')).toBe('message:T1:D1:1.2');
  });

  it('reads a button’s value, a select’s option or a chosen user', () => {
    expect(actionValueOf({ action_id: 'a', value: '1' })).toBe('1');
    expect(actionValueOf({ action_id: 'a', selected_option: { value: 'opt' } })).toBe('opt');
    expect(actionValueOf({ action_id: 'a', selected_user: 'U1' })).toBe('U1');
    expect(actionValueOf({ action_id: 'a' })).toBe('');
  });

  it('knows a DM by its channel id or by Slack’s channel name', () => {
    expect(channelOf('D0MARIA01')).toEqual({ id: 'D0MARIA01', isDm: true });
    expect(channelOf('C0ACME001', 'acme')).toEqual({ id: 'C0ACME001', isDm: false });
    expect(channelOf('G0GROUP01', 'directmessage')).toEqual({ id: 'G0GROUP01', isDm: true });
  });
});
