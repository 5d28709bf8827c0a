import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandBody, postSigned } from '../fakes/slack-signing.js';
import { DEFAULT_TEAM, startFakeSlack, type FakeSlack } from '../fakes/slack-web-api.js';
import { freePort, runMain, waitHealthy } from '../helpers/main-process.js';
import { databaseName, withDatabase } from '../helpers/postgres-names.js';
import { waitFor } from './harness.js';

const URL_OF_SERVER = process.env.DATABASE_URL;
const SECRET = 'crash-secret';
const OLIVIA = 'U0OLIVIA1';
const ACME = 'C0ACME001';
const BURST = 200;

/**
 * The bot in its own process on PostgreSQL, killed with SIGKILL right after acking a burst of slash commands,
 * then started again on the same database: every acked command has its task and its answer.
 */
describe.skipIf(!URL_OF_SERVER)('acked slash commands across kill -9 of the real process', () => {
  let fake: FakeSlack;
  let admin: ReturnType<typeof postgres>;
  let name: string;
  let env: Record<string, string>;
  let port: number;

  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.addUser({ id: OLIVIA, name: 'olivia', profile: { display_name: 'Olivia' }, tz: 'Europe/Amsterdam' });
    admin = postgres(URL_OF_SERVER!, { max: 1, onnotice: () => {} });
    name = `${databaseName(URL_OF_SERVER!)}_crash_${randomBytes(4).toString('hex')}`;
    await admin.unsafe(`create database "${name}"`);
    port = await freePort();
    env = { DATABASE_URL: withDatabase(URL_OF_SERVER!, name), PORT: String(port), SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: DEFAULT_TEAM.token, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'silent' };
  });
  afterAll(async () => {
    await fake?.close();
    await admin?.unsafe(`drop database if exists "${name}" with (force)`);
    await admin?.end();
  });

  const send = (text: string, responseUrl: string, triggerId: string) =>
    postSigned(
      `http://127.0.0.1:${port}/slack/events`,
      commandBody({ team_id: DEFAULT_TEAM.id, channel_id: ACME, channel_name: 'acme', user_id: OLIVIA, user_name: 'olivia', command: text.split(' ')[0]!, text: text.split(' ').slice(1).join(' '), response_url: responseUrl, trigger_id: triggerId }),
      { secret: SECRET },
    );

  it(`${BURST} acked /task add, kill -9 after the last ack, a restart: ${BURST} tasks and ${BURST} answers`, async () => {
    const first = runMain(env);
    await waitHealthy(port, 40_000);
    const setupUrl = fake.responseUrl();
    await send('/obm setup Acme Co', setupUrl, 'crash.setup');
    await waitFor(() => fake.callsTo('response_url')[0], 'the setup answer', 10_000);

    const urls = Array.from({ length: BURST }, () => fake.responseUrl());
    const acks = await Promise.all(urls.map((url, index) => send(`/task add Crash task ${index + 1}`, url, `crash.${index}`)));
    first.child.kill('SIGKILL');
    await first.exited;
    expect(acks.filter((ack) => ack.status === 200)).toHaveLength(BURST);
    const answered = (url: string) => fake.callsTo('response_url').filter((call) => url.endsWith(`/response/${call.params.responseId}`));
    const answeredBefore = new Set(urls.filter((url) => answered(url).length > 0));

    const second = runMain(env);
    try {
      await waitHealthy(port, 40_000);
      // What the first instance had claimed waits out its 10 s lease.
      await waitFor(() => urls.every((url) => answered(url).length > 0), 'every acked command answered', 25_000);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    const sql = postgres(env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql<{ title: string }[]>`select title from tasks`;
      expect(rows).toHaveLength(BURST);
      expect(new Set(rows.map((row) => row.title)).size).toBe(BURST);
      const open = await sql<{ n: number }[]>`select count(*)::int as n from accepted_invocations where replied_at is null or reply_secret is not null`;
      expect(open[0]!.n).toBe(0);
    } finally {
      await sql.end();
    }
    urls.forEach((url, index) => expect(String(answered(url)[0]!.params.text)).toMatch(new RegExp(`^Added #\\d+ Crash task ${index + 1}\\b`)));
    // A reply sent just before the kill and not yet marked is sent again: a repeat is possible (only of an
    // answer the first instance sent), a loss is not.
    const repeats = urls.filter((url) => answered(url).length > 1);
    expect(repeats.filter((url) => !answeredBefore.has(url))).toEqual([]);
    expect(urls.every((url) => answered(url).length <= 2)).toBe(true);
    console.info(`kill -9 burst: ${answeredBefore.size} of ${BURST} answered before the kill, ${repeats.length} answered twice`);
  }, 120_000);
});
