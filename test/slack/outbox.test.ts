import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDmChannels, createSlackPort } from '../../adapters/slack/slack.outbound.js';
import { LogLevel, webApi } from '@slack/bolt';
import { compose } from '../../src/core/messages.js';
import { silentLogger } from '../../src/core/ports.js';
import { DEFAULT_TEAM } from '../fakes/slack-web-api.js';
import { createSlackHarness, type SlackHarness } from './harness.js';

const OLIVIA = 'U0OLIVIA1';
const MARIA = 'U0MARIA01';
const JO = 'U0JO00001';
const ACME = 'C0ACME001';

type DeliveryRow = { id: number; status: string; target_key: string; not_before: Date | string; attempts: number; last_error: string | null };
const deliveries = (h: SlackHarness) => h.rows<DeliveryRow>(sql`select id, status, target_key, not_before, attempts, last_error from deliveries order by id`);

describe('the outbox through the Slack port (the real scheduler)', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await createSlackHarness();
    h.fake.addUser({ id: OLIVIA, profile: { display_name: 'Olivia' }, tz: 'Europe/Amsterdam' });
    h.fake.addUser({ id: MARIA, profile: { display_name: 'Maria' }, tz: 'Asia/Manila' });
    h.fake.addUser({ id: JO, profile: { display_name: 'Jo' }, tz: 'America/New_York' });
    await h.run(OLIVIA, ACME, '/obm setup Acme Co');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a 429 pauses the workspace for Retry-After; the message goes later and nothing is lost or doubled', async () => {
    await h.run(OLIVIA, ACME, `/task add Send the invoice <@${MARIA}>`);
    await h.run(OLIVIA, ACME, `/task add Update the site <@${JO}>`);
    await h.run(OLIVIA, ACME, `/task add Check the ads <@${MARIA}>`);
    h.fake.clear();
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    const start = h.clock.now().getTime();
    await h.deliver();
    const afterLimit = await deliveries(h);
    expect(afterLimit).toHaveLength(3);
    const limited = afterLimit.find((row) => row.last_error === 'ratelimited')!;
    expect(limited.status).toBe('pending');
    // Retry-After 30 s from the moment of the 429, on the scheduler's clock.
    expect(new Date(limited.not_before).getTime()).toBeGreaterThanOrEqual(start + 30_000);
    // A rate limit costs no attempt: it says nothing about the message.
    expect(limited.attempts).toBe(0);
    // Maria's second task waits behind her first (order per target), and everything waits for the pause.
    expect(afterLimit.filter((row) => row.status === 'pending').length).toBeGreaterThanOrEqual(2);

    h.clock.advanceTo(new Date(start + 29_000));
    await h.scheduler.runDue(h.clock.now());
    const stillPaused = await deliveries(h);
    expect(stillPaused.filter((row) => row.status === 'pending').map((row) => row.id)).toEqual(afterLimit.filter((row) => row.status === 'pending').map((row) => row.id));

    for (let second = 31; second <= 34; second++) {
      h.clock.advanceTo(new Date(start + second * 1_000));
      await h.scheduler.runDue(h.clock.now());
    }
    expect((await deliveries(h)).map((row) => row.status)).toEqual(['sent', 'sent', 'sent']);
    const posted = h.fake.callsTo('chat.postMessage');
    // Three messages, and one refused attempt: nobody got a message twice.
    expect(posted).toHaveLength(4);
    const texts = posted.slice(1).map((call) => `${call.params.channel}: ${call.params.text.split('\n')[1]}`);
    expect(texts.sort()).toEqual(['D0JO00001: #2 Update the site', 'D0MARIA01: #1 Send the invoice', 'D0MARIA01: #3 Check the ads']);
  });

  it('a person Slack cannot reach is marked unreachable once, and the manager is told', async () => {
    await h.run(OLIVIA, ACME, `/obm team add <@${JO}> member`);
    await h.run(OLIVIA, ACME, `/task add Fix the footer <@${JO}>`);
    h.fake.clear();
    h.fake.failNext('chat.postMessage', { error: 'account_inactive' });
    await h.deliver();
    const failed = (await deliveries(h)).at(-2)!;
    expect(failed).toMatchObject({ status: 'failed', last_error: 'account_inactive' });
    const [jo] = await h.rows<{ dm_reachable: boolean }>(sql`select dm_reachable from people where platform_user_id = ${JO}`);
    expect(jo!.dm_reachable).toBe(false);
    await h.deliver();
    const toOlivia = h.fake.callsTo('chat.postMessage').find((call) => call.params.channel === 'D0OLIVIA1');
    expect(toOlivia?.params.text).toContain('Jo');
  });
});

