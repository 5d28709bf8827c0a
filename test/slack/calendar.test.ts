import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackHarness, type SlackHarness } from './harness.js';

const OLIVIA = 'U0OLIVIA1';
const JO = 'U0JO00001';
const ACME = 'C0ACME001';

const textOf = (call: { params: { text?: string } }) => call.params.text ?? '';

describe('/calendar through the real Bolt HTTP receiver', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    // Monday 23 Nov 2026, 08:00 UTC.
    h = await createSlackHarness();
    h.fake.addUser({ id: OLIVIA, name: 'olivia', profile: { display_name: 'Olivia' }, tz: 'Europe/Amsterdam' });
    h.fake.addUser({ id: JO, name: 'jo', profile: { display_name: 'Jo' }, tz: 'America/New_York' });
    await h.run(OLIVIA, ACME, '/obm setup Acme Co');
    await h.run(OLIVIA, ACME, `/obm team add <@${JO}|jo> member`);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('adds an entry with a Slack mention as its owner, lists it for a member, and DMs the owner before it', async () => {
    const added = await h.run(OLIVIA, ACME, `/calendar add Affiliate promo 2 dec 10:00 kind promo <@${JO}> remind 1 days before`);
    expect(added.responses[0]!.params.response_type).toBe('in_channel');
    expect(textOf(added.responses[0]!)).toMatch(/^On the calendar: #1 Affiliate promo, Wed 2 Dec, 10:00 \(America\/New_York\) = Wed 2 Dec, 16:00 \(Europe\/Amsterdam\) your time · promo · owner Jo/);

    const list = await h.run(JO, ACME, '/calendar list next 14 days');
    expect(list.responses[0]!.params.response_type).toBe('ephemeral');
    expect(textOf(list.responses[0]!)).toContain('#1 ');
    expect(textOf(list.responses[0]!)).toContain('Affiliate promo · promo · owner Jo');

    h.fake.clear();
    // Tue 1 Dec, 09:00 in New York.
    await h.advanceTo('2026-12-01T14:00:00Z');
    const dm = h.fake.callsTo('chat.postMessage').find((call) => textOf(call).startsWith('Coming up'))!;
    expect(textOf(dm)).toMatch(/^Coming up \(Acme Co\): Affiliate promo \(promo, calendar #1\) is on the next working day: <!date\^\d+\^[^|]+\|Wed 2 Dec, 10:00 \(America\/New_York\)>\.$/);
  });
});
