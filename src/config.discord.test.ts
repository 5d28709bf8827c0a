import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const TOKEN = 'OTAwMDAwMDAwMDAwMDAwMDAx.GfAkE1.abcdefghijklmnopqrstuvwxyz0123456789ABCD';
const APP = '900000000000000001';

describe('Discord configuration', () => {
  it('is absent without Discord variables (the console stays the default)', () => {
    expect(loadConfig({}).discord).toBeUndefined();
  });

  it('reads the token and the application id; the API URL and sharding are optional', () => {
    expect(loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP }).discord).toEqual({ token: TOKEN, applicationId: APP, apiUrl: null, shards: null });
    expect(loadConfig({ DISCORD_TOKEN: `Bot ${TOKEN}`, DISCORD_APPLICATION_ID: APP, DISCORD_API_URL: 'http://127.0.0.1:8080/api/' }).discord).toEqual({ token: TOKEN, applicationId: APP, apiUrl: 'http://127.0.0.1:8080/api', shards: null });
    expect(loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP, DISCORD_SHARDS: 'auto', DATABASE_URL: 'postgres://bot@db/righthand' }).discord?.shards).toBe('auto');
  });

  it('runs beside Slack', () => {
    const config = loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' });
    expect(config.slack?.mode).toBe('http');
    expect(config.discord?.applicationId).toBe(APP);
  });

  it('stops with one line naming the variable and the rule, never the value', () => {
    const cases: [Record<string, string>, string][] = [
      [{ DISCORD_TOKEN: 'short' }, 'Configuration error: DISCORD_TOKEN must be the bot token from the Developer Portal (Bot > Reset Token), without the "Bot " prefix.'],
      [{ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: 'my-app' }, 'Configuration error: DISCORD_APPLICATION_ID must be the application id from the Developer Portal (General Information > Application ID), a number of 17 to 20 digits.'],
      [{ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP, DISCORD_API_URL: 'discord.com/api' }, 'Configuration error: DISCORD_API_URL must be an http:// or https:// URL of the REST API without the version, such as https://discord.com/api.'],
      [{ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP, DISCORD_SHARDS: '4' }, 'Configuration error: DISCORD_SHARDS must be auto (or unset for one gateway connection).'],
      [{ DISCORD_APPLICATION_ID: APP }, 'Configuration error: DISCORD_TOKEN is required to run in Discord (the bot token from the Developer Portal, Bot > Reset Token).'],
      [{ DISCORD_TOKEN: TOKEN }, 'Configuration error: DISCORD_APPLICATION_ID is required with DISCORD_TOKEN (General Information > Application ID in the Developer Portal).'],
      [{ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP, DISCORD_SHARDS: 'auto' }, 'Configuration error: DISCORD_SHARDS=auto needs DATABASE_URL: every shard is its own process, and the embedded database (PGlite) serves one process.'],
      [
        { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP, DISCORD_SHARDS: 'auto', DATABASE_URL: 'postgres://bot@db/righthand', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' },
        'Configuration error: DISCORD_SHARDS=auto cannot run beside Slack in one process: run Slack in a process of its own (without the Discord variables).',
      ],
    ];
    for (const [env, message] of cases) {
      expect(() => loadConfig(env)).toThrow(new ConfigError(message));
      try {
        loadConfig(env);
      } catch (error) {
        expect((error as Error).message).not.toContain(TOKEN);
      }
    }
  });
});
