import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordMessageText } from '../../adapters/discord/discord.render.js';
import { testDatabases } from '../helpers/database.js';
import { ACME_CHANNEL, OLIVIA as D_OLIVIA, type DiscordHarness } from '../discord/harness.js';
import type { SlackHarness } from '../slack/harness.js';
import { ACME, S_OLIVIA, closeTwoPlatforms, linkOlivia, openTwoPlatforms } from './two-platforms.js';


/** Olivia, linked across Slack (Acme Co) and Discord (Beta Studio), gets one brief for both, with Monday's numbers. */
describe.each(testDatabases())('the brief across linked clients on $driver', ({ open }) => {
  let slack: SlackHarness;
  let discord: DiscordHarness;
  beforeAll(async () => {
    const handle = await open();
    ({ slack, discord } = await openTwoPlatforms(handle, '2026-11-24T08:00:00Z'));
    await slack.run(S_OLIVIA, ACME, '/obm setup Acme Co');
    await slack.run(S_OLIVIA, ACME, '/metric add Revenue unit €');
    await slack.run(S_OLIVIA, ACME, '/metric log Revenue 8,000 for week 48');
    await discord.command(D_OLIVIA, ACME_CHANNEL, '/obm setup', { client: 'Beta Studio', zone: 'Europe/Amsterdam' });
    await discord.command(D_OLIVIA, ACME_CHANNEL, '/obm me', { zone: 'Europe/Amsterdam' });
    await linkOlivia({ slack, discord });
    await slack.advanceTo('2026-12-01T08:00:00Z');
    await slack.run(S_OLIVIA, ACME, '/metric log Revenue 9,000 for week 49');
    await slack.run(S_OLIVIA, ACME, '/task add Renew the domain due 2026-12-04 12:00');
  });
  afterAll(async () => {
    await closeTwoPlatforms({ slack, discord });
  });

  let slackBefore = 0;
  let discordBefore = new Set<string>();
  const slackBriefs = () => slack.fake.posted.slice(slackBefore).filter((post) => post.channel !== ACME && /\b(daily|monday) brief\b/i.test((post.text ?? '').split('\n')[0]!));
  const discordBriefs = () => [...discord.fake.messages.values()].filter((message) => !discordBefore.has(message.id) && message.channel_id !== ACME_CHANNEL && /\b(daily|monday) brief\b/i.test(discordMessageText(message).split('\n')[0]!));

  it('sends one Monday brief for both clients, on one platform, with each client’s numbers of last week', async () => {
    // The Monday before (30 Nov) had its own brief; this one is the next.
    slackBefore = slack.fake.posted.length;
    discordBefore = new Set(discord.fake.messages.keys());
    // Monday 7 Dec: both chains run at the start of Olivia's day (09:00 Amsterdam).
    await slack.advanceTo('2026-12-07T08:30:00Z');
    await discord.advanceTo('2026-12-07T08:30:00Z');
    await slack.deliver();
    await discord.deliver();
    const briefs = [...slackBriefs().map((post) => post.text), ...discordBriefs().map(discordMessageText)];
    expect(briefs).toHaveLength(1);
    const [brief] = briefs;
    expect(brief).toContain('Your clients last week, in numbers');
    expect(brief).toContain('• Acme Co: Revenue €9,000 (+12.5%) · Tasks created 1');
    expect(brief).toContain('• Beta Studio: no numbers yet');
    // Acme's overdue task is there; Beta, with nothing to say, has no section of its own.
    expect(brief).toContain('#1 Renew the domain');
  });
});
