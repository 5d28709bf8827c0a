import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { OptionSpec } from '../../src/core/command-text.js';
import type { CommandDef, SubcommandDef } from '../../src/core/commands.js';
import { choiceKeyOf, HELP_WORDS, optionKeyOf } from '../../src/core/help.js';
import { isMessageKey, t, type MessageKey } from '../../src/core/i18n/catalog.js';
import type { InvocationInput } from '../../src/core/invocation.js';

/**
 * The core's command registry as Discord application commands, and Discord's typed options back into the
 * core's input. Each subcommand declares its options once (OptionSpec); the text grammar reads them from
 * words, and here they become Discord options: people as USER options, choices as choices, date phrases as
 * STRING options with autocomplete (zones too). Descriptions and choice names come from the catalog in English
 * with their Dutch beside them (`help.opt.*`, `help.choice.*`); every family gets a `help` subcommand.
 * manifest/discord-commands.json is this file's output.
 */

export type DiscordCommand = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Discord has no many-users option: a `people` option becomes this many USER options. */
export const PEOPLE_SLOTS = 3;
/** Discord's limits (application command structure). */
export const DISCORD_LIMITS = { name: 32, description: 100, options: 25, choices: 25, choiceName: 100 } as const;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const description = (text: string) => clip(text.trim() || '…', DISCORD_LIMITS.description);

/** `project add` is the subcommand `project-add`: Discord names are one lowercase word. */
export const discordNameOf = (name: string): string => name.trim().toLowerCase().replace(/\s+/g, '-');

/** A people option's slots: `assignees` → assignee, assignee-2, assignee-3. */
const slotNames = (spec: OptionSpec): string[] => {
  const one = spec.name === 'people' ? 'person' : spec.name.replace(/s$/, '');
  return Array.from({ length: PEOPLE_SLOTS }, (_, index) => (index === 0 ? one : `${one}-${index + 1}`));
};

/** An option's description in English and Dutch: its catalog entry, else what the declaration says. */
const optionText = (key: MessageKey | null, fallback: string) =>
  key ? localized(key) : { description: description(fallback) };

const choiceOf = (value: string) => {
  const key = choiceKeyOf(value);
  const name = (locale: 'en' | 'nl') => clip(key ? t(locale, key) : value, DISCORD_LIMITS.choiceName);
  return { name: name('en'), ...(key ? { name_localizations: { nl: name('nl') } } : {}), value };
};

/** The Dutch name a Dutch Discord client shows for an option (`uiterlijk` is a keyword, `deadline` the option's name). */
const nameLocalizations = (name: string) => {
  const key = `optname.${name.replace(/-\d+$/, '')}`;
  if (!isMessageKey(key)) return {};
  const nl = `${t('nl', key)}${/-\d+$/.exec(name)?.[0] ?? ''}`;
  return nl === name ? {} : { name_localizations: { nl } };
};

/** One core option as the Discord options that carry it, each with the name Discord sends back. */
const discordOptionsOf = (spec: OptionSpec, key: MessageKey | null): APIApplicationCommandBasicOption[] => {
  const text = optionText(key, spec.description);
  const base = { name: discordNameOf(spec.name), ...nameLocalizations(discordNameOf(spec.name)), ...text, required: Boolean(spec.required) };
  switch (spec.kind) {
    case 'person':
      return [{ ...base, type: ApplicationCommandOptionType.User }];
    case 'people':
      return slotNames(spec).map((name, index) => ({
        name,
        ...nameLocalizations(name),
        ...(index === 0 ? text : slotText(text, index)),
        required: index === 0 && Boolean(spec.required),
        type: ApplicationCommandOptionType.User,
      }));
    case 'ref':
      return [{ ...base, type: ApplicationCommandOptionType.Integer, min_value: 1 }];
    case 'rest':
    case 'keyword':
    case 'flag':
    case 'word': {
      if (spec.when || spec.complete) return [{ ...base, type: ApplicationCommandOptionType.String, autocomplete: true, max_length: 100 }];
      const choices = (spec.choices ?? []).slice(0, DISCORD_LIMITS.choices).map(choiceOf);
      return [{ ...base, type: ApplicationCommandOptionType.String, ...(choices.length > 0 ? { choices } : {}) }];
    }
  }
};

