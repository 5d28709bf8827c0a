import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordPort, createDmChannels } from '../../adapters/discord/discord.outbound.js';
import { discordMessageText } from '../../adapters/discord/discord.render.js';
import { outboxRest } from '../../adapters/discord/index.js';
import { textMessage } from '../../src/core/messages.js';
import { silentLogger } from '../../src/core/ports.js';
import { APPLICATION_ID, BOT_TOKEN, startFakeDiscord, type FakeDiscord } from '../fakes/discord-api.js';

/**
 * What only Discord's port does. The scenarios every platform shares (DMs, posts, threads, rate limits,
 * closed DMs, gone channels) are in test/contract/chat-port.contract.test.ts.
 */
const GUILD = '410000000000000001';
const CHANNEL = '510000000000000001';

describe('the Discord ChatPort, beyond the contract', () => {
  let fake: FakeDiscord;
  const port = () => createDiscordPort({ rest: outboxRest({ token: BOT_TOKEN, applicationId: APPLICATION_ID, apiUrl: fake.apiUrl, shards: null }), dms: createDmChannels(), logger: silentLogger });

  beforeAll(async () => {
    fake = await startFakeDiscord({ guilds: [{ id: GUILD, name: 'Acme Community', channels: [{ id: CHANNEL, name: 'acme-team' }], members: [] }] });
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('starts a post’s thread on its first reply, once, named after the post; every post carries its delivery as an enforced nonce', async () => {
    const chatPort = port();
    const posted = await chatPort.send({ deliveryId: 7, workspaceExternalId: GUILD, target: { kind: 'channel', channelId: CHANNEL }, message: textMessage('Standup, Tue 24 Nov') });
    expect(posted).toMatchObject({ ok: true, platformMessageId: expect.stringMatching(/^\d+$/) });
    const parentId = (posted as { platformMessageId: string }).platformMessageId;
    for (const [deliveryId, text] of [[8, 'Maria: done'], [9, 'Jo: done']] as const) {
      expect(await chatPort.send({ deliveryId, workspaceExternalId: GUILD, target: { kind: 'channel', channelId: CHANNEL, threadId: parentId }, message: textMessage(text) })).toMatchObject({ ok: true });
    }
    const created = fake.callsTo('POST', '/channels/:channel/messages/:message/threads');
    expect(created).toHaveLength(1);
    expect(created[0]!.body).toMatchObject({ name: 'Standup, Tue 24 Nov' });
    expect(fake.messagesIn(parentId).map((message) => discordMessageText(message))).toEqual(['Maria: done', 'Jo: done']);
    expect(fake.callsTo('POST', '/channels/:channel/messages').map((call) => [call.body.nonce, call.body.enforce_nonce])).toEqual([
      ['rh7', true],
      ['rh8', true],
      ['rh9', true],
    ]);
  });
});
