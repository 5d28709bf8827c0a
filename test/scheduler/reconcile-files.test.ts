import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DELIVERY_EVENT_TYPE } from '../../adapters/slack/slack.outbound.js';
import { createBot } from '../../src/core/bot.js';
import { createControllableClock } from '../../src/core/clock.js';
import { enqueueDelivery } from '../../src/core/deliveries.js';
import { compose, textMessage, type Message } from '../../src/core/messages.js';
import { silentLogger, type DeliveryTarget } from '../../src/core/ports.js';
import { deliveries, deliveryFiles, instances } from '../../src/db/schema/index.js';
import { claimDeliveries } from '../../src/scheduler/outbox.js';
import { createPlatformLimits } from '../../src/scheduler/rate-limits.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { DEFAULT_TEAM } from '../fakes/slack-web-api.js';
import { testDatabases } from '../helpers/database.js';
import { useFakeSlackPort } from './support/fake-slack-port.js';
import { deliveryRow, seedTeam, seedWorkspace } from './support/fixtures.js';

/**
 * Exactly once for messages with files on Slack (issue 13's reconciliation): the files go as a file
 * message after the text (slack.files.ts), which carries no metadata of ours, so the lookup after a crash
 * recognizes it by place. A crash between the text and the files shares the files only; a crash after both
 * posts nothing again.
 */

const slack = useFakeSlackPort();
const { handles, slackPort } = slack;

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 300 }, (_, n) => n % 251)]);
const csv = new TextEncoder().encode('#,Title\n1,Send the invoice\n');
const withFiles: Message = {
  ...textMessage('Weekly digest'),
  files: [
    { name: 'tasks.csv', mimeType: 'text/csv', bytes: csv },
    { name: 'chart.png', mimeType: 'image/png', bytes: png },
  ],
  image: { file: 'chart.png', alt: 'Leads, 8 weeks' },
};
const textPostsOf = (deliveryId: number) => slack.fake.posted.filter((post) => post.metadata?.event_type === DELIVERY_EVENT_TYPE && post.metadata.event_payload.delivery_id === deliveryId);
const fileMessages = () => slack.fake.posted.filter((post) => post.files);