/** The second and third person slot: the first one's words without their "(default: …)", numbered. */
const slotText = (text: { description: string; description_localizations?: { nl: string } }, index: number) => {
  const numbered = (words: string) => description(`${words.replace(/\s*\(.*\)$/, '')} (${index + 1})`);
  return { description: numbered(text.description), ...(text.description_localizations ? { description_localizations: { nl: numbered(text.description_localizations.nl) } } : {}) };
};

/** Discord wants the required options first. */
const optionsOf = (command: CommandDef, sub: SubcommandDef): APIApplicationCommandBasicOption[] => {
  const all = sub.options.flatMap((spec) => discordOptionsOf(spec, optionKeyOf(command, sub, spec.name)));
  return [...all.filter((option) => option.required), ...all.filter((option) => !option.required)];
};

/** A family with one subcommand that is its fallback (the coming-soon ones) is a plain command. */
const plainSubcommandOf = (command: CommandDef): SubcommandDef | null =>
  command.subcommands.length === 1 && command.subcommands[0]!.name === command.fallback ? command.subcommands[0]! : null;

const localized = (key: MessageKey) => ({ description: description(t('en', key)), description_localizations: { nl: description(t('nl', key)) } });

/** Families without a `help` of their own get one on Discord, as `/task help` in text: their subcommands with examples. */
const HELP_SUBCOMMAND = 'help';
const helpSubcommand = (command: CommandDef): APIApplicationCommandSubcommandOption[] =>
  command.subcommands.some((sub) => discordNameOf(sub.name) === HELP_SUBCOMMAND) ? [] : [{ type: ApplicationCommandOptionType.Subcommand, name: HELP_SUBCOMMAND, ...localized('help.sub_desc'), options: [] }];

export const discordCommandOf = (command: CommandDef): DiscordCommand => {
  const plain = plainSubcommandOf(command);
  const options = plain
    ? optionsOf(command, plain)
    : [
        ...command.subcommands.map(
          (sub): APIApplicationCommandSubcommandOption => ({
            type: ApplicationCommandOptionType.Subcommand,
            name: discordNameOf(sub.name),
            ...localized(sub.description),
            options: optionsOf(command, sub),
          }),
        ),
        ...helpSubcommand(command),
      ];
  return {
    type: ApplicationCommandType.ChatInput,
    name: discordNameOf(command.name),
    ...localized(command.description),
    // In servers and in the DM with the bot (`/obm me` works anywhere); installed to servers only.
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options,
  };
};

/** Every command family, in the registry's order: what `npm run discord:register` sends. */
export const discordCommandsOf = (commands: Iterable<CommandDef>): DiscordCommand[] => [...commands].map(discordCommandOf);

// ---- interactions -> core input

/** The `data` of a chat-input or autocomplete interaction, as much of it as is read here. */
export interface CommandData {
  name: string;
  options?: APIApplicationCommandInteractionDataOption[];
}

type LeafOption = { name: string; type: ApplicationCommandOptionType; value?: string | number | boolean; focused?: boolean };

const findCommand = (commands: readonly CommandDef[], name: string) => commands.find((command) => discordNameOf(command.name) === name.toLowerCase()) ?? null;

/** The subcommand an interaction names (or the plain command's one) and the options given to it. */
const resolve = (commands: readonly CommandDef[], data: CommandData): { command: CommandDef; sub: SubcommandDef; given: LeafOption[] } | null => {
  const command = findCommand(commands, data.name);
  if (!command) return null;
  const plain = plainSubcommandOf(command);
  if (plain) return { command, sub: plain, given: (data.options ?? []) as LeafOption[] };
  const chosen = (data.options ?? []).find((option) => option.type === ApplicationCommandOptionType.Subcommand);
  if (!chosen || !('options' in chosen)) return null;
  const sub = command.subcommands.find((candidate) => discordNameOf(candidate.name) === chosen.name);
  return sub ? { command, sub, given: (chosen.options ?? []) as LeafOption[] } : null;
};

