import { webApi } from '@slack/bolt';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DELIVERY_EVENT_TYPE } from '../../adapters/slack/slack.outbound.js';
import { createBot } from '../../src/core/bot.js';
import { createControllableClock } from '../../src/core/clock.js';
import { compose } from '../../src/core/messages.js';
import { silentLogger } from '../../src/core/ports.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { deliveries, instances } from '../../src/db/schema/index.js';
import { claimDeliveries } from '../../src/scheduler/outbox.js';
import { createPlatformLimits } from '../../src/scheduler/rate-limits.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { DEFAULT_TEAM } from '../fakes/slack-web-api.js';
import { testDatabases } from '../helpers/database.js';
import { useFakeSlackPort } from './support/fake-slack-port.js';
import { deliveryRow, enqueueDm, seedTeam, seedWorkspace } from './support/fixtures.js';

const slack = useFakeSlackPort();
const { handles, slackPort } = slack;
/** Every post Slack holds for a delivery, by the metadata the port put on it. */
const postsOf = (deliveryId: number) => slack.fake.posted.filter((post) => post.metadata?.event_type === DELIVERY_EVENT_TYPE && post.metadata.event_payload.delivery_id === deliveryId);

describe('the fake Slack Web API, like Slack', () => {
  it('posts the same message twice, keeps its metadata, and shows the metadata in conversations.history only with include_all_metadata', async () => {
    const client = new webApi.WebClient(DEFAULT_TEAM.token, { slackApiUrl: slack.fake.apiUrl, retryConfig: { retries: 0 } });
    const metadata = { event_type: DELIVERY_EVENT_TYPE, event_payload: { delivery_id: 999_001, part: 0, parts: 1 } };
    const first = await client.chat.postMessage({ channel: 'C0FAKE001', text: 'twice', metadata });
    const second = await client.chat.postMessage({ channel: 'C0FAKE001', text: 'twice', metadata });
    expect(first.ts).not.toBe(second.ts);
    const plain = await client.conversations.history({ channel: 'C0FAKE001', limit: 10 });
    expect(plain.messages?.map((message) => [message.text, 'metadata' in message])).toEqual([
      ['twice', false],
      ['twice', false],
    ]);
    const withMetadata = await client.conversations.history({ channel: 'C0FAKE001', limit: 10, include_all_metadata: true });
    expect(withMetadata.messages?.map((message) => (message as { metadata?: unknown }).metadata)).toEqual([metadata, metadata]);
    // `oldest` is a real time, as on Slack: nothing is newer than now.
    expect((await client.conversations.history({ channel: 'C0FAKE001', oldest: String(Date.now() / 1000 + 5) })).messages).toEqual([]);
  });
});

describe('the Slack port looking up a delivery', () => {
  it('finds the first part of a long message posted before a crash, and the resend posts only the rest', async () => {
    const port = slackPort();
    const long = compose(Array.from({ length: 60 }, (_, n) => ({ type: 'text' as const, text: `line ${n}` })));
    const target = { kind: 'channel' as const, channelId: 'C0LONG001' };
    const since = new Date(Date.now() - 1_000);
    expect(await port.findDelivered!({ deliveryId: 7, workspaceExternalId: DEFAULT_TEAM.id, target, since })).toEqual({ kind: 'absent' });
    const first = await port.send({ deliveryId: 7, workspaceExternalId: DEFAULT_TEAM.id, target, message: long });
    expect(slack.fake.posted).toHaveLength(2);
    // The process died between the two parts: Slack holds only the first.
    slack.fake.posted.splice(1);
    const found = await port.findDelivered!({ deliveryId: 7, workspaceExternalId: DEFAULT_TEAM.id, target, since });
    expect(found).toEqual({ kind: 'found', platformMessageId: first.ok ? first.platformMessageId : '', complete: false, postedParts: 1 });
    const rest = await port.send({ deliveryId: 7, workspaceExternalId: DEFAULT_TEAM.id, target, message: long, resume: { postedParts: 1, platformMessageId: (found as { platformMessageId: string }).platformMessageId } });
    expect(rest).toEqual(first);
    expect(slack.fake.posted.map((post) => post.metadata?.event_payload.part)).toEqual([0, 1]);
    expect(await port.findDelivered!({ deliveryId: 7, workspaceExternalId: DEFAULT_TEAM.id, target, since })).toMatchObject({ kind: 'found', complete: true, postedParts: 2 });
    // Another delivery's messages, or messages from before `since`, are not it.
    expect(await port.findDelivered!({ deliveryId: 8, workspaceExternalId: DEFAULT_TEAM.id, target, since })).toEqual({ kind: 'absent' });
    expect(await port.findDelivered!({ deliveryId: 7, workspaceExternalId: DEFAULT_TEAM.id, target, since: new Date(Date.now() + 5_000) })).toEqual({ kind: 'absent' });
  });

  it('cannot tell without the history scope, and says so rather than guess', async () => {
    slack.fake.failNext('conversations.history', { error: 'missing_scope' });
    expect(await slackPort().findDelivered!({ deliveryId: 7, workspaceExternalId: DEFAULT_TEAM.id, target: { kind: 'channel', channelId: 'C0LONG001' }, since: new Date() })).toEqual({ kind: 'unknown', error: 'missing_scope' });
  });
});

