import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackHarness, waitFor, type SlackHarness } from './harness.js';
import { envelope } from './payloads.js';

const OLIVIA = 'U0OLIVIA1';
const MARIA = 'U0MARIA01';
const TEAM = 'T0RIGHT01';
const ACME = 'C0ACME001';

const joinedChannel = (user: string, channel: string) => ({ type: 'member_joined_channel', user, channel, channel_type: 'C', team: TEAM, event_ts: '1763884800.000100' });

/**
 * Onboarding on Slack end to end: `member_joined_channel` through the real Bolt receiver, the core's join, the
 * outbox's welcome DM through the fake Web API. Monday 23 Nov 2026, 09:00 in Amsterdam, 16:00 in Manila.
 */
describe('onboarding a newcomer who joins the team channel on Slack', () => {
  let h: SlackHarness;
  const welcomes = () => h.fake.callsTo('chat.postMessage').filter((call) => String(call.params.text).startsWith('Welcome to Acme Co'));
  const count = async (table: string) => (await h.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;

  beforeAll(async () => {
    h = await createSlackHarness({ start: '2026-11-23T08:00:00Z' });
    h.fake.addUser({ id: OLIVIA, profile: { display_name: 'Olivia' }, tz: 'Europe/Amsterdam' });
    h.fake.addUser({ id: MARIA, profile: { display_name: 'Maria' }, tz: 'Asia/Manila' });
    await h.run(OLIVIA, ACME, '/obm setup Acme Co');
    await h.run(OLIVIA, ACME, '/sop add Refunds SOP https://docs.example.com/refunds billing');
    await h.run(OLIVIA, ACME, '/sop onboarding add 1 day 1');
    await h.run(OLIVIA, ACME, '/sop onboarding task "Set up your 1Password" day 2');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('welcomes her by DM with the path due on her own working days, once however often Slack says so', async () => {
    const sent = envelope({ teamId: TEAM, event: joinedChannel(MARIA, ACME) });
    for (const retryNum of [undefined, 1]) expect((await h.event(sent, retryNum === undefined ? {} : { retryNum })).status).toBe(200);
    await waitFor(() => h.handled.filter((entry) => entry.invocation.id === `event:${sent.event_id}`).length === 2, 'both deliveries handled');
    expect(h.handled.find((entry) => entry.invocation.id === `event:${sent.event_id}`)!.invocation).toMatchObject({ platform: 'slack', channel: { id: ACME, isDm: false }, input: { kind: 'joined' }, actor: { userId: MARIA, zone: 'Asia/Manila' } });
    await h.scheduler.runDue(h.clock.now());
    const [welcome] = await waitFor(() => (welcomes().length > 0 ? welcomes() : null), 'the welcome DM');
    // Slack shows each due moment in the reader's own zone: 17:00 in Manila on Tuesday is 09:00 UTC.
    expect(String(welcome!.params.text).split('\n').slice(1, 3)).toEqual([
      `#1 Read Refunds SOP · Due <!date^${Date.parse('2026-11-24T09:00:00Z') / 1000}^{date_short_pretty} {time}|Tue 24 Nov, 17:00 (Asia/Manila)> · https://docs.example.com/refunds`,
      `#2 Set up your 1Password · Due <!date^${Date.parse('2026-11-25T09:00:00Z') / 1000}^{date_short_pretty} {time}|Wed 25 Nov, 17:00 (Asia/Manila)>`,
    ]);
    expect(JSON.stringify(welcome!.params.blocks)).toContain('sop.read');
    // Joining again (a second event, later) and her first command there create nothing new.
    await h.event(envelope({ teamId: TEAM, event: { ...joinedChannel(MARIA, ACME), event_ts: '1763888400.000100' } }));
    await h.run(MARIA, ACME, '/task list mine');
    await h.scheduler.runDue(h.clock.now());
    expect(welcomes()).toHaveLength(1);
    expect(await count('tasks')).toBe(2);
    expect(await count('onboardings')).toBe(1);
  });

  it('ignores a join of a channel that is no team', async () => {
    const before = await count('onboardings');
    const sent = envelope({ teamId: TEAM, event: joinedChannel(OLIVIA, 'C0RANDOM1') });
    await h.event(sent);
    await waitFor(() => h.handled.some((entry) => entry.invocation.id === `event:${sent.event_id}`), 'the join handled');
    expect(h.handled.find((entry) => entry.invocation.id === `event:${sent.event_id}`)!.reply.kind).toBe('none');
    expect(await count('onboardings')).toBe(before);
  });
});