describe('the Slack port sending files', () => {
  it('posts the text with metadata counting the files, then shares them in one file message, image first, bytes intact', async () => {
    const port = slackPort();
    const target = { kind: 'channel' as const, channelId: 'C0FILES01' };
    const result = await port.send({ deliveryId: 41, workspaceExternalId: DEFAULT_TEAM.id, target, message: withFiles });
    const [text] = textPostsOf(41);
    expect(result).toEqual({ ok: true, platformMessageId: `C0FILES01:${text!.ts}` });
    expect(text!.metadata!.event_payload).toEqual({ delivery_id: 41, part: 0, parts: 2, files: 2 });
    expect(slack.fake.methods()).toEqual(['chat.postMessage', 'files.getUploadURLExternal', 'files.getUploadURLExternal', 'files.completeUploadExternal']);
    const [shared] = fileMessages();
    expect(shared!.channel).toBe('C0FILES01');
    expect(Number(shared!.ts)).toBeGreaterThan(Number(text!.ts));
    expect(shared!.files!.map((file) => [file.name, file.altText ?? null])).toEqual([
      ['chart.png', 'Leads, 8 weeks'],
      ['tasks.csv', null],
    ]);
    expect(Buffer.from(shared!.files![0]!.bytes!).equals(Buffer.from(png))).toBe(true);
    expect(Buffer.from(shared!.files![1]!.bytes!).equals(Buffer.from(csv))).toBe(true);
    // Announced lengths match what was uploaded (the fake refuses otherwise, as Slack does).
    expect(slack.fake.callsTo('files.getUploadURLExternal').map((call) => Number(call.params.length))).toEqual([png.byteLength, csv.byteLength]);
  });

  it('shares the files in the thread when the message is a thread reply', async () => {
    const port = slackPort();
    const parent = await port.send({ deliveryId: 50, workspaceExternalId: DEFAULT_TEAM.id, target: { kind: 'channel', channelId: 'C0FILES02' }, message: textMessage('Standup') });
    const parentTs = (parent as { platformMessageId: string }).platformMessageId.split(':')[1];
    await port.send({ deliveryId: 51, workspaceExternalId: DEFAULT_TEAM.id, target: { kind: 'channel', channelId: 'C0FILES02', threadId: `C0FILES02:${parentTs}` }, message: withFiles });
    expect(fileMessages().map((post) => post.thread_ts)).toEqual([parentTs]);
  });

  it('after a crash between the text and the files, finds the text only, and the resend shares only the files', async () => {
    const port = slackPort();
    const target = { kind: 'dm' as const, personId: 1, userId: 'U0BRAM001' };
    const since = new Date(Date.now() - 1_000);
    const first = await port.send({ deliveryId: 42, workspaceExternalId: DEFAULT_TEAM.id, target, message: withFiles });
    // The process died after chat.postMessage: Slack holds the text, no file message.
    slack.fake.posted.splice(slack.fake.posted.indexOf(fileMessages()[0]!), 1);
    const found = await port.findDelivered!({ deliveryId: 42, workspaceExternalId: DEFAULT_TEAM.id, target, since });
    expect(found).toEqual({ kind: 'found', platformMessageId: (first as { platformMessageId: string }).platformMessageId, complete: false, postedParts: 1 });
    slack.fake.clear();
    const rest = await port.send({ deliveryId: 42, workspaceExternalId: DEFAULT_TEAM.id, target, message: withFiles, resume: { postedParts: 1, platformMessageId: (found as { platformMessageId: string }).platformMessageId } });
    expect(rest).toEqual(first);
    expect(slack.fake.methods()).not.toContain('chat.postMessage');
    expect(textPostsOf(42)).toHaveLength(1);
    expect(fileMessages()).toHaveLength(1);
    expect(await port.findDelivered!({ deliveryId: 42, workspaceExternalId: DEFAULT_TEAM.id, target, since })).toMatchObject({ kind: 'found', complete: true, postedParts: 2 });
  });

  it('does not take an earlier file message, or one with other files, for this delivery’s', async () => {
    const port = slackPort();
    const target = { kind: 'channel' as const, channelId: 'C0FILES03' };
    const since = new Date(Date.now() - 1_000);
    // An earlier delivery's files, before this one's text.
    await port.send({ deliveryId: 60, workspaceExternalId: DEFAULT_TEAM.id, target, message: withFiles });
    await port.send({ deliveryId: 61, workspaceExternalId: DEFAULT_TEAM.id, target, message: withFiles });
    // 61's file message is lost; after 61's text comes a file message of one file only (not 61's two).
    slack.fake.posted.splice(slack.fake.posted.lastIndexOf(fileMessages().at(-1)!), 1);
    await port.send({ deliveryId: 62, workspaceExternalId: DEFAULT_TEAM.id, target, message: { ...textMessage('one file'), files: [{ name: 'a.csv', mimeType: 'text/csv', bytes: csv }] } });
    expect(await port.findDelivered!({ deliveryId: 61, workspaceExternalId: DEFAULT_TEAM.id, target, since })).toMatchObject({ kind: 'found', complete: false, postedParts: 1 });
    expect(await port.findDelivered!({ deliveryId: 60, workspaceExternalId: DEFAULT_TEAM.id, target, since })).toMatchObject({ kind: 'found', complete: true, postedParts: 2 });
  });

  it('a long message with files: every text part, then the file message, as the last part', async () => {
    const port = slackPort();
    const long: Message = { ...compose(Array.from({ length: 60 }, (_, n) => ({ type: 'text' as const, text: `line ${n}` }))), files: withFiles.files!, image: withFiles.image! };
    await port.send({ deliveryId: 70, workspaceExternalId: DEFAULT_TEAM.id, target: { kind: 'channel', channelId: 'C0FILES04' }, message: long });
    expect(textPostsOf(70).map((post) => post.metadata!.event_payload)).toEqual([
      { delivery_id: 70, part: 0, parts: 3, files: 2 },
      { delivery_id: 70, part: 1, parts: 3, files: 2 },
    ]);
    expect(slack.fake.posted.map((post) => (post.files ? 'files' : 'text'))).toEqual(['text', 'text', 'files']);
  });
});

