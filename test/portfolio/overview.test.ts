import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/database.js';
import { ACME_CHANNEL, MARIA as D_MARIA, OLIVIA as D_OLIVIA, type DiscordHarness } from '../discord/harness.js';
import { waitFor, type SlackHarness } from '../slack/harness.js';
import { envelope } from '../slack/payloads.js';
import { ACME, S_OLIVIA, closeTwoPlatforms, linkOlivia, openTwoPlatforms } from './two-platforms.js';

const S_MARIA = 'U0MARIA01';
const GAMMA = 'C0GAMMA01';

/**
 * Olivia manages Acme Co on Slack and Beta Studio on Discord, and is only a member of Gamma (Maria's team, on
 * the same Slack). Her overview lists exactly the teams she manages, on both platforms once she linked them.
 */
describe.each(testDatabases())('the OBM overview across Slack and Discord on $driver', ({ open }) => {
  let slack: SlackHarness;
  let discord: DiscordHarness;

  beforeAll(async () => {
    const handle = await open();
    // Set up on Tuesday 1 Dec; the overview is read on Thursday 3 Dec, 09:00 in Amsterdam.
    ({ slack, discord } = await openTwoPlatforms(handle, '2026-12-01T08:00:00Z'));
    slack.fake.addUser({ id: S_MARIA, name: 'maria', profile: { display_name: 'Maria' }, tz: 'Asia/Manila' });
    await slack.run(S_OLIVIA, ACME, '/obm setup Acme Co');
    await slack.run(S_OLIVIA, ACME, `/obm team add <@${S_MARIA}|maria> member`);
    await slack.run(S_OLIVIA, ACME, `/task add Fix the checkout <@${S_MARIA}|maria> due 2026-12-02 17:00`);
    await slack.run(S_OLIVIA, ACME, `/task add Send the invoices <@${S_MARIA}|maria> due 2026-12-03 17:00`);
    await slack.run(S_OLIVIA, ACME, `/task add Plan the webinar <@${S_MARIA}|maria> due 2026-12-10 17:00`);
    await slack.run(S_OLIVIA, ACME, '/metric add Revenue unit € target 10,000');
    await slack.run(S_OLIVIA, ACME, '/metric log Revenue 8,000 for last week');
    await slack.run(S_OLIVIA, ACME, '/metric add Refunds unit € lower is better target 500');
    await slack.run(S_OLIVIA, ACME, '/metric log Refunds 200 for last week');
    await slack.run(S_MARIA, GAMMA, '/obm setup Gamma Labs');
    await slack.run(S_MARIA, GAMMA, `/task add Gamma secret <@${S_OLIVIA}|olivia> due 2026-12-01 17:00`);
    await discord.command(D_OLIVIA, ACME_CHANNEL, '/obm setup', { client: 'Beta Studio', zone: 'Europe/Amsterdam' });
    await discord.command(D_OLIVIA, ACME_CHANNEL, '/training add', { title: 'Funnel basics', when: '2026-12-09 15:00' });
    await slack.advanceTo('2026-12-03T08:00:00Z');
    await discord.advanceTo('2026-12-03T08:00:00Z');
  });
  afterAll(async () => {
    await closeTwoPlatforms({ slack, discord });
  });

  const slackOverview = async (user: string) => {
    const { responses } = await slack.run(user, ACME, '/obm overview');
    expect(responses[0]!.params.response_type).toBe('ephemeral');
    return String(responses[0]!.params.text);
  };

  it('lists only the teams the asker manages, with today’s numbers, privately', async () => {
    expect(await slackOverview(S_OLIVIA)).toBe([
      'Your clients today, Thu 3 Dec',
      '🔴 Acme Co (Slack): needs attention',
      'Overdue 1 · due today 1 · standup answers missing 0 · open blockers 0 · no-shows this week 0',
      'No class in the next 30 days',
      // Revenue €8,000 of €10,000 is off; Refunds €200 under a €500 ceiling is not.
      'Off target: Revenue',
      'Times in Europe/Amsterdam; every team you manage here and in the workspaces and servers you linked (/obm links).',
    ].join('\n'));
  });

  it('spans the linked Discord server too, and tops the Home tab', async () => {
    await linkOlivia({ slack, discord });
    const beta = ['🟢 Beta Studio (Discord · Acme Community): on track', 'Overdue 0 · due today 0 · standup answers missing 0 · open blockers 0 · no-shows this week 0', 'Next class: Wed 9 Dec, 15:00 (Europe/Amsterdam) · Funnel basics'].join('\n');
    const text = await slackOverview(S_OLIVIA);
    expect(text).toContain(`Off target: Revenue\n${beta}\nTimes in Europe/Amsterdam`);
    expect(text).not.toContain('Gamma');
    // The same from the Discord side, with the Slack team in it.
    const { answer } = await discord.command(D_OLIVIA, ACME_CHANNEL, '/obm overview', {});
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain('🔴 Acme Co (Slack): needs attention\nOverdue 1 · due today 1');
    expect(answer.text).toContain(beta);
    expect(answer.text).not.toContain('Gamma');

    slack.fake.clear();
    await slack.event(envelope({ teamId: 'T0RIGHT01', event: { type: 'app_home_opened', user: S_OLIVIA, channel: 'D0OLIVIA1', tab: 'home', event_ts: '1767002000.000100' } }));
    const published = await waitFor(() => slack.fake.callsTo('views.publish')[0], 'views.publish');
    const blocks = JSON.stringify(published.params.view.blocks.slice(0, 3));
    expect(blocks).toContain('Your clients today, Thu 3 Dec');
    expect(blocks).toContain('Beta Studio (Discord · Acme Community): on track');
  });

  it('tells someone who manages nothing so, and shows them nothing of anyone else', async () => {
    const { answer } = await discord.command(D_MARIA, ACME_CHANNEL, '/obm overview', {});
    expect(answer.text).toBe('You manage no team yet. The overview lists every team you manage, here and in each workspace or server you linked with /obm link.');
    // Maria manages Gamma: hers alone, none of Olivia's, with Gamma's overdue task.
    const text = await slackOverview(S_MARIA);
    expect(text).toContain('🔴 Gamma Labs (Slack): needs attention\nOverdue 1 · due today 0');
    expect(text).not.toMatch(/Acme Co|Beta Studio/);
  });
});
