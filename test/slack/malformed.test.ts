import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandBody, eventBody, type SlackBody } from '../fakes/slack-signing.js';
import { createSlackHarness, waitFor, type SlackHarness } from './harness.js';
import { dmMessage, envelope } from './payloads.js';

/**
 * Correctly signed requests that are not Slack payloads: each gets 400 before Bolt sees it (a `null` body used
 * to throw inside Bolt's receiver and end the process; a command without user_id reached the core as
 * "Something went wrong"), nothing is handled or stored, and the next good request is answered as usual.
 */

const TEAM = 'T0RIGHT01';
const command = (fields: Record<string, string | undefined>): SlackBody =>
  commandBody(
    Object.fromEntries(
      Object.entries({ team_id: TEAM, channel_id: 'C0ACME001', channel_name: 'acme', user_id: 'U0OLIVIA1', user_name: 'olivia', command: '/obm', text: 'help', response_url: 'http://127.0.0.1:1/r', trigger_id: '1.2.3', ...fields }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    ),
  );
const form = (raw: Record<string, string>): SlackBody => ({ kind: 'form', value: raw });
const dm = (event: Record<string, unknown>) => eventBody(envelope({ teamId: TEAM, event }));
const { user: _user, ...dmWithoutUser } = dmMessage({ user: 'U0OLIVIA1', channel: 'D0OLIVIA1', text: 'hi' });
const blockAction = (fields: Record<string, unknown>) => form({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'U0OLIVIA1' }, team: { id: TEAM }, trigger_id: '1.2.3', container: { type: 'message', channel_id: 'C0ACME001', message_ts: '1.1' }, actions: [{ action_id: 'task.done', value: '1' }], ...fields }) });

const CASES: [string, SlackBody][] = [
  ['payload=null', form({ payload: 'null' })],
  ['payload=[]', form({ payload: '[]' })],
  ['payload="text"', form({ payload: '"text"' })],
  ['payload without a type', form({ payload: '{"user":{"id":"U0OLIVIA1"}}' })],
  ['a JSON null', eventBody(null)],
  ['a JSON array', eventBody([{ type: 'event_callback' }])],
  ['a JSON number', eventBody(42)],
  ['a JSON object without a type', eventBody({ team_id: TEAM })],
  ['an event_callback without an event', eventBody({ type: 'event_callback', team_id: TEAM, event_id: 'Ev1' })],
  ['a URL verification without a challenge', eventBody({ type: 'url_verification' })],
  ['a slash command without user_id', command({ user_id: undefined })],
  ['a slash command without channel_id', command({ channel_id: undefined })],
  ['a slash command without a command', command({ command: undefined })],
  ['form fields that are no slash command', form({ hello: 'world' })],
  ['a DM event without user', dm(dmWithoutUser)],
  ['a DM event with a numeric user', dm({ ...dmWithoutUser, user: 7 })],
  ['an App Home opened without user', dm({ type: 'app_home_opened', tab: 'home', channel: 'D0OLIVIA1' })],
  ['a button click without user', blockAction({ user: null })],
  ['a button click without actions', blockAction({ actions: [] })],
  ['a button click whose action has no action_id', blockAction({ actions: [{ value: '1' }] })],
  ['a view submission without a view', form({ payload: JSON.stringify({ type: 'view_submission', user: { id: 'U0OLIVIA1' }, team: { id: TEAM } }) })],
];

const countRows = async (h: SlackHarness) => (await h.rows<Record<string, number>>(sql`select (select count(*) from inbound_events)::int as events, (select count(*) from people)::int as people`))[0];

describe('signed Slack requests of the wrong shape', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await createSlackHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(CASES)('refuses %s with 400, and nothing happens', async (_name, body) => {
    const before = await countRows(h);
    const calls = h.fake.calls.length;
    const answer = await h.post(body);
    expect(answer.status).toBe(400);
    // Anything handed on would reach the core or Slack after the answer: give it a moment to show.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.handled).toHaveLength(0);
    expect(h.fake.calls.length).toBe(calls);
    expect(await countRows(h)).toEqual(before);
  });

  it('checks the signature first: a forged one gets 401 whatever the body', async () => {
    expect((await h.post(form({ payload: 'null' }), { forgeWith: 'not-the-secret' })).status).toBe(401);
    expect((await h.post(eventBody(null), { forgeWith: 'not-the-secret' })).status).toBe(401);
  });

  it('refuses a signed body over the limit with 413 before handling it', async () => {
    const before = await countRows(h);
    const huge = form({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'U0OLIVIA1' }, team: { id: TEAM }, padding: 'x'.repeat(2_000_000) }) });
    expect((await h.post(huge)).status).toBe(413);
    expect(h.handled).toHaveLength(0);
    expect(await countRows(h)).toEqual(before);
  });

  it('keeps answering good requests after all of them, and the server stays up', async () => {
    for (const [, body] of CASES) await h.post(body);
    const { reply } = await h.run('U0OLIVIA1', 'C0ACME001', '/obm help');
    expect(reply.kind).toBe('message');
    await h.event(envelope({ teamId: TEAM, event: dmMessage({ user: 'U0OLIVIA1', channel: 'D0OLIVIA1', text: 'hello' }) }));
    await waitFor(() => h.handled.some((entry) => entry.invocation.input.kind === 'message'), 'the DM handled');
    expect((await fetch(`${h.http.url}/healthz`)).status).toBe(200);
  });

  it('still lets through what Slack sends and Righthand does not act on', async () => {
    const passed = [
      eventBody(envelope({ teamId: TEAM, event: { type: 'message', subtype: 'message_changed', channel: 'D0OLIVIA1', channel_type: 'im', ts: '1.2', message: {} } })),
      eventBody(envelope({ teamId: TEAM, event: { type: 'reaction_added', user: 'U0OLIVIA1', reaction: 'tada' } })),
      eventBody(envelope({ teamId: TEAM, event: { type: 'message', channel: 'C0ACME001', channel_type: 'channel', ts: '1.3', bot_id: 'B1' } })),
      form({ ssl_check: '1', token: 'x' }),
      // Types no listener takes: Bolt alone would wait 3 s, log an error and answer 404.
      form({ payload: JSON.stringify({ type: 'shortcut', team: { id: TEAM }, user: { id: 'U0OLIVIA1' }, callback_id: 'x', trigger_id: '1.2.3' }) }),
      form({ payload: JSON.stringify({ type: 'view_closed', team: { id: TEAM }, user: { id: 'U0OLIVIA1' }, view: { id: 'V1' } }) }),
      eventBody({ type: 'app_rate_limited', team_id: TEAM, minute_rate_limited: 1 }),
    ];
    for (const body of passed) expect((await h.post(body)).status).toBe(200);
  });
});
