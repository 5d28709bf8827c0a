import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/database.js';
import { ACME_CHANNEL, createDiscordHarness, OLIVIA, setUpAcmeTeam, waitFor, type DiscordHarness } from './harness.js';

const START = '2026-11-23T09:00:00Z';
type Row = { status: string; reply_secret: string | null; replied_at: unknown };

/**
 * A deferred interaction whose instance stalls past its lease (as good as dead to the database): the adapter's
 * pick-up of left work runs it and answers through the interaction's webhook, or, once the token is too old,
 * posts the answer; the stalled run, waking, finds it is no longer its own.
 */
describe.each(testDatabases())('acknowledged Discord interactions survive their instance on $driver', ({ open }) => {
  let h: DiscordHarness;
  afterEach(async () => {
    await h?.close();
    await h?.handle.close();
  });

  const start = async () => {
    h = await createDiscordHarness({ handle: await open(), start: START, deferAfterMs: 100, recoverEveryMs: 50 });
    await setUpAcmeTeam(h);
  };
  const rows = () => h.rows<Row>(sql`select status, reply_secret, replied_at from accepted_invocations where invocation->'input'->>'text' = 'add' order by accepted_at`);
  const tasks = () => h.rows<{ title: string }>(sql`select title from tasks order by id`);

  const stalledCommand = async (title: string, lateByMs: number) => {
    h.slow.ms = 2_500;
    const sent = h.command(OLIVIA, ACME_CHANNEL, '/task add', { title });
    await waitFor(async () => (await rows())[0]?.status === 'running', 'the claim');
    // The defer (after 100 ms) is what lets another instance answer through the interaction later.
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The stalled run sleeps on; the pick-up runs at once.
    h.slow.ms = 0;
    h.clock.advanceTo(new Date(Date.parse(START) + lateByMs));
    await waitFor(async () => (await rows())[0]?.replied_at, 'the answer by the pick-up', 8_000);
    const { record, answer } = await sent;
    return { record, answer };
  };

  it('is answered through the interaction webhook while its token lives, once', async () => {
    await start();
    const { answer } = await stalledCommand('Renew the domain', 11_000);
    expect(answer.type).toBe(5);
    // The deferred "thinking…" edited through the webhook, and no other message says it.
    expect(answer.text).toMatch(/^Added #1 Renew the domain/);
    expect([...h.fake.messages.values()].filter((message) => h.text(message).includes('Renew the domain'))).toHaveLength(1);
    expect(await tasks()).toEqual([{ title: 'Renew the domain' }]);
    expect((await rows())[0]).toMatchObject({ status: 'done', reply_secret: null });
    expect(h.handled.filter((entry) => entry.invocation.input.kind === 'command' && entry.invocation.input.text === 'add')).toHaveLength(1);
  });

  it('past the token’s 15 minutes, is posted instead', async () => {
    await start();
    const { answer } = await stalledCommand('Book the venue', 20 * 60_000);
    expect(answer.text).not.toContain('Book the venue');
    const posted = [...h.fake.messages.values()].filter((message) => h.text(message).includes('Book the venue') && !message.interaction_id);
    expect(posted.length).toBeGreaterThanOrEqual(1);
    expect(await tasks()).toEqual([{ title: 'Book the venue' }]);
    expect((await rows())[0]).toMatchObject({ status: 'done', reply_secret: null });
  });
});
