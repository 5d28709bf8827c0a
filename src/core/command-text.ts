import { mention, mentionId } from './mentions.js';
import { readPhrase } from './time/reading.js';

/**
 * The text grammar shared by every slash command: a subcommand's options are declared once and read
 * from free text here (Slack, console) or taken as typed options (Discord). Quotes keep words together,
 * so a title may contain a keyword: /task add "Review due diligence" due friday.
 *
 * Forgiving titles: a keyword counts only where the words after it read as its value (`accepts`); where
 * they do not, the keyword and its words are part of the title ("Plan the launch by the book by friday").
 * The last keyword of an option that counts wins; earlier ones are title words.
 */
export type OptionKind =
  | 'rest' // the words no other option took (a title)
  | 'ref' // a leading task/item number: 12 or #12
  | 'person' // one mention
  | 'people' // any number of mentions
  | 'keyword' // a keyword followed by words up to the next keyword: due friday 5pm
  | 'flag' // !urgent
  | 'word'; // the next bare word (a role, a setting name)

export interface OptionSpec {
  name: string;
  kind: OptionKind;
  /** Words that start a keyword option, e.g. ['due']. */
  keywords?: string[];
  /**
   * Keep the keyword in the value (for `every monday`, where the keyword is part of the phrase); a keyword
   * that is a whole value by itself (`daily`, `dagelijks`) then needs no words after it.
   */
  keepKeyword?: boolean;
  /**
   * Whether words after a keyword (with the keyword, for `keepKeyword`) read as this option's value. Where
   * they do not, the keyword is an ordinary word. Must not depend on the clock or the team: it only tells a
   * value from title words, the command reads the value itself. A `when` option without one accepts what
   * the date reader reads; an option without either accepts anything, even nothing (`/obm me away`).
   */
  accepts?: (value: string) => boolean;
  /** Allowed values (flags, words): also Discord's choices. */
  choices?: string[];
  required?: boolean;
  /**
   * A date or time phrase: Discord autocompletes these with a preview. 'start' reads a bare day as its
   * morning (when to ask), true as a deadline (the end of the working day).
   */
  when?: true | 'start';
  /** Values a platform may suggest while it is typed (Discord's autocomplete): 'zone' offers IANA zones and cities. */
  complete?: 'zone';
  description: string;
}

/** Splits on white space, keeping "quoted phrases" (straight or curly quotes) as one token. */
export const tokenize = (text: string): string[] => {
  const tokens: string[] = [];
  const pattern = /"([^"]*)"|“([^”]*)”|(\S+)/g;
  for (const match of text.matchAll(pattern)) {
    const quoted = match[1] ?? match[2];
    tokens.push(quoted !== undefined ? `\u0000${quoted}` : match[3]!);
  }
  return tokens;
};

const isQuoted = (token: string) => token.startsWith('\u0000');
const unquote = (token: string) => (isQuoted(token) ? token.slice(1) : token);

// Any fixed moment does: whether words read as a time does not depend on when they are read.
const READ_AT = new Date('2026-01-05T12:00:00Z');

/** Whether a phrase reads as a date or time in either language (a team may type both). */
export const readsAsWhen = (value: string): boolean =>
  value.trim() !== '' && (['en', 'nl'] as const).some((locale) => readPhrase(value, { now: READ_AT, zone: 'UTC', locale }) !== null);

const acceptsOf = (spec: OptionSpec): ((value: string) => boolean) | null => spec.accepts ?? (spec.when ? readsAsWhen : null);

type Role = 'mention' | 'flag' | 'keyword' | 'word';

/** How many words after a leading keyword are tried as its value when not all of them read as one. */
const MAX_VALUE_WORDS = 12;

/**
 * How many of the words after a keyword are its value, or null when the keyword does not count. All of
 * them when they read as its value; else it ends before a later keyword word ("due friday project" with a
 * project that did not count). A deadline nothing but mentions and flags came before may end anywhere, as
 * the title follows it (`!urgent due tomorrow Call the bank`); a repeat may not, as "Weekly report" and
 * "Daily check" are titles far more often than a repeat before its title.
 */
const valueLength = (spec: OptionSpec, keyword: string, words: readonly string[], roles: readonly Role[], leading: boolean): number | null => {
  const accepts = acceptsOf(spec);
  if (!accepts) return words.length;
  const reads = (count: number) => accepts([...(spec.keepKeyword ? [keyword] : []), ...words.slice(0, count).map(unquote)].join(' '));
  if (reads(words.length)) return words.length;
  const anywhere = leading && !spec.keepKeyword;
  for (let count = Math.min(words.length - 1, MAX_VALUE_WORDS); count >= 0; count--) {
    if ((anywhere || roles[count] === 'keyword') && reads(count)) return count;
  }
  return null;
};

