import { mention, mentionId } from './mentions.js';

/**
 * The text grammar shared by every slash command: a subcommand's options are declared once and read
 * from free text here (Slack, console) or taken as typed options (Discord). Quotes keep words together,
 * so a title may contain a keyword: /task add "Review due diligence" due friday.
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
  /** Keep the keyword in the value (for `every monday`, where the keyword is part of the phrase). */
  keepKeyword?: boolean;
  /** Allowed values (flags, words): also Discord's choices. */
  choices?: string[];
  required?: boolean;
  /**
   * A date or time phrase: Discord autocompletes these with a preview. 'start' reads a bare day as its
   * morning (when to ask), true as a deadline (the end of the working day).
   */
  when?: true | 'start';
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

export const parseOptionText = (text: string, specs: readonly OptionSpec[]): Record<string, unknown> => {
  const tokens = tokenize(text.trim());
  const result: Record<string, unknown> = {};
  const keywordOwner = new Map<string, OptionSpec>();
  for (const spec of specs) for (const word of spec.keywords ?? []) keywordOwner.set(word.toLowerCase(), spec);

  const refSpec = specs.find((spec) => spec.kind === 'ref');
  if (refSpec && tokens.length > 0 && !isQuoted(tokens[0]!)) {
    result[refSpec.name] = tokens.shift()!.replace(/^#/, '');
  }

  const rest: string[] = [];
  const people: string[] = [];
  const wordSpecs = specs.filter((spec) => spec.kind === 'word');
  let current: { spec: OptionSpec; words: string[] } | null = null;
  const closeKeyword = () => {
    if (current) result[current.spec.name] = current.words.join(' ');
    current = null;
  };

  for (const token of tokens) {
    const quoted = isQuoted(token);
    const bare = unquote(token);
    const mentioned = quoted ? null : mentionId(bare);
    if (mentioned) {
      closeKeyword();
      people.push(mentioned);
      continue;
    }
    const flagSpec = specs.find((spec) => spec.kind === 'flag');
    if (!quoted && flagSpec && bare.startsWith('!') && bare.length > 1) {
      closeKeyword();
      result[flagSpec.name] = bare.slice(1).toLowerCase();
      continue;
    }
    const owner = quoted ? undefined : keywordOwner.get(bare.toLowerCase());
    if (owner && !(owner.name in result)) {
      closeKeyword();
      current = { spec: owner, words: owner.keepKeyword ? [bare] : [] };
      continue;
    }
    if (current) {
      (current as { words: string[] }).words.push(bare);
      continue;
    }
    const wordSpec = wordSpecs.find((spec) => !(spec.name in result));
    if (wordSpec && rest.length === 0 && !quoted) {
      result[wordSpec.name] = bare.toLowerCase();
      continue;
    }
    rest.push(bare);
  }
  closeKeyword();

  const restSpec = specs.find((spec) => spec.kind === 'rest');
  if (restSpec && rest.length > 0) result[restSpec.name] = rest.join(' ');
  else if (!restSpec && rest.length > 0) result._extra = rest.join(' ');

  const peopleSpec = specs.find((spec) => spec.kind === 'people' || spec.kind === 'person');
  if (peopleSpec && people.length > 0) result[peopleSpec.name] = peopleSpec.kind === 'people' ? people : people[0];
  else if (!peopleSpec && people.length > 0) result._extra = [result._extra, ...people.map(mention)].filter(Boolean).join(' ');
  return result;
};
