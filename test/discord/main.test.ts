import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, BOT_TOKEN, slashCommandPayload, snowflake, startFakeDiscord, type FakeDiscord } from '../fakes/discord-api.js';
import { ACME, ACME_CHANNEL, OLIVIA, waitFor } from './harness.js';
import { runMain } from '../helpers/main-process.js';

/** `npm start` with the Discord variables set and nothing else: Discord alone, no console, no HTTP server. */
describe('src/main.ts with the Discord variables set', () => {
  let fake: FakeDiscord;
  let dataDir: string;
  beforeAll(async () => {
    fake = await startFakeDiscord({ guilds: [ACME] });
    dataDir = mkdtempSync(join(tmpdir(), 'righthand-discord-'));
  });
  afterAll(async () => {
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('connects to the gateway with only its intents, answers a slash command, and stops cleanly on SIGTERM', async () => {
    const { child, output, exited } = runMain({ DATA_DIR: dataDir, DISCORD_TOKEN: BOT_TOKEN, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: 'silent' });
    try {
      const identify = await waitFor(() => fake.identifies[0], 'IDENTIFY', 40_000);
      expect(identify.intents).toBe((1 << 0) | (1 << 12));
      expect(identify.token).toBe(BOT_TOKEN);
      // READY and GUILD_CREATE are sent at once; give the client a moment to take them.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const id = snowflake();
      const record = fake.expectInteraction({ id, token: 'main-token', channelId: ACME_CHANNEL });
      fake.dispatch('INTERACTION_CREATE', slashCommandPayload({ fake, id, token: 'main-token', guild: ACME, channel: ACME_CHANNEL, user: OLIVIA, data: { name: 'obm', options: [{ name: 'setup', type: 1, options: [{ name: 'client', type: 3, value: 'Acme Co' }] }] } }));
      const callback = await waitFor(() => record.callbacks[0], 'the answer', 20_000);
      expect(callback.type).toBe(4);
      expect(JSON.stringify(callback.data)).toContain('Acme Co is set up');
      expect(output.stdout).toBe('');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output.stderr).toBe('');
  }, 60_000);

  it('stops with one line when a Discord variable is wrong', async () => {
    const { output, exited } = runMain({ DATA_DIR: dataDir, DISCORD_TOKEN: BOT_TOKEN });
    expect(await exited).toBe(1);
    expect(output.stderr.trim()).toBe('Configuration error: DISCORD_APPLICATION_ID is required with DISCORD_TOKEN (General Information > Application ID in the Developer Portal).');
  }, 30_000);
});