interface Settled {
  values: Map<string, { index: number; value: string }>;
  taken: boolean[];
}

/**
 * Settles the keywords from the end: a value runs to the next keyword that counts (or a mention or a flag),
 * and the last keyword of an option that counts is the one that wins. `refused` are keyword positions read
 * as plain words whatever follows them.
 */
const settleKeywords = (tokens: readonly string[], roles: readonly Role[], owners: ReadonlyMap<string, OptionSpec>, refused: ReadonlySet<number>): Settled => {
  const values = new Map<string, { index: number; value: string }>();
  const taken = new Array<boolean>(tokens.length).fill(false);
  let boundary = tokens.length;
  for (let index = tokens.length - 1; index >= 0; index--) {
    if (roles[index] === 'mention' || roles[index] === 'flag') {
      boundary = index;
      continue;
    }
    const spec = roles[index] === 'keyword' && !refused.has(index) ? owners.get(tokens[index]!.toLowerCase())! : null;
    if (!spec || values.has(spec.name)) continue;
    const leading = roles.slice(0, index).every((role) => role === 'mention' || role === 'flag');
    const words = tokens.slice(index + 1, boundary);
    const count = valueLength(spec, tokens[index]!, words, roles.slice(index + 1, boundary), leading);
    if (count === null) continue;
    const value = words.slice(0, count).map(unquote);
    values.set(spec.name, { index, value: (spec.keepKeyword ? [tokens[index]!, ...value] : value).join(' ') });
    taken.fill(true, index, index + 1 + count);
    boundary = index;
  }
  return { values, taken };
};

export const parseOptionText = (text: string, specs: readonly OptionSpec[]): Record<string, unknown> => {
  const tokens = tokenize(text.trim());
  const result: Record<string, unknown> = {};
  const owners = new Map<string, OptionSpec>();
  for (const spec of specs) for (const word of spec.keywords ?? []) owners.set(word.toLowerCase(), spec);

  const refSpec = specs.find((spec) => spec.kind === 'ref');
  if (refSpec && tokens.length > 0 && !isQuoted(tokens[0]!)) {
    result[refSpec.name] = tokens.shift()!.replace(/^#/, '');
  }

  const flagSpec = specs.find((spec) => spec.kind === 'flag');
  const roles: Role[] = tokens.map((token) => {
    if (isQuoted(token)) return 'word';
    if (mentionId(token)) return 'mention';
    if (flagSpec && token.startsWith('!') && token.length > 1) return 'flag';
    return owners.has(token.toLowerCase()) ? 'keyword' : 'word';
  });

  const restSpec = specs.find((spec) => spec.kind === 'rest');
  let settled = settleKeywords(tokens, roles, owners, new Set());
  // A free-text keyword (a project) cannot tell its words from a title's: where a line that needs a title
  // starts with one and would have none, it is the title ("Project kickoff call @maria").
  if (restSpec?.required && settled.taken.every((taken, index) => taken || roles[index] !== 'word')) {
    const first = [...settled.values.values()].sort((a, b) => a.index - b.index)[0];
    const spec = first && owners.get(tokens[first.index]!.toLowerCase())!;
    if (first && spec && !spec.when && !spec.keepKeyword) settled = settleKeywords(tokens, roles, owners, new Set([first.index]));
  }
  for (const [name, { value }] of settled.values) result[name] = value;

  const rest: string[] = [];
  const people: string[] = [];
  const wordSpecs = specs.filter((spec) => spec.kind === 'word');
  tokens.forEach((token, index) => {
    if (settled.taken[index]) return;
    const bare = unquote(token);
    if (roles[index] === 'mention') people.push(mentionId(bare)!);
    else if (roles[index] === 'flag') result[flagSpec!.name] = bare.slice(1).toLowerCase();
    else {
      const wordSpec = wordSpecs.find((spec) => !(spec.name in result));
      if (wordSpec && rest.length === 0 && !isQuoted(token)) result[wordSpec.name] = bare.toLowerCase();
      else rest.push(bare);
    }
  });

  if (restSpec && rest.length > 0) result[restSpec.name] = rest.join(' ');
  else if (!restSpec && rest.length > 0) result._extra = rest.join(' ');

  const peopleSpec = specs.find((spec) => spec.kind === 'people' || spec.kind === 'person');
  if (peopleSpec && people.length > 0) result[peopleSpec.name] = peopleSpec.kind === 'people' ? people : people[0];
  else if (!peopleSpec && people.length > 0) result._extra = [result._extra, ...people.map(mention)].filter(Boolean).join(' ');
  return result;
};
