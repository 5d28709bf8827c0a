import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackHarness, waitFor, type SlackHarness } from './harness.js';
import { dmMessage, envelope } from './payloads.js';

const OLIVIA = 'U0OLIVIA1';
const MARIA = 'U0MARIA01';
const TEAM = 'T0RIGHT01';

const countInbound = async (h: SlackHarness, eventId: string) =>
  (await h.rows<{ n: number }>(sql`select count(*)::int as n from inbound_events where platform = 'slack' and event_id = ${eventId}`))[0]!.n;

describe('Events API through the real Bolt HTTP receiver', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await createSlackHarness();
    h.fake.addUser({ id: OLIVIA, profile: { display_name: 'Olivia' }, tz: 'Europe/Amsterdam' });
    h.fake.addUser({ id: MARIA, profile: { display_name: 'Maria' }, tz: 'Asia/Manila' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a DM to the bot becomes a message invocation with the envelope event_id, answered in the DM', async () => {
    h.fake.clear();
    const sent = envelope({ teamId: TEAM, event: dmMessage({ user: MARIA, channel: 'D0MARIA01', text: 'done with the invoice' }) });
    const answer = await h.event(sent);
    expect(answer.status).toBe(200);
    const posted = await waitFor(() => h.fake.callsTo('chat.postMessage')[0], 'the answer');
    expect(posted.params.channel).toBe('D0MARIA01');
    expect(posted.params.text).toBe('I answer slash commands. Type /obm help to see them all.');
    const handled = h.handled.find((entry) => entry.invocation.id === `event:${sent.event_id}`)!;
    expect(handled.invocation).toMatchObject({ platform: 'slack', workspace: { externalId: TEAM }, channel: { id: 'D0MARIA01', isDm: true }, input: { kind: 'message', text: 'done with the invoice' } });
  });

  it('the same event delivered four times (Slack’s retries) has one effect', async () => {
    h.fake.clear();
    const sent = envelope({ teamId: TEAM, event: dmMessage({ user: MARIA, channel: 'D0MARIA01', text: 'hello?' }) });
    const before = h.handled.length;
    const statuses = [];
    for (const retryNum of [undefined, 1, 2, 3]) statuses.push((await h.event(sent, retryNum === undefined ? {} : { retryNum })).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    await waitFor(() => h.handled.length === before + 4, 'four deliveries handled');
    await waitFor(() => h.fake.callsTo('chat.postMessage').length >= 1, 'the answer');
    expect(h.handled.slice(before).map((entry) => entry.reply.kind)).toEqual(['message', 'none', 'none', 'none']);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(await countInbound(h, `event:${sent.event_id}`)).toBe(1);
  });

  it('ignores the bot’s own messages, edits and channel chatter', async () => {
    const before = h.handled.length;
    await h.event(envelope({ teamId: TEAM, event: { ...dmMessage({ user: MARIA, channel: 'D0MARIA01', text: 'x' }), bot_id: 'B0RHBOT01' } }));
    await h.event(envelope({ teamId: TEAM, event: { ...dmMessage({ user: MARIA, channel: 'D0MARIA01', text: 'x' }), subtype: 'message_changed' } }));
    await h.event(envelope({ teamId: TEAM, event: { ...dmMessage({ user: MARIA, channel: 'C0ACME001', text: 'x' }), channel_type: 'channel' } }));
    // A DM afterwards is handled: the three before it were acked and dropped, not queued.
    const later = envelope({ teamId: TEAM, event: dmMessage({ user: MARIA, channel: 'D0MARIA01', text: 'still there?' }) });
    await h.event(later);
    await waitFor(() => h.handled.some((entry) => entry.invocation.id === `event:${later.event_id}`), 'the later DM');
    expect(h.handled.slice(before).map((entry) => entry.invocation.id)).toEqual([`event:${later.event_id}`]);
  });

  it('user_change refreshes the cached person: a new display name and zone, without asking users.info', async () => {
    await h.run(MARIA, 'C0ACME001', '/obm help');
    const lookups = h.fake.callsTo('users.info').length;
    await h.event(envelope({ teamId: TEAM, event: { type: 'user_change', user: { id: MARIA, name: 'maria', tz: 'America/New_York', profile: { display_name: 'Maria S.' } }, event_ts: '1767003000.000100' } }));
    // Events are acked before they are processed; the next commands show when the change has landed.
    let actor = h.handled.at(-1)!.invocation.actor;
    for (let attempt = 0; attempt < 20 && actor.displayName !== 'Maria S.'; attempt++) {
      const help = await h.run(MARIA, 'C0ACME001', '/obm help');
      actor = h.handled[help.handledBefore]!.invocation.actor;
    }
    expect(actor).toEqual({ userId: MARIA, displayName: 'Maria S.', zone: 'America/New_York' });
    expect(h.fake.callsTo('users.info')).toHaveLength(lookups);
  });
});
