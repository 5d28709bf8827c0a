import { createSlackAdapter, startHttpServer, type HttpServer } from '../../adapters/slack/index.js';
import type { Bot } from '../../src/core/bot.js';
import type { SlackConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/ports.js';
import { DEFAULT_TEAM, startFakeSlack, type FakeSlack, type SlackPost } from '../fakes/slack-web-api.js';
import type { FailureCase, LiveDriver, PlatformDriver, Received } from './driver.js';

export interface SlackLive extends LiveDriver {
  fake: FakeSlack;
  bot: Bot;
  http: HttpServer;
}

const CHANNEL = 'C0ACME001';
const person = (userId: string, displayName: string, zone: string) => ({ userId, displayName, zone });
const PEOPLE = {
  manager: person('U0OLIVIA1', 'Olivia', 'Europe/Amsterdam'),
  maria: person('U0MARIA01', 'Maria', 'Asia/Manila'),
  jo: person('U0JO00001', 'Jo', 'Europe/London'),
  ann: person('U0ANN0001', 'Ann', 'Europe/Amsterdam'),
};

/** The Slack adapter as the process builds it (token mode, HTTP receiver), never started: only its port is used. */
const slackAdapter = ({ bot, http, apiUrl }: { bot: Bot; http: HttpServer; apiUrl: string }) => {
  const config: SlackConfig = { mode: 'http', port: http.port, signingSecret: 'contract-signing-secret', appToken: null, apiUrl, auth: { kind: 'token', botToken: DEFAULT_TEAM.token } };
  return createSlackAdapter({ bot, config, logger: silentLogger, http, retryConfig: { retries: 0 } });
};

/** Each send to a person nobody has written to yet, so conversations.open is asked (the port remembers DM channels). */
let strangers = 0;
const stranger = () => `U0STRNG${String(++strangers).padStart(2, '0')}`;

/** Slack's answer to `method` for the next call. */
const dmFailing = (method: 'conversations.open' | 'chat.postMessage', error: string): FailureCase<SlackLive> => ({
  name: `${error} (${method})`,
  error: new RegExp(`^${error}$`),
  arrange: (live) => {
    live.fake.failNext(method, { error });
    return { kind: 'dm', personId: 1, userId: stranger() };
  },
});
const channelFailing = (error: string): FailureCase<SlackLive> => ({
  name: error,
  error: new RegExp(`^${error}$`),
  arrange: (live) => {
    live.fake.failNext('chat.postMessage', { error });
    return { kind: 'channel', channelId: CHANNEL };
  },
});

export const slackDriver: PlatformDriver<SlackLive> = {
  platform: 'slack',
  messageId: /^[CD][0-9A-Z]+:\d+\.\d+$/,
  splitsLongMessages: true,
  postAttempts: (live) => live.fake.callsTo('chat.postMessage').length,
  rateLimit: {
    next: (live, seconds) => live.fake.failNext('chat.postMessage', { status: 429, retryAfter: seconds }),
    marginMs: 0,
    // The Web API client keeps no bucket of its own: the outbox's pause is all there is.
    waitOut: async () => {},
  },
  // A deactivated user: users.info and conversations.open answer user_not_found, every time.
  closedDms: { close: (live, userId) => live.fake.addUser({ id: userId, name: userId.toLowerCase(), deleted: true }), error: /^user_not_found$/ },
  unreachable: [
    {
      name: 'cannot_dm_bot (conversations.open with a bot user)',
      error: /^cannot_dm_bot$/,
      arrange: (live) => {
        const id = stranger();
        live.fake.addUser({ id, name: 'some-bot', is_bot: true });
        return { kind: 'dm', personId: 1, userId: id };
      },
    },
    {
      name: 'user_not_found (conversations.open with a deleted user)',
      error: /^user_not_found$/,
      arrange: (live) => {
        const id = stranger();
        live.fake.addUser({ id, name: 'gone', deleted: true });
        return { kind: 'dm', personId: 1, userId: id };
      },
    },
    dmFailing('conversations.open', 'user_disabled'),
    dmFailing('chat.postMessage', 'account_inactive'),
  ],
  channelGone: [channelFailing('channel_not_found'), channelFailing('not_in_channel'), channelFailing('is_archived')],
  refused: [channelFailing('invalid_blocks')],
  transient: [
    channelFailing('ratelimited'),
    {
      name: 'HTTP 503',
      error: /^http 503$/,
      arrange: (live) => {
        live.fake.failNext('chat.postMessage', { status: 503 });
        return { kind: 'channel', channelId: CHANNEL };
      },
    },
  ],
  offline: async (live) => {
    const adapter = slackAdapter({ bot: live.bot, http: live.http, apiUrl: 'http://127.0.0.1:9/api/' });
    return { port: adapter.port, close: async () => {} };
  },

  async start({ bot }) {
    const fake = await startFakeSlack();
    for (const { userId, displayName, zone } of Object.values(PEOPLE)) fake.addUser({ id: userId, name: displayName.toLowerCase(), profile: { display_name: displayName }, tz: zone });
    const http = await startHttpServer({ port: 0, host: '127.0.0.1', logger: silentLogger });
    const adapter = slackAdapter({ bot, http, apiUrl: fake.apiUrl });
    const userOfDm = new Map(Object.values(PEOPLE).map(({ userId }) => [fake.dmChannelOf(userId), userId]));
    let from = 0;
    const toOf = (post: SlackPost): Received['to'] => {
      const user = userOfDm.get(post.channel);
      return user ? { kind: 'dm', userId: user } : { kind: 'channel', channelId: post.channel, ...(post.thread_ts ? { inThreadOf: `${post.channel}:${post.thread_ts}` } : {}) };
    };
    const live: SlackLive = {
      fake,
      bot,
      http,
      port: adapter.port,
      workspace: { externalId: DEFAULT_TEAM.id, name: DEFAULT_TEAM.name },
      channel: CHANNEL,
      people: PEOPLE,
      // A file message is where the files of the message before it show (slack.files.ts), not a message of its own.
      received: () =>
        fake.posted
          .slice(from)
          .filter((post) => !post.files)
          .map((post) => ({ to: toOf(post), text: post.text, id: `${post.channel}:${post.ts}` })),
      files: () =>
        fake.posted.slice(from).flatMap((post) => (post.files ?? []).map((file) => ({ to: toOf(post), name: file.name, bytes: new Uint8Array(file.bytes!), image: file.altText !== undefined }))),
      clear: () => {
        from = fake.posted.length;
        fake.clear();
      },
      close: async () => {
        await http.close();
        await fake.close();
      },
    };
    return live;
  },
};
