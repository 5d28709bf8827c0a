import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordPort, createDmChannels } from '../../adapters/discord/discord.outbound.js';
import { outboxRest } from '../../adapters/discord/index.js';
import { compose } from '../../src/core/messages.js';
import { silentLogger } from '../../src/core/ports.js';
import { APPLICATION_ID, BOT_TOKEN } from '../fakes/discord-api.js';
import { ACME_CHANNEL, ACME_GUILD, createDiscordHarness, JO, MARIA, OLIVIA, setUpAcmeTeam, type DiscordHarness } from './harness.js';

type DeliveryRow = { id: number; status: string; not_before: Date | string; attempts: number; last_error: string | null };
const deliveries = (h: DiscordHarness) => h.rows<DeliveryRow>(sql`select id, status, not_before, attempts, last_error from deliveries order by id`);

describe('the outbox through the Discord port (the real scheduler and discord.js REST)', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await createDiscordHarness();
    await setUpAcmeTeam(h);
    await h.deliver();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a 429 with retry_after pauses the workspace; the message goes later, nothing lost or doubled', async () => {
    await h.command(OLIVIA, ACME_CHANNEL, '/task add', { title: 'Send the invoice', assignee: MARIA.id });
    await h.command(OLIVIA, ACME_CHANNEL, '/task add', { title: 'Check the ads', assignee: MARIA.id });
    const before = (await deliveries(h)).length;
    h.fake.clear();
    h.fake.failNext('POST', '/channels/:channel/messages', { status: 429, retryAfter: 1.5 });
    const start = h.clock.now().getTime();
    await h.deliver();
    const limited = (await deliveries(h)).slice(before - 2).find((row) => row.last_error?.startsWith('ratelimited'))!;
    expect(limited.status).toBe('pending');
    expect(limited.attempts).toBe(0);
    // Retry-After (1.5 s, and discord.js's 50 ms margin) from the 429, on the scheduler's clock.
    expect(new Date(limited.not_before).getTime()).toBeGreaterThanOrEqual(start + 1_000 + 1_500);
    // discord.js did not queue and retry it silently: one refused post and nothing else.
    expect(h.fake.callsTo('POST', '/channels/:channel/messages')).toHaveLength(1);

    // Discord's bucket resets in real time, too: wait it out, then let the scheduler's clock pass the pause.
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    for (let second = 1; second <= 4; second++) await h.deliver();
    const rows = (await deliveries(h)).slice(before - 2);
    expect(rows.map((row) => row.status)).toEqual(rows.map(() => 'sent'));
    const dm = h.fake.dmChannelOf(MARIA.id)!;
    const texts = h.fake.messagesIn(dm).map((message) => h.text(message));
    expect(texts.filter((text) => text.includes('Send the invoice'))).toHaveLength(1);
    expect(texts.filter((text) => text.includes('Check the ads'))).toHaveLength(1);
  });

  it('DMs closed (403 50007): the person is marked unreachable and the managers are told once', async () => {
    h.fake.closeDms(JO.id);
    await h.command(OLIVIA, ACME_CHANNEL, '/task add', { title: 'Fix the footer', assignee: JO.id });
    await h.command(OLIVIA, ACME_CHANNEL, '/task add', { title: 'Fix the header', assignee: JO.id });
    h.fake.clear();
    for (let step = 0; step < 4; step++) await h.deliver();
    const [jo] = await h.rows<{ dm_reachable: boolean }>(sql`select dm_reachable from people where platform_user_id = ${JO.id}`);
    expect(jo!.dm_reachable).toBe(false);
    const failed = (await deliveries(h)).filter((row) => row.last_error?.includes('50007'));
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed.every((row) => row.status === 'failed')).toBe(true);
    const toOlivia = h.fake.messagesIn(h.fake.dmChannelOf(OLIVIA.id)!).filter((message) => h.text(message).includes('Jo'));
    expect(toOlivia).toHaveLength(1);
  });
});

