import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, replyText, visibility, type Harness } from '../../test/helpers/bot-harness.js';
import { testDatabases } from '../../test/helpers/database.js';
import { parseOptionText } from './command-text.js';
import { mention } from './mentions.js';
import { createRegistry, resolveSubcommand } from './commands.js';
import { choiceKeyOf, examplesOf, optionKeyOf } from './help.js';
import { isMessageKey, LOCALES } from './i18n/catalog.js';
import { coreModules } from './modules/index.js';
import type { DatabaseHandle } from '../db/client.js';

const registry = createRegistry(coreModules);
const families = [...registry.commands.values()];
/** An example as an adapter hands it to the core: `@maria` is the core's mention of maria. */
const asTyped = (example: string) => example.replace(/@([a-z]+)/g, (_whole, name: string) => mention(name));
const subcommands = families.flatMap((command) => (command.catchAll ? [] : command.subcommands.map((sub) => ({ command, sub }))));

describe('the help catalog, generated over the registry', () => {
  it.each(subcommands.map(({ command, sub }) => [`/${command.name} ${sub.name}`, command, sub] as const))('%s has an example in both languages, each one read as its own subcommand', (_name, command, sub) => {
    expect(isMessageKey(`help.ex.${command.name}.${sub.name.replace(/ /g, '-')}`)).toBe(true);
    for (const locale of LOCALES) {
      for (const example of examplesOf(command, sub, locale)) {
        expect(example.startsWith(`/${command.name}`), example).toBe(true);
        const resolved = resolveSubcommand(command, example.slice(command.name.length + 1));
        expect(resolved?.subcommand.name, example).toBe(sub.name);
        const raw = (sub.parse ?? ((text: string) => parseOptionText(text, sub.options)))(asTyped(resolved!.rest));
        expect(raw, example).not.toHaveProperty('_extra');
        const parsed = sub.input.safeParse(raw);
        expect(parsed.success, `${example}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      }
    }
  });

  it('describes every option and names every choice in both languages (Discord lists them)', () => {
    for (const { command, sub } of subcommands) {
      for (const option of sub.options) {
        expect(optionKeyOf(command, sub, option.name), `/${command.name} ${sub.name} ${option.name}`).not.toBeNull();
        for (const choice of option.choices ?? []) expect(choiceKeyOf(choice), `choice ${choice}`).not.toBeNull();
      }
    }
  });

  it('reads the Dutch examples the Dutch way: a repeat is a repeat, not part of the title', () => {
    const task = registry.commands.get('task')!;
    const add = task.subcommands.find((sub) => sub.name === 'add')!;
    const [weekly] = examplesOf(task, add, 'nl');
    expect(weekly).toBe('/task add Weekrapport @sanne elke vrijdag');
    const raw = parseOptionText(asTyped(weekly!.replace('/task add ', '')), add.options);
    expect(raw).toMatchObject({ title: 'Weekrapport' });
    expect(String(raw.repeat)).toMatch(/vrijdag/);
    const [, deadline] = examplesOf(task, add, 'nl');
    expect(parseOptionText(asTyped(deadline!.replace('/task add ', '')), add.options)).toMatchObject({ title: 'Offerte nakijken', due: 'donderdag 12:00' });
    const project = task.subcommands.find((sub) => sub.name === 'project add')!;
    expect(parseOptionText(examplesOf(task, project, 'nl')[0]!.replace('/task project add ', ''), project.options)).toMatchObject({ name: 'Nieuwe website', due: '15 dec' });
  });
});

describe.each(testDatabases())('help through the bot on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  beforeEach(async () => {
    handle = await open();
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: { olivia: { zone: 'Europe/Amsterdam' }, maria: { zone: 'Asia/Manila' }, sanne: { zone: 'Europe/Amsterdam' } } });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member' } });
    await h.setupTeam({ channel: 'jansen', client: 'Bakkerij Jansen', manager: 'olivia', members: { sanne: 'member' } });
    await h.run('olivia', 'jansen', '/obm setup language nl');
  });
  afterEach(async () => handle.close());

  const help = async (person: string, channel: string, text: string) => {
    const reply = await h.run(person, channel, text);
    expect(visibility(reply)).toBe('ephemeral');
    return replyText(reply);
  };

  it('/obm help is an index: one line per family, in the team’s language', async () => {
    const en = (await help('maria', 'acme', '/obm help')).split('\n');
    expect(en[0]).toBe('What I can do');
    for (const command of families) expect(en.filter((line) => line.startsWith(`/${command.name}: `))).toHaveLength(1);
    expect(en).toContain('/standup: Daily async standups: questions by DM at each person’s own hour, a report in the team channel');
    expect(en.join('\n')).toContain('/task help, /followup help, /standup help, /training help, /calendar help, /metric help, /digest help, /sop help, /obm help obm');
    expect(en.join('\n')).not.toContain('/task add');
    const nl = (await help('sanne', 'jansen', '/obm help')).split('\n');
    expect(nl[0]).toBe('Wat ik kan');
    expect(nl).toContain('/task: Taken plannen, delegeren en afronden');
    expect(await help('sanne', 'jansen', '/obm hulp')).toBe(nl.join('\n'));
    expect(await help('sanne', 'jansen', '/obm hulp task')).toBe(await help('sanne', 'jansen', '/task help'));
  });

  it('/task help lists each subcommand with an example, and marks the managers’ ones, in English and Dutch', async () => {
    const en = await help('maria', 'acme', '/task help');
    expect(en.split('\n').slice(0, 4)).toEqual(['/task: Plan, delegate and finish tasks', '/task add: Add a task, optionally for someone, with a due date, priority, repeat and project', '/task add Send the weekly report @maria due friday 17:00 !high', '/task add Weekly report @maria every friday']);
    expect(en).toContain('/task assign: Give a task to someone · managers only\n/task assign 12 @maria');
    expect(en).toContain('/task done: Mark a task done\n/task done 12');
    expect(en).not.toContain('/task done: Mark a task done · managers only');
    const nl = await help('sanne', 'jansen', '/task help');
    expect(nl.split('\n').slice(0, 3)).toEqual(['/task: Taken plannen, delegeren en afronden', '/task add: Voeg een taak toe, eventueel voor iemand, met deadline, prioriteit, herhaling en project', '/task add Weekrapport @sanne elke vrijdag']);
    expect(nl).toContain('/task assign: Geef een taak aan iemand · alleen managers\n/task assign 12 @sanne');
    expect(nl).toContain('/task due 12 maandag 10:00');
    expect(nl).not.toContain('due friday');
    // Outside a team (a DM) the help is English, and the same for every asker.
    expect(await help('sanne', 'dm-sanne', '/task help')).toBe(en);
    expect(await help('olivia', 'acme', '/obm help task')).toBe(en);
    expect(await help('maria', 'acme', '/task hulp')).toBe(en);
  });

  it('answers a subcommand the family lacks with the family’s help, saying what it did not know', async () => {
    const en = await help('maria', 'acme', '/task frobnicate now');
    expect(en.split('\n')[0]).toBe('/task has no “frobnicate”. This is what it can do:');
    expect(en).toContain(await help('maria', 'acme', '/task help'));
    const nl = await help('sanne', 'jansen', '/standup verzin iets');
    expect(nl.split('\n').slice(0, 2)).toEqual(['“verzin” ken ik niet bij /standup. Dit kan ik ermee:', '/standup: Dagelijkse async standups: vragen per DM op ieders eigen uur, een verslag in het teamkanaal']);
    expect(nl).toContain('/standup setup: Stel een standup in (zonder tekst: een formulier) · alleen managers');
    expect(nl).toContain('/standup skip vrijdag');
    expect(await help('olivia', 'acme', '/obm frobnicate')).toContain('/obm me zone Asia/Manila\n/obm me hours 08:00-16:00');
  });

  it('/followup help is the help, not a question asked of nobody', async () => {
    const en = await help('olivia', 'acme', '/followup help');
    expect(en.split('\n').slice(0, 3)).toEqual(['/followup: Ask someone later whether something got done', '/followup ask: Ask someone at a time (default: their next working morning) whether something is done', '/followup ask @maria did you send the invoice? tomorrow 10:00']);
    expect(await help('olivia', 'jansen', '/followup help')).toContain('/followup ask @sanne heb je de factuur verstuurd? morgen 10:00');
  });
});
