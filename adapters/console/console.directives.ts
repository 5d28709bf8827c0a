import { DateTime } from 'luxon';
import { z } from 'zod';
import { parseDuration as parseCoreDuration } from '../../src/core/time.js';
import { ROLES, type Role } from '../../src/core/identity.js';

/**
 * What one console input line means. The console's own controls are `:` directives; everything else is
 * what a person would type on a chat platform (a slash command or a plain message) and goes to the core.
 */
export type ConsoleLine =
  | { kind: 'skip' }
  | { kind: 'command'; command: string; text: string }
  | { kind: 'message'; text: string }
  | { kind: 'directive'; directive: Directive }
  /** A directive that could not be read; `message` is the one-line usage to print. */
  | { kind: 'invalid'; message: string };

export type Directive =
  | { kind: 'as'; person: string; role?: Role }
  | { kind: 'channel'; channel: string }
  | { kind: 'dm' }
  | { kind: 'click'; button: string }
  | { kind: 'pick'; option: string }
  | { kind: 'submit'; values: Record<string, string> }
  | { kind: 'at'; instant: Date }
  | { kind: 'advance'; ms: number }
  | { kind: 'clock' }
  | { kind: 'help' }
  | { kind: 'quit' };

type DirectiveName = Directive['kind'];

// Console names double as platform ids, so they keep to the characters a mention can carry (see command-text.ts).
const NAME = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/i;

