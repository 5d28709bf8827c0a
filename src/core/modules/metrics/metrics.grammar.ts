import { tokenize } from '../../command-text.js';
import { mentionId } from '../../mentions.js';

/**
 * The words of /metric, in English and Dutch, read in any team. `add` and `log` have their own readers
 * because their words depend on each other: "higher is better" is one setting of three words, and a value is
 * the number before `for`/`voor`, whatever the metric's name is made of.
 */
export const UNIT_WORDS = ['unit', 'eenheid'];
export const TARGET_WORDS = ['target', 'doel'];
export const OWNER_WORDS = ['owner', 'eigenaar'];
export const PERIOD_WORDS = ['for', 'voor'];
const DIRECTIONS: Record<string, 'higher' | 'lower'> = { higher: 'higher', hoger: 'higher', lower: 'lower', lager: 'lower' };
const BETTER = ['better', 'beter'];
const CADENCES: Record<string, 'weekly' | 'monthly'> = { weekly: 'weekly', wekelijks: 'weekly', monthly: 'monthly', maandelijks: 'monthly' };

/** `higher`/`hoger`, `weekly`/`wekelijks`… as the stored value: what Discord's choices send, from any word. */
export const directionOf = (value: unknown) => (typeof value === 'string' ? (DIRECTIONS[value.toLowerCase().replace(/[-\s]+(?:is[-\s]+)?bet+er$/, '')] ?? value) : value);
export const cadenceOf = (value: unknown) => (typeof value === 'string' ? (CADENCES[value.toLowerCase()] ?? value) : value);

const QUOTED = '\u0000';
const bare = (token: string) => token.replace(QUOTED, '');

/**
 * `add <name> [unit <u>] [target <n>] [higher|lower is better] [weekly|monthly] [owner @person]`. A setting
 * word counts after the name has begun (so "Weekly signups" is a name) and with its value after it (a target
 * has a digit); anything else is part of the name.
 */
export const parseAdd = (text: string): Record<string, unknown> => {
  const tokens = tokenize(text.trim());
  const result: Record<string, unknown> = {};
  const name: string[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const next = tokens[index + 1];
    const word = token.toLowerCase();
    const quoted = token.startsWith(QUOTED);
    const person = quoted ? null : mentionId(token);
    if (person) {
      result.owner = person;
    } else if (!quoted && OWNER_WORDS.includes(word) && next && mentionId(next)) {
      result.owner = mentionId(next);
      index += 1;
    } else if (!quoted && name.length > 0 && UNIT_WORDS.includes(word) && next !== undefined) {
      result.unit = bare(next);
      index += 1;
    } else if (!quoted && name.length > 0 && TARGET_WORDS.includes(word) && next !== undefined && /\d/.test(next)) {
      result.target = bare(next);
      index += 1;
    } else if (!quoted && name.length > 0 && word in DIRECTIONS && next !== undefined && (BETTER.includes(next.toLowerCase()) || (next.toLowerCase() === 'is' && BETTER.includes(tokens[index + 2]?.toLowerCase() ?? '')))) {
      result.better = DIRECTIONS[word];
      index += next.toLowerCase() === 'is' ? 2 : 1;
    } else if (!quoted && name.length > 0 && /^(?:higher|hoger|lower|lager)-(?:is-)?bet+er$/.test(word)) {
      result.better = directionOf(word);
    } else if (!quoted && name.length > 0 && word in CADENCES) {
      result.cadence = CADENCES[word];
    } else {
      name.push(bare(token));
    }
  }
  if (name.length > 0) result.name = name.join(' ');
  return result;
};

/**
 * `log <name> <value> [for <period>]`: the period is what follows the last `for`/`voor` that comes right after
 * something number-like, the value is the word before it (or the last word), the name the words before that.
 * One word alone is a name without a value.
 */
export const parseLog = (text: string): Record<string, unknown> => {
  const tokens = tokenize(text.trim());
  const result: Record<string, unknown> = {};
  let end = tokens.length;
  for (let index = tokens.length - 2; index >= 1; index--) {
    if (!tokens[index]!.startsWith(QUOTED) && PERIOD_WORDS.includes(tokens[index]!.toLowerCase()) && /\d/.test(tokens[index - 1]!)) {
      result.period = tokens.slice(index + 1).map(bare).join(' ');
      end = index;
      break;
    }
  }
  const words = tokens.slice(0, end).map(bare);
  if (words.length === 1) result.name = words[0];
  else if (words.length > 1) {
    result.value = words.at(-1);
    result.name = words.slice(0, -1).join(' ');
  }
  return result;
};

/** `show <name>`, `remove <name>`: every word is the name. */
export const parseName = (text: string): Record<string, unknown> => {
  const name = tokenize(text.trim()).map(bare).join(' ');
  return name === '' ? {} : { name };
};