/** What the text grammar would have produced for these options, so the core validates one shape. */
const valuesOf = (sub: SubcommandDef, given: LeafOption[]): Record<string, unknown> => {
  const byName = new Map(given.map((option) => [option.name, option]));
  const text = (name: string) => {
    const value = byName.get(name)?.value;
    return value === undefined || value === null ? undefined : String(value).trim() || undefined;
  };
  const values: Record<string, unknown> = {};
  for (const spec of sub.options) {
    const name = discordNameOf(spec.name);
    switch (spec.kind) {
      case 'people': {
        const ids = [...new Set(slotNames(spec).flatMap((slot) => text(slot) ?? []))];
        if (ids.length > 0) values[spec.name] = ids;
        break;
      }
      case 'keyword': {
        const value = text(name);
        if (value === undefined) break;
        // `repeat: monday` means what `every monday` means in text: the keyword is part of the phrase. One typed
        // with any of its keywords (`elke maandag`, `dagelijks`) stays as typed.
        const keyword = spec.keywords?.[0];
        const lower = value.toLowerCase();
        const typedWithKeyword = (spec.keywords ?? []).some((word) => lower === word.toLowerCase() || lower.startsWith(`${word.toLowerCase()} `));
        values[spec.name] = spec.keepKeyword && keyword && !typedWithKeyword ? `${keyword} ${value}` : value;
        break;
      }
      case 'flag':
      case 'word': {
        const value = text(name);
        if (value !== undefined) values[spec.name] = value.toLowerCase();
        break;
      }
      default: {
        const value = text(name);
        if (value !== undefined) values[spec.name] = value;
      }
    }
  }
  return values;
};

/**
 * A slash command's typed options as the core's input: the subcommand by its core name and the values
 * under the option names, exactly as the text grammar reads them. Null for a command the registry lacks.
 */
export const commandInputOf = (data: CommandData, registered: Iterable<CommandDef>): Extract<InvocationInput, { kind: 'command' }> | null => {
  const commands = [...registered];
  const resolved = resolve(commands, data);
  const chosen = data.options?.find((option) => option.type === ApplicationCommandOptionType.Subcommand)?.name;
  // The `help` every family has on Discord: the core answers `/task help` with the family's subcommands.
  if (!resolved && chosen && HELP_WORDS.includes(chosen) && findCommand(commands, data.name)) return { kind: 'command', command: `/${data.name}`, text: chosen, options: {} };
  if (!resolved) {
    // Not ours, or a subcommand this version does not know (commands registered by an older one): the core
    // answers with the family's usage.
    return findCommand(commands, data.name) ? { kind: 'command', command: `/${data.name}`, text: '', options: {} } : null;
  }
  return { kind: 'command', command: `/${resolved.command.name}`, text: resolved.sub.name, options: valuesOf(resolved.sub, resolved.given) };
};

export interface FocusedWhen {
  /** What the person has typed so far. */
  phrase: string;
  /** Whom the moment is for (the assignee, the person asked), when the command names one already. */
  forUserId?: string;
  kind: 'due' | 'start';
}

/** The date phrase being typed in an autocomplete interaction, or null when the focused option is no date. */
export const focusedWhenOf = (data: CommandData, commands: Iterable<CommandDef>): FocusedWhen | null => {
  const resolved = resolve([...commands], data);
  if (!resolved) return null;
  const focused = resolved.given.find((option) => option.focused);
  if (!focused) return null;
  const spec = resolved.sub.options.find((candidate) => discordNameOf(candidate.name) === focused.name);
  if (!spec?.when) return null;
  const values = valuesOf(resolved.sub, resolved.given.filter((option) => !option.focused));
  const personSpec = resolved.sub.options.find((candidate) => candidate.kind === 'person' || candidate.kind === 'people');
  const forUser = personSpec ? values[personSpec.name] : undefined;
  const forUserId = Array.isArray(forUser) ? (forUser[0] as string | undefined) : (forUser as string | undefined);
  return { phrase: String(focused.value ?? ''), kind: spec.when === 'start' ? 'start' : 'due', ...(forUserId ? { forUserId } : {}) };
};

/** What is typed so far into an option that completes zones (`/obm me zone:`), or null when the focused option is none. */
export const focusedZoneOf = (data: CommandData, commands: Iterable<CommandDef>): string | null => {
  const resolved = resolve([...commands], data);
  const focused = resolved?.given.find((option) => option.focused);
  if (!resolved || !focused) return null;
  const spec = resolved.sub.options.find((candidate) => discordNameOf(candidate.name) === focused.name);
  return spec?.complete === 'zone' ? String(focused.value ?? '') : null;
};
