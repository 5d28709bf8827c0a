import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACME_CHANNEL, createDiscordHarness, JO, MARIA, OLIVIA, type DiscordHarness } from './harness.js';

/**
 * Onboarding on Discord, through the real discord.js against the fake gateway and REST: a member's first
 * command in the team channel is their join (GUILD_MEMBER_ADD needs the privileged Server Members intent,
 * which Righthand does not ask for). Monday 23 Nov 2026, 09:00 UTC.
 */
describe('onboarding a newcomer on Discord', () => {
  let h: DiscordHarness;
  const count = async (table: string) => (await h.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;
  const welcomesTo = (userId: string) => {
    const channel = h.fake.dmChannelOf(userId);
    return channel ? h.fake.messagesIn(channel).filter((message) => h.text(message).startsWith('Welcome to Acme Co')) : [];
  };

  beforeAll(async () => {
    h = await createDiscordHarness();
    await h.command(OLIVIA, ACME_CHANNEL, '/obm setup', { client: 'Acme Co' });
    await h.command(OLIVIA, ACME_CHANNEL, '/sop add', { title: 'Refunds SOP', url: 'https://docs.example.com/Refunds', tags: 'billing stripe' });
    await h.command(OLIVIA, ACME_CHANNEL, '/sop onboarding-add', { number: 1, day: '1' });
    await h.command(OLIVIA, ACME_CHANNEL, '/sop onboarding-task', { title: 'Set up your 1Password', day: '2' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses day 0 and 400 as typed options too', async () => {
    for (const day of ['0', '400']) {
      const { answer } = await h.command(OLIVIA, ACME_CHANNEL, '/sop onboarding-task', { title: 'Order a laptop', day });
      expect(answer.text).toBe('The day is a working day from 1 (their first) to 365, for example: day 2.');
    }
  });

  it('welcomes Maria on her first command in the team channel, with the path, once', async () => {
    const { answer } = await h.command(MARIA, ACME_CHANNEL, '/sop find', { words: 'refnd' });
    expect(answer.text).toContain('#1 Refunds SOP (v1) · billing, stripe');
    await h.scheduler.runDue(h.clock.now());
    await h.adapter.idle();
    const [welcome, ...more] = welcomesTo(MARIA.id);
    expect(more).toEqual([]);
    const text = h.text(welcome!);
    expect(text).toContain('#1 Read Refunds SOP · Due');
    expect(text).toContain('https://docs.example.com/Refunds');
    expect(text).toContain('#2 Set up your 1Password · Due');
    await h.command(MARIA, ACME_CHANNEL, '/task list', { filter: 'mine' });
    await h.scheduler.runDue(h.clock.now());
    await h.adapter.idle();
    expect(welcomesTo(MARIA.id)).toHaveLength(1);
    expect(await count('onboardings')).toBe(1);
    expect(await count('tasks')).toBe(2);
  });

  it('onboards someone added with /obm team-add', async () => {
    await h.command(OLIVIA, ACME_CHANNEL, '/obm team-add', { person: JO.id, role: 'member' });
    await h.scheduler.runDue(h.clock.now());
    await h.adapter.idle();
    expect(welcomesTo(JO.id)).toHaveLength(1);
    expect(await count('onboardings')).toBe(2);
  });
});
