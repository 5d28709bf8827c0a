import fc from 'fast-check';
import type { Registry } from '../../src/core/commands.js';

/**
 * What the fuzz tests type: the words the grammar reacts to (every subcommand's keywords and choices, date
 * phrases, mentions, ids) mixed with what breaks naive code (NUL, lone surrogates, huge numbers, quotes,
 * long text, arbitrary code points). Generated lines start with a real command and subcommand, so most of
 * them reach a handler's validation instead of stopping at "no such command".
 */

/** A fixed seed by default, so a red run repeats; `FUZZ_SEED=random` (or a number) and `FUZZ_RUNS` explore. */
export const fuzzSettings = (defaultRuns: number): { seed: number; numRuns: number } => {
  const fromEnv = process.env.FUZZ_SEED;
  const seed = fromEnv === 'random' ? Math.floor(Math.random() * 2 ** 31) : fromEnv ? Number(fromEnv) : 20261203;
  const numRuns = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : defaultRuns;
  return { seed, numRuns };
};

const DATES = ['friday', 'tomorrow', 'tomorrow 9am', 'in 3 days', 'next week', 'every monday', 'every 99999 days', 'every 0 weeks', 'daily', '31 feb', '2026-02-30', '1900-01-01', '3000-12-31', 'yesterday', 'morgen', 'volgende week', 'elke maandag', 'vrijdag 14:00', '25:61', '09:00', '9am', 'noon', 'eod', 'from 1900-01-01 to 3000-01-01', 'until friday'];
const NUMBERS = ['#1', '#2', '1', '2', '0', '-1', '#0', '#-5', '99999999999999999999', '2147483648', '9007199254740993', '1e309', 'NaN', 'Infinity', '0x10', '1.5', '٣'];
const PEOPLE = ['@{olivia}', '@{maria}', '@{U0STRANGER}', '@{}', '@', '<@U123>', '@olivia', 'me'];
const WORDS = ['Invoice', 'the report', 'all', 'mine', 'done', 'en', 'nl', 'fr', 'Europe/Amsterdam', 'Asia/Manila', 'Mars/Olympus', 'UTC+25', 'manager', 'member', 'owner', 'on', 'off', 'yes', 'no', 'help', 'away', 'hours', 'mon-fri', '9-17', 'q1', 'title', 'due', 'every', 'at', 'to', 'for', 'from', 'because'];
const ODD = ['\u0000', '\u0000\u0000', '\uD83D', '\uDC00', '\uDBFF\uDBFF', '😀', '👩‍💻', 'é', '\u200B', '\u202E', '\n', '\t', '\r\n', '     ', '"', '""', '"a b"', '“Acme”', "'", '`', '\\', '%s', '${x}', '<script>', '*bold*', '<!channel>', '&amp;', '; drop table tasks; --'];

/** Any code point, a lone surrogate, or a long run: what no vocabulary would think of. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 200, max: 5000 }).map((length) => 'x'.repeat(length)),
);

const keywordsOf = (registry: Registry): string[] =>
  [...registry.commands.values()].flatMap((command) => command.subcommands.flatMap((sub) => sub.options.flatMap((spec) => [...(spec.keywords ?? []), ...(spec.choices ?? [])])));

export const tokenArb = (registry: Registry) => {
  const vocabulary = [...new Set([...keywordsOf(registry), ...DATES, ...NUMBERS, ...PEOPLE, ...WORDS, ...ODD])];
  return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...vocabulary) }, { weight: 1, arbitrary: anyText });
};

/** The rest of a line: up to eight tokens, joined mostly by spaces. */
export const textArb = (registry: Registry) =>
  fc.tuple(fc.array(tokenArb(registry), { maxLength: 8 }), fc.constantFrom(' ', ' ', ' ', '  ', '')).map(([tokens, glue]) => tokens.join(glue));

/** `/command subcommand …`, `/command …` (its implicit or fallback subcommand) or an unknown subcommand. */
export const commandLineArb = (registry: Registry) => {
  const heads = [...registry.commands.values()].flatMap((command) => [command.name, ...command.subcommands.map((sub) => `${command.name} ${sub.name}`)]);
  return fc.record({ head: fc.constantFrom(...heads, 'nosuchcommand', 'task nosuchsub'), rest: textArb(registry) });
};

/** A button's value: mostly the shapes buttons carry (ids, id:choice), and anything else. */
export const valueArb = (registry: Registry) =>
  fc.oneof(fc.constantFrom('1', '2', '3', '0', '-1', '', '99999999999999999999', '1:monday', '1:tomorrow', '1:2', '2:1:x', 'abc', '{"id":1}', '1\u0000', '\uD800'), tokenArb(registry));

/** The field names a form's zod object declares (its shape), plus one it does not. */
export const formFieldsOf = (input: unknown): string[] => {
  const shape = (input as { shape?: Record<string, unknown> }).shape;
  return [...(shape ? Object.keys(shape) : []), 'unexpected'];
};
