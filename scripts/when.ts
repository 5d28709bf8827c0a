// Try the time parser from a shell:
//   npm run --silent when -- "friday 17:00" --zone Europe/Amsterdam --now 2026-11-23T10:00:00Z --locale en --kind due
// Prints the instant (ISO with the zone's offset) and the human echo. Exit 0 ok, 1 user error, 2 bad usage.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { isBotError } from '../src/core/errors.js';
import { t } from '../src/core/i18n/catalog.js';
import { formatInstant, isoWithOffset, parseWhen } from '../src/core/time.js';

const USAGE =
  'usage: when "<phrase>" [--zone <IANA zone>] [--now <ISO instant with offset>] [--locale en|nl] [--kind due|start]';

const Args = z.object({
  phrase: z.string(),
  // Zone validity is the parser's job, so a bad zone is reported in the user's words (exit 1).
  zone: z.string().min(1).default('UTC'),
  now: z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .optional(),
  locale: z.enum(['en', 'nl']).default('en'),
  kind: z.enum(['due', 'start']).default('due'),
});

type Args = z.infer<typeof Args>;

function readArgs(argv: string[]): Args | null {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        zone: { type: 'string' },
        now: { type: 'string' },
        locale: { type: 'string' },
        kind: { type: 'string' },
      },
    });
    // Unquoted words ("when friday 17:00") are one phrase.
    if (positionals.length === 0) return null;
    const parsed = Args.safeParse({ ...values, phrase: positionals.join(' ') });
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // unknown option or missing option value
  }
}

function main(argv: string[]): number {
  const args = readArgs(argv);
  if (!args) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const now = args.now ?? new Date();
  try {
    const instant = parseWhen(args.phrase, { now, zone: args.zone, locale: args.locale, kind: args.kind });
    process.stdout.write(`${isoWithOffset(instant, args.zone)}\n${formatInstant(instant, args.zone, args.locale, { now })}\n`);
    return 0;
  } catch (error) {
    if (!isBotError(error)) throw error;
    process.stdout.write(`${t(args.locale, error.code, error.params)}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