describe.each(testDatabases())('a delivery with files left sending by a dead instance, on $driver', ({ open }) => {
  it('goes out once: the text is not posted again, the files are shared once, from the bytes in the database', async () => {
    const handle = await open();
    handles.push(handle);
    const db = handle.db;
    const workspace = await seedWorkspace({ db, platform: 'slack', externalId: DEFAULT_TEAM.id });
    const { people } = await seedTeam({ db, workspaceId: workspace.id, channel: 'C0TEAM001', managers: ['U0ANNA001'], members: ['U0BRAM001'] });
    const now = new Date();
    const bram = people.U0BRAM001!;
    const queue = async (key: string, target: DeliveryTarget) => {
      await enqueueDelivery({ db, workspaceId: workspace.id, target, message: withFiles, dedupeKey: key, notBefore: now });
      return (await db.select().from(deliveries).where(eq(deliveries.dedupeKey, key)))[0]!;
    };
    // Two targets: the outbox claims one message per target at a time.
    const halfSent = await queue('export:half', { kind: 'dm', personId: bram.id, userId: bram.platformUserId });
    const wholeSent = await queue('digest:whole', { kind: 'channel', channelId: 'C0TEAM001' });
    expect((await db.select().from(deliveryFiles).where(eq(deliveryFiles.deliveryId, halfSent.id))).map((file) => [file.name, file.bytes.byteLength])).toEqual([
      ['tasks.csv', csv.byteLength],
      ['chart.png', png.byteLength],
    ]);
    const port = slackPort();
    // Another instance claimed both, sent them, and died before recording either; the first lost its file message.
    await db.insert(instances).values({ id: 'dead-instance', host: 'another-host', pid: 1, heartbeatAt: sql`now() - make_interval(secs => 30)` });
    await claimDeliveries({ db, now, limit: 10, leaseMs: 60_000, instanceId: 'dead-instance' });
    for (const row of [halfSent, wholeSent]) await port.send({ deliveryId: row.id, workspaceExternalId: DEFAULT_TEAM.id, target: row.target, message: withFiles });
    slack.fake.posted.splice(slack.fake.posted.indexOf(fileMessages()[0]!), 1);
    slack.fake.clear();
    const clock = createControllableClock({ start: now, frozen: true });
    const scheduler = createScheduler({ db, bot: createBot({ db, clock, logger: silentLogger, modules: [], jobs: [] }), clock, logger: silentLogger, ports: new Map([['slack', port]]), limits: createPlatformLimits({ slackTargetIntervalMs: 0 }) });
    await scheduler.runDue(new Date(now.getTime() + 1_000));
    await scheduler.runDue(new Date(now.getTime() + 2_000));
    expect(await deliveryRow(db, halfSent.id)).toMatchObject({ status: 'sent', inDoubtSince: null });
    expect(await deliveryRow(db, wholeSent.id)).toMatchObject({ status: 'sent', inDoubtSince: null });
    expect(slack.fake.methods().filter((method) => method === 'chat.postMessage')).toEqual([]);
    expect(textPostsOf(halfSent.id)).toHaveLength(1);
    expect(textPostsOf(wholeSent.id)).toHaveLength(1);
    // Two file messages: the channel's, which survived, and Bram's, shared again now.
    expect(fileMessages().map((post) => post.channel)).toEqual(['C0TEAM001', slack.fake.dmChannelOf('U0BRAM001')]);
    expect(slack.fake.callsTo('files.completeUploadExternal')).toHaveLength(1);
    const reshared = fileMessages().at(-1)!;
    expect(Buffer.from(reshared.files!.find((file) => file.name === 'chart.png')!.bytes!).equals(Buffer.from(png))).toBe(true);
  });
  it('a rate limit on the upload after the text was posted: the retry waits out Retry-After, looks the text up, and shares only the files', async () => {
    const handle = await open();
    handles.push(handle);
    const db = handle.db;
    const workspace = await seedWorkspace({ db, platform: 'slack', externalId: DEFAULT_TEAM.id });
    const now = new Date();
    await enqueueDelivery({ db, workspaceId: workspace.id, target: { kind: 'channel', channelId: 'C0TEAM002' }, message: withFiles, dedupeKey: 'digest:limited', notBefore: now });
    const [row] = await db.select().from(deliveries).where(eq(deliveries.dedupeKey, 'digest:limited'));
    const port = slackPort();
    const clock = createControllableClock({ start: now, frozen: true });
    const scheduler = createScheduler({ db, bot: createBot({ db, clock, logger: silentLogger, modules: [], jobs: [] }), clock, logger: silentLogger, ports: new Map([['slack', port]]), limits: createPlatformLimits({ slackTargetIntervalMs: 0 }) });
    slack.fake.failNext('files.getUploadURLExternal', { status: 429, retryAfter: 1 });
    await scheduler.runDue(new Date(now.getTime() + 1_000));
    const limited = await deliveryRow(db, row!.id);
    expect(limited).toMatchObject({ status: 'pending', lastError: 'ratelimited', attempts: 0 });
    // The text is on Slack: in doubt, though a rate limit alone would not be.
    expect(limited.inDoubtSince).not.toBeNull();
    expect(textPostsOf(row!.id)).toHaveLength(1);
    expect(fileMessages()).toHaveLength(0);
    await scheduler.runDue(new Date(now.getTime() + 3_000));
    expect(await deliveryRow(db, row!.id)).toMatchObject({ status: 'sent', inDoubtSince: null });
    expect(textPostsOf(row!.id)).toHaveLength(1);
    expect(fileMessages()).toHaveLength(1);
  });
});
