import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/bot.js';
import { createControllableClock, type ControllableClock } from '../../src/core/clock.js';
import { enqueueDelivery } from '../../src/core/deliveries.js';
import { mention } from '../../src/core/mentions.js';
import { compose, textMessage, type Message } from '../../src/core/messages.js';
import { coreJobs, coreModules } from '../../src/core/modules/index.js';
import { type DeliveryTarget, type Scheduler, silentLogger, type UserInfo } from '../../src/core/ports.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { openPgliteCopy, queryRows } from '../helpers/database.js';
import { consoleDriver } from './console.driver.js';
import { discordDriver } from './discord.driver.js';
import { isAbsent, type Capability, type FailureCase, type LiveDriver, type PlatformDriver, type Received } from './driver.js';
import { slackDriver } from './slack.driver.js';
import { stringify } from 'csv-stringify/sync';
import { createChartRenderer } from '../../src/charts/echarts-renderer.js';

const charts = createChartRenderer();

/**
 * The outbound port's contract (ChatPort in src/core/ports.ts), run against each platform's real port: the
 * console's (observed on its --json output), Slack's (Bolt's WebClient against the fake Web API) and
 * Discord's (discord.js REST against the fake REST API). First the port on its own, then under the real
 * scheduler and outbox on a migrated database. What a platform cannot do is skipped, with its reason.
 *
 * ChatPort has one operation, `send`: a message replacing a clicked one is an interaction reply (the
 * inbound side), not a delivery, so "update" is not part of this contract. What refers to an earlier post
 * here is the thread reply, named by the post's platform message id, as the outbox names it.
 */

// Monday 09:00 UTC: inside everyone's working time (zoneless people use the team's zone), so DMs go at once.
const T0 = new Date('2026-11-23T09:00:00Z');

type DeliveryRow = { id: number; status: string; target_key: string; not_before: Date | string; attempts: number; last_error: string | null; platform_message_id: string | null };

/** A message long enough that Slack (40 blocks) and Discord (6,000 characters of embeds) need several posts. */
const PARAGRAPHS = 60;
const paragraph = (n: number) => `Paragraph ${String(n).padStart(2, '0')}: ${'the weekly report, the invoices and the ads, checked and sent. '.repeat(2).trim()}`;
const longMessage = (): Message => compose(Array.from({ length: PARAGRAPHS }, (_, index) => ({ type: 'text' as const, text: paragraph(index + 1) })));
const paragraphsIn = (texts: string[]) => texts.flatMap((text) => [...text.matchAll(/Paragraph (\d\d)/g)].map((match) => Number(match[1])));