describe('the Discord ChatPort against the fake REST API', () => {
  let h: DiscordHarness;
  const port = () => createDiscordPort({ rest: outboxRest({ token: BOT_TOKEN, applicationId: APPLICATION_ID, apiUrl: h.fake.apiUrl, shards: null }), dms: createDmChannels(), logger: silentLogger });
  const send = (target: Parameters<ReturnType<typeof port>['send']>[0]['target'], text = 'Hello') => port().send({ deliveryId: 7, workspaceExternalId: ACME_GUILD, target, message: compose([{ type: 'text', text }]) });

  beforeAll(async () => {
    h = await createDiscordHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('posts to a channel with the delivery as nonce and returns the message id; a thread reply starts the thread once', async () => {
    const posted = await send({ kind: 'channel', channelId: ACME_CHANNEL }, 'Standup, Tue 24 Nov');
    expect(posted).toMatchObject({ ok: true, platformMessageId: expect.stringMatching(/^\d+$/) });
    const parentId = (posted as { platformMessageId: string }).platformMessageId;
    h.fake.clear();
    const reply = port();
    for (const text of ['Maria: done', 'Jo: done']) expect(await reply.send({ deliveryId: 8, workspaceExternalId: ACME_GUILD, target: { kind: 'channel', channelId: ACME_CHANNEL, threadId: parentId }, message: compose([{ type: 'text', text }]) })).toMatchObject({ ok: true });
    const created = h.fake.callsTo('POST', '/channels/:channel/messages/:message/threads');
    expect(created).toHaveLength(1);
    expect(created[0]!.body).toMatchObject({ name: 'Standup, Tue 24 Nov' });
    expect(h.fake.messagesIn(parentId).map((message) => h.text(message))).toEqual(['Maria: done', 'Jo: done']);
    expect(h.fake.callsTo('POST', '/channels/:channel/messages').every((call) => call.body.nonce === 'rh8' && call.body.enforce_nonce === true)).toBe(true);
  });

  it('maps Discord’s answers to what the outbox does', async () => {
    h.fake.failNext('POST', '/channels/:channel/messages', { status: 429, retryAfter: 7 });
    expect(await send({ kind: 'channel', channelId: ACME_CHANNEL })).toMatchObject({ ok: false, kind: 'retry', error: 'ratelimited', retryAfterMs: 7_050 });
    h.fake.failNext('POST', '/channels/:channel/messages', { status: 429, retryAfter: 2, global: true });
    expect(await send({ kind: 'channel', channelId: '510000000000000009' })).toMatchObject({ ok: false, kind: 'retry', retryAfterMs: expect.any(Number) });
    h.fake.closeDms(MARIA.id);
    expect(await send({ kind: 'dm', personId: 1, userId: MARIA.id })).toMatchObject({ ok: false, kind: 'permanent', reason: 'unreachable', error: expect.stringContaining('50007') });
    expect(await send({ kind: 'channel', channelId: '599999999999999999' })).toMatchObject({ ok: false, kind: 'permanent', reason: 'channel_gone' });
    h.fake.failNext('POST', '/channels/:channel/messages', { status: 403, code: 50013, message: 'Missing Permissions' });
    expect(await send({ kind: 'channel', channelId: ACME_CHANNEL })).toMatchObject({ ok: false, kind: 'permanent', reason: 'channel_gone' });
    h.fake.failNext('POST', '/channels/:channel/messages', { status: 400, code: 50035, message: 'Invalid Form Body' });
    expect(await send({ kind: 'channel', channelId: ACME_CHANNEL })).toMatchObject({ ok: false, kind: 'permanent', reason: 'other' });
    h.fake.failNext('POST', '/channels/:channel/messages', { status: 503, code: 0 });
    expect(await send({ kind: 'channel', channelId: ACME_CHANNEL })).toMatchObject({ ok: false, kind: 'retry' });
    const offline = createDiscordPort({ rest: outboxRest({ token: BOT_TOKEN, applicationId: APPLICATION_ID, apiUrl: 'http://127.0.0.1:9/api', shards: null }), dms: createDmChannels(), logger: silentLogger });
    expect(await offline.send({ deliveryId: 9, workspaceExternalId: ACME_GUILD, target: { kind: 'channel', channelId: ACME_CHANNEL }, message: compose([{ type: 'text', text: 'x' }]) })).toMatchObject({ ok: false, kind: 'retry' });
  });
});
