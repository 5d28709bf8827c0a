import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { createDmChannels, createSlackPort } from '../../adapters/slack/slack.outbound.js';
import { textMessage } from '../../src/core/messages.js';
import { silentLogger, type DeliveryTarget } from '../../src/core/ports.js';
import { DEFAULT_TEAM, startFakeSlack, type FakeSlack } from '../fakes/slack-web-api.js';

/**
 * What only Slack's port does. The scenarios every platform shares (DMs, posts, threads, rate limits,
 * unreachable people, gone channels) are in test/contract/chat-port.contract.test.ts.
 */
describe('the Slack ChatPort, beyond the contract', () => {
  let fake: FakeSlack;
  const port = () =>
    createSlackPort({
      clientFor: async (team) => (team === DEFAULT_TEAM.id ? new webApi.WebClient(DEFAULT_TEAM.token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }) : null),
      dms: createDmChannels(),
      logger: silentLogger,
    });
  const sendWith = (chatPort: ReturnType<typeof port>, target: DeliveryTarget, workspaceExternalId = DEFAULT_TEAM.id) => chatPort.send({ deliveryId: 1, workspaceExternalId, target, message: textMessage('Hello') });

  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('takes a thread named by its bare ts as well as by channel:ts', async () => {
    fake.clear();
    expect(await sendWith(port(), { kind: 'channel', channelId: 'C0ACME001', threadId: '1767000000.000100' })).toMatchObject({ ok: true, platformMessageId: expect.stringMatching(/^C0ACME001:\d+\.\d+$/) });
    expect(fake.callsTo('chat.postMessage')[0]!.params).toMatchObject({ channel: 'C0ACME001', thread_ts: '1767000000.000100', text: 'Hello' });
  });

  it('opens a person’s DM once (conversations.open) and remembers it', async () => {
    fake.clear();
    const chatPort = port();
    for (let n = 0; n < 3; n++) expect(await sendWith(chatPort, { kind: 'dm', personId: 1, userId: 'U0MARIA01' })).toMatchObject({ ok: true });
    expect(fake.callsTo('conversations.open')).toHaveLength(1);
    expect(fake.callsTo('chat.postMessage').map((call) => call.params.channel)).toEqual(['D0MARIA01', 'D0MARIA01', 'D0MARIA01']);
  });

  it('fails for good in a workspace it is not installed in, without calling Slack', async () => {
    fake.clear();
    expect(await sendWith(port(), { kind: 'channel', channelId: 'C1' }, 'T0GONE')).toMatchObject({ ok: false, kind: 'permanent', reason: 'other' });
    expect(fake.calls).toEqual([]);
  });
});
