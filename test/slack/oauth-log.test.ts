import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandBody, postSigned } from '../fakes/slack-signing.js';
import { startFakeSlack, type FakeSlack, type FakeTeam } from '../fakes/slack-web-api.js';
import { waitFor } from './harness.js';
import { freePort, runMain, waitHealthy } from '../helpers/main-process.js';

// Secrets with realistic shapes, so a pattern that only knows Slack's formats is tested too.
const CLIENT_SECRET = '3f9a1c6e8b2d4f70a5c3e1b9d7f60a2c';
const SIGNING_SECRET = '8c1e5a9f3b7d2c60e4a8f1b5d9c3e7a2';
const STATE_SECRET = 'state-secret-for-the-log-test';
const SECRET_KEY = 'a'.repeat(64);
const CODE = '4724469134.4644010092847.232b46e1b9c5d7f2a8e3c6b0d4f1a9e7c2b5d8f0a3e6c9b1d4f7a0e3c6b9d2f5';
const TEAM: FakeTeam = { id: 'T0LOGS0001', name: 'Logs Inc', token: 'xoxb-4724469134-4644010092847-Zx9QwErTyUiOpAsDfGhJkL', botUserId: 'U0BOTLOGS', botId: 'B0BOTLOGS' };

/**
 * `npm start` at LOG_LEVEL=debug with OAuth, as an operator chasing a problem runs it: an install and a
 * command go through, Bolt and the Web API client log every request body, and no secret is in the log.
 */
describe('debug logs during an OAuth install', () => {
  let fake: FakeSlack;
  let dataDir: string;

  beforeAll(async () => {
    fake = await startFakeSlack({ teams: [] });
    dataDir = mkdtempSync(join(tmpdir(), 'righthand-oauth-log-'));
  });
  afterAll(async () => {
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('never shows the client secret, the signing secret, the OAuth code or a token', async () => {
    const port = await freePort();
    const env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'debug',
      SLACK_API_URL: fake.apiUrl,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_CLIENT_ID: '111.222',
      SLACK_CLIENT_SECRET: CLIENT_SECRET,
      SLACK_STATE_SECRET: STATE_SECRET,
      RIGHTHAND_SECRET_KEY: SECRET_KEY,
    };
    const { child, output, exited } = runMain(env);
    try {
      await waitHealthy(port, 25_000);
      const base = `http://127.0.0.1:${port}`;
      fake.oauthCode(CODE, TEAM);
      const start = await fetch(`${base}/slack/install`, { redirect: 'manual' });
      expect(start.status).toBe(302);
      const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
      const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
      const done = await fetch(`${base}/slack/oauth_redirect?code=${CODE}&state=${encodeURIComponent(state)}`, { headers: { cookie } });
      expect(done.status).toBe(200);
      expect(fake.callsTo('oauth.v2.access').map((call) => call.params.client_secret)).toEqual([CLIENT_SECRET]);

      // A command after the install: the installed bot token goes out on Web API calls, logged at debug.
      const answer = await postSigned(
        `${base}/slack/events`,
        commandBody({ team_id: TEAM.id, channel_id: 'C0LOGS001', channel_name: 'logs', user_id: 'U0OLIVIA1', user_name: 'olivia', command: '/obm', text: 'setup Logs client', response_url: fake.responseUrl(), trigger_id: '1.logs' }),
        { secret: SIGNING_SECRET },
      );
      expect(answer.status).toBe(200);
      await waitFor(() => fake.callsTo('response_url')[0], 'the answer');
    } finally {
      child.kill('SIGTERM');
    }
    await exited;
    const log = output.stderr;
    for (const secret of [CLIENT_SECRET, SIGNING_SECRET, STATE_SECRET, SECRET_KEY, CODE, TEAM.token]) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/xox[a-z]-[A-Za-z0-9]/);
    // The log did carry Bolt's request lines for the exchange, with the secrets taken out (so this test reads what it means to).
    expect(log).toContain('oauth.v2.access');
    expect(log).toContain('"client_secret\\":\\"[redacted]');
  }, 60_000);
});
