import { count } from 'drizzle-orm';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, replyText, type Harness } from '../../test/helpers/bot-harness.js';
import { testDatabases } from '../../test/helpers/database.js';
import type { DatabaseHandle } from '../db/client.js';
import { inboundEvents, tasks } from '../db/schema/index.js';
import { createBot } from './bot.js';
import { createControllableClock } from './clock.js';
import { defineCommand, defineSubcommand } from './commands.js';
import type { Invocation } from './invocation.js';
import type { Logger } from './ports.js';

const PEOPLE = { olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' }, maria: { displayName: 'Maria', zone: 'Asia/Manila' } };

describe.each(testDatabases())('the bot pipeline on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  beforeEach(async () => {
    handle = await open();
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
    await h.run('olivia', 'acme', '/obm setup Acme Co');
  });
  afterEach(async () => handle.close());

  const taskCount = async () => (await handle.db.select({ n: count() }).from(tasks))[0]!.n;

  it('handles the same event delivered four times at once exactly once', async () => {
    const replies = await Promise.all([1, 2, 3, 4].map(() => h.run('olivia', 'acme', '/task add Pay the VA invoices', 'slack-event-Ev123')));
    expect(replies.filter((reply) => reply.kind === 'message')).toHaveLength(1);
    expect(replies.filter((reply) => reply.kind === 'none')).toHaveLength(3);
    expect(await taskCount()).toBe(1);
  });

  it('changes nothing when a command fails, and a retry of that event runs again', async () => {
    const before = await handle.db.select({ n: count() }).from(inboundEvents);
    // A deadline already past fails inside the command (words that are no time would be title words).
    expect(replyText(await h.run('olivia', 'acme', '/task add Call due 1 jan 2020', 'retry-me'))).toContain('is already past');
    expect(await handle.db.select({ n: count() }).from(inboundEvents)).toEqual(before);
    expect(replyText(await h.run('olivia', 'acme', '/task add Call due 1 jan 2020', 'retry-me'))).toContain('is already past');
  });

  it('speaks the team’s language', async () => {
    await h.run('olivia', 'acme', '/obm setup language nl');
    expect(replyText(await h.run('olivia', 'acme', '/task add Offerte sturen @maria due vrijdag'))).toBe(
      '#1 Offerte sturen toegevoegd voor Maria, deadline vr 27 nov om 17:00 (Asia/Manila) = vr 27 nov om 10:00 (Europe/Amsterdam) bij jou.',
    );
    expect(h.recorder.dmsTo('maria')[0]?.text).toBe('Olivia heeft je een taak gegeven in Acme Co:\n#1 Offerte sturen\nDeadline vr 27 nov om 17:00 (Asia/Manila)');
    expect(replyText(await h.run('olivia', 'acme', '/task done 9'))).toBe('Er is geen taak #9 in dit team. /task list toont de open taken.');
  });

  it('answers a plain DM with a hint and ignores plain channel chatter', async () => {
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me'))).toContain('Your settings, Maria');
    const bot = h.bot;
    const base = { platform: 'console' as const, workspace: { externalId: 'demo' }, actor: { userId: 'maria', displayName: 'Maria' }, directory: { lookup: async () => null } };
    expect(replyText(await bot.handle({ ...base, id: 'dm-1', channel: { id: 'dm-maria', isDm: true }, input: { kind: 'message', text: 'hi' } }))).toBe(
      'I answer slash commands. Type /obm help to see them all.',
    );
    expect((await bot.handle({ ...base, id: 'chan-1', channel: { id: 'acme', isDm: false }, input: { kind: 'message', text: 'hi all' } })).kind).toBe('none');
  });

  it('says something went wrong, logs it without the input, and never throws on an unexpected error', async () => {
    const logged: unknown[] = [];
    const logger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (fields, message) => logged.push({ fields, message }) };
    const boom = defineCommand({
      name: 'boom',
      description: 'bot.unexpected',
      subcommands: [defineSubcommand({ name: 'now', usage: 'now', example: '/boom now', description: 'bot.unexpected', access: { scope: 'anywhere' }, options: [{ name: 'value', kind: 'rest', description: '' }], input: z.object({ value: z.string() }), run: async () => { throw new Error('database exploded'); } })],
    });
    const bot = createBot({ db: handle.db, clock: createControllableClock({ frozen: true }), logger, modules: [{ commands: [boom] }], jobs: [] });
    const invocation: Invocation = {
      id: 'boom-1',
      platform: 'console',
      workspace: { externalId: 'demo' },
      actor: { userId: 'olivia', displayName: 'Olivia' },
      channel: { id: 'acme', isDm: false },
      input: { kind: 'command', command: 'boom', text: 'now secret-token-123' },
      directory: { lookup: async () => null },
    };
    const reply = await bot.handle(invocation);
    expect(replyText(reply)).toBe('Something went wrong on my side and nothing was changed. Please try again in a moment.');
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).toContain('database exploded');
    expect(JSON.stringify(logged)).not.toContain('secret-token-123');
  });
});
