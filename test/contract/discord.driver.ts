import { createDiscordAdapter } from '../../adapters/discord/index.js';
import { discordMessageText } from '../../adapters/discord/discord.render.js';
import type { Bot } from '../../src/core/bot.js';
import { silentLogger } from '../../src/core/ports.js';
import { APPLICATION_ID, BOT_TOKEN, startFakeDiscord, type FakeDiscord, type FakeMessage, type FakeUser } from '../fakes/discord-api.js';
import { sleep, type FailureCase, type LiveDriver, type PlatformDriver, type Received } from './driver.js';

export interface DiscordLive extends LiveDriver {
  fake: FakeDiscord;
  bot: Bot;
}

const GUILD = '410000000000000001';
const CHANNEL = '510000000000000001';
const GONE_CHANNEL = '599999999999999999';
const MESSAGES = '/channels/:channel/messages';
const user = (id: string, username: string, global_name: string): FakeUser => ({ id, username, global_name });
const USERS = { manager: user('310000000000000001', 'olivia', 'Olivia'), maria: user('310000000000000002', 'maria', 'Maria'), jo: user('310000000000000003', 'jo', 'Jo'), ann: user('310000000000000004', 'ann', 'Ann') };
// Discord has no time zones: people tell the bot theirs (here, as if they had).
const PEOPLE = {
  manager: { userId: USERS.manager.id, displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { userId: USERS.maria.id, displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { userId: USERS.jo.id, displayName: 'Jo', zone: 'Europe/London' },
  ann: { userId: USERS.ann.id, displayName: 'Ann', zone: 'Europe/Amsterdam' },
};

/** The Discord adapter as the process builds it, never started: only its port (the outbox's REST client) is used. */
const discordAdapter = ({ bot, apiUrl }: { bot: Bot; apiUrl: string }) => createDiscordAdapter({ bot, config: { token: BOT_TOKEN, applicationId: APPLICATION_ID, apiUrl, shards: null }, logger: silentLogger });

let strangers = 0;
const stranger = () => `3200000000000000${String(++strangers).padStart(2, '0')}`;

const postFailing = (name: string, status: number, code: number, message: string): FailureCase<DiscordLive> => ({
  name,
  error: new RegExp(`^${status} ${code}: `),
  arrange: (live) => {
    live.fake.failNext('POST', MESSAGES, { status, code, message });
    return { kind: 'channel', channelId: CHANNEL };
  },
});

export const discordDriver: PlatformDriver<DiscordLive> = {
  platform: 'discord',
  messageId: /^\d{17,20}$/,
  splitsLongMessages: true,
  postAttempts: (live) => live.fake.callsTo('POST', MESSAGES).length,
  rateLimit: {
    next: (live, seconds) => live.fake.failNext('POST', MESSAGES, { status: 429, retryAfter: seconds }),
    // discord.js's REST `offset`: it waits 50 ms past the reset Discord names.
    marginMs: 50,
    // discord.js keeps the route's bucket exhausted until it resets in real time, and would refuse the
    // next post there before asking Discord: wait it out.
    waitOut: (seconds) => sleep(seconds * 1_000 + 150),
  },
  closedDms: { close: (live, userId) => live.fake.closeDms(userId), error: /^403 50007: / },
  unreachable: [
    {
      name: '403 50007 (DMs closed)',
      error: /^403 50007: /,
      arrange: (live) => {
        const id = stranger();
        live.fake.addUser(user(id, 'closed', 'Closed'));
        live.fake.closeDms(id);
        return { kind: 'dm', personId: 1, userId: id };
      },
    },
    {
      name: '400 50033 (no such user to open a DM with)',
      error: /^400 50033: /,
      arrange: () => ({ kind: 'dm', personId: 1, userId: stranger() }),
    },
  ],
  channelGone: [
    { name: '404 10003 (unknown channel)', error: /^404 10003: /, arrange: () => ({ kind: 'channel', channelId: GONE_CHANNEL }) },
    postFailing('403 50001 (missing access)', 403, 50001, 'Missing Access'),
    postFailing('403 50013 (missing permissions)', 403, 50013, 'Missing Permissions'),
  ],
  refused: [postFailing('400 50035 (invalid form body)', 400, 50035, 'Invalid Form Body')],
  transient: [
    {
      name: 'HTTP 503',
      error: /503/,
      arrange: (live) => {
        live.fake.failNext('POST', MESSAGES, { status: 503, code: 0 });
        return { kind: 'channel', channelId: CHANNEL };
      },
    },
    {
      name: 'a global 429',
      error: /^ratelimited \(global\)$/,
      retryAfter: 'any',
      arrange: (live) => {
        live.fake.failNext('POST', MESSAGES, { status: 429, retryAfter: 1, global: true });
        return { kind: 'channel', channelId: '510000000000000009' };
      },
      // discord.js holds every request until a global limit has passed.
      after: () => sleep(1_200),
    },
  ],
  offline: async (live) => {
    const adapter = discordAdapter({ bot: live.bot, apiUrl: 'http://127.0.0.1:9/api' });
    return { port: adapter.port, close: () => adapter.client.destroy() };
  },

  async start({ bot }) {
    const fake = await startFakeDiscord({
      guilds: [{ id: GUILD, name: 'Acme Community', channels: [{ id: CHANNEL, name: 'acme-team' }, { id: '510000000000000009', name: 'general' }], members: Object.values(USERS).map((member) => ({ user: member })) }],
    });
    const adapter = discordAdapter({ bot, apiUrl: fake.apiUrl });
    let seen = new Set<string>();
    const toOf = (message: FakeMessage): Received['to'] => {
      const owner = fake.dmOwnerOf(message.channel_id);
      // A thread started from a message has that message's id.
      const parent = fake.message(message.channel_id);
      return owner ? { kind: 'dm', userId: owner } : parent ? { kind: 'channel', channelId: parent.channel_id, inThreadOf: parent.id } : { kind: 'channel', channelId: message.channel_id };
    };
    return {
      fake,
      bot,
      port: adapter.port,
      workspace: { externalId: GUILD, name: 'Acme Community' },
      channel: CHANNEL,
      people: PEOPLE,
      received: () =>
        [...fake.messages.values()]
          .filter((message) => !seen.has(message.id))
          .map((message): Received => ({ to: toOf(message), text: discordMessageText(message), id: message.id })),
      // Uploaded with the message (multipart files[n]); the picture is the one an embed shows by attachment://.
      files: () =>
        [...fake.messages.values()]
          .filter((message) => !seen.has(message.id))
          .flatMap((message) =>
            (message.attachments ?? []).map((file) => ({
              to: toOf(message),
              name: file.filename,
              bytes: new Uint8Array(file.bytes),
              image: message.embeds.some((embed: { image?: { url?: string } }) => embed.image?.url === `attachment://${file.filename}`),
            })),
          ),
      clear: () => {
        seen = new Set(fake.messages.keys());
        fake.clear();
      },
      close: async () => {
        await adapter.client.destroy();
        await fake.close();
      },
    };
  },
};
