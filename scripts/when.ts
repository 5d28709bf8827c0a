// Try the time parser from a shell:
//   npm run --silent when -- "friday 17:00" --zone Europe/Amsterdam --now 2026-11-23T10:00:00Z --locale en --kind due
// Prints the instant (ISO with the zone's offset) and the human echo. Exit 0 ok, 1 user error, 2 bad usage.
//
// Score the rules (../shared/dates-rules.md) on a corpus, one tab-separated row a line
// (phrase, zone, now, locale, kind, expected; format in src/core/time/score.ts):
//   npm run --silent when -- --score corpus.tsv [--min 98]
// Prints every miss and the score. Exit 0 when the score reaches --min percent (100 by default), 1 below it.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { isBotError } from '../src/core/errors.js';
import { t } from '../src/core/i18n/catalog.js';
import { formatInstant, isValidZone, isoWithOffset, parseWhen } from '../src/core/time.js';
import { describeMiss, parseCorpus, scoreCorpus } from '../src/core/time/score.js';

const USAGE = [
  'usage: when "<phrase>" [--zone <IANA zone>] [--now <ISO instant, or wall time in the zone>] [--locale en|nl] [--kind due|start]',
  '            [--writer-zone <IANA zone of whoever typed it, for the order of 12/3>]',
  '       when --score <corpus.tsv> [--min <percent>]',
].join('\n');

const Args = z.object({
  phrase: z.string(),
  // Zone validity is the parser's job, so a bad zone is reported in the user's words (exit 1).
  zone: z.string().min(1).default('UTC'),
  // An ISO instant; without an offset ("2026-11-23T10:00") it is that wall time in --zone.
  now: z.string().min(1).optional(),
  locale: z.enum(['en', 'nl']).default('en'),
  kind: z.enum(['due', 'start']).default('due'),
  'writer-zone': z.string().min(1).optional(),
});

const ScoreArgs = z.object({
  score: z.string().min(1),
  min: z.coerce.number().min(0).max(100).default(100),
});

type Args = z.infer<typeof Args>;
type ScoreArgs = z.infer<typeof ScoreArgs>;

function readArgs(argv: string[]): Args | ScoreArgs | null {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        zone: { type: 'string' },
        now: { type: 'string' },
        locale: { type: 'string' },
        kind: { type: 'string' },
        'writer-zone': { type: 'string' },
        score: { type: 'string' },
        min: { type: 'string' },
      },
    });
    if (values.score !== undefined) {
      const scoring = positionals.length === 0 ? ScoreArgs.safeParse(values) : null;
      return scoring?.success ? scoring.data : null;
    }
    // Unquoted words ("when friday 17:00") are one phrase.
    if (positionals.length === 0 || values.min !== undefined) return null;
    const parsed = Args.safeParse({ ...values, phrase: positionals.join(' ') });
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // unknown option or missing option value
  }
}

function score(args: ScoreArgs): number {
  let rows;
  try {
    rows = parseCorpus(readFileSync(args.score, 'utf8'));
  } catch (error) {
    process.stderr.write(`${args.score}: ${(error as Error).message}\n`);
    return 2;
  }
  const result = scoreCorpus(rows);
  for (const miss of result.misses) process.stdout.write(`${describeMiss(miss)}\n`);
  const percent = result.total === 0 ? 100 : (100 * result.passed) / result.total;
  process.stdout.write(`score: ${result.passed}/${result.total} (${percent.toFixed(1)}%)\n`);
  return percent >= args.min ? 0 : 1;
}

/** Null when `text` is no ISO date-time. A zone the parser will refuse still lets a full instant through. */
function readNow(text: string | undefined, zone: string): Date | null {
  if (text === undefined) return new Date();
  const wallZone = isValidZone(zone) ? zone : 'UTC';
  const parsed = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text) ? DateTime.fromISO(text.replace(' ', 'T'), { zone: wallZone }) : null;
  return parsed?.isValid ? parsed.toJSDate() : null;
}

function when(args: Args): number {
  const now = readNow(args.now, args.zone);
  if (!now) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  try {
    const writerZone = args['writer-zone'];
    const instant = parseWhen(args.phrase, { now, zone: args.zone, locale: args.locale, kind: args.kind, ...(writerZone ? { writerZone } : {}) });
    process.stdout.write(`${isoWithOffset(instant, args.zone)}\n${formatInstant(instant, args.zone, args.locale, { now })}\n`);
    return 0;
  } catch (error) {
    if (!isBotError(error)) throw error;
    process.stdout.write(`${t(args.locale, error.code, error.params)}\n`);
    return 1;
  }
}

function main(argv: string[]): number {
  const args = readArgs(argv);
  if (!args) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  return 'score' in args ? score(args) : when(args);
}

process.exitCode = main(process.argv.slice(2));
