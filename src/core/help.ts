import type { CommandDef, Registry, SubcommandDef } from './commands.js';
import { isMessageKey, t, type Locale, type MessageKey } from './i18n/catalog.js';
import { compose, type Block, type Message } from './messages.js';

/**
 * The help, in the team's language: `/obm help` is an index of the command families, one line each;
 * `/<family> help` (or a subcommand the family does not have) lists that family's subcommands, each with a real
 * example (catalog `help.ex.<command>.<subcommand>`) and a mark on the ones only managers may use.
 */

/** A name as catalog keys spell it: `project add` is `project-add`. */
const dashed = (name: string) => name.trim().toLowerCase().replace(/\s+/g, '-');

/** The catalog entry describing an option (`help.opt.task.add.due`), for platforms that list options (Discord). */
export const optionKeyOf = (command: CommandDef, sub: SubcommandDef, option: string): MessageKey | null => {
  const key = `help.opt.${command.name}.${dashed(sub.name)}.${option}`;
  return isMessageKey(key) ? key : null;
};

/** The catalog entry naming a choice (`help.choice.mon-fri`: Monday to Friday), when there is one. */
export const choiceKeyOf = (value: string): MessageKey | null => {
  const key = `help.choice.${value}`;
  return isMessageKey(key) ? key : null;
};

/** Words that ask a family for its help: `/task help`, `/taak hulp`. */
export const HELP_WORDS: readonly string[] = ['help', 'hulp', '?'];

/** A family with one subcommand that is its catch-all fallback (the coming-soon ones) has no subcommands to list. */
const hasSubcommands = (command: CommandDef) => !(command.catchAll && command.subcommands.length === 1);

/** How a person asks for one family's help: `/task help`; /obm's own `help` is the index, so `/obm help obm`. */
export const familyHelpCommand = (command: CommandDef): string =>
  command.subcommands.some((sub) => sub.name === 'help') ? `/${command.name} help ${command.name}` : `/${command.name} help`;

/** The examples of a subcommand in a language: one per line, from the catalog, else its declared one. */
export const examplesOf = (command: CommandDef, sub: SubcommandDef, locale: Locale): string[] => {
  const key = `help.ex.${command.name}.${dashed(sub.name)}`;
  return (isMessageKey(key) ? t(locale, key) : sub.example).split('\n').filter(Boolean);
};

export const helpIndex = (registry: Registry, locale: Locale): Message => {
  const commands = [...registry.commands.values()];
  const blocks: Block[] = [{ type: 'header', text: t(locale, 'help.index_title') }];
  blocks.push({ type: 'text', text: commands.map((command) => t(locale, 'help.index_line', { command: command.name, what: t(locale, command.description) })).join('\n') });
  const examples = commands.filter(hasSubcommands).map(familyHelpCommand).join(', ');
  blocks.push({ type: 'context', text: `${t(locale, 'help.index_more', { examples })}\n${t(locale, 'obm.help_footer')}` });
  return compose(blocks);
};

export const familyHelp = (command: CommandDef, locale: Locale, intro?: string): Message => {
  const blocks: Block[] = [];
  if (intro) blocks.push({ type: 'text', text: intro });
  blocks.push({ type: 'header', text: t(locale, 'help.family_title', { command: command.name, what: t(locale, command.description) }) });
  for (const sub of command.subcommands) {
    const managers = sub.access.scope === 'team' && sub.access.role === 'manager' ? ` ${t(locale, 'help.managers_only')}` : '';
    const usage = `${command.name} ${sub.name}`.trim();
    blocks.push({ type: 'text', text: `${t(locale, 'help.sub_line', { usage, what: t(locale, sub.description) })}${managers}` });
    blocks.push({ type: 'context', text: examplesOf(command, sub, locale).join('\n') });
  }
  return compose(blocks);
};
