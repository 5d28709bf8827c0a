import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/core/commands.js';
import type { Invocation, InvocationInput, Reply } from '../../src/core/invocation.js';
import { coreModules } from '../../src/core/modules/index.js';
import type { Logger, UserInfo } from '../../src/core/ports.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createHarness, replyText, type Harness } from '../helpers/bot-harness.js';
import { queryRows, testDatabases } from '../helpers/database.js';
import { commandLineArb, formFieldsOf, fuzzSettings, textArb, valueArb } from './fuzz.vocabulary.js';

/**
 * Generated input through the real core on a real database, every command family, button and form, plus DM
 * text: whatever comes in, the person gets a specific, non-empty answer (never the generic "Something went
 * wrong"), nothing is logged as an error, nothing throws, and input that was refused (no dedupe row committed)
 * changed no row of any table. The seed is fixed (see fuzz.vocabulary.ts); a failure prints the seed and the
 * shrunk input to replay.
 */

const registry = createRegistry(coreModules);
const GENERIC = [/Something went wrong on my side/, /Er ging bij mij iets mis/];
const PEOPLE: Record<string, Partial<UserInfo>> = { olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' }, maria: { displayName: 'Maria', zone: 'Asia/Manila' } };
const ACTORS = ['olivia', 'maria', 'zed'];
const CHANNELS = ['acme', 'dm', 'elsewhere'];

const inputArb = fc.oneof(
  { weight: 5, arbitrary: commandLineArb(registry).map(({ head, rest }): InvocationInput => {
    const [command = '', ...sub] = head.split(' ');
    return { kind: 'command', command, text: [...sub, rest].join(' ').trim() };
  }) },
  { weight: 2, arbitrary: fc.record({ actionId: fc.constantFrom(...registry.actions.keys(), 'nosuch.action'), value: valueArb(registry) }).map((click): InvocationInput => ({ kind: 'action', ...click })) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(...registry.forms.values()).chain((form) =>
      fc.record({
        privateValue: valueArb(registry),
        values: fc.dictionary(fc.constantFrom(...formFieldsOf(form.input)), textArb(registry), { maxKeys: 6 }),
      }).map((filled): InvocationInput => ({ kind: 'form', formId: form.formId, ...filled })),
    ),
  },
  { weight: 1, arbitrary: textArb(registry).map((text): InvocationInput => ({ kind: 'message', text })) },
);

const caseArb = fc.record({ actor: fc.constantFrom(...ACTORS), channel: fc.constantFrom(...CHANNELS), input: inputArb });

/** Every row of every table, as one digest per table: equal digests mean nothing changed. */
const fingerprint = async (handle: DatabaseHandle): Promise<Record<string, string>> => {
  const tables = await queryRows<{ name: string }>(handle, sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`);
  const parts = tables.map(({ name }) => `select '${name}' as name, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${name}" t`);
  const rows = await queryRows<{ name: string; digest: string }>(handle, sql.raw(parts.join(' union all ')));
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
};

const recordingLogger = (errors: unknown[]): Logger => ({ debug: () => {}, info: () => {}, warn: () => {}, error: (...args: unknown[]) => void errors.push(args) });

describe.each(testDatabases())('fuzzed input through the core, on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const errors: unknown[] = [];
  let counter = 0;
  const directory = { lookup: async (userId: string): Promise<UserInfo | null> => (PEOPLE[userId] ? { userId, displayName: userId, ...PEOPLE[userId] } : null) };

  beforeAll(async () => {
    handle = await open();
    // Sunday 22 Nov 2026, 12:00 UTC: a team with a task, a follow-up and a standup, so ids name real things.
    h = await createHarness({ handle, start: '2026-11-22T12:00:00Z', people: PEOPLE, logger: recordingLogger(errors) });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member' } });
    for (const line of ['/task add Invoice @maria due friday', '/followup @maria the contract by tomorrow', '/standup setup at 09:00 deadline 12:00 @maria']) {
      expect(replyText(await h.run('olivia', 'acme', line))).not.toMatch(GENERIC[0]!);
    }
    await h.advanceTo('2026-11-23T02:00:00Z');
  });
  afterAll(async () => handle?.close());

  const send = (actor: string, channel: string, input: InvocationInput): Promise<Reply> => {
    const invocation: Invocation = {
      id: `fuzz-${++counter}`,
      platform: 'console',
      workspace: { externalId: 'demo', name: 'Demo' },
      actor: { userId: actor, displayName: PEOPLE[actor]?.displayName ?? actor, ...PEOPLE[actor] },
      channel: channel === 'dm' ? { id: `dm-${actor}`, isDm: true } : { id: channel, isDm: false },
      input,
      directory,
    };
    return h.bot.handle(invocation);
  };

  it('answers every generated command, click, form and DM specifically, and a refusal changes nothing', async () => {
    const { seed, numRuns } = fuzzSettings(250);
    const tally = { refused: 0, accepted: 0 };
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ actor, channel, input }) => {
        const before = await fingerprint(handle);
        const logged = errors.length;
        // Text in a channel is people talking to each other (the bot stays out of it); in a DM it is for the bot.
        const reply = await send(actor, input.kind === 'message' ? 'dm' : channel, input);
        const id = `fuzz-${counter}`;
        const text = replyText(reply);
        for (const generic of GENERIC) expect(text).not.toMatch(generic);
        expect(text.trim(), `an empty answer (${reply.kind})`).not.toBe('');
        expect(errors.slice(logged), 'an error log').toEqual([]);
        const committed = await queryRows<{ n: number }>(handle, sql`select count(*)::int as n from inbound_events where event_id = ${id}`);
        if (committed[0]!.n === 0) {
          tally.refused++;
          expect(await fingerprint(handle)).toEqual(before);
        } else tally.accepted++;
        // What the accepted ones queued goes out, as it would between two invocations.
        await h.scheduler.runDue(h.clock.now());
        expect(errors.slice(logged), 'an error log from what it queued').toEqual([]);
      }),
      { seed, numRuns, endOnFailure: true },
    );
    if (process.env.FUZZ_VERBOSE) console.log(tally);
    // The generator reaches both sides: refusals and accepted effects (a vocabulary that only ever produced one
    // would prove half of the property).
    expect(tally.refused).toBeGreaterThan(numRuns / 10);
    expect(tally.accepted).toBeGreaterThan(numRuns / 10);
  }, 240_000);
});