describe('the Slack ChatPort against the fake Web API', () => {
  let fake: SlackHarness['fake'];
  let h: SlackHarness;
  const port = () =>
    createSlackPort({
      clientFor: async (team) => (team === DEFAULT_TEAM.id ? new webApi.WebClient(DEFAULT_TEAM.token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }) : null),
      dms: createDmChannels(),
      logger: silentLogger,
    });
  const send = (target: Parameters<ReturnType<typeof port>['send']>[0]['target'], text = 'Hello') =>
    port().send({ deliveryId: 1, workspaceExternalId: DEFAULT_TEAM.id, target, message: compose([{ type: 'text', text }]) });

  beforeAll(async () => {
    h = await createSlackHarness();
    fake = h.fake;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('posts to a channel, in the thread when there is one, and returns channel:ts', async () => {
    fake.clear();
    const result = await send({ kind: 'channel', channelId: 'C0ACME001', threadId: '1767000000.000100' });
    expect(result).toMatchObject({ ok: true, platformMessageId: expect.stringMatching(/^C0ACME001:\d+\.\d+$/) });
    expect(fake.callsTo('chat.postMessage')[0]!.params).toMatchObject({ channel: 'C0ACME001', thread_ts: '1767000000.000100', text: 'Hello' });
  });

  it('maps Slack’s answers to what the outbox does', async () => {
    const cases: [Parameters<typeof fake.failNext>[1], 'dm' | 'channel', unknown][] = [
      [{ status: 429, retryAfter: 7 }, 'channel', { ok: false, kind: 'retry', error: 'ratelimited', retryAfterMs: 7_000 }],
      [{ error: 'ratelimited' }, 'channel', { ok: false, kind: 'retry', error: 'ratelimited' }],
      [{ error: 'cannot_dm_bot' }, 'dm', { ok: false, kind: 'permanent', error: 'cannot_dm_bot', reason: 'unreachable' }],
      [{ error: 'user_not_found' }, 'dm', { ok: false, kind: 'permanent', error: 'user_not_found', reason: 'unreachable' }],
      [{ error: 'user_disabled' }, 'dm', { ok: false, kind: 'permanent', error: 'user_disabled', reason: 'unreachable' }],
      [{ error: 'account_inactive' }, 'dm', { ok: false, kind: 'permanent', error: 'account_inactive', reason: 'unreachable' }],
      [{ error: 'channel_not_found' }, 'channel', { ok: false, kind: 'permanent', error: 'channel_not_found', reason: 'channel_gone' }],
      [{ error: 'not_in_channel' }, 'channel', { ok: false, kind: 'permanent', error: 'not_in_channel', reason: 'channel_gone' }],
      [{ error: 'is_archived' }, 'channel', { ok: false, kind: 'permanent', error: 'is_archived', reason: 'channel_gone' }],
      [{ error: 'invalid_blocks' }, 'channel', { ok: false, kind: 'permanent', error: 'invalid_blocks', reason: 'other' }],
      [{ status: 503 }, 'channel', { ok: false, kind: 'retry', error: 'http 503' }],
    ];
    for (const [failure, kind, expected] of cases) {
      const method = kind === 'dm' && 'error' in failure && failure.error !== 'account_inactive' ? 'conversations.open' : 'chat.postMessage';
      fake.failNext(method, failure);
      const result = await send(kind === 'dm' ? { kind: 'dm', personId: 1, userId: 'U0SOMEONE' } : { kind: 'channel', channelId: 'C0ACME001' });
      expect([failure, result]).toEqual([failure, expected]);
    }
  });

  it('a workspace without an installation fails for good, and a network error is retried', async () => {
    const missing = await port().send({ deliveryId: 2, workspaceExternalId: 'T0GONE', target: { kind: 'channel', channelId: 'C1' }, message: compose([{ type: 'text', text: 'x' }]) });
    expect(missing).toMatchObject({ ok: false, kind: 'permanent', reason: 'other' });
    const offline = createSlackPort({
      clientFor: async () => new webApi.WebClient(DEFAULT_TEAM.token, { slackApiUrl: 'http://127.0.0.1:9/api/', retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR }),
      dms: createDmChannels(),
      logger: silentLogger,
    });
    expect(await offline.send({ deliveryId: 3, workspaceExternalId: DEFAULT_TEAM.id, target: { kind: 'channel', channelId: 'C1' }, message: compose([{ type: 'text', text: 'x' }]) })).toMatchObject({ ok: false, kind: 'retry' });
  });
});
