import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandBody, type SignOptions } from '../fakes/slack-signing.js';
import { createSlackHarness, waitFor, type SlackHarness } from './harness.js';
import { dmMessage, envelope } from './payloads.js';

const TEAM = 'T0RIGHT01';
const now = () => Math.floor(Date.now() / 1000);

const countRows = async (h: SlackHarness) =>
  (await h.rows<Record<string, number>>(sql`select (select count(*) from inbound_events)::int as events, (select count(*) from teams)::int as teams, (select count(*) from people)::int as people`))[0];

describe('request signatures', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await createSlackHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const setup = (sign: Partial<SignOptions>) =>
    h.post(
      commandBody({ team_id: TEAM, channel_id: 'C0ACME001', channel_name: 'acme', user_id: 'U0MALLORY', user_name: 'mallory', command: '/obm', text: 'setup Evil Corp', response_url: h.fake.responseUrl(), trigger_id: '1.2.3' }),
      sign,
    );

  const cases: [string, Partial<SignOptions>][] = [
    ['a forged signature', { forgeWith: 'not-the-signing-secret' }],
    ['a timestamp 6 minutes old', { timestamp: now() - 6 * 60 }],
    ['a timestamp 6 minutes ahead', { timestamp: now() + 6 * 60 }],
    ['no signature header', { omit: 'signature' }],
    ['no timestamp header', { omit: 'timestamp' }],
  ];

  it.each(cases)('refuses %s with 401, and nothing changes', async (_name, sign) => {
    const before = await countRows(h);
    const callsBefore = h.fake.calls.length;
    const commandAnswer = await setup(sign);
    const eventAnswer = await h.event(envelope({ teamId: TEAM, event: dmMessage({ user: 'U0MALLORY', channel: 'D0MALLORY', text: 'hi' }) }), sign);
    expect([commandAnswer.status, eventAnswer.status]).toEqual([401, 401]);
    expect(h.handled).toHaveLength(0);
    expect(h.fake.calls.length).toBe(callsBefore);
    expect(await countRows(h)).toEqual(before);
  });

  it('answers Slack’s URL verification challenge (setting the request URL) when it is signed', async () => {
    const challenge = await h.event({ token: 'verification-token', challenge: 'c0ffee', type: 'url_verification' });
    expect(challenge.status).toBe(200);
    expect(JSON.parse(challenge.text)).toEqual({ challenge: 'c0ffee' });
    expect((await h.event({ token: 'verification-token', challenge: 'c0ffee', type: 'url_verification' }, { forgeWith: 'nope' })).status).toBe(401);
  });

  it('accepts the same request correctly signed (the refusals above are about the signature alone)', async () => {
    const answer = await setup({});
    expect(answer.status).toBe(200);
    await waitFor(() => h.handled.length === 1, 'the command handled');
  });
});
