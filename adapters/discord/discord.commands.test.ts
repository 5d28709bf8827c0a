import { readFileSync } from 'node:fs';
import { ApplicationCommandOptionType, type APIApplicationCommandInteractionDataOption } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISCORD_COMMANDS_FILE, discordCommandsJson } from '../../scripts/discord-commands.js';
import { createHarness, replyText, type Harness } from '../../test/helpers/bot-harness.js';
import { testDatabases } from '../../test/helpers/database.js';
import { createRegistry } from '../../src/core/commands.js';
import { coreModules } from '../../src/core/modules/index.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { commandInputOf, DISCORD_LIMITS, discordCommandsOf, focusedWhenOf, focusedZoneOf, type CommandData, type DiscordCommand } from './discord.commands.js';

const registry = createRegistry(coreModules);
const commands = () => registry.commands.values();
const checkedIn = JSON.parse(readFileSync(DISCORD_COMMANDS_FILE, 'utf8')) as DiscordCommand[];

// Discord's rule for command and option names (lowercase where the script has case).
const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

type AnyOption = { type: number; name: string; description: string; description_localizations?: Record<string, string>; name_localizations?: Record<string, string>; required?: boolean; options?: AnyOption[]; choices?: { name: string; value: string | number }[]; autocomplete?: boolean };

/** Discord counts names, descriptions and choice values of a command together, per locale: at most 4,000. */
const characters = (command: DiscordCommand, locale: 'en' | 'nl') => {
  const count = (option: AnyOption): number =>
    option.name.length +
    (locale === 'nl' ? (option.description_localizations?.nl ?? option.description) : option.description).length +
    (option.choices ?? []).reduce((sum, choice) => sum + choice.name.length + String(choice.value).length, 0) +
    (option.options ?? []).reduce((sum, child) => sum + count(child), 0);
  return count(command as unknown as AnyOption);
};

const checkOptions = (where: string, options: AnyOption[]) => {
  expect(options.length, `${where}: options`).toBeLessThanOrEqual(DISCORD_LIMITS.options);
  expect(new Set(options.map((option) => option.name)).size, `${where}: unique option names`).toBe(options.length);
  const dutchNames = options.map((option) => option.name_localizations?.nl ?? option.name);
  expect(new Set(dutchNames).size, `${where}: unique Dutch option names`).toBe(options.length);
  for (const name of dutchNames) expect(name, `${where}: Dutch name ${name}`).toMatch(NAME);
  const firstOptional = options.findIndex((option) => !option.required);
  if (firstOptional >= 0) expect(options.slice(firstOptional).some((option) => option.required), `${where}: required options come first`).toBe(false);
  for (const option of options) {
    const at = `${where} ${option.name}`;
    expect(option.name, at).toMatch(NAME);
    expect(option.name, at).toBe(option.name.toLowerCase());
    expect(option.description.length, `${at}: description`).toBeGreaterThan(0);
    expect(option.description.length, `${at}: description`).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    for (const text of Object.values(option.description_localizations ?? {})) expect(text.length, `${at}: localized description`).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(option.choices?.length ?? 0, `${at}: choices`).toBeLessThanOrEqual(DISCORD_LIMITS.choices);
    if (option.autocomplete) expect(option.choices, `${at}: autocomplete has no fixed choices`).toBeUndefined();
    if (option.options) checkOptions(at, option.options);
  }
};