describe.each(testDatabases())('a delivery left sending by a dead instance, on $driver', ({ open }) => {
  const setUp = async () => {
    const handle = await open();
    handles.push(handle);
    const db = handle.db;
    const workspace = await seedWorkspace({ db, platform: 'slack', externalId: DEFAULT_TEAM.id });
    const { people } = await seedTeam({ db, workspaceId: workspace.id, channel: 'C0TEAM001', managers: ['U0ANNA001'], members: ['U0BRAM001', 'U0CATO001'] });
    const now = new Date();
    const dm = async (who: string, text: string) => {
      await enqueueDm({ db, workspaceId: workspace.id, person: people[who]!, text, at: now });
      return (await db.select().from(deliveries).where(eq(deliveries.dedupeKey, `dm:${people[who]!.id}:${text}`)))[0];
    };
    const clock = createControllableClock({ start: now, frozen: true });
    const port = slackPort();
    const scheduler = createScheduler({
      db,
      bot: createBot({ db, clock, logger: silentLogger, modules: [], jobs: [] }),
      clock,
      logger: silentLogger,
      ports: new Map([['slack', port]]),
      limits: createPlatformLimits({ slackTargetIntervalMs: 0 }),
    });
    return { db, now, dm, port, scheduler };
  };
  /** An instance on another host that claimed these and stopped beating `silentMs` ago. */
  const claimAs = async ({ db, now, id, silentMs }: { db: DatabaseHandle['db']; now: Date; id: string; silentMs: number }) => {
    await db.insert(instances).values({ id, host: 'another-host', pid: 1, heartbeatAt: sql`now() - make_interval(secs => ${silentMs / 1000})` });
    return claimDeliveries({ db, now, limit: 10, leaseMs: 60_000, instanceId: id });
  };

  it('is marked sent without a second post when Slack has it, is sent once when Slack has not, and neither waits out the 60 s lease', async () => {
    const { db, now, dm, port, scheduler } = await setUp();
    const posted = (await dm('U0BRAM001', 'posted before the crash'))!;
    const lost = (await dm('U0CATO001', 'never reached Slack'))!;
    const claimed = await claimAs({ db, now, id: 'dead-instance', silentMs: 30_000 });
    expect(claimed.map((row) => row.id).sort()).toEqual([posted.id, lost.id].sort());
    const after = (await dm('U0BRAM001', 'the next one to Bram'))!;
    // Slack accepted the first one, and the instance died before it could record that.
    const accepted = await port.send({ deliveryId: posted.id, workspaceExternalId: DEFAULT_TEAM.id, target: claimed.find((row) => row.id === posted.id)!.target, message: claimed[0]!.message });
    expect(accepted.ok).toBe(true);
    slack.fake.clear();

    // One second later: far within the dead instance's lease.
    await scheduler.runDue(new Date(now.getTime() + 1_000));

    expect(postsOf(posted.id)).toHaveLength(1);
    expect(await deliveryRow(db, posted.id)).toMatchObject({ status: 'sent', platformMessageId: accepted.ok ? accepted.platformMessageId : null, inDoubtSince: null });
    expect(postsOf(lost.id)).toHaveLength(1);
    expect(await deliveryRow(db, lost.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(postsOf(after.id)).toHaveLength(1);
    // Both were looked up (with metadata, from shortly before the claim); the new one was simply sent.
    const lookups = slack.fake.callsTo('conversations.history');
    expect(lookups).toHaveLength(2);
    for (const lookup of lookups) {
      expect(String(lookup.params.include_all_metadata)).toBe('true');
      expect(Number(lookup.params.oldest)).toBeLessThan(now.getTime() / 1000);
      expect(Number(lookup.params.oldest)).toBeGreaterThan(now.getTime() / 1000 - 600);
    }
    // And in order: Bram's DM channel holds the first one (posted before the crash, not again) and then the next.
    const bram = slack.fake.posted.filter((post) => post.channel === slack.fake.dmChannelOf('U0BRAM001'));
    expect(bram.map((post) => post.metadata?.event_payload.delivery_id)).toEqual([posted.id, after.id]);
  });

  it('looks up, before the retry, a message whose answer was a 5xx (Slack may have posted it), and a rate limit not', async () => {
    const { db, now, dm, scheduler } = await setUp();
    const doubtful = (await dm('U0BRAM001', 'answered with a 500'))!;
    slack.fake.failNext('chat.postMessage', { status: 500 });
    await scheduler.runDue(new Date(now.getTime() + 1_000));
    const afterFailure = await deliveryRow(db, doubtful.id);
    expect(afterFailure).toMatchObject({ status: 'pending', lastError: 'http 500' });
    expect(afterFailure.inDoubtSince).toEqual(afterFailure.claimedAt);
    await scheduler.runDue(new Date(now.getTime() + 60_000));
    expect(slack.fake.callsTo('conversations.history')).toHaveLength(1);
    expect(postsOf(doubtful.id)).toHaveLength(1);
    expect(await deliveryRow(db, doubtful.id)).toMatchObject({ status: 'sent', inDoubtSince: null });

    const limited = (await dm('U0CATO001', 'rate limited'))!;
    slack.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await scheduler.runDue(new Date(now.getTime() + 61_000));
    expect(await deliveryRow(db, limited.id)).toMatchObject({ status: 'pending', inDoubtSince: null });
  });

  it('leaves the claim of an instance that is still beating alone until its lease ends', async () => {
    const { db, now, dm, scheduler } = await setUp();
    const busy = (await dm('U0BRAM001', 'being sent by a live instance'))!;
    await claimAs({ db, now, id: 'live-instance', silentMs: 0 });
    await scheduler.runDue(new Date(now.getTime() + 1_000));
    expect(postsOf(busy.id)).toHaveLength(0);
    expect((await db.select().from(deliveries).where(eq(deliveries.id, busy.id)))[0]).toMatchObject({ status: 'sending', claimedBy: 'live-instance' });
    // After the lease it is due for anyone, and looked up first: not on Slack, so sent once.
    await scheduler.runDue(new Date(now.getTime() + 61_000));
    expect(postsOf(busy.id)).toHaveLength(1);
    expect(await deliveryRow(db, busy.id)).toMatchObject({ status: 'sent' });
  });
});
