import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackCall } from '../fakes/slack-web-api.js';
import { createSlackHarness, waitFor, type SlackHarness } from './harness.js';
import { blockAction } from './payloads.js';

const OLIVIA = 'U0OLIVIA1';
const MARIA = 'U0MARIA01';
const ACME = 'C0ACME001';
const TEAM = 'T0RIGHT01';
const DM_MARIA = 'D0MARIA01';

type Posted = SlackCall & { params: { channel: string; text: string; blocks: any[] } };

const actionIds = (call: SlackCall): string[] =>
  (call.params.blocks ?? []).flatMap((block: { type: string; elements?: { action_id: string }[] }) => (block.type === 'actions' ? block.elements!.map((element) => element.action_id.replace(/#\d+$/, '')) : []));

/**
 * A class on Slack end to end: the real Bolt app against the fake Slack, the real scheduler and outbox on a
 * controllable clock. From Monday 23 Nov 2026, 09:00 in Amsterdam: Olivia schedules, Maria (Manila) answers.
 */
describe('a class announced, answered and reminded on Slack, through the real Bolt app', () => {
  let h: SlackHarness;
  const posts = (channel: string) => h.fake.callsTo('chat.postMessage').filter((call) => call.params.channel === channel) as Posted[];

  beforeAll(async () => {
    h = await createSlackHarness({ start: '2026-11-23T08:00:00Z' });
    h.fake.addUser({ id: OLIVIA, profile: { display_name: 'Olivia' }, tz: 'Europe/Amsterdam' });
    h.fake.addUser({ id: MARIA, profile: { display_name: 'Maria' }, tz: 'Asia/Manila' });
    await h.run(OLIVIA, ACME, '/obm setup Acme Co');
    await h.run(OLIVIA, ACME, '/obm setup zone Europe/Amsterdam');
    await h.run(OLIVIA, ACME, `/obm team add <@${MARIA}> member`);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('announces the class in the channel with Slack’s date token and the RSVP buttons', async () => {
    const { responses } = await h.run(OLIVIA, ACME, `/training add Onboarding call tuesday 10:00 link https://meet.example.com/abc with <@${MARIA}>`);
    expect(responses[0]!.params.response_type).toBe('ephemeral');
    expect(responses[0]!.params.text).toMatch(/^Scheduled #1 Onboarding call/);
    await h.deliver();
    const announcement = await waitFor(() => posts(ACME).find((call) => actionIds(call).includes('training.going')), 'the announcement');
    // Tue 24 Nov 10:00 in Amsterdam is 09:00 UTC: each reader sees it in their own zone.
    expect(JSON.stringify(announcement.params.blocks)).toContain(`<!date^${Date.parse('2026-11-24T09:00:00Z') / 1000}^`);
    expect(actionIds(announcement)).toEqual(['training.going', 'training.maybe', 'training.cant']);
  });

  it('a Going click updates the counts in the announcement itself and tells Maria alone', async () => {
    const announcement = posts(ACME).find((call) => actionIds(call).includes('training.going'))!;
    const ts = '1767100000.000100';
    h.fake.clear();
    const click = blockAction({ user: MARIA, teamId: TEAM, posted: announcement as never, ts, actionId: 'training.going', responseUrl: h.fake.responseUrl() });
    expect((await h.interact(click)).status).toBe(200);
    const update = await waitFor(() => h.fake.callsTo('chat.update')[0], 'chat.update');
    expect(update.params).toMatchObject({ channel: ACME, ts });
    expect(update.params.text).toContain('Going 1 · Maybe 0 · Can’t 0');
    expect(update.params.text).toContain('Going: Maria');
    const notice = await waitFor(() => h.fake.callsTo('response_url')[0], 'the notice');
    expect(notice.params).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: 'You are going to Onboarding call.' });
  });

  it('reminds Maria by DM an hour before, at 16:00 in Manila, with the link', async () => {
    h.fake.clear();
    await h.advanceTo('2026-11-24T07:59:00Z');
    const early = posts(DM_MARIA).filter((call) => call.params.text.includes('(in 1 h)'));
    expect(early).toEqual([]);
    await h.advanceTo('2026-11-24T08:00:00Z');
    const reminder = await waitFor(() => posts(DM_MARIA).find((call) => call.params.text.includes('(in 1 h)')), 'the reminder DM');
    expect(reminder.params.text).toContain('Reminder: Onboarding call starts');
    expect(reminder.params.text).toContain(`<!date^${Date.parse('2026-11-24T09:00:00Z') / 1000}^`);
    expect(reminder.params.text).toContain('Tue 24 Nov, 17:00 (Asia/Manila)');
    expect(reminder.params.text).toContain('https://meet.example.com/abc');
  });
});