describe('the Discord command definitions', () => {
  it('are generated from the registry, and the checked-in file is in sync (npm run discord:commands)', () => {
    expect(readFileSync(DISCORD_COMMANDS_FILE, 'utf8')).toBe(discordCommandsJson());
    expect(checkedIn.map((command) => command.name).sort()).toEqual([...registry.commands.keys()].sort());
    expect(checkedIn.map((command) => command.name).sort()).toEqual(['calendar', 'digest', 'followup', 'metric', 'obm', 'sop', 'standup', 'task', 'training']);
  });

  it('keep within Discord’s limits: lowercase names, short descriptions, at most 25 options, required first', () => {
    expect(checkedIn.length).toBeLessThanOrEqual(100);
    for (const command of checkedIn) {
      expect(command.name).toMatch(NAME);
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.description.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      checkOptions(`/${command.name}`, (command.options ?? []) as AnyOption[]);
      expect(characters(command, 'en'), `/${command.name} characters`).toBeLessThanOrEqual(4000);
      expect(characters(command, 'nl'), `/${command.name} characters (nl)`).toBeLessThanOrEqual(4000);
    }
  });

  it('give people USER options, priorities choices, numbers integers and date phrases autocomplete', () => {
    const task = discordCommandsOf(commands()).find((command) => command.name === 'task')!;
    const add = (task.options as AnyOption[]).find((option) => option.name === 'add')!;
    const byName = Object.fromEntries(add.options!.map((option) => [option.name, option]));
    expect(byName.title).toMatchObject({ type: ApplicationCommandOptionType.String, required: true });
    expect(['assignee', 'assignee-2', 'assignee-3'].map((name) => byName[name]?.type)).toEqual([6, 6, 6]);
    expect(byName.priority!.choices!.map((choice) => choice.value)).toEqual(['urgent', 'high', 'normal', 'low']);
    expect(byName.due).toMatchObject({ type: ApplicationCommandOptionType.String, autocomplete: true });
    const done = (task.options as AnyOption[]).find((option) => option.name === 'done')!;
    expect(done.options![0]).toMatchObject({ name: 'number', type: ApplicationCommandOptionType.Integer, required: true });
    expect((task.options as AnyOption[]).map((option) => option.name)).toContain('project-add');
    // /digest's subcommands: its moment is free text, its review setting a choice.
    expect(discordCommandsOf(commands()).find((command) => command.name === 'digest')!.options!.map((option) => option.name)).toEqual(['status', 'now', 'schedule', 'review', 'off', 'on', 'help']);
    // /training's start is a date phrase with the preview autocomplete, its invitees USER options.
    const training = optionsByName('training', 'add');
    expect(training.when).toMatchObject({ type: ApplicationCommandOptionType.String, autocomplete: true, required: true });
    expect(['invitee', 'invitee-2', 'invitee-3'].map((name) => training[name]?.type)).toEqual([6, 6, 6]);
    expect(optionsByName('training', 'move').when).toMatchObject({ autocomplete: true });
  });

  const subOf = (family: string, name: string) => ((discordCommandsOf(commands()).find((command) => command.name === family)!.options ?? []) as AnyOption[]).find((option) => option.name === name)!;
  const optionsByName = (family: string, name: string) => Object.fromEntries(subOf(family, name).options!.map((option) => [option.name, option]));

  it('give /obm setup and /obm me an option per setting, named for what it is: zones autocomplete, languages, days and alerts are choices', () => {
    const setup = optionsByName('obm', 'setup');
    expect(Object.keys(setup)).toEqual(['client', 'zone', 'language', 'days', 'reminders', 'escalate-owner', 'window']);
    expect(setup.client).toMatchObject({ type: S, required: false, description_localizations: { nl: expect.stringMatching(/^De naam van de klant/) } });
    expect(setup.zone).toMatchObject({ type: S, autocomplete: true });
    expect(setup.zone!.choices).toBeUndefined();
    expect(setup.language!.choices).toEqual([
      { name: 'English', name_localizations: { nl: 'English (Engels)' }, value: 'en' },
      { name: 'Nederlands (Dutch)', name_localizations: { nl: 'Nederlands' }, value: 'nl' },
    ]);
    expect(setup.days!.choices!.map((choice) => [choice.value, choice.name])).toContainEqual(['mon-fri', 'Monday to Friday']);
    expect(setup['escalate-owner']!.choices!.map((choice) => choice.value)).toEqual(['on', 'off']);
    const me = optionsByName('obm', 'me');
    expect(Object.keys(me)).toEqual(['zone', 'hours', 'away', 'country', 'alerts']);
    expect(me.zone).toMatchObject({ autocomplete: true, description_localizations: { nl: expect.stringMatching(/^Je tijdzone/) } });
    expect(me.alerts!.choices!.map((choice) => choice.value)).toEqual(['daily', 'instant']);
    expect(optionsByName('obm', 'help').command!.choices!.map((choice) => choice.value)).toEqual(['task', 'followup', 'standup', 'training', 'calendar', 'obm']);
  });

  it('name options in Dutch for a Dutch Discord client, while Discord sends the English name back', () => {
    const add = (checkedIn.find((command) => command.name === 'task')!.options as AnyOption[]).find((option) => option.name === 'add')!;
    expect(add.options!.map((option) => [option.name, option.name_localizations?.nl ?? option.name])).toEqual([
      ['title', 'titel'], ['assignee', 'uitvoerder'], ['assignee-2', 'uitvoerder-2'], ['assignee-3', 'uitvoerder-3'], ['due', 'deadline'], ['priority', 'prioriteit'], ['repeat', 'herhaling'], ['project', 'project'], ['sop', 'sop'],
    ]);
  });

  it('describe every option in English and Dutch, and give every family a help subcommand', () => {
    const due = optionsByName('task', 'add').due!;
    expect(due).toMatchObject({ description: 'When it is due, e.g. friday 17:00', description_localizations: { nl: 'Wanneer het af moet, bijv. vrijdag 17:00' } });
    expect(optionsByName('task', 'add')['assignee-2']).toMatchObject({ description: 'Who does it (2)', description_localizations: { nl: 'Wie het doet (2)' } });
    for (const family of ['task', 'followup', 'standup', 'calendar', 'obm']) {
      expect(subOf(family, 'help'), family).toMatchObject({ type: ApplicationCommandOptionType.Subcommand, description_localizations: { nl: expect.any(String) } });
    }
    const each = (options: AnyOption[]): AnyOption[] => options.flatMap((option) => [option, ...each(option.options ?? [])]);
    const plain = checkedIn.flatMap((command) => each((command.options ?? []) as AnyOption[])).filter((option) => !option.description_localizations?.nl);
    expect(plain.map((option) => option.name)).toEqual([]);
  });
});

