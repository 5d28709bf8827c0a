import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_CALLBACK_ID } from '../../adapters/slack/slack.forms.js';
import { createRegistry } from '../../src/core/commands.js';
import { coreModules } from '../../src/core/modules/index.js';
import type { Logger } from '../../src/core/ports.js';
import { replyText } from '../helpers/bot-harness.js';
import { commandBody, eventBody, interactionBody, type SlackBody } from '../fakes/slack-signing.js';
import { formFieldsOf, fuzzSettings, textArb, valueArb } from '../robustness/fuzz.vocabulary.js';
import { createSlackHarness, waitFor, type SlackHarness } from './harness.js';
import { dmMessage, envelope } from './payloads.js';

/**
 * Generated, correctly signed Slack requests of every kind the app receives (slash commands, button clicks,
 * modal submissions, DMs) and bodies that are no Slack payload at all, through the real Bolt adapter: each
 * gets 200, 400 or 413, whatever reaches the core gets a specific non-empty answer, nothing is logged as an
 * error, and the server keeps answering. The seed is fixed (see fuzz.vocabulary.ts).
 */

const registry = createRegistry(coreModules);
const TEAM = 'T0RIGHT01';
const OLIVIA = 'U0OLIVIA1';
const MARIA = 'U0MARIA01';
const ACME = 'C0ACME001';
const GENERIC = /Something went wrong on my side|Er ging bij mij iets mis/;
const USERS = [OLIVIA, MARIA, 'U0STRANGER'];

const commandArb = fc.record({
  user: fc.constantFrom(...USERS),
  channel: fc.constantFrom(ACME, 'D0OLIVIA1', 'C0ELSEWHERE'),
  command: fc.constantFrom(...[...registry.commands.keys()].map((name) => `/${name}`)),
  sub: fc.constantFrom('', ...[...registry.commands.values()].flatMap((command) => command.subcommands.map((sub) => sub.name))),
  text: textArb(registry),
});

const clickArb = fc.record({
  user: fc.constantFrom(...USERS),
  actionId: fc.constantFrom(...registry.actions.keys(), 'nosuch.action'),
  value: valueArb(registry),
  channel: fc.constantFrom(ACME, 'D0OLIVIA1'),
});

const submissionArb = fc.constantFrom(...registry.forms.values()).chain((form) =>
  fc.record({
    user: fc.constantFrom(...USERS),
    formId: fc.constantFrom(form.formId, 'nosuch.form'),
    privateValue: valueArb(registry),
    metadataKind: fc.constantFrom('ours', 'ours', 'ours', 'garbage'),
    garbage: fc.string({ maxLength: 40 }),
    values: fc.dictionary(fc.constantFrom(...formFieldsOf(form.input)), textArb(registry), { maxKeys: 6 }),
  }),
);

const dmArb = fc.record({ user: fc.constantFrom(OLIVIA, MARIA), text: textArb(registry) });

/** Bodies no Slack sends: any JSON, any form fields, a `payload` of any JSON. */
const oddBodyArb: fc.Arbitrary<SlackBody> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => eventBody(value)),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }), { maxKeys: 5 }).map((fields) => commandBody(fields)),
  fc.jsonValue({ maxDepth: 3 }).map((value): SlackBody => ({ kind: 'form', value: { payload: JSON.stringify(value) ?? 'undefined' } })),
  fc.record({ type: fc.constantFrom('block_actions', 'view_submission', 'shortcut', 'view_closed', 'event_callback', 'url_verification'), team: fc.constantFrom({ id: TEAM }, null, 7), user: fc.constantFrom({ id: OLIVIA }, {}, null, 'U0OLIVIA1') }).map((payload) => interactionBody(payload)),
);

const recordingLogger = (errors: unknown[]): Logger => ({ debug: () => {}, info: () => {}, warn: () => {}, error: (...args: unknown[]) => void errors.push(args) });

