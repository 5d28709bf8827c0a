import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDiscordCommands } from '../../adapters/discord/discord.register.js';
import { DISCORD_COMMANDS_FILE } from '../../scripts/discord-commands.js';
import { APPLICATION_ID, BOT_TOKEN, startFakeDiscord, type FakeDiscord } from '../fakes/discord-api.js';
import { ACME, ACME_GUILD } from './harness.js';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);
const commands = JSON.parse(readFileSync(DISCORD_COMMANDS_FILE, 'utf8'));

/** `npm run discord:register`, as a person runs it: a process, its environment, its exit code. */
const register = async (args: string[], env: Record<string, string>) => {
  try {
    const { stdout, stderr } = await run(join(root, 'node_modules/.bin/tsx'), ['scripts/discord-register.ts', ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

describe('registering the slash commands with Discord', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord({ guilds: [ACME] });
  });
  afterAll(async () => fake?.close());

  it('overwrites one guild’s commands with the checked-in definitions, or the global ones', async () => {
    expect(await registerDiscordCommands({ token: BOT_TOKEN, applicationId: APPLICATION_ID, guildId: ACME_GUILD, apiUrl: fake.apiUrl, commands })).toEqual({ count: 9, scope: 'guild' });
    const [put] = fake.callsTo('PUT', '/applications/:app/guilds/:guild/commands');
    expect(put!.path).toBe(`/applications/${APPLICATION_ID}/guilds/${ACME_GUILD}/commands`);
    expect(put!.auth).toBe(`Bot ${BOT_TOKEN}`);
    expect(put!.body).toEqual(commands);
    expect(await registerDiscordCommands({ token: BOT_TOKEN, applicationId: APPLICATION_ID, apiUrl: fake.apiUrl, commands })).toEqual({ count: 9, scope: 'global' });
    expect(fake.callsTo('PUT', '/applications/:app/commands')).toHaveLength(1);
  });

  it('sends options named for what they are, in English with Dutch beside, and a help per family', async () => {
    fake.clear();
    await registerDiscordCommands({ token: BOT_TOKEN, applicationId: APPLICATION_ID, guildId: ACME_GUILD, apiUrl: fake.apiUrl, commands });
    type Sent = { name: string; type: number; description: string; description_localizations?: { nl?: string }; autocomplete?: boolean; choices?: { value: string }[]; options?: Sent[] };
    const body = fake.callsTo('PUT', '/applications/:app/guilds/:guild/commands')[0]!.body as Sent[];
    const subOf = (family: string, name: string) => body.find((command) => command.name === family)!.options!.find((option) => option.name === name)!;
    const setup = subOf('obm', 'setup');
    expect(setup.options!.map((option) => [option.name, option.type, Boolean(option.autocomplete), option.choices?.map((choice) => choice.value) ?? null])).toEqual([
      ['client', 3, false, null],
      ['zone', 3, true, null],
      ['language', 3, false, ['en', 'nl']],
      ['days', 3, false, ['mon-fri', 'mon-thu', 'mon-sat', 'sun-thu', 'tue-sat', 'mon-sun']],
      ['reminders', 3, false, null],
      ['escalate-owner', 3, false, ['on', 'off']],
      ['window', 3, false, null],
    ]);
    expect(setup.options!.every((option) => option.description_localizations?.nl && option.description_localizations.nl !== option.description)).toBe(true);
    expect(subOf('obm', 'me').options!.map((option) => option.name)).toEqual(['zone', 'hours', 'away', 'country', 'alerts']);
    for (const family of ['task', 'followup', 'standup', 'calendar', 'obm']) expect(subOf(family, 'help').type, family).toBe(1);
  });

  it('runs as npm run discord:register -- --guild <id>, and says what it did', async () => {
    fake.clear();
    const result = await register(['--guild', ACME_GUILD], { DISCORD_TOKEN: BOT_TOKEN, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: fake.apiUrl });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`Registered 9 commands in server ${ACME_GUILD}: they work there now.\n`);
    expect(result.code).toBe(0);
    expect(fake.callsTo('PUT', '/applications/:app/guilds/:guild/commands')).toHaveLength(1);
  });

  it('refuses a bad guild id, missing variables and a refused token, sending nothing and never printing the token', async () => {
    fake.clear();
    const env = { DISCORD_TOKEN: BOT_TOKEN, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: fake.apiUrl };
    const badGuild = await register(['--guild', 'acme'], env);
    expect(badGuild.code).toBe(2);
    expect(badGuild.stderr).toMatch(/^--guild needs a server id/);
    const missing = await register([], { DISCORD_API_URL: fake.apiUrl });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/DISCORD_TOKEN is required/);
    expect(fake.calls).toHaveLength(0);

    fake.failNext('PUT', '/applications/:app/commands', { status: 401, code: 0, message: '401: Unauthorized' });
    const refused = await register([], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Discord refused the commands: /);
    expect(refused.stderr + refused.stdout).not.toContain(BOT_TOKEN);
  });
});
