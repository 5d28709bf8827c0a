import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../adapters/console/index.js';
import { loadConfig } from '../config.js';
import { createBot } from '../core/bot.js';
import { createControllableClock } from '../core/clock.js';
import { coreJobs, coreModules } from '../core/modules/index.js';
import { silentLogger } from '../core/ports.js';
import type { DatabaseHandle } from '../db/client.js';
import { acceptedInvocations } from '../db/schema/index.js';
import { createScheduler } from '../scheduler/scheduler.js';
import { openPgliteCopy } from '../../test/helpers/database.js';
import { parseFeed } from '../../test/helpers/ical.js';
import { ACME_CHANNEL, createDiscordHarness, OLIVIA } from '../../test/discord/harness.js';
import { httpPortOf, mountFeeds, startConfiguredHttp } from './serve.js';
import type { HttpServer } from './server.js';

const DISCORD = { DISCORD_TOKEN: 'OTAwMDAwMDAwMDAwMDAwMDAx.GfAkE1.abcdefghijklmnopqrstuvwxyz0123456789ABCD', DISCORD_APPLICATION_ID: '900000000000000001' };
const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'sign' };
const PUBLIC = { PUBLIC_URL: 'https://righthand.example.com/' };
const TOKEN_IN = /https:\/\/righthand\.example\.com(\/calendar\/[A-Za-z0-9_-]{32}\.ics)/;

describe('the HTTP server in every mode', () => {
  it('runs with Slack, and with PUBLIC_URL beside Discord alone or the console; not for Discord or the console without it', () => {
    expect(httpPortOf(loadConfig({}))).toBeNull();
    expect(httpPortOf(loadConfig(DISCORD))).toBeNull();
    expect(httpPortOf(loadConfig(SLACK))).toBe(3000);
    expect(httpPortOf(loadConfig({ ...PUBLIC, PORT: '8080' }))).toBe(8080);
    expect(httpPortOf(loadConfig({ ...DISCORD, ...PUBLIC }))).toBe(3000);
    expect(loadConfig(PUBLIC).publicUrl).toBe('https://righthand.example.com');
  });

  let http: HttpServer | null = null;
  let handle: DatabaseHandle;
  // Opened in a hook: loading the PGlite template is most of this file's time on a busy machine.
  beforeAll(async () => {
    handle = await openPgliteCopy();
  });
  afterAll(async () => handle.close());
  afterEach(async () => {
    await http?.close();
    http = null;
  });

  /** The server as main.ts starts it (startConfiguredHttp + mountFeeds), on a free port. */
  const serverFor = async (env: Record<string, string>, mount: (server: HttpServer) => void) => {
    const config = loadConfig(env);
    const server = await startConfiguredHttp({ config: { ...config, port: 0 } as typeof config, logger: silentLogger, host: '127.0.0.1' });
    expect(server).not.toBeNull();
    mount(server!);
    server!.setReady(true);
    return server!;
  };

  it('serves the demo team’s feed from the console (npm start with PUBLIC_URL), in process', async () => {
    const clock = createControllableClock({ start: new Date('2026-03-20T09:00:00Z'), frozen: true });
    const config = loadConfig(PUBLIC);
    const bot = createBot({ db: handle.db, clock, logger: silentLogger, modules: coreModules, jobs: coreJobs, publicUrl: config.publicUrl });
    const db = handle.db;
    http = await serverFor(PUBLIC, (server) => mountFeeds(server, { db, clock }));
    const input = new PassThrough();
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    const adapter = createConsoleAdapter({ bot, clock, input, output, errorOutput: new PassThrough(), json: false, interactive: false, logger: silentLogger });
    const scheduler = createScheduler({ db: handle.db, bot, clock, logger: silentLogger, ports: new Map([['console', adapter.port]]) });
    input.end(['/obm setup Acme Co', '/obm setup zone Europe/Amsterdam', '/task add Send the weekly report due 27 mar 17:00', '/obm calendar', ':quit'].map((line) => `${line}\n`).join(''));
    await adapter.run({ scheduler });
    const path = TOKEN_IN.exec(chunks.join(''))?.[1];
    expect(path, chunks.join('')).toBeDefined();
    const response = await fetch(`${http.url}${path}`);
    expect(response.status).toBe(200);
    const { events } = parseFeed(await response.text());
    expect(events.map((event) => [event.summary, event.tzid, event.wall, event.start.toISOString()])).toEqual([['Due: #1 Send the weekly report', 'Europe/Amsterdam', '2026-03-27T17:00:00', '2026-03-27T16:00:00.000Z']]);
  });

  it('serves a feed asked for on Discord alone (the real adapter against the fake Discord)', async () => {
    const config = loadConfig({ ...DISCORD, ...PUBLIC });
    const h = await createDiscordHarness({ start: '2026-03-20T09:00:00Z', publicUrl: config.publicUrl! });
    try {
      http = await serverFor({ ...DISCORD, ...PUBLIC }, (server) => mountFeeds(server, { db: h.db, clock: h.clock }));
      await h.command(OLIVIA, ACME_CHANNEL, '/obm setup', { client: 'Acme Co' });
      await h.command(OLIVIA, ACME_CHANNEL, '/task add', { title: 'Send the weekly report', due: 'friday 17:00' });
      const answer = (await h.command(OLIVIA, ACME_CHANNEL, '/obm calendar')).answer;
      expect(answer.ephemeral).toBe(true);
      const path = TOKEN_IN.exec(answer.text)?.[1];
      expect(path, answer.text).toBeDefined();
      const response = await fetch(`${http.url}${path}`);
      expect(response.status).toBe(200);
      expect(parseFeed(await response.text()).events.map((event) => event.summary)).toEqual(['Due: #1 Send the weekly report']);
      // The own feed as Discord sends it: /obm me-calendar with its `action` choice.
      const mine = (await h.command(OLIVIA, ACME_CHANNEL, '/obm me-calendar')).answer;
      const first = TOKEN_IN.exec(mine.text)?.[1];
      const reset = (await h.command(OLIVIA, ACME_CHANNEL, '/obm me-calendar', { action: 'reset' })).answer;
      expect([reset.ephemeral, reset.text.split('\n')[0]]).toEqual([true, 'A new URL for your calendar feed. The old one stopped working: subscribe again with this one.']);
      const second = TOKEN_IN.exec(reset.text)?.[1];
      expect([(await fetch(`${http.url}${first}`)).status, (await fetch(`${http.url}${second}`)).status]).toEqual([404, 200]);
      // The URL is shown once and kept nowhere: the acknowledged work's stored reply goes once it was sent.
      const stored = await h.db.select().from(acceptedInvocations);
      expect(stored.length).toBeGreaterThanOrEqual(4);
      expect(stored.every((row) => row.repliedAt !== null && row.reply === null)).toBe(true);
      for (const token of [path, first, second]) expect(JSON.stringify(stored)).not.toContain(token!.replace(/^\/calendar\//, '').replace(/\.ics$/, ''));
    } finally {
      await h.close();
    }
  });
});