describe('fuzzed Slack requests through the real adapter', () => {
  let h: SlackHarness;
  const errors: unknown[] = [];
  let clicks = 0;

  beforeAll(async () => {
    h = await createSlackHarness({ logger: recordingLogger(errors) });
    await h.run(OLIVIA, ACME, '/obm setup Acme Co');
    await h.run(OLIVIA, ACME, `/obm team add <@${MARIA}> member`);
    await h.run(OLIVIA, ACME, `/task add Invoice <@${MARIA}> due friday`);
  });
  afterAll(async () => h?.close());

  /** Waits for what the request handed to the core, if anything, and checks its answer. */
  const settled = async (before: number, expectHandled: boolean) => {
    if (expectHandled) await waitFor(() => h.handled.length > before, 'the core to handle it', 5_000);
    else await new Promise((resolve) => setTimeout(resolve, 30));
    for (const { reply, invocation } of h.handled.slice(before)) {
      const text = replyText(reply);
      expect(text).not.toMatch(GENERIC);
      // Text in a channel may be nobody's business; everything else is answered.
      if (!(invocation.input.kind === 'message' && !invocation.channel.isDm)) expect(text.trim(), `an empty answer (${reply.kind})`).not.toBe('');
    }
  };

  const noErrorLogged = (from: number) => expect(errors.slice(from), 'an error log').toEqual([]);

  it('answers generated slash commands specifically', async () => {
    await fc.assert(
      fc.asyncProperty(commandArb, async ({ user, channel, command, sub, text }) => {
        const logged = errors.length;
        const before = h.handled.length;
        const sent = await h.command(user, channel, `${command} ${[sub, text].filter(Boolean).join(' ')}`);
        expect(sent.status).toBe(200);
        await settled(before, true);
        noErrorLogged(logged);
      }),
      { ...fuzzSettings(60), endOnFailure: true },
    );
  }, 120_000);

  it('answers generated button clicks and modal submissions, or refuses their shape with 400', async () => {
    await fc.assert(
      fc.asyncProperty(clickArb, async ({ user, actionId, value, channel }) => {
        const logged = errors.length;
        const before = h.handled.length;
        const payload = {
          type: 'block_actions',
          user: { id: user, username: user.toLowerCase(), team_id: TEAM },
          team: { id: TEAM, domain: 'acme' },
          api_app_id: 'A0RIGHT01',
          trigger_id: `${++clicks}.fuzz`,
          container: { type: 'message', channel_id: channel, message_ts: `1767000000.${String(clicks).padStart(6, '0')}`, is_ephemeral: false },
          channel: { id: channel },
          message: { ts: `1767000000.${String(clicks).padStart(6, '0')}`, text: 'x', blocks: [] },
          response_url: h.fake.responseUrl(),
          actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: `${Date.now() / 1000}` }],
        };
        const answer = await h.interact(payload);
        expect([200, 400]).toContain(answer.status);
        await settled(before, false);
        noErrorLogged(logged);
      }),
      { ...fuzzSettings(40), endOnFailure: true },
    );
    await fc.assert(
      fc.asyncProperty(submissionArb, async ({ user, formId, privateValue, metadataKind, garbage, values }) => {
        const logged = errors.length;
        const before = h.handled.length;
        const state = Object.fromEntries(Object.entries(values).map(([field, text]) => [field, { [field]: { type: 'plain_text_input', value: text } }]));
        const metadata = metadataKind === 'ours' ? JSON.stringify({ f: formId, p: privateValue, c: 'D0OLIVIA1', d: true }) : garbage;
        const answer = await h.interact({
          type: 'view_submission',
          team: { id: TEAM, domain: 'acme' },
          user: { id: user, username: user.toLowerCase(), team_id: TEAM },
          api_app_id: 'A0RIGHT01',
          trigger_id: `${++clicks}.fuzz`,
          view: { id: `V${clicks}`, team_id: TEAM, type: 'modal', blocks: [], private_metadata: metadata, callback_id: FORM_CALLBACK_ID, state: { values: state }, hash: `h${clicks}` },
          response_urls: [],
        });
        expect([200, 400]).toContain(answer.status);
        await settled(before, false);
        noErrorLogged(logged);
      }),
      { ...fuzzSettings(40), endOnFailure: true },
    );
  }, 120_000);

  it('answers generated DMs', async () => {
    await fc.assert(
      fc.asyncProperty(dmArb, async ({ user, text }) => {
        const logged = errors.length;
        const before = h.handled.length;
        const answer = await h.event(envelope({ teamId: TEAM, event: dmMessage({ user, channel: `D${user.slice(1)}`, text }) }));
        expect(answer.status).toBe(200);
        // An empty or whitespace-only DM is nothing to answer; anything else reaches the core.
        await settled(before, text.trim() !== '');
        noErrorLogged(logged);
      }),
      { ...fuzzSettings(30), endOnFailure: true },
    );
  }, 120_000);

  it('answers bodies that are no Slack payload with 200, 400 or 413 and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(oddBodyArb, async (body) => {
        const logged = errors.length;
        const before = h.handled.length;
        const answer = await h.post(body);
        expect([200, 400, 413]).toContain(answer.status);
        await settled(before, false);
        noErrorLogged(logged);
      }),
      { ...fuzzSettings(60), endOnFailure: true },
    );
    expect((await fetch(`${h.http.url}/healthz`)).status).toBe(200);
    const { reply } = await h.run(OLIVIA, ACME, '/task add Still answering');
    expect(replyText(reply)).toMatch(/^Added #\d+ Still answering\.$/);
  }, 120_000);
});
