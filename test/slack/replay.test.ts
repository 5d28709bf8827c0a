import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandBody } from '../fakes/slack-signing.js';
import { createSlackHarness, waitFor, type SlackHarness } from './harness.js';
import { dmMessage, envelope } from './payloads.js';

/**
 * The payloads recorded from real workspaces (../shared/conformance/recorded-payloads, from vercel/chat),
 * replayed through the real receiver as Slack sends them: events as JSON, slash commands as forms,
 * interactions as a form with a `payload` field. The only change is the response_url, which points at
 * hooks.slack.com and is pointed at the fake instead.
 */
const DIR = join(import.meta.dirname, '../../../shared/conformance/recorded-payloads');

type Recorded = Record<string, any>;
type Kind = 'event' | 'command' | 'interaction';

const recorded: { file: string; name: string; payload: Recorded; kind: Kind }[] = readdirSync(DIR)
  .filter((file) => file.endsWith('.json') && file.includes('slack'))
  .sort()
  .flatMap((file) =>
    Object.entries(JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown>).flatMap(([name, payload]) => {
      if (!payload || typeof payload !== 'object') return [];
      const value = payload as Recorded;
      const kind: Kind | null = value.type === 'event_callback' ? 'event' : typeof value.command === 'string' ? 'command' : value.type === 'block_actions' || value.type === 'view_submission' ? 'interaction' : null;
      return kind ? [{ file, name, payload: value, kind }] : [];
    }),
  );

/** A DM to the bot (no subtype): the one kind of message event Righthand acts on. */
const isDmToBot = (payload: Recorded) => payload.type === 'event_callback' && payload.event?.type === 'message' && payload.event?.channel_type === 'im' && !payload.event?.subtype;

describe('recorded Slack payloads, replayed through the real Bolt receiver', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await createSlackHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('finds the recordings (an empty list would pass vacuously)', () => {
    expect(recorded.length).toBeGreaterThan(30);
    expect(new Set(recorded.map((entry) => entry.kind))).toEqual(new Set(['event', 'command', 'interaction']));
  });

  it.each(recorded.map((entry) => [`${entry.file} ${entry.name}`, entry] as const))('%s', async (_label, { payload, kind }) => {
    const before = h.handled.length;
    const callsBefore = h.fake.calls.length;
    const responseUrl = h.fake.responseUrl();
    const redirected = payload.response_url ? { ...payload, response_url: responseUrl } : payload;
    const answer =
      kind === 'event'
        ? await h.event(redirected)
        : kind === 'command'
          ? await h.post(commandBody(Object.fromEntries(Object.entries(redirected).map(([key, value]) => [key, String(value)]))))
          : await h.interact(redirected);
    expect(answer.status).toBe(200);

    if (kind === 'event' && payload.event.type === 'member_joined_channel') {
      // A join is the core's to judge (onboarding, in a team channel only): handled once, by its event id.
      const { invocation } = (await waitFor(() => h.handled[before], 'the join'))!;
      expect([invocation.id, invocation.input, invocation.actor.userId, invocation.channel?.id]).toEqual([`event:${payload.event_id}`, { kind: 'joined' }, payload.event.user, payload.event.channel]);
      return;
    }
    if (kind === 'event' && !isDmToBot(payload)) {
      // Mentions, reactions, joins and channel chatter are acknowledged and left alone: a DM sent after it is
      // the only thing handled.
      const probe = envelope({ teamId: payload.team_id, event: dmMessage({ user: 'U0PROBE01', channel: 'D0PROBE01', text: 'probe' }) });
      await h.event(probe);
      await waitFor(() => h.handled.length > before, 'the probe');
      expect(h.handled.slice(before).map((entry) => entry.invocation.id)).toEqual([`event:${probe.event_id}`]);
      await waitFor(() => h.fake.calls.slice(callsBefore).some((call) => call.method === 'chat.postMessage' && call.params.channel === 'D0PROBE01'), 'the answer to the probe');
      return;
    }
    if (payload.type === 'view_submission') {
      // Other apps' modals (no Righthand metadata): closed, nothing else.
      expect(answer.text).toBe('');
      expect(h.handled.length).toBe(before);
      return;
    }

    const { invocation, reply } = (await waitFor(() => h.handled[before], 'the invocation'))!;
    expect(invocation.platform).toBe('slack');
    expect(invocation.workspace.externalId).toBe(payload.team_id ?? payload.team?.id);
    if (kind === 'event') {
      expect(invocation.input).toEqual({ kind: 'message', text: payload.event.text });
      expect(invocation.id).toBe(payload.event_id ? `event:${payload.event_id}` : `message:${payload.team_id}:${payload.event.channel}:${payload.event.ts}`);
      const posted = await waitFor(() => h.fake.calls.slice(callsBefore).find((call) => call.method === 'chat.postMessage'), 'the DM answer');
      expect(posted.params).toMatchObject({ channel: payload.event.channel, text: 'I answer slash commands. Type /obm help to see them all.' });
      return;
    }
    if (kind === 'command') {
      expect(invocation.input).toEqual({ kind: 'command', command: payload.command, text: payload.text });
      expect(invocation.id).toBe(`command:${payload.trigger_id}`);
    } else {
      const action = payload.actions[0];
      expect(invocation.input).toEqual({ kind: 'action', actionId: action.action_id, value: action.value ?? action.selected_option?.value ?? '' });
    }
    // Commands and buttons of another app are unknown to Righthand, which says so to the person alone.
    expect(reply.kind).toBe('message');
    const answered = await waitFor(() => h.fake.calls.slice(callsBefore).find((call) => call.method === 'response_url' || call.method === 'chat.postEphemeral'), 'the answer');
    if (answered.method === 'response_url') expect(answered.params.response_type).toBe('ephemeral');
    else expect(answered.params.user).toBe(payload.user.id);
  });
});
