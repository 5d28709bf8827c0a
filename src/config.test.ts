import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('needs nothing: PGlite in ./data, a 5 second tick', () => {
    expect(loadConfig({})).toEqual({ databaseUrl: null, dataDir: './data', logLevel: null, tickSeconds: 5, publicUrl: null, port: 3000 });
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '  ', TICK_SECONDS: '' }).databaseUrl).toBeNull();
  });

  it('reads every variable', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://bot:pw@db:5432/righthand', DATA_DIR: '/var/lib/rh', LOG_LEVEL: 'debug', TICK_SECONDS: '2', PUBLIC_URL: 'https://rh.example.com/', PORT: '8080' })).toEqual({
      databaseUrl: 'postgres://bot:pw@db:5432/righthand',
      dataDir: '/var/lib/rh',
      logLevel: 'debug',
      tickSeconds: 2,
      publicUrl: 'https://rh.example.com',
      port: 8080,
    });
  });

  it('stops with one line naming the variable and the rule, never the value', () => {
    const cases: [Record<string, string>, string][] = [
      [{ DATABASE_URL: 'mysql://root:hunter2@db/x' }, 'Configuration error: DATABASE_URL must be a postgres:// or postgresql:// URL.'],
      [{ TICK_SECONDS: 'often' }, 'Configuration error: TICK_SECONDS must be a whole number of seconds from 1 to 30.'],
      [{ TICK_SECONDS: '0' }, 'Configuration error: TICK_SECONDS must be a whole number of seconds from 1 to 30.'],
      [{ PUBLIC_URL: 'righthand.example.com' }, 'Configuration error: PUBLIC_URL must be the http:// or https:// address people reach the bot at, such as https://righthand.example.com (no query).'],
      [{ LOG_LEVEL: 'loud' }, 'Configuration error: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent.'],
    ];
    for (const [env, message] of cases) {
      expect(() => loadConfig(env)).toThrow(new ConfigError(message));
    }
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x' })).not.toThrow(/hunter2/);
  });
});
