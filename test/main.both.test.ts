import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACME, ACME_CHANNEL, OLIVIA, waitFor } from './discord/harness.js';
import { APPLICATION_ID, BOT_TOKEN, slashCommandPayload, snowflake, startFakeDiscord, type FakeDiscord } from './fakes/discord-api.js';
import { commandBody, postSigned } from './fakes/slack-signing.js';
import { DEFAULT_TEAM, startFakeSlack, type FakeSlack } from './fakes/slack-web-api.js';
import { freePort, runMain, waitHealthy } from './helpers/main-process.js';

/** An OBM with clients on both platforms runs one Righthand: `npm start` with the Slack and the Discord variables. */
describe('src/main.ts with Slack and Discord configured together', () => {
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let dataDir: string;
  beforeAll(async () => {
    [slack, discord] = await Promise.all([startFakeSlack(), startFakeDiscord({ guilds: [ACME] })]);
    dataDir = mkdtempSync(join(tmpdir(), 'righthand-both-'));
  });
  afterAll(async () => {
    await Promise.all([slack?.close(), discord?.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is healthy once both are up, answers each platform, keeps their teams apart, and stops cleanly', async () => {
    const port = await freePort();
    const { child, output, exited } = runMain({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      PORT: String(port),
      SLACK_SIGNING_SECRET: 'both-secret',
      SLACK_BOT_TOKEN: DEFAULT_TEAM.token,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: discord.apiUrl,
    });
    try {
      const health = await waitHealthy(port, 40_000);
      expect(health).toMatchObject({ status: 'ok' });
      // Healthy means both started: Slack checked its token and Discord's gateway identified.
      expect(slack.callsTo('auth.test')).toHaveLength(1);
      expect(discord.identifies).toHaveLength(1);

      const answer = await postSigned(
        `http://127.0.0.1:${port}/slack/events`,
        commandBody({ team_id: DEFAULT_TEAM.id, channel_id: 'C0ACME001', channel_name: 'acme', user_id: 'U0OLIVIA1', user_name: 'olivia', command: '/obm', text: 'setup Acme Co', response_url: slack.responseUrl(), trigger_id: '1.both' }),
        { secret: 'both-secret' },
      );
      expect(answer.status).toBe(200);
      expect((await waitFor(() => slack.callsTo('response_url')[0], 'the Slack answer', 20_000)).params.text).toMatch(/^Acme Co is set up in this channel/);

      // The Discord server knows nothing of the Slack workspace's team: its channel is set up on its own.
      const listing = snowflake();
      const listed = discord.expectInteraction({ id: listing, token: 'both-list', channelId: ACME_CHANNEL });
      discord.dispatch('INTERACTION_CREATE', slashCommandPayload({ fake: discord, id: listing, token: 'both-list', guild: ACME, channel: ACME_CHANNEL, user: OLIVIA, data: { name: 'task', options: [{ name: 'list', type: 1, options: [] }] } }));
      expect(JSON.stringify((await waitFor(() => listed.callbacks[0], 'the Discord answer', 20_000)).data)).toMatch(/not a client team channel|obm setup/i);
      const setup = snowflake();
      const setUp = discord.expectInteraction({ id: setup, token: 'both-setup', channelId: ACME_CHANNEL });
      discord.dispatch('INTERACTION_CREATE', slashCommandPayload({ fake: discord, id: setup, token: 'both-setup', guild: ACME, channel: ACME_CHANNEL, user: OLIVIA, data: { name: 'obm', options: [{ name: 'setup', type: 1, options: [{ name: 'client', type: 3, value: 'Acme Community' }] }] } }));
      expect(JSON.stringify((await waitFor(() => setUp.callbacks[0], 'the Discord setup', 20_000)).data)).toContain('Acme Community is set up');
      expect(output.stdout).toBe('');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output.stderr).toBe('');
  }, 90_000);
});
