import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/database.js';
import { ACME_CHANNEL, MARIA as D_MARIA, OLIVIA as D_OLIVIA, type DiscordHarness } from '../discord/harness.js';
import type { SlackHarness } from '../slack/harness.js';
import { ACME, S_OLIVIA, closeTwoPlatforms, openTwoPlatforms } from './two-platforms.js';

const NAMES = ['tasks', 'task-history', 'standup-answers', 'attendance', 'metric-values', 'calendar'];
const titlesIn = (bytes: Uint8Array) => (parse(Buffer.from(bytes), { bom: true, columns: true }) as { title: string }[]).map((row) => row.title);

/** The export's files reach the manager's DM as each platform carries files: a Slack upload, a Discord attachment. */
describe.each(testDatabases())('/obm export through the real adapters on $driver', ({ open }) => {
  let slack: SlackHarness;
  let discord: DiscordHarness;
  beforeAll(async () => {
    const handle = await open();
    ({ slack, discord } = await openTwoPlatforms(handle, '2026-12-01T08:00:00Z'));
    await slack.run(S_OLIVIA, ACME, '/obm setup Acme Co');
    await slack.run(S_OLIVIA, ACME, '/task add Renew the domain due friday');
    await discord.command(D_OLIVIA, ACME_CHANNEL, '/obm setup', { client: 'Beta Studio', zone: 'Europe/Amsterdam' });
    await discord.command(D_OLIVIA, ACME_CHANNEL, '/task add', { title: '@everyone =cmd|calc', due: 'friday' });
  });
  afterAll(async () => {
    await closeTwoPlatforms({ slack, discord });
  });

  it('Slack: answers privately and uploads six CSV files into the manager’s DM', async () => {
    const { responses } = await slack.run(S_OLIVIA, ACME, '/obm export');
    expect(responses[0]!.params.response_type).toBe('ephemeral');
    expect(responses[0]!.params.text).toBe('The export of Acme Co (everything so far) is on its way to your DM: 6 CSV files.');
    await slack.deliver();
    const shared = slack.fake.posted.flatMap((post) => (post.channel !== ACME ? (post.files ?? []) : []));
    expect(shared.map((file) => file.name)).toEqual(NAMES.map((name) => `acme-co-${name}.csv`));
    expect(titlesIn(shared[0]!.bytes!)).toEqual(['Renew the domain']);
    expect(slack.fake.callsTo('files.completeUploadExternal').every((call) => call.params.channel_id !== ACME)).toBe(true);
  });

  it('Discord: answers ephemerally and DMs the files as attachments, a formula-like title made text; a member is refused', async () => {
    const { answer } = await discord.command(D_OLIVIA, ACME_CHANNEL, '/obm export', {});
    expect(answer.ephemeral).toBe(true);
    await discord.deliver();
    const dm = [...discord.fake.messages.values()].find((message) => message.channel_id !== ACME_CHANNEL && (message.attachments?.length ?? 0) > 0);
    expect(dm?.attachments?.map((file) => file.filename)).toEqual(NAMES.map((name) => `beta-studio-${name}.csv`));
    expect(titlesIn(dm!.attachments![0]!.bytes)).toEqual(["'@everyone =cmd|calc"]);
    const refused = await discord.command(D_MARIA, ACME_CHANNEL, '/obm export', {});
    expect(refused.answer.ephemeral).toBe(true);
    expect(refused.answer.text).toMatch(/manager/i);
  });
});
