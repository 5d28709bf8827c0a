import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';

// Two bot instances (discord.js clients) per test: on a busy shared machine that takes longer than the default.
const TWO_INSTANCES_MS = 60_000;
import { testDatabases } from '../helpers/database.js';
import { ACME_CHANNEL, createDiscordHarness, OLIVIA, setUpAcmeTeam, waitFor, type DiscordHarness } from './harness.js';

const START = '2026-11-23T09:00:00Z';
type Row = { status: string; reply_secret: string | null; replied_at: unknown };

/**
 * A deferred interaction whose instance stops mid-work: the next instance runs it and answers through the
 * interaction's webhook, or, once the token is too old, posts the answer; the stalled run, waking, finds the
 * work no longer its own.
 */
describe.each(testDatabases())('acknowledged Discord interactions survive their instance on $driver', ({ open }) => {
  const opened: DiscordHarness[] = [];
  afterEach(async () => {
    // The later instance first: it shares the first one's fake Discord and database.
    for (const h of opened.splice(0).reverse()) await h.close();
    await first?.handle.close();
  });
  let first: DiscordHarness;

  const rows = () => first.rows<Row>(sql`select status, reply_secret, replied_at from accepted_invocations where invocation->'input'->>'text' = 'add' order by accepted_at`);
  const tasks = () => first.rows<{ title: string }>(sql`select title from tasks order by id`);

  /** The first instance defers the command, stalls in its core and stops; the next one, `lateByMs` later, finishes it. */
  const diesAfterDefer = async (title: string, lateByMs: number) => {
    first = await createDiscordHarness({ handle: await open(), start: START, deferAfterMs: 100, recoverEveryMs: 50 });
    opened.push(first);
    await setUpAcmeTeam(first);
    let wake = () => {};
    first.slow.until = new Promise<void>((resolve) => (wake = resolve));
    const sent = first.command(OLIVIA, ACME_CHANNEL, '/task add', { title });
    await waitFor(async () => (await rows())[0]?.status === 'running', 'the accepted command');
    // The defer (after 100 ms) is what lets another instance answer through the interaction later.
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Its pick-up and its heartbeat stop with it; its stalled core wakes later, to find the work not its own.
    const stopped = first.adapter.stop();
    const next = await createDiscordHarness({ handle: first.handle, fake: first.fake, start: START, recoverEveryMs: 50 });
    opened.push(next);
    next.clock.advanceTo(new Date(Date.parse(START) + lateByMs));
    await waitFor(async () => (await rows())[0]?.replied_at, 'the answer by the next instance', 8_000);
    wake();
    const { record, answer } = await sent;
    await stopped;
    return { record, answer, next };
  };

  it('is answered through the interaction webhook while its token lives, once', async () => {
    const { answer, next } = await diesAfterDefer('Renew the domain', 11_000);
    expect(answer.type).toBe(5);
    // The deferred "thinking…" edited through the webhook, and no other message says it.
    expect(answer.text).toMatch(/^Added #1 Renew the domain/);
    expect([...first.fake.messages.values()].filter((message) => first.text(message).includes('Renew the domain'))).toHaveLength(1);
    expect(await tasks()).toEqual([{ title: 'Renew the domain' }]);
    expect((await rows())[0]).toMatchObject({ status: 'done', reply_secret: null });
    expect(next.handled).toHaveLength(1);
    expect(first.handled.filter((entry) => entry.invocation.input.kind === 'command' && entry.invocation.input.text === 'add')).toHaveLength(0);
  }, TWO_INSTANCES_MS);

  it('past the token’s 15 minutes, is posted instead', async () => {
    const { answer, next } = await diesAfterDefer('Book the venue', 20 * 60_000);
    expect(answer.text).not.toContain('Book the venue');
    const posted = [...first.fake.messages.values()].filter((message) => first.text(message).includes('Book the venue') && !message.interaction_id);
    expect(posted).toHaveLength(1);
    expect(await tasks()).toEqual([{ title: 'Book the venue' }]);
    expect((await rows())[0]).toMatchObject({ status: 'done', reply_secret: null });
    expect(next.handled).toHaveLength(1);
  }, TWO_INSTANCES_MS);
});
