import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordPort, createDmChannels } from '../../adapters/discord/discord.outbound.js';
import { outboxRest } from '../../adapters/discord/index.js';
import { textMessage } from '../../src/core/messages.js';
import { silentLogger } from '../../src/core/ports.js';
import { APPLICATION_ID, BOT_TOKEN, startFakeDiscord, type FakeDiscord } from '../fakes/discord-api.js';

const GUILD = '410000000000000001';
const CHANNEL = '510000000000000001';
const fakes: FakeDiscord[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

/**
 * A delivery sent again after a crash, on Discord: the port sends the delivery id as an enforced nonce,
 * so within Discord's window the repeat answers the first message; past it a second one is posted.
 */
describe('a Discord delivery sent twice', () => {
  const setUp = async (nonceWindowMs: number) => {
    const fake = await startFakeDiscord({ guilds: [{ id: GUILD, name: 'Acme', channels: [{ id: CHANNEL, name: 'acme-team' }], members: [] }], nonceWindowMs });
    fakes.push(fake);
    const port = createDiscordPort({ rest: outboxRest({ token: BOT_TOKEN, applicationId: APPLICATION_ID, apiUrl: fake.apiUrl, shards: null }), dms: createDmChannels(), logger: silentLogger });
    const send = () => port.send({ deliveryId: 42, workspaceExternalId: GUILD, target: { kind: 'channel', channelId: CHANNEL }, message: textMessage('Standup at 10') });
    return { fake, send };
  };

  it('within the nonce window is one message: the repeat gets the first one’s id', async () => {
    const { fake, send } = await setUp(60_000);
    const first = await send();
    const again = await send();
    expect(first).toMatchObject({ ok: true });
    expect(again).toEqual(first);
    expect(fake.messagesIn(CHANNEL)).toHaveLength(1);
    expect(fake.callsTo('POST', '/channels/:channel/messages').map((call) => [call.body.nonce, call.body.enforce_nonce])).toEqual([
      ['rh42', true],
      ['rh42', true],
    ]);
  });

  it('past the window is posted again (what the README states for a resend minutes after a crash)', async () => {
    const { fake, send } = await setUp(50);
    await send();
    await new Promise((resolve) => setTimeout(resolve, 80));
    await send();
    expect(fake.messagesIn(CHANNEL)).toHaveLength(2);
  });
});