const contract = <L extends LiveDriver>(driver: PlatformDriver<L>) =>
  describe(`the ${driver.platform} ChatPort`, () => {
    let handle: DatabaseHandle;
    let clock: ControllableClock;
    let bot: Bot;
    let scheduler: Scheduler;
    let live: L;
    let deliveryIds = 100_000;

    beforeAll(async () => {
      handle = await openPgliteCopy();
      clock = createControllableClock({ start: T0, frozen: true });
      bot = createBot({ db: handle.db, clock, logger: silentLogger, modules: coreModules, jobs: coreJobs });
      live = await driver.start({ bot, clock });
      scheduler = createScheduler({ db: handle.db, bot, clock, logger: silentLogger, ports: new Map([[driver.platform, live.port]]) });
    });
    afterAll(async () => {
      await live?.close();
      await handle?.close();
    });
    beforeEach(() => live.clear());

    const send = (target: DeliveryTarget, message: Message = textMessage('Hello')) => live.port.send({ deliveryId: ++deliveryIds, workspaceExternalId: live.workspace.externalId, target, message });
    const dm = (person: UserInfo): DeliveryTarget => ({ kind: 'dm', personId: 1, userId: person.userId });
    const channel = (threadId?: string): DeliveryTarget => ({ kind: 'channel', channelId: live.channel, ...(threadId ? { threadId } : {}) });

    /** A scenario the platform may lack: skipped, with the driver's reason in its name. */
    const scenario = <T>(capability: Capability<T>, name: string, run: (value: T) => Promise<void>) => {
      const absent = isAbsent(capability);
      it.skipIf(absent)(absent ? `${name} (not on ${driver.platform}: ${capability.absent})` : name, () => run(capability as T));
    };
    /** One test per way the platform says it, or one skipped test when it has no such answer. */
    const eachCase = (capability: Capability<FailureCase<L>[]>, name: string, expected: (failure: FailureCase<L>) => unknown) => {
      if (isAbsent(capability)) return scenario(capability, name, async () => {});
      for (const failure of capability) {
        it(`${name}: ${failure.name}`, async () => {
          try {
            const result = await send(await failure.arrange(live));
            expect(result).toEqual(expected(failure));
          } finally {
            await failure.after?.(live);
          }
        });
      }
    };

    describe('sending', () => {
      it('a DM reaches the person, and the port names the message', async () => {
        const result = await send(dm(live.people.maria), textMessage('Your task is due on Friday'));
        const received = live.received();
        expect(received).toEqual([{ to: { kind: 'dm', userId: live.people.maria.userId }, text: expect.stringContaining('Your task is due on Friday'), id: expect.stringMatching(driver.messageId) }]);
        expect(result).toEqual({ ok: true, platformMessageId: received[0]!.id });
      });

      it('a channel post lands in the channel, outside any thread', async () => {
        const result = await send(channel(), textMessage('Standup, Tue 24 Nov'));
        const received = live.received();
        expect(received).toEqual([{ to: { kind: 'channel', channelId: live.channel }, text: expect.stringContaining('Standup, Tue 24 Nov'), id: expect.stringMatching(driver.messageId) }]);
        expect(result).toEqual({ ok: true, platformMessageId: received[0]!.id });
      });

      it('replies naming a post by its platform message id land in its thread, in order', async () => {
        const parent = await send(channel(), textMessage('Standup, Wed 25 Nov'));
        expect(parent).toMatchObject({ ok: true, platformMessageId: expect.stringMatching(driver.messageId) });
        const parentId = (parent as { platformMessageId: string }).platformMessageId;
        for (const text of ['Maria: done', 'Jo: done']) expect(await send(channel(parentId), textMessage(text))).toMatchObject({ ok: true, platformMessageId: expect.stringMatching(driver.messageId) });
        const replies = live.received().slice(1);
        expect(replies.map(({ to, text }) => ({ to, text }))).toEqual([
          { to: { kind: 'channel', channelId: live.channel, inThreadOf: parentId }, text: expect.stringContaining('Maria: done') },
          { to: { kind: 'channel', channelId: live.channel, inThreadOf: parentId }, text: expect.stringContaining('Jo: done') },
        ]);
        // A later post without a thread is back in the channel.
        await send(channel(), textMessage('Standup, Thu 26 Nov'));
        expect(live.received().at(-1)!.to).toEqual({ kind: 'channel', channelId: live.channel });
      });

      it(`a long message arrives whole and in order, ${driver.splitsLongMessages ? 'as several posts' : 'as one'}, named by its first post`, async () => {
        const result = await send(channel(), longMessage());
        const posts = live.received();
        expect(posts.every((post) => post.to.kind === 'channel' && post.to.channelId === live.channel && !('inThreadOf' in post.to))).toBe(true);
        if (driver.splitsLongMessages) expect(posts.length).toBeGreaterThan(1);
        else expect(posts).toHaveLength(1);
        expect(paragraphsIn(posts.map((post) => post.text))).toEqual(Array.from({ length: PARAGRAPHS }, (_, index) => index + 1));
        expect(result).toEqual({ ok: true, platformMessageId: posts[0]!.id });
      });
    });

    describe('failing', () => {
      scenario(driver.rateLimit, 'a rate limit answers retry with the platform’s Retry-After, and nothing is posted', async (rateLimit) => {
        rateLimit.next(live, 2);
        try {
          expect(await send(channel())).toEqual({ ok: false, kind: 'retry', error: 'ratelimited', retryAfterMs: 2_000 + rateLimit.marginMs });
          expect(live.received()).toEqual([]);
          // The client library did not queue and retry it silently: one refused post and nothing else.
          if (!isAbsent(driver.postAttempts)) expect(driver.postAttempts(live)).toBe(1);
        } finally {
          await rateLimit.waitOut(2);
        }
      });

      eachCase(driver.unreachable, 'a person the platform cannot reach is permanent and unreachable', (failure) => ({ ok: false, kind: 'permanent', error: expect.stringMatching(failure.error), reason: 'unreachable' }));
      eachCase(driver.channelGone, 'a channel the bot can no longer post in is permanent and gone', (failure) => ({ ok: false, kind: 'permanent', error: expect.stringMatching(failure.error), reason: 'channel_gone' }));
      eachCase(driver.refused, 'a message the platform will never accept is permanent, for another reason', (failure) => ({ ok: false, kind: 'permanent', error: expect.stringMatching(failure.error), reason: 'other' }));
      eachCase(driver.transient, 'a passing failure is retried, without pausing the workspace unless the platform names a pause', (failure) => ({
        ok: false,
        kind: 'retry',
        error: expect.stringMatching(failure.error),
        ...(failure.retryAfter ? { retryAfterMs: expect.any(Number) } : {}),
      }));

      scenario(driver.offline, 'a platform out of reach over the network is retried', async (offline) => {
        const { port, close } = await offline(live);
        try {
          for (const target of [channel(), dm(live.people.jo)]) expect(await port.send({ deliveryId: ++deliveryIds, workspaceExternalId: live.workspace.externalId, target, message: textMessage('x') })).toMatchObject({ ok: false, kind: 'retry', error: expect.any(String) });
        } finally {
          await close();
        }
      });
    });

    describe('through the real scheduler and outbox', () => {
      let invocations = 0;
      const directory = { lookup: async (userId: string) => Object.values(live.people).find((person) => person.userId === userId) ?? null };
      /** A command as the manager types it in the team's channel, straight to the core (the inbound side is not under test). */
      const run = async (line: string) => {
        const [command = '', ...rest] = line.split(' ');
        const reply = await bot.handle({ id: `contract-${++invocations}`, platform: driver.platform, workspace: live.workspace, actor: live.people.manager, channel: { id: live.channel, isDm: false }, input: { kind: 'command', command, text: rest.join(' ') }, directory });
        expect(reply.kind, line).not.toBe('none');
        return reply;
      };
      const at = (person: UserInfo) => mention(person.userId);
      const lastId = async () => (await queryRows<{ id: number | null }>(handle, sql`select max(id) as id from deliveries`))[0]?.id ?? 0;
      const deliveriesAfter = (id: number) => queryRows<DeliveryRow>(handle, sql`select id, status, target_key, not_before, attempts, last_error, platform_message_id from deliveries where id > ${id} order by id`);
      const deliver = async (times = 1) => {
        for (let step = 0; step < times; step++) {
          clock.advanceTo(new Date(clock.now().getTime() + 1_000));
          await scheduler.runDue(clock.now());
        }
      };
      /** The task titles each person got in their DM, in order. */
      const titlesTo = (received: Received[], person: UserInfo, titles: string[]) =>
        received.filter((message) => message.to.kind === 'dm' && message.to.userId === person.userId).map((message) => titles.find((title) => message.text.includes(title)) ?? message.text);

      beforeAll(async () => {
        await run('/obm setup Acme Co');
        for (const person of [live.people.maria, live.people.jo, live.people.ann]) await run(`/obm team add ${at(person)} member`);
        await deliver(3);
      });

      it('a task assigned in the core reaches the assignee, and the delivery keeps the port’s message id', async () => {
        const before = await lastId();
        await run(`/task add Prepare the deck ${at(live.people.maria)}`);
        await deliver();
        const rows = await deliveriesAfter(before);
        const toMaria = rows.filter((row) => row.target_key.endsWith(`dm:${live.people.maria.userId}`));
        expect(toMaria).toEqual([expect.objectContaining({ status: 'sent', attempts: 1, last_error: null })]);
        const received = live.received().filter((message) => message.to.kind === 'dm' && message.to.userId === live.people.maria.userId);
        expect(received).toHaveLength(1);
        expect(received[0]!.text).toContain('Prepare the deck');
        expect(toMaria[0]!.platform_message_id).toBe(received[0]!.id);
      });

      it('a reply queued under a post’s key goes in that post’s thread, after it', async () => {
        const [workspace] = await queryRows<{ id: number }>(handle, sql`select id from workspaces where platform = ${driver.platform} and external_id = ${live.workspace.externalId}`);
        const post = (text: string, key: string, threadOfKey?: string) =>
          enqueueDelivery({ db: handle.db, workspaceId: workspace!.id, target: { kind: 'channel', channelId: live.channel, ...(threadOfKey ? { threadOfKey } : {}) }, message: textMessage(text), dedupeKey: key, notBefore: clock.now() });
        const before = await lastId();
        await post('Standup, Fri 27 Nov', 'contract:standup');
        await post('Maria: invoices sent', 'contract:standup:maria', 'contract:standup');
        await post('Jo: site updated', 'contract:standup:jo', 'contract:standup');
        await deliver(4);
        const rows = await deliveriesAfter(before);
        expect(rows.map((row) => row.status)).toEqual(['sent', 'sent', 'sent']);
        const parentId = rows[0]!.platform_message_id!;
        expect(live.received().map(({ to, text }) => ({ to, text }))).toEqual([
          { to: { kind: 'channel', channelId: live.channel }, text: expect.stringContaining('Standup, Fri 27 Nov') },
          { to: { kind: 'channel', channelId: live.channel, inThreadOf: parentId }, text: expect.stringContaining('Maria: invoices sent') },
          { to: { kind: 'channel', channelId: live.channel, inThreadOf: parentId }, text: expect.stringContaining('Jo: site updated') },
        ]);
      });

      it('a channel post with a chart and a DM with a CSV arrive with their files, byte for byte', async () => {
        const [workspace] = await queryRows<{ id: number }>(handle, sql`select id from workspaces where platform = ${driver.platform} and external_id = ${live.workspace.externalId}`);
        const chart = await charts.png({ title: 'Leads, last 8 weeks', labels: ['W45', 'W46', 'W47', 'W48', 'W49', 'W50', 'W51', 'W52'], series: [{ name: 'Leads', values: [12, 15, 11, 18, 21, 19, 24, 27] }], target: { name: 'Target', value: 25 } });
        const csvText = stringify([['#', 'Title', 'Due'], [1, 'Send the invoice, "final"', '2026-11-27'], [2, 'Café menu', '']]);
        const csv = new TextEncoder().encode(csvText);
        const digest: Message = { ...textMessage('Weekly digest: leads up 12%'), files: [{ name: 'chart.png', mimeType: 'image/png', bytes: chart }], image: { file: 'chart.png', alt: 'Leads, last 8 weeks' } };
        const exported: Message = { ...textMessage('Your export: 2 tasks'), files: [{ name: 'tasks.csv', mimeType: 'text/csv', bytes: csv }] };
        const queue = (target: DeliveryTarget, message: Message, key: string) => enqueueDelivery({ db: handle.db, workspaceId: workspace!.id, target, message, dedupeKey: `contract:${driver.platform}:${key}`, notBefore: clock.now() });
        const before = await lastId();
        await queue(channel(), digest, 'digest');
        await queue(dm(live.people.maria), exported, 'export');
        // Queued again (a retried job): nothing more, not even a second copy of the files.
        expect(await queue(dm(live.people.maria), exported, 'export')).toBe(false);
        // The bytes wait beside the delivery, not in its message.
        const stored = await queryRows<{ name: string; size: number; in_message: boolean }>(handle, sql`select f.name, length(f.bytes) as size, d.message ? 'files' as in_message from delivery_files f join deliveries d on d.id = f.delivery_id where d.id > ${before} order by d.id, f.position`);
        expect(stored.map((row) => ({ ...row, size: Number(row.size) }))).toEqual([
          { name: 'chart.png', size: chart.byteLength, in_message: false },
          { name: 'tasks.csv', size: csv.byteLength, in_message: false },
        ]);
        await deliver(3);
        expect((await deliveriesAfter(before)).map((row) => row.status)).toEqual(['sent', 'sent']);
        // Two targets, each in order; between them the outbox promises no order.
        const byKind = <T extends { to: { kind: string } }>(items: T[]) => [...items].sort((a, b) => a.to.kind.localeCompare(b.to.kind));
        expect(byKind(live.received().map(({ to, text }) => ({ to, text })))).toEqual([
          { to: { kind: 'channel', channelId: live.channel }, text: expect.stringContaining('Weekly digest: leads up 12%') },
          { to: { kind: 'dm', userId: live.people.maria.userId }, text: expect.stringContaining('Your export: 2 tasks') },
        ]);
        const files = byKind(live.files());
        expect(files.map(({ to, name, image }) => ({ to, name, image }))).toEqual([
          { to: { kind: 'channel', channelId: live.channel }, name: 'chart.png', image: true },
          { to: { kind: 'dm', userId: live.people.maria.userId }, name: 'tasks.csv', image: false },
        ]);
        expect(Buffer.from(files[0]!.bytes).equals(Buffer.from(chart))).toBe(true);
        expect(new TextDecoder().decode(files[1]!.bytes)).toBe(csvText);
        expect(csvText).toContain('"Send the invoice, ""final"""');
      });

      scenario(driver.rateLimit, 'a rate limit pauses the workspace for Retry-After; the messages go later, in order, none lost or doubled', async (rateLimit) => {
        const SECONDS = 2;
        const titles = ['Send the invoice', 'Update the site', 'Check the ads'];
        const before = await lastId();
        await run(`/task add ${titles[0]} ${at(live.people.maria)}`);
        await run(`/task add ${titles[1]} ${at(live.people.jo)}`);
        await run(`/task add ${titles[2]} ${at(live.people.maria)}`);
        live.clear();
        rateLimit.next(live, SECONDS);
        const limitedAt = clock.now().getTime() + 1_000;
        await deliver();

        const afterLimit = await deliveriesAfter(before);
        expect(afterLimit).toHaveLength(3);
        const limited = afterLimit.filter((row) => row.last_error?.startsWith('ratelimited'));
        expect(limited).toHaveLength(1);
        expect(limited[0]!.status).toBe('pending');
        // A rate limit costs no attempt: it says nothing about the message.
        expect(limited[0]!.attempts).toBe(0);
        // Retry-After from the moment of the 429, on the scheduler's clock.
        expect(new Date(limited[0]!.not_before).getTime()).toBeGreaterThanOrEqual(limitedAt + SECONDS * 1_000 + rateLimit.marginMs);
        // Maria's second task waits behind her first (order per target), and everything waits for the pause.
        const pending = afterLimit.filter((row) => row.status === 'pending').map((row) => row.id);
        expect(pending.length).toBeGreaterThanOrEqual(2);
        const sentAtOnce = afterLimit.filter((row) => row.status === 'sent').length;
        // Nobody retried the refused post behind the outbox's back.
        if (!isAbsent(driver.postAttempts)) expect(driver.postAttempts(live)).toBe(1 + sentAtOnce);

        clock.advanceTo(new Date(limitedAt + SECONDS * 1_000 - 500));
        await scheduler.runDue(clock.now());
        expect((await deliveriesAfter(before)).filter((row) => row.status === 'pending').map((row) => row.id)).toEqual(pending);

        await rateLimit.waitOut(SECONDS);
        clock.advanceTo(new Date(limitedAt + SECONDS * 1_000 + rateLimit.marginMs));
        await deliver(4);
        expect((await deliveriesAfter(before)).map((row) => row.status)).toEqual(['sent', 'sent', 'sent']);
        const received = live.received();
        expect(titlesTo(received, live.people.maria, titles)).toEqual([titles[0], titles[2]]);
        expect(titlesTo(received, live.people.jo, titles)).toEqual([titles[1]]);
        // Three messages and one refused attempt: nobody got a message twice.
        expect(received).toHaveLength(3);
        if (!isAbsent(driver.postAttempts)) expect(driver.postAttempts(live)).toBe(4);
      });

      scenario(driver.closedDms, 'a person whose DMs the platform refuses is marked unreachable once, and the manager is told once', async (closedDms) => {
        const ann = live.people.ann;
        // Managers on the daily brief read unreachable people there; this one asked to hear at once.
        await run('/obm me alerts instant');
        closedDms.close(live, ann.userId);
        const before = await lastId();
        await run(`/task add Fix the footer ${at(ann)}`);
        await run(`/task add Fix the header ${at(ann)}`);
        await deliver(4);
        const rows = await deliveriesAfter(before);
        const toAnn = rows.filter((row) => row.target_key.endsWith(`dm:${ann.userId}`));
        expect(toAnn.length).toBeGreaterThanOrEqual(1);
        // Failed for good at once (never retried), with the platform's reason.
        for (const row of toAnn) {
          expect(row).toMatchObject({ status: 'failed', attempts: 1 });
          expect(row.last_error).toMatch(closedDms.error);
        }
        const [person] = await queryRows<{ dm_reachable: boolean }>(handle, sql`select dm_reachable from people where platform_user_id = ${ann.userId}`);
        expect(person!.dm_reachable).toBe(false);
        const received = live.received();
        expect(received.filter((message) => message.to.kind === 'dm' && message.to.userId === ann.userId)).toEqual([]);
        const toManager = received.filter((message) => message.to.kind === 'dm' && message.to.userId === live.people.manager.userId && message.text.includes(ann.displayName));
        expect(toManager).toHaveLength(1);
      });
    });
  });

contract(consoleDriver);
contract(slackDriver);
contract(discordDriver);
