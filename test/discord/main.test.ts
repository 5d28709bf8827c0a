import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, BOT_TOKEN, snowflake, startFakeDiscord, type FakeDiscord } from '../fakes/discord-api.js';
import { ACME, ACME_CHANNEL, OLIVIA, waitFor } from './harness.js';

const root = join(import.meta.dirname, '../..');

const runMain = (env: Record<string, string>) => {
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['src/main.ts'], { cwd: root, env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, exited };
};

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
      fake.dispatch('INTERACTION_CREATE', {
        id,
        application_id: APPLICATION_ID,
        type: 2,
        token: 'main-token',
        version: 1,
        data: { id: snowflake(), name: 'obm', type: 1, options: [{ name: 'setup', type: 1, options: [{ name: 'value', type: 3, value: 'Acme Co' }] }] },
        guild_id: ACME.id,
        channel_id: ACME_CHANNEL,
        channel: { id: ACME_CHANNEL, type: 0, guild_id: ACME.id, name: 'acme-team', permissions: '2248473465835073' },
        member: { ...fake.memberObject({ user: OLIVIA }), permissions: '2248473465835073' },
        app_permissions: '2248473465835073',
        locale: 'en-US',
        entitlements: [],
        authorizing_integration_owners: { '0': ACME.id },
        context: 0,
      });
      const callback = await waitFor(() => record.callbacks[0], 'the answer', 20_000);
      expect(callback.type).toBe(4);
      expect(JSON.stringify(callback.data)).toContain('Acme Co');
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
