import { describe, expect, it } from 'vitest';
import { slackBodyProblem } from './slack.shapes.js';

/** The shape check alone; test/slack/malformed.test.ts sends these through the receiver, test/slack/replay.test.ts replays real payloads. */
describe('slackBodyProblem', () => {
  const command = { command: '/task', text: 'add x', user_id: 'U1', channel_id: 'C1', team_id: 'T1', trigger_id: '1.2', response_url: 'https://hooks.slack.com/x' };

  it('accepts Slack’s shapes, with fields it may add later', () => {
    expect(slackBodyProblem(command, { form: true })).toBeNull();
    expect(slackBodyProblem({ ...command, is_enterprise_install: 'false', new_field: 'x' }, { form: true })).toBeNull();
    expect(slackBodyProblem({ ssl_check: '1', token: 't' }, { form: true })).toBeNull();
    expect(slackBodyProblem({ type: 'url_verification', challenge: 'c', token: 't' }, { form: false })).toBeNull();
    expect(slackBodyProblem({ type: 'event_callback', team_id: 'T1', event: { type: 'message', channel_type: 'im', user: 'U1', channel: 'D1', ts: '1.2', text: 'hi' } }, { form: false })).toBeNull();
    // Messages Righthand skips need no author: edits, bots, channel chatter.
    expect(slackBodyProblem({ type: 'event_callback', team_id: 'T1', event: { type: 'message', channel_type: 'im', subtype: 'message_changed', channel: 'D1', ts: '1.2' } }, { form: false })).toBeNull();
    expect(slackBodyProblem({ type: 'event_callback', team_id: 'T1', event: { type: 'message', channel_type: 'im', bot_id: 'B1', channel: 'D1', ts: '1.2' } }, { form: false })).toBeNull();
    expect(slackBodyProblem({ type: 'event_callback', enterprise_id: 'E1', event: { type: 'member_joined_channel' } }, { form: false })).toBeNull();
    expect(slackBodyProblem({ type: 'app_rate_limited', team_id: 'T1' }, { form: false })).toBeNull();
    expect(slackBodyProblem({ type: 'view_closed', user: { id: 'U1' } }, { form: true })).toBeNull();
    expect(slackBodyProblem({ type: 'block_actions', user: { id: 'U1', team_id: 'T1' }, team: null, trigger_id: '1', container: { type: 'view' }, actions: [{ action_id: 'a' }] }, { form: true })).toBeNull();
  });

  it('says what is wrong with anything else', () => {
    expect(slackBodyProblem(null, { form: true })).toBe('not an object (null)');
    expect(slackBodyProblem([], { form: false })).toBe('not an object (array)');
    expect(slackBodyProblem('x', { form: false })).toBe('not an object (string)');
    expect(slackBodyProblem({ challenge: 'c' }, { form: false })).toBe('no type');
    expect(slackBodyProblem({ ...command, user_id: undefined }, { form: true })).toMatch(/^user_id: /);
    expect(slackBodyProblem({ ...command, user_id: ['U1', 'U2'] }, { form: true })).toMatch(/^user_id: /);
    expect(slackBodyProblem({ ...command, command: 'task' }, { form: true })).toMatch(/^command: /);
    expect(slackBodyProblem({ type: 'event_callback', team_id: 'T1', event: { type: 'message', channel_type: 'im', channel: 'D1', ts: '1.2' } }, { form: false })).toMatch(/^event: message event: user: /);
    expect(slackBodyProblem({ type: 'event_callback', event: { type: 'reaction_added' } }, { form: false })).toBe('body: no team id');
    expect(slackBodyProblem({ type: 'event_callback', team_id: 'T1', event: { type: 'tokens_revoked' } }, { form: false })).toMatch(/tokens/);
    expect(slackBodyProblem({ type: 'block_actions', user: { id: 'U1' }, trigger_id: '1', container: {}, actions: [{ action_id: 'a' }] }, { form: true })).toBe('body: no team id');
  });
});
