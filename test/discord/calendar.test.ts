import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/database.js';
import { discordMessageText } from '../../adapters/discord/discord.render.js';
import { ACME_CHANNEL, createDiscordHarness, MARIA, OLIVIA, setUpAcmeTeam, type DiscordHarness } from './harness.js';

describe.each(testDatabases())('/calendar through the real discord.js adapter on $driver', ({ open }) => {
  let h: DiscordHarness;
  beforeAll(async () => {
    // Monday 23 Nov 2026, 09:00 UTC.
    h = await createDiscordHarness({ handle: await open() });
    await setUpAcmeTeam(h);
    await h.command(MARIA, ACME_CHANNEL, '/obm me', { zone: 'Asia/Manila' });
  });
  afterAll(async () => {
    await h?.close();
    await h?.handle.close();
  });

  it('previews the when in the owner’s zone, adds with typed options, lists, and DMs the owner her reminder', async () => {
    const { choices } = await h.autocomplete(OLIVIA, ACME_CHANNEL, '/calendar add', { title: 'Spring launch', owner: MARIA.id, when: '1 dec 10:00' }, 'when');
    expect(choices[0]!.value).toBe('1 dec 10:00');
    expect(choices[0]!.name).toMatch(/^1 dec 10:00 → Tue 1 Dec.*10:00.*Asia\/Manila/);

    const added = await h.command(OLIVIA, ACME_CHANNEL, '/calendar add', { title: 'Spring launch', when: '1 dec', kind: 'launch', owner: MARIA.id, remind: 3 });
    expect(added.handled[0]!.invocation.input).toMatchObject({ kind: 'command', command: '/calendar', text: 'add', options: { title: 'Spring launch', when: '1 dec', kind: 'launch', owner: MARIA.id } });
    expect(added.answer.ephemeral).toBe(false);
    expect(added.answer.text).toContain('#1 Spring launch, Tue 1 Dec (all day) · launch');
    // The reminder's moment is a Discord timestamp, which each reader sees in their own zone.
    expect(added.answer.text).toMatch(/\nReminders to Maria \(VA\): <t:1795654800:F> \(<t:1795654800:R>\)$/);

    const refused = await h.command(MARIA, ACME_CHANNEL, '/calendar add', { title: 'Sale', when: '2 dec' });
    expect(refused.answer.ephemeral).toBe(true);
    expect(refused.answer.text).toMatch(/^Only a team manager can do that/);

    const list = await h.command(MARIA, ACME_CHANNEL, '/calendar list', { next: 14 });
    expect(list.answer.ephemeral).toBe(true);
    expect(list.answer.text).toContain('#1 Tue 1 Dec (all day) · Spring launch · launch');

    // Thu 26 Nov, 09:00 in Manila: three working days before.
    await h.advanceTo('2026-11-26T01:00:00Z');
    const dm = h.messageWith(h.fake.dmChannelOf(MARIA.id)!, /Coming up/)!;
    expect(discordMessageText(dm)).toBe('Coming up (Acme Co): Spring launch (launch, calendar #1) is in 3 working days: Tue 1 Dec (all day).');
  });
});
