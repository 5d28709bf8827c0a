import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const KEY_HEX = 'ab'.repeat(32);
const KEY_BASE64 = Buffer.alloc(32, 5).toString('base64');

describe('Slack configuration', () => {
  it('is absent when no Slack variable is set (the console runs)', () => {
    expect(loadConfig({}).slack).toBeUndefined();
    expect(loadConfig({ PORT: '8080' }).slack).toBeUndefined();
  });

  it('HTTP mode with one workspace: the signing secret and the bot token; PORT defaults to 3000', () => {
    expect(loadConfig({ SLACK_SIGNING_SECRET: 'sign', SLACK_BOT_TOKEN: 'xoxb-1' }).slack).toEqual({
      mode: 'http',
      port: 3000,
      signingSecret: 'sign',
      appToken: null,
      apiUrl: null,
      auth: { kind: 'token', botToken: 'xoxb-1' },
    });
  });

  it('Socket Mode with the app token (no signing secret needed); SLACK_API_URL gets its trailing slash', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'http://127.0.0.1:9999/api', PORT: '8080' }).slack).toMatchObject({
      mode: 'socket',
      port: 8080,
      appToken: 'xapp-1',
      apiUrl: 'http://127.0.0.1:9999/api/',
    });
  });

  it('multi-workspace OAuth: client id, secret, state secret and the encryption key (hex or base64)', () => {
    const oauth = { SLACK_SIGNING_SECRET: 'sign', SLACK_CLIENT_ID: '111.222', SLACK_CLIENT_SECRET: 'cs', SLACK_STATE_SECRET: 'ss' };
    const hex = loadConfig({ ...oauth, RIGHTHAND_SECRET_KEY: KEY_HEX }).slack!;
    expect(hex.auth).toEqual({ kind: 'oauth', clientId: '111.222', clientSecret: 'cs', stateSecret: 'ss', secretKey: Buffer.from(KEY_HEX, 'hex') });
    const base64 = loadConfig({ ...oauth, RIGHTHAND_SECRET_KEY: KEY_BASE64 }).slack!;
    expect(base64.auth.kind === 'oauth' && base64.auth.secretKey.equals(Buffer.alloc(32, 5))).toBe(true);
  });

  it('stops with one line naming the variable and what to do, never a value', () => {
    const oauth = { SLACK_SIGNING_SECRET: 'sign', SLACK_CLIENT_ID: '111.222', SLACK_CLIENT_SECRET: 'hunter2', SLACK_STATE_SECRET: 'ss' };
    const cases: [Record<string, string>, string][] = [
      [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'Configuration error: SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode).'],
      [{ SLACK_SIGNING_SECRET: 'sign' }, 'Configuration error: SLACK_BOT_TOKEN is required to run in Slack (or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET and RIGHTHAND_SECRET_KEY for multi-workspace OAuth).'],
      [{ SLACK_SIGNING_SECRET: 'sign', SLACK_BOT_TOKEN: 'xoxp-hunter2' }, 'Configuration error: SLACK_BOT_TOKEN must be a bot token (it starts with xoxb-).'],
      [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'hunter2' }, 'Configuration error: SLACK_APP_TOKEN must be an app-level token with connections:write (it starts with xapp-).'],
      [{ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1' }, 'Configuration error: SLACK_BOT_TOKEN cannot be combined with SLACK_CLIENT_ID/SLACK_CLIENT_SECRET/SLACK_STATE_SECRET: set the bot token for one workspace, or the OAuth variables for many.'],
      [oauth, 'Configuration error: RIGHTHAND_SECRET_KEY is required for multi-workspace OAuth (with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET).'],
      [{ ...oauth, SLACK_STATE_SECRET: '', RIGHTHAND_SECRET_KEY: KEY_HEX }, 'Configuration error: SLACK_STATE_SECRET is required for multi-workspace OAuth (with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET).'],
      [{ ...oauth, RIGHTHAND_SECRET_KEY: 'hunter2hunter2' }, 'Configuration error: RIGHTHAND_SECRET_KEY must be 32 random bytes, as 64 hex characters or base64 (openssl rand -base64 32).'],
      [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'ftp://hunter2' }, 'Configuration error: SLACK_API_URL must be an http:// or https:// URL such as https://slack.com/api/.'],
      [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: '70000' }, 'Configuration error: PORT must be a port number from 1 to 65535.'],
    ];
    for (const [env, message] of cases) {
      expect(() => loadConfig(env)).toThrow(new ConfigError(message));
      expect(() => loadConfig(env)).not.toThrow(/hunter2/);
    }
  });
});
