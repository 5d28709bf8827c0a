import { afterEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/bot.js';
import { createControllableClock } from '../../src/core/clock.js';
import { textMessage } from '../../src/core/messages.js';
import { enqueueDelivery } from '../../src/core/deliveries.js';
import { silentLogger, type OutboundMessage } from '../../src/core/ports.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { createRecordingPort } from '../fakes/recording-chat-port.js';
import { testDatabases } from '../helpers/database.js';
import { seedWorkspace } from './support/fixtures.js';

const T0 = new Date('2026-11-24T08:00:00Z');
const handles: DatabaseHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
});

describe.each(testDatabases())('thread replies in the outbox on $driver', ({ open }) => {
  const setUp = async () => {
    const handle = await open();
    handles.push(handle);
    const clock = createControllableClock({ start: T0, frozen: true });
    const recorder = createRecordingPort('console', () => clock.now());
    const bot = createBot({ db: handle.db, clock, logger: silentLogger, modules: [], jobs: [] });
    const scheduler = createScheduler({ db: handle.db, bot, clock, logger: silentLogger, ports: new Map([['console', recorder.port]]) });
    const workspace = await seedWorkspace({ db: handle.db, platform: 'console', externalId: 'demo' });
    const post = (text: string, key: string, threadOfKey?: string) =>
      enqueueDelivery({ db: handle.db, workspaceId: workspace.id, target: { kind: 'channel', channelId: 'acme', ...(threadOfKey ? { threadOfKey } : {}) }, message: textMessage(text), dedupeKey: key, notBefore: clock.now() });
    return { scheduler, recorder, post, clock };
  };
  const threadOf = (sent: OutboundMessage) => (sent.target.kind === 'channel' ? (sent.target.threadId ?? null) : null);

  it('sends the parent first and posts each reply in its thread, in one batch or later', async () => {
    const { scheduler, recorder, post, clock } = await setUp();
    await post('Standup, Tue 24 Nov', 'parent');
    await post('Maria: done the invoices', 'reply-1', 'parent');
    await scheduler.runDue(clock.now());
    await post('Jo: stuck on the API key', 'reply-2', 'parent');
    await scheduler.runDue(clock.now());
    const [parent, ...replies] = recorder.sent;
    expect(recorder.sent.map((sent) => sent.text)).toEqual(['Standup, Tue 24 Nov', 'Maria: done the invoices', 'Jo: stuck on the API key']);
    expect(threadOf(parent!)).toBeNull();
    expect(replies.map(threadOf)).toEqual(['m1', 'm1']);
    expect(replies.every((reply) => reply.target.kind === 'channel' && !('threadOfKey' in reply.target))).toBe(true);
  });

  it('posts a reply in the channel when its parent failed for good, rather than losing it', async () => {
    const { scheduler, recorder, post, clock } = await setUp();
    recorder.respondWith((message) => (message.message.text === 'Standup, Tue 24 Nov' ? { ok: false, kind: 'permanent', error: 'channel_not_found', reason: 'other' } : { ok: true }));
    await post('Standup, Tue 24 Nov', 'parent');
    await post('Maria: done the invoices', 'reply-1', 'parent');
    await scheduler.runDue(clock.now());
    expect(recorder.sent.map((sent) => [sent.text, threadOf(sent)])).toEqual([['Maria: done the invoices', null]]);
  });
});