const words = (rest: string): string[] => rest.split(/\s+/).filter(Boolean);
const name = z.string().regex(NAME).transform((value) => value.toLowerCase());
const channelName = z
  .string()
  .transform((value) => value.replace(/^#/, ''))
  .pipe(name);
const noArguments = z.string().transform(words).pipe(z.tuple([]));

/** Reads `90m`, `2h`, `2d`, `1w`, `1d12h`, `1h30m`, `45s` as milliseconds; null when it is not such a duration. */
/** The core's duration grammar (90m, 2h, 1d12h, 3 dagen), with null instead of its user-facing error. */
export const parseDuration = (text: string): number | null => {
  try {
    return parseCoreDuration(text);
  } catch {
    return null;
  }
};

/**
 * Reads `field=value field2="two words" field3='it''s'` into values; null when a word is not an assignment.
 * Quotes keep spaces together, as in the core's command grammar.
 */
export const parseAssignments = (text: string): Record<string, string> | null => {
  const values: Record<string, string> = {};
  const pattern = /\s*([A-Za-z0-9_.-]+)=(?:"([^"]*)"|“([^”]*)”|'([^']*)'|([^\s"'“]*))(?=\s|$)/y;
  let index = 0;
  const source = text.trim();
  while (index < source.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(source);
    if (!match) return null;
    values[match[1]!] = match[2] ?? match[3] ?? match[4] ?? match[5] ?? '';
    index = pattern.lastIndex;
  }
  return values;
};

/** Reads an ISO 8601 instant; one without an offset is UTC, the zone the console shows its clock in. */
export const parseInstant = (text: string): Date | null => {
  const parsed = DateTime.fromISO(text.trim(), { zone: 'utc' });
  return parsed.isValid ? parsed.toJSDate() : null;
};

// `brief` is the usage in the one-line list of every directive, where examples would not fit.
const directives: { [K in DirectiveName]: { usage: string; brief?: string; args: z.ZodType<Extract<Directive, { kind: K }>, string> } } = {
  as: {
    usage: `:as <name> [${ROLES.join('|')}]`,
    args: z
      .string()
      .transform(words)
      .pipe(z.union([z.tuple([name]), z.tuple([name, z.enum(ROLES)])]))
      .transform(([person, role]) => (role ? { kind: 'as' as const, person, role } : { kind: 'as' as const, person })),
  },
  channel: {
    usage: ':channel <name>',
    args: z
      .string()
      .transform(words)
      .pipe(z.tuple([channelName]))
      .transform(([channel]) => ({ kind: 'channel' as const, channel })),
  },
  dm: { usage: ':dm', args: noArguments.transform(() => ({ kind: 'dm' as const })) },
  click: {
    usage: ':click <button label or action id>',
    args: z
      .string()
      .trim()
      .min(1)
      .transform((button) => ({ kind: 'click' as const, button })),
  },
  pick: {
    usage: ':pick <option label, its start, or value>',
    brief: ':pick <option>',
    args: z
      .string()
      .trim()
      .min(1)
      .transform((option) => ({ kind: 'pick' as const, option })),
  },
  submit: {
    usage: ':submit field=value field2="two words" ...',
    args: z
      .string()
      .transform(parseAssignments)
      .pipe(z.record(z.string(), z.string()))
      .transform((values) => ({ kind: 'submit' as const, values })),
  },
  at: {
    usage: ':at <ISO time, e.g. 2026-11-27T09:00Z>',
    brief: ':at <ISO time>',
    args: z
      .string()
      .transform(parseInstant)
      .pipe(z.date())
      .transform((instant) => ({ kind: 'at' as const, instant })),
  },
  advance: {
    usage: ':advance <duration: 90m, 2h, 2d, 1w, 1d12h>',
    brief: ':advance <90m|2h|1d12h>',
    args: z
      .string()
      .transform(parseDuration)
      .pipe(z.number())
      .transform((ms) => ({ kind: 'advance' as const, ms })),
  },
  clock: { usage: ':clock', args: noArguments.transform(() => ({ kind: 'clock' as const })) },
  help: { usage: ':help', args: noArguments.transform(() => ({ kind: 'help' as const })) },
  quit: { usage: ':quit', args: noArguments.transform(() => ({ kind: 'quit' as const })) },
};

const isDirectiveName = (value: string): value is DirectiveName => Object.hasOwn(directives, value);

export const usageOf = (directive: DirectiveName): string => `Usage: ${directives[directive].usage}`;

/** One line naming every directive, for the greeting and for unknown directives. */
export const DIRECTIVES_LINE = `Directives: ${Object.values(directives)
  .map((spec) => spec.brief ?? spec.usage)
  .join(', ')}`;

const HELP_TEXT: Record<DirectiveName, string> = {
  as: 'be someone else (created on first use); with a role, the first person adds them to this channel’s team',
  channel: 'go to a channel (a leading # is fine)',
  dm: 'talk to the bot in a direct message',
  click: 'press a button on the latest message to you that has it',
  pick: 'choose an option of a menu (e.g. :pick Manila) on the latest message to you that has it',
  submit: 'answer the open form',
  at: 'move the simulated clock to this moment (UTC without an offset); due work runs on the way',
  advance: 'move the simulated clock forward by a duration',
  clock: 'show the current time (UTC)',
  help: 'show this list',
  quit: 'leave (Ctrl-D works too)',
};

export const HELP = [
  'Lines starting with / are slash commands (@name mentions work); other lines are plain messages; # starts a comment.',
  ...Object.entries(directives).map(([key, spec]) => `  ${spec.usage.padEnd(45)} ${HELP_TEXT[key as DirectiveName]}`),
].join('\n');

export const parseLine = (raw: string): ConsoleLine => {
  const line = raw.trim();
  if (line === '' || line.startsWith('#')) return { kind: 'skip' };
  if (line.startsWith('/')) {
    const match = /^\/(\S+)\s*([\s\S]*)$/.exec(line);
    if (!match) return { kind: 'invalid', message: 'Usage: /<command> [text], e.g. /obm help' };
    return { kind: 'command', command: `/${match[1]!}`, text: match[2]!.trim() };
  }
  if (!line.startsWith(':')) return { kind: 'message', text: line };
  const [, word = '', rest = ''] = /^:(\S*)\s*([\s\S]*)$/.exec(line) ?? [];
  const key = word.toLowerCase();
  if (!isDirectiveName(key)) return { kind: 'invalid', message: `Unknown directive :${word}. ${DIRECTIVES_LINE}` };
  const parsed = directives[key].args.safeParse(rest);
  return parsed.success ? { kind: 'directive', directive: parsed.data } : { kind: 'invalid', message: usageOf(key) };
};
