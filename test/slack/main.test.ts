import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandBody, postSigned } from '../fakes/slack-signing.js';
import { DEFAULT_TEAM, startFakeSlack, type FakeSlack } from '../fakes/slack-web-api.js';
import { waitFor } from './harness.js';
import { freePort, runMain, waitHealthy } from '../helpers/main-process.js';

/** `npm start` as an operator runs it: Slack variables set, no --console. */
describe('src/main.ts with the Slack variables set', () => {
  let fake: FakeSlack;
  let dataDir: string;

  beforeAll(async () => {
    fake = await startFakeSlack();
    dataDir = mkdtempSync(join(tmpdir(), 'righthand-slack-'));
  });
  afterAll(async () => {
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts Slack instead of the console, turns healthy, answers a signed command, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const { child, output, exited } = runMain({ DATA_DIR: dataDir, PORT: String(port), SLACK_SIGNING_SECRET: 'main-secret', SLACK_BOT_TOKEN: DEFAULT_TEAM.token, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'silent' });
    try {
      const health = await waitHealthy(port, 25_000);
      expect(health).toMatchObject({ status: 'ok' });
      expect(fake.callsTo('auth.test')).toHaveLength(1);

      const responseUrl = fake.responseUrl();
      const answer = await postSigned(
        `http://127.0.0.1:${port}/slack/events`,
        commandBody({ team_id: DEFAULT_TEAM.id, channel_id: 'C0ACME001', channel_name: 'acme', user_id: 'U0OLIVIA1', user_name: 'olivia', command: '/obm', text: 'setup Acme Co', response_url: responseUrl, trigger_id: '1.main' }),
        { secret: 'main-secret' },
      );
      expect(answer.status).toBe(200);
      const reply = await waitFor(() => fake.callsTo('response_url')[0], 'the answer');
      expect(reply.params.text).toMatch(/^Acme Co is set up in this channel/);
      // No console: nothing is read from stdin, nothing printed.
      expect(output.stdout).toBe('');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output.stderr).toBe('');
  }, 60_000);

  it('stops with one line when Slack refuses the bot token', async () => {
    const { output, exited } = runMain({ DATA_DIR: dataDir, PORT: String(await freePort()), SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-revoked', SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'silent' });
    expect(await exited).toBe(1);
    expect(output.stderr.trim()).toBe('Righthand could not start: Slack refused SLACK_BOT_TOKEN (invalid_auth)');
  });

  it('stops at once with one line when a Slack variable is wrong', async () => {
    const { output, exited } = runMain({ DATA_DIR: dataDir, SLACK_BOT_TOKEN: DEFAULT_TEAM.token });
    expect(await exited).toBe(1);
    expect(output.stderr.trim()).toBe('Configuration error: SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode).');
  });
});
