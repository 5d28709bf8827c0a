import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackHarness, type SlackHarness } from './harness.js';

const OLIVIA = 'U0OLIVIA1';
const MARIA = 'U0MARIA01';
const ACME = 'C0ACME001';

const textOf = (call: { params: { text?: string } }) => call.params.text ?? '';

describe('/metric through the real Bolt HTTP receiver', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await createSlackHarness();
    h.fake.addUser({ id: OLIVIA, name: 'olivia', profile: { display_name: 'Olivia' }, tz: 'Europe/Amsterdam' });
    h.fake.addUser({ id: MARIA, name: 'maria', profile: { display_name: 'Maria' }, tz: 'Asia/Manila' });
    await h.run(OLIVIA, ACME, '/obm setup Acme Co');
    await h.run(OLIVIA, ACME, `/obm team add <@${MARIA}|maria> member`);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('adds with an escaped mention as owner, logs in the channel, refuses "abc" privately, shows privately', async () => {
    const added = await h.run(OLIVIA, ACME, `/metric add List size unit count target 5,000 owner <@${MARIA}|maria>`);
    expect(added.responses[0]!.params.response_type).toBe('in_channel');
    expect(textOf(added.responses[0]!)).toBe('Added metric List size (unit count, weekly, higher is better, target 5,000, logged by Maria). Log it with /metric log List size &lt;value&gt;.');

    const logged = await h.run(MARIA, ACME, '/metric log List size 4,321');
    expect(logged.responses[0]!.params.response_type).toBe('in_channel');
    expect(textOf(logged.responses[0]!)).toMatch(/^List size for week \d+ \(.+\): 4,321\.$/);

    const refused = await h.run(MARIA, ACME, '/metric log List size abc');
    expect(refused.responses[0]!.params.response_type).toBe('ephemeral');
    expect(textOf(refused.responses[0]!)).toBe('“abc” is not a number. Write it like 1,234.50.');

    const shown = await h.run(MARIA, ACME, '/metric show list size');
    expect(shown.responses[0]!.params.response_type).toBe('ephemeral');
    expect(textOf(shown.responses[0]!)).toContain('4,321');
    expect(textOf(shown.responses[0]!)).toContain('86% of target 5,000');
  });
});