const sub = (name: string, options: { name: string; type: ApplicationCommandOptionType; value: string | number; focused?: boolean }[]): APIApplicationCommandInteractionDataOption[] =>
  [{ type: ApplicationCommandOptionType.Subcommand, name, options }] as APIApplicationCommandInteractionDataOption[];
const S = ApplicationCommandOptionType.String;
const U = ApplicationCommandOptionType.User;

describe('typed options back into the core’s input', () => {
  it('reads a subcommand’s options under the names the text grammar gives them', () => {
    const data: CommandData = {
      name: 'task',
      options: sub('add', [
        { name: 'title', type: S, value: 'Review due diligence' },
        { name: 'assignee', type: U, value: '111' },
        { name: 'assignee-3', type: U, value: '333' },
        { name: 'assignee-2', type: U, value: '111' },
        { name: 'due', type: S, value: 'friday 17:00' },
        { name: 'priority', type: S, value: 'HIGH' },
        { name: 'repeat', type: S, value: 'monday' },
      ]),
    };
    expect(commandInputOf(data, commands())).toEqual({
      kind: 'command',
      command: '/task',
      text: 'add',
      options: { title: 'Review due diligence', assignees: ['111', '333'], due: 'friday 17:00', priority: 'high', repeat: 'every monday' },
    });
    expect(commandInputOf({ name: 'task', options: sub('project-add', [{ name: 'name', type: S, value: 'Launch' }]) }, commands())).toMatchObject({ text: 'project add', options: { name: 'Launch' } });
    expect(commandInputOf({ name: 'task', options: sub('done', [{ name: 'number', type: ApplicationCommandOptionType.Integer, value: 12 }]) }, commands())).toMatchObject({ text: 'done', options: { number: '12' } });
  });

  it('sends a plain command, an unknown subcommand and an unknown command the right way', () => {
    expect(commandInputOf({ name: 'digest', options: sub('now', []) }, commands())).toEqual({ kind: 'command', command: '/digest', text: 'now', options: {} });
    expect(commandInputOf({ name: 'task', options: sub('teleport', []) }, commands())).toEqual({ kind: 'command', command: '/task', text: '', options: {} });
    expect(commandInputOf({ name: 'nope' }, commands())).toBeNull();
  });

  it('reads /obm setup’s and /obm me’s typed settings, and a family’s help', () => {
    const setup = commandInputOf({ name: 'obm', options: sub('setup', [{ name: 'client', type: S, value: 'Acme Co' }, { name: 'zone', type: S, value: 'Europe/Amsterdam' }, { name: 'language', type: S, value: 'nl' }]) }, commands());
    expect(setup).toEqual({ kind: 'command', command: '/obm', text: 'setup', options: { client: 'Acme Co', zone: 'Europe/Amsterdam', language: 'nl' } });
    expect(commandInputOf({ name: 'obm', options: sub('me', [{ name: 'hours', type: S, value: '08:00-16:00' }]) }, commands())).toEqual({ kind: 'command', command: '/obm', text: 'me', options: { hours: '08:00-16:00' } });
    expect(commandInputOf({ name: 'task', options: sub('help', []) }, commands())).toEqual({ kind: 'command', command: '/task', text: 'help', options: {} });
    // A repeat typed with its own (Dutch) keyword keeps it, rather than becoming "every elke maandag".
    const repeat = (value: string) => commandInputOf({ name: 'task', options: sub('add', [{ name: 'title', type: S, value: 'x' }, { name: 'repeat', type: S, value }]) }, commands())!.options!.repeat;
    expect([repeat('every monday'), repeat('elke maandag'), repeat('monday')]).toEqual(['every monday', 'elke maandag', 'every monday']);
  });

  it('finds the zone being typed into a zone option, and only there', () => {
    expect(focusedZoneOf({ name: 'obm', options: sub('me', [{ name: 'zone', type: S, value: 'man', focused: true }]) }, commands())).toBe('man');
    expect(focusedZoneOf({ name: 'obm', options: sub('setup', [{ name: 'client', type: S, value: 'Acme' }, { name: 'zone', type: S, value: '', focused: true }]) }, commands())).toBe('');
    expect(focusedZoneOf({ name: 'obm', options: sub('me', [{ name: 'hours', type: S, value: '08', focused: true }]) }, commands())).toBeNull();
    expect(focusedWhenOf({ name: 'obm', options: sub('me', [{ name: 'zone', type: S, value: 'man', focused: true }]) }, commands())).toBeNull();
  });

  it('finds the date phrase being typed, and whom it is for', () => {
    const data: CommandData = { name: 'task', options: sub('add', [{ name: 'title', type: S, value: 'x' }, { name: 'assignee', type: U, value: '222' }, { name: 'due', type: S, value: 'fri 5pm', focused: true }]) };
    expect(focusedWhenOf(data, commands())).toEqual({ phrase: 'fri 5pm', forUserId: '222', kind: 'due' });
    expect(focusedWhenOf({ name: 'followup', options: sub('ask', [{ name: 'when', type: S, value: '', focused: true }]) }, commands())).toEqual({ phrase: '', kind: 'start' });
    expect(focusedWhenOf({ name: 'task', options: sub('add', [{ name: 'title', type: S, value: 'x', focused: true }]) }, commands())).toBeNull();
  });
});

