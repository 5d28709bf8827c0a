import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commandBody } from '../fakes/slack-signing.js';
import { DEFAULT_TEAM, type FakeSlack } from '../fakes/slack-web-api.js';
import { testDatabases } from '../helpers/database.js';
import { createSlackHarness, waitFor, type SlackHarness } from './harness.js';

// Two bot instances per test on a busy shared machine take longer than the default.
vi.setConfig({ testTimeout: 60_000 });

const OLIVIA = 'U0OLIVIA1';
const ACME = 'C0ACME001';
const START = '2026-11-23T08:00:00Z';

const people = (fake: FakeSlack) => fake.addUser({ id: OLIVIA, name: 'olivia', profile: { display_name: 'Olivia' }, tz: 'Europe/Amsterdam' });

/** A signed `/task …` as Slack posts it, with a trigger of our choosing (a redelivery keeps it). */
const taskCommand = (h: SlackHarness, text: string, triggerId: string, responseUrl: string) =>
  commandBody({
    token: 'verification-token',
    team_id: DEFAULT_TEAM.id,
    team_domain: 'acme',
    channel_id: ACME,
    channel_name: 'acme',
    user_id: OLIVIA,
    user_name: 'olivia',
    command: '/task',
    text,
    api_app_id: 'A0RIGHT01',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: triggerId,
  });

type Row = { status: string; reply_secret: string | null; replied_at: unknown; attempts: number };

describe.each(testDatabases())('acknowledged slash commands survive the process on $driver', ({ open }) => {
  const opened: SlackHarness[] = [];
  const harness = async (options: Parameters<typeof createSlackHarness>[0]) => {
    const h = await createSlackHarness({ start: START, recoverEveryMs: 50, ...options });
    people(h.fake);
    opened.push(h);
    return h;
  };
  afterEach(async () => {
    // The later instances first: they share the first one's database, which it closes.
    for (const h of opened.splice(0).reverse()) await h.close();
  });

  const setUp = async () => {
    const handle = await open();
    const first = await harness({ handle });
    await first.run(OLIVIA, ACME, '/obm setup Acme Co');
    return { handle, first };
  };
  const tasks = (h: SlackHarness) => h.rows<{ title: string }>(sql`select title from tasks order by id`);
  const accepted = (h: SlackHarness) => h.rows<Row>(sql`select status, reply_secret, replied_at, attempts from accepted_invocations where event_id like 'command:t-%' order by accepted_at`);

  it('a command acked by an instance that died before its work is run and answered on its response_url by the next, once', async () => {
    const { handle, first } = await setUp();
    // The first instance acks, claims, then stalls past its lease: as good as dead to the database.
    let wake = () => {};
    first.slow.until = new Promise<void>((resolve) => (wake = resolve));
    const url = first.fake.responseUrl();
    const ack = await first.post(taskCommand(first, 'add Renew the domain', 't-crash', url));
    expect(ack.status).toBe(200);
    await waitFor(async () => (await accepted(first))[0]?.status === 'running', 'the first instance to claim it');
    expect(await tasks(first)).toEqual([]);

    const next = await harness({ handle, start: START });
    // Past the dead instance's lease (10 s) on the next one's clock.
    next.clock.advanceTo(new Date(Date.parse(START) + 11_000));
    const answer = await waitFor(() => first.responsesTo(url)[0], 'the answer on the response_url', 8_000);
    expect(answer.params.text).toMatch(/^Added #1 Renew the domain/);
    expect(await tasks(first)).toEqual([{ title: 'Renew the domain' }]);

    // The stalled instance wakes to find the work no longer its own: no second task, no second answer.
    const settled = first.slow.settled;
    wake();
    await waitFor(() => first.slow.settled > settled, 'the stalled run to return');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await tasks(first)).toEqual([{ title: 'Renew the domain' }]);
    expect(first.responsesTo(url)).toHaveLength(1);
    const [row] = await accepted(first);
    expect(row).toMatchObject({ status: 'done', reply_secret: null });
    expect(row!.replied_at).not.toBeNull();
  });

  it('the same command delivered twice is acked twice, runs once and is answered once', async () => {
    const { first } = await setUp();
    const url = first.fake.responseUrl();
    const body = taskCommand(first, 'add Call the printer', 't-twice', url);
    const answers = await Promise.all([first.post(body), first.post(body)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    await waitFor(() => first.responsesTo(url)[0], 'the answer');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(first.responsesTo(url)).toHaveLength(1);
    expect(await tasks(first)).toEqual([{ title: 'Call the printer' }]);
  });

  it('an answer later than the response_url lives goes to the person by DM', async () => {
    const { handle, first } = await setUp();
    let wake = () => {};
    first.slow.until = new Promise<void>((resolve) => (wake = resolve));
    const url = first.fake.responseUrl();
    await first.post(taskCommand(first, 'add Book the venue', 't-late', url));
    await waitFor(async () => (await accepted(first))[0]?.status === 'running', 'the first instance to claim it');
    const next = await harness({ handle, start: START });
    next.clock.advanceTo(new Date(Date.parse(START) + 30 * 60_000));
    const dm = await waitFor(() => next.fake.callsTo('chat.postMessage').find((call) => String(call.params.text).startsWith('Added #1 Book the venue')), 'the DM', 8_000);
    const opened = next.fake.callsTo('conversations.open').find((call) => call.params.users === OLIVIA);
    expect(opened).toBeDefined();
    expect(dm.params.channel).toMatch(/^D/);
    const settled = first.slow.settled;
    wake();
    await waitFor(() => first.slow.settled > settled, 'the stalled run to return');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(first.responsesTo(url)).toHaveLength(0);
    expect(await tasks(first)).toEqual([{ title: 'Book the venue' }]);
    expect((await accepted(first))[0]).toMatchObject({ status: 'done', reply_secret: null });
  });

  it('a stop finishes what runs, leaves what waits to the next instance, and answers nothing with an error', async () => {
    const { handle, first } = await setUp();
    first.slow.ms = 600;
    const urls = Array.from({ length: 10 }, () => first.fake.responseUrl());
    const acks = await Promise.all(urls.map((url, index) => first.post(taskCommand(first, `add Stop test ${index + 1}`, `t-stop-${index}`, url))));
    expect(acks.every((ack) => ack.status === 200)).toBe(true);
    await waitFor(async () => (await accepted(first)).length === 10 && (await accepted(first)).some((row) => row.status === 'running'), 'work to start');
    await first.adapter.stop();
    const answeredBefore = urls.filter((url) => first.responsesTo(url).length > 0).length;
    const left = (await accepted(first)).filter((row) => row.replied_at === null);
    expect(left.length).toBe(10 - answeredBefore);
    expect(left.length).toBeGreaterThan(0);

    await harness({ handle, start: START });
    await waitFor(() => urls.every((url) => first.responsesTo(url).length > 0), 'every command answered', 10_000);
    const texts = urls.map((url) => String(first.responsesTo(url)[0]!.params.text));
    expect(texts.every((text) => /^Added #\d+ Stop test \d+/.test(text))).toBe(true);
    expect(urls.every((url) => first.responsesTo(url).length === 1)).toBe(true);
    expect((await tasks(first)).length).toBe(10);
    expect(first.fake.callsTo('response_url').some((call) => /went wrong/i.test(String(call.params.text)))).toBe(false);
  });
});
