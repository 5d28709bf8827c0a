import { count, sql } from 'drizzle-orm';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, testDatabases } from '../../test/helpers/database.js';
import type { DatabaseHandle } from '../db/client.js';
import { inboundEvents, people } from '../db/schema/index.js';
import { createBot, type Bot } from './bot.js';
import { createControllableClock } from './clock.js';
import { defineCommand, defineSubcommand } from './commands.js';
import { ephemeral, type InvocationInput } from './invocation.js';
import { compose } from './messages.js';
import { coreJobs, coreModules } from './modules/index.js';
import { silentLogger, type UserInfo } from './ports.js';

/** A command that names someone only by a plain word, which no pre-scan can see: `/who sam`. */
const who = defineCommand({
  name: 'who',
  description: 'bot.dm_hint',
  subcommands: [
    defineSubcommand({
      name: 'is',
      usage: 'is <user id>',
      example: '/who is sam',
      description: 'bot.dm_hint',
      access: { scope: 'anywhere' },
      options: [{ name: 'id', kind: 'word', description: '' }],
      input: z.object({ id: z.string() }),
      run: async ({ id }, ctx) => ephemeral(compose([{ type: 'text', text: (await ctx.person(id)).displayName }])),
    }),
  ],
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDatabases())('people looked up before the transaction, on $driver', ({ driver, open }) => {
  let handle: DatabaseHandle;
  let bot: Bot;
  const lookups: { userId: string; transactionOpen: boolean }[] = [];
  const known: Record<string, UserInfo> = { maria: { userId: 'maria', displayName: 'Maria', zone: 'Asia/Manila' }, sam: { userId: 'sam', displayName: 'Sam' } };

  /**
   * Whether some transaction holds the database while the platform is asked: PGlite has one connection, so a
   * query from outside waits for the transaction (and the bound says so); on PostgreSQL the server lists it.
   */
  const transactionOpen = async (): Promise<boolean> => {
    if (driver === 'pglite') return (await Promise.race([handle.db.execute(sql`select 1`).then(() => false), sleep(5_000).then(() => true)])) as boolean;
    const [row] = await queryRows<{ n: number }>(handle, sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`);
    return row!.n > 0;
  };

  beforeEach(async () => {
    handle = await open();
    lookups.length = 0;
    bot = createBot({ db: handle.db, clock: createControllableClock({ start: new Date('2026-11-23T08:00:00Z'), frozen: true }), logger: silentLogger, modules: [...coreModules, { commands: [who] }], jobs: coreJobs });
  });
  afterEach(async () => handle.close());

  const directory = {
    lookup: async (userId: string) => {
      lookups.push({ userId, transactionOpen: await transactionOpen() });
      return known[userId] ?? null;
    },
  };
  let counter = 0;
  const run = (input: InvocationInput, channel = 'acme') =>
    bot.handle({ id: `lookups-${++counter}`, platform: 'console', workspace: { externalId: 'demo' }, actor: { userId: 'olivia', displayName: 'Olivia', zone: 'Europe/Amsterdam' }, channel: { id: channel, isDm: false }, input, directory });
  const textOf = (reply: Awaited<ReturnType<Bot['handle']>>) => (reply.kind === 'message' ? reply.message.text : reply.kind);

  it('asks the platform about a mentioned newcomer with no transaction open, once', async () => {
    await run({ kind: 'command', command: 'obm', text: 'setup Acme Co' });
    const reply = await run({ kind: 'command', command: 'task', text: 'add Send the invoices @{maria} due friday' });
    expect(textOf(reply)).toContain('Maria');
    expect(lookups).toEqual([{ userId: 'maria', transactionOpen: false }]);
    // Known from now on: a second mention asks nobody.
    await run({ kind: 'command', command: 'task', text: 'add Book the flights @{maria} due friday' });
    expect(lookups).toHaveLength(1);
  });

  it('a person the pre-scan could not see: the attempt rolls back, the look-up runs outside, the command runs once', async () => {
    const reply = await run({ kind: 'command', command: 'who', text: 'is sam' }, 'dm-olivia');
    expect(textOf(reply)).toBe('Sam');
    expect(lookups).toEqual([{ userId: 'sam', transactionOpen: false }]);
    expect((await handle.db.select({ n: count() }).from(inboundEvents))[0]!.n).toBe(1);
    expect((await handle.db.select({ n: count() }).from(people)).map((row) => row.n)).toEqual([2]);
  });

  it('someone the platform does not know is refused with the usual sentence, asked once', async () => {
    const reply = await run({ kind: 'command', command: 'who', text: 'is nobody' }, 'dm-olivia');
    expect(textOf(reply)).toContain('nobody');
    expect(lookups.map((lookup) => lookup.userId)).toEqual(['nobody']);
  });
});
