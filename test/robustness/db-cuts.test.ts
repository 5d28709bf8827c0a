import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { commandBody, postSigned } from '../fakes/slack-signing.js';
import { DEFAULT_TEAM, startFakeSlack, type FakeSlack } from '../fakes/slack-web-api.js';
import { freePort, runMain, waitHealthy } from '../helpers/main-process.js';
import { adminUrl, databaseName, withDatabase } from '../helpers/postgres-names.js';
import { waitFor } from '../slack/harness.js';

const OLIVIA = 'U0OLIVIA1';
const ACME = 'C0ACME001';
const SECRET = 'cuts-secret';
const COMMANDS = 40;
// Slack paces messages to one conversation (about one a second): the tasks go to eight people, so the DMs
// are not a 40-second queue to one person.
const PEOPLE = Array.from({ length: 8 }, (_, index) => `U0PEOPLE${index + 1}`);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The bot's own process on PostgreSQL while another connection kills every one of its backends every 250 ms
 * (about 40 cuts over 10 s), and once refuses new connections for a few seconds, as commands come in and
 * the outbox sends. It must neither die nor lose nor repeat anything, and /healthz must say when the
 * database is gone.
 */
describe.runIf(inject('postgresTemplate'))('the main process while its database connections are cut', () => {
  const url = process.env.DATABASE_URL!;
  const name = `${databaseName(url)}_cuts_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
  let fake: FakeSlack;

  beforeAll(async () => {
    await admin.unsafe(`create database "${name}" template "${inject('postgresTemplate')}"`);
    fake = await startFakeSlack();
    fake.addUser({ id: OLIVIA, name: 'olivia', profile: { display_name: 'Olivia' }, tz: 'Europe/Amsterdam' });
    for (const [index, id] of PEOPLE.entries()) fake.addUser({ id, name: `person${index + 1}`, profile: { display_name: `Person ${index + 1}` }, tz: 'Europe/Amsterdam' });
  });
  afterAll(async () => {
    await fake?.close();
    await admin.unsafe(`alter database "${name}" allow_connections true`).catch(() => {});
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  });

  it('survives 40 cuts and an outage: alive, every command once, every DM once, /healthz 503 then 200', async () => {
    const port = await freePort();
    const events = `http://127.0.0.1:${port}/slack/events`;
    const { child, output, exited } = runMain({ DATABASE_URL: withDatabase(url, name), PORT: String(port), SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: DEFAULT_TEAM.token, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'warn', TICK_SECONDS: '1' });
    let died: number | null | undefined;
    void exited.then((code) => (died = code));
    const command = (text: string) => {
      const responseUrl = fake.responseUrl();
      const body = commandBody({ team_id: DEFAULT_TEAM.id, channel_id: ACME, channel_name: 'acme', user_id: OLIVIA, user_name: 'olivia', command: text.split(' ')[0]!, text: text.slice(text.indexOf(' ') + 1), response_url: responseUrl, trigger_id: `1.${randomBytes(3).toString('hex')}` });
      return { responseId: responseUrl.slice(responseUrl.lastIndexOf('/') + 1), sent: postSigned(events, body, { secret: SECRET }) };
    };
    const answersTo = (responseId: string) => fake.callsTo('response_url').filter((call) => call.params.responseId === responseId);
    try {
      await waitHealthy(port, 60_000);
      for (const text of ['/obm setup Acme Co', ...PEOPLE.map((id, index) => `/obm team add <@${id}|person${index + 1}> member`)]) {
        const { responseId, sent } = command(text);
        expect((await sent).status).toBe(200);
        await waitFor(() => answersTo(responseId)[0], text, 10_000);
      }

      const kill = () => admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
      let cutting = true;
      let cuts = 0;
      const cutter = (async () => {
        while (cutting) {
          await kill();
          cuts += 1;
          await pause(250);
        }
      })();
      const health: number[] = [];
      const watching = (async () => {
        while (cutting) {
          const answer = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
          health.push(answer?.status ?? 0);
          await pause(100);
        }
      })();

      // 40 commands over about 10 s, each a task for one of eight people: an answer on its response_url and a DM through the
      // outbox (urgent, so it goes now whatever their working time).
      const sent: { responseId: string; title: string; person: string }[] = [];
      for (let index = 1; index <= COMMANDS; index++) {
        const title = `Cut task ${index}`;
        const person = PEOPLE[index % PEOPLE.length]!;
        const { responseId, sent: acked } = command(`/task add ${title} <@${person}> !urgent`);
        expect((await acked).status).toBe(200);
        sent.push({ responseId, title, person });
        await pause(250);
        if (index === 20) {
          // An outage that lasts: no new connection at all until /healthz says so (a probe every 2 s), cuts going on.
          await admin.unsafe(`alter database "${name}" allow_connections false`);
          await kill();
          await waitFor(() => health.includes(503), '/healthz to turn 503', 8_000);
          await admin.unsafe(`alter database "${name}" allow_connections true`);
        }
      }
      cutting = false;
      await Promise.all([cutter, watching]);
      const firstDown = health.indexOf(503);
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200, '/healthz back to 200', 10_000);

      await waitFor(() => sent.every(({ responseId }) => answersTo(responseId).length > 0), 'an answer to every command', 20_000);
      // Nothing but log lines on stderr (a crash or an unhandled rejection prints a stack), none at error level.
      const lines = output.stderr.split('\n').filter((line) => line.trim() !== '');
      const records = lines.map((line) => {
        try {
          return JSON.parse(line) as { level: number; msg: string };
        } catch {
          return { level: 60, msg: line };
        }
      });
      expect(records.filter((record) => record.level >= 50)).toEqual([]);
      // Every command answered once, every task once, every DM once.
      for (const { responseId, title, person } of sent) {
        expect(answersTo(responseId), title).toHaveLength(1);
        expect(String(answersTo(responseId)[0]!.params.text)).toMatch(new RegExp(`^Added #\\d+ ${title} for Person ${PEOPLE.indexOf(person) + 1}\\b`));
      }
      const check = postgres(withDatabase(url, name), { max: 1, onnotice: () => {} });
      try {
        const tasks = await check<{ title: string; n: number }[]>`select title, count(*)::int as n from tasks where title like 'Cut task %' group by title`;
        expect(tasks).toHaveLength(COMMANDS);
        expect(tasks.filter((task) => task.n !== 1)).toEqual([]);
      } finally {
        await check.end();
      }
      const dmsOf = () => fake.posted.filter((post) => post.channel.startsWith('D0PEOPLE') && /Cut task \d+/.test(post.text));
      await waitFor(() => dmsOf().length >= COMMANDS, 'a DM for every task', 20_000).catch(async (error: unknown) => {
        const look = postgres(withDatabase(url, name), { max: 1, onnotice: () => {} });
        const states = await look`select status, nature, urgent, target_key, count(*)::int as n, min(not_before) as next, max(last_error) as error, max(dropped_reason) as dropped from deliveries group by 1, 2, 3, 4`.finally(() => look.end());
        throw new Error(`${String(error)}: ${dmsOf().length} DMs; deliveries ${JSON.stringify(states)}`);
      });
      const titles = dmsOf().map((post) => `${post.channel} ${/Cut task \d+/.exec(post.text)![0]}`);
      expect(new Set(titles).size).toBe(COMMANDS);
      expect(titles).toHaveLength(COMMANDS);
      expect(titles).toEqual(expect.arrayContaining(sent.map(({ title, person }) => `${person.replace(/^U/, 'D')} ${title}`)));

      expect(died).toBeUndefined();
      expect(cuts).toBeGreaterThanOrEqual(40);
      expect(firstDown).toBeGreaterThan(-1);
      console.info(`db-cuts: ${cuts} cuts, /healthz 503 for ${health.filter((status) => status === 503).length} of ${health.length} probes, ${records.length} warn lines: ${[...new Set(records.map((record) => record.msg))].join(' | ')}`);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 150_000);
});
