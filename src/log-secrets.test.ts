import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { configuredSecrets, scrubFields, scrubSecrets } from './log-secrets.js';
import { createLogger } from './logger.js';

describe('scrubSecrets', () => {
  it('takes the client secret and the code out of Bolt’s OAuth request-body line', () => {
    const line = 'http request body: {"code":"4724469134.4644010092847.232b46e1b9c5","client_id":"111.222","client_secret":"3f9a1c6e8b2d4f70a5c3"}';
    expect(scrubSecrets(line)).toBe('http request body: {"code":"[redacted]","client_id":"111.222","client_secret":"[redacted]"}');
  });

  it('takes them out of a query string or form body, and of JSON inside a JSON string', () => {
    expect(scrubSecrets('GET /slack/oauth_redirect?code=abc.def&state=s1')).toBe('GET /slack/oauth_redirect?code=[redacted]&state=s1');
    expect(scrubSecrets('client_id=1&client_secret=topsecret&code=xyz')).toBe('client_id=1&client_secret=[redacted]&code=[redacted]');
    expect(scrubSecrets('{"msg":"{\\"client_secret\\":\\"topsecret\\"}"}')).toBe('{"msg":"{\\"client_secret\\":\\"[redacted]\\"}"}');
  });

  it('keeps the kind of a Slack token and removes the rest', () => {
    expect(scrubSecrets('bot xoxb-4724469134-4644010092847-Zx9QwErTyUiOp user xoxp-1-2-3-abc')).toBe('bot xoxb-[redacted] user xoxp-[redacted]');
    expect(scrubSecrets('app xapp-1-A0RIGHT01-123-abcdef rotating xoxe.xoxb-1-MS0yLTIy refresh xoxe-1-My0xLTIy')).toBe('app xapp-[redacted] rotating xoxe.xoxb-[redacted] refresh xoxe-[redacted]');
  });

  it('removes Authorization headers, URL passwords, Discord tokens and response URLs', () => {
    expect(scrubSecrets('{"Authorization":"Bearer xyz123"}')).toBe('{"Authorization":"[redacted]"}');
    expect(scrubSecrets('Authorization: Bot MTA0NzM4.abc')).toBe('Authorization: [redacted]');
    expect(scrubSecrets('connecting to postgres://righthand:s3cr%40t@db:5432/righthand')).toBe('connecting to postgres://righthand:[redacted]@db:5432/righthand');
    expect(scrubSecrets('token MTA0NzM4OTk5MDEyMzQ1Njc4OQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB')).toBe('token [redacted]');
    expect(scrubSecrets('posting to https://hooks.slack.com/commands/T0001/1234/abcDEF')).toBe('posting to https://hooks.slack.com/commands/[redacted]');
    expect(scrubSecrets('"text":"https://rh.example.com/calendar/q1W2e3R4t5Y6u7I8o9P0a1S2d3F4g5H6.ics"')).toBe('"text":"https://rh.example.com/calendar/[redacted].ics"');
  });

  it('removes the configured secrets verbatim, however they are written around', () => {
    expect(scrubSecrets('signing with 8c1e5a9f3b7d2c60 now', ['8c1e5a9f3b7d2c60'])).toBe('signing with [redacted] now');
    // A value too short to be a real secret is left alone, or it would blank ordinary words.
    expect(scrubSecrets('status: ok', ['s'])).toBe('status: ok');
  });

  it('leaves ordinary lines as they are', () => {
    for (const line of ['apiCall(\'chat.postMessage\') start', 'http request result: {"ok":true,"channel":"D0X","ts":"1.2"}', 'slack send failed', 'exit code 1', '{"error":"invalid_auth"}'])
      expect(scrubSecrets(line)).toBe(line);
  });
});

describe('scrubFields', () => {
  it('scrubs strings at any depth and leaves the rest', () => {
    const fields = { team: 'T1', count: 3, nested: { url: 'postgres://u:pw@h/db', list: ['xoxb-1-2-abc'] }, err: new Error('bad xoxp-1-2-xyz') };
    expect(scrubFields(fields)).toEqual({ team: 'T1', count: 3, nested: { url: 'postgres://u:[redacted]@h/db', list: ['xoxb-[redacted]'] }, err: 'bad xoxp-[redacted]' });
  });
});

describe('configuredSecrets', () => {
  it('lists every secret of the configuration, the key in the ways it can be written', () => {
    const key = 'ab'.repeat(32);
    const config = loadConfig({
      SLACK_SIGNING_SECRET: 'signing-secret-1',
      SLACK_CLIENT_ID: '1.2',
      SLACK_CLIENT_SECRET: 'client-secret-1',
      SLACK_STATE_SECRET: 'state-secret-1',
      RIGHTHAND_SECRET_KEY: key,
      DATABASE_URL: 'postgres://righthand:p%40ssword1@db/righthand',
    });
    const secrets = configuredSecrets(config);
    for (const value of ['signing-secret-1', 'client-secret-1', 'state-secret-1', key, Buffer.from(key, 'hex').toString('base64'), 'p@ssword1', 'p%40ssword1']) expect(secrets).toContain(value);
  });
});

describe('createLogger', () => {
  const capture = () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().trim().split('\n'));
        done();
      },
    });
    return { lines, destination };
  };

  it('redacts secret fields by name and scrubs the message, the configured secrets included', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'debug', secrets: ['my-signing-secret'], destination });
    logger.debug({ source: 'bolt', token: 'xoxb-1-2-abc', config: { clientSecret: 'cs-123456789' }, note: 'secret is my-signing-secret' }, 'http request body: {"client_secret":"cs-123456789"}');
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ source: 'bolt', token: '[redacted]', config: { clientSecret: '[redacted]' }, note: 'secret is [redacted]', msg: 'http request body: {"client_secret":"[redacted]"}' });
    expect(lines.join('\n')).not.toMatch(/cs-123456789|my-signing-secret|xoxb-1/);
  });

  it('writes nothing below its level', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', destination });
    logger.debug({}, 'hidden');
    logger.info({}, 'shown');
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['shown']);
  });
});