describe.each(testDatabases())('typed options through the real bot on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  beforeEach(async () => {
    handle = await open();
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: { olivia: { zone: 'Europe/Amsterdam' }, maria: { zone: 'Asia/Manila' }, jo: { zone: 'America/New_York' } } });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', jo: 'member' } });
  });
  afterEach(async () => handle.close());

  const typed = async (data: CommandData) => {
    const input = commandInputOf(data, h.bot.registry.commands.values())!;
    return replyText(await h.bot.handle({ id: `typed-${Math.random()}`, platform: 'console', workspace: { externalId: 'demo' }, actor: { userId: 'olivia', displayName: 'Olivia', zone: 'Europe/Amsterdam' }, channel: { id: 'acme', isDm: false }, input, directory: { lookup: async () => null } }));
  };

  it('does what the same command typed as text does', async () => {
    const viaText = replyText(await h.run('olivia', 'acme', '/task add "Review due diligence" @maria @jo due friday 17:00 !high'));
    const viaOptions = await typed({
      name: 'task',
      options: sub('add', [
        { name: 'title', type: S, value: 'Review due diligence' },
        { name: 'assignee', type: U, value: 'maria' },
        { name: 'assignee-2', type: U, value: 'jo' },
        { name: 'due', type: S, value: 'friday 17:00' },
        { name: 'priority', type: S, value: 'high' },
      ]),
    });
    expect(viaOptions).toBe(viaText.replace('#1', '#2'));
  });

  it('sets up a team from typed settings, several at once, as the text forms do one by one', async () => {
    const reply = await typed({ name: 'obm', options: sub('setup', [{ name: 'zone', type: S, value: 'Asia/Manila' }, { name: 'days', type: S, value: 'sun-thu' }, { name: 'language', type: S, value: 'nl' }]) });
    expect(reply).toBe('De taal van het team is nu Nederlands.\nDe tijdzone van het team is nu Asia/Manila. Wie geen eigen tijdzone heeft ingesteld, gebruikt deze.\nDe werkdagen van het team zijn nu zo-do.');
    const team = replyText(await h.run('olivia', 'acme', '/obm team'));
    expect(team).toContain('Asia/Manila');
    expect(team).toMatch(/Nederlands/);
    expect(replyText(await h.run('olivia', 'acme', '/obm setup taal en'))).toBe('The team’s language is now English.');
    expect(replyText(await h.run('olivia', 'acme', '/obm setup tijdzone Europe/Amsterdam'))).toBe('The team’s zone is now Europe/Amsterdam. People who have not set their own zone use it.');
  });

  it('sets up a standup from options, and answers bad options with the usage and changes nothing', async () => {
    const reply = await typed({ name: 'standup', options: sub('setup', [{ name: 'at', type: S, value: '09:30' }, { name: 'questions', type: S, value: '"What did you finish?" | "Blocked? [blocker]"' }, { name: 'participant', type: U, value: 'maria' }]) });
    expect(reply).toMatch(/09:30/);
    expect(replyText(await h.run('olivia', 'acme', '/standup show'))).toMatch(/What did you finish\?/);
    expect(await typed({ name: 'task', options: sub('done', [{ name: 'number', type: ApplicationCommandOptionType.Integer, value: 99 }]) })).toBe('There is no task #99 in this team. /task list shows the open ones.');
    expect(await typed({ name: 'task', options: sub('add', [{ name: 'title', type: S, value: 'x' }, { name: 'due', type: S, value: 'whenever' }]) })).toMatch(/could not read “whenever”/);
    expect(replyText(await h.run('olivia', 'acme', '/task list all'))).not.toMatch(/#2 x/);
  });
});
