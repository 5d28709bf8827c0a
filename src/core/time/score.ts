import { DateTime } from 'luxon';
import { isBotError } from '../errors.js';
import type { Locale } from '../i18n/catalog.js';
import { parseWhen, type WhenKind } from './when.js';
import { assertZone, isoWithOffset } from './zone.js';

// Scores the date reader against a corpus of phrases with the answers the written rules give
// (../shared/dates-rules.md): `npm run when -- --score corpus.tsv`. One row a line, tab-separated:
//
//   phrase  zone  now  locale  kind  expected
//   friday 5pm  Asia/Manila  2026-11-23T08:00:00Z  en  due  2026-11-27T17:00:00+08:00
//
// `expected` is `reject`, or an instant; where a rule accepts several answers they are joined by `|`
// ("2026-11-26T05:30:00+01:00|2026-11-26T17:30:00+01:00", or "reject|…"). An instant without an offset is
// that wall time in the row's zone. Empty lines, lines starting with `#` and a header row are skipped.

export const REJECT = 'reject';

export interface PhraseCase {
  phrase: string;
  zone: string;
  now: Date;
  locale: Locale;
  kind: WhenKind;
  writerZone?: string;
}

export interface CorpusRow extends PhraseCase {
  line: number;
  /** Accepted answers: instants (ms since the epoch) or REJECT. */
  expected: (number | typeof REJECT)[];
  expectedText: string;
}

export interface Miss {
  row: CorpusRow;
  got: string;
}

export interface Score {
  total: number;
  passed: number;
  misses: Miss[];
}

/** What the bot would store for a phrase, as an ISO instant in the zone, or REJECT. */
export function resolvePhrase(input: PhraseCase): string {
  try {
    const { phrase, ...opts } = input;
    const instant = parseWhen(phrase, opts);
    return isoWithOffset(instant, input.zone);
  } catch (error) {
    if (isBotError(error)) return REJECT;
    throw error;
  }
}

/** Instants compare as instants, so "17:00+01:00" and "16:00Z" are the same answer. */
export function expectedValue(text: string, zone: string): number | typeof REJECT {
  const value = text.trim();
  if (value.toLowerCase() === REJECT) return REJECT;
  const hasOffset = /(?:z|[+-]\d{2}(?::?\d{2})?)$/i.test(value) && /t/i.test(value);
  const parsed = hasOffset ? DateTime.fromISO(value, { setZone: true }) : DateTime.fromISO(value.replace(' ', 'T'), { zone });
  if (!parsed.isValid) throw new Error(`not an instant or "${REJECT}": ${value}`);
  return parsed.toMillis();
}

export function isExpected(got: string, expected: readonly (number | typeof REJECT)[]): boolean {
  if (got === REJECT) return expected.includes(REJECT);
  const instant = DateTime.fromISO(got).toMillis();
  return expected.includes(instant);
}

export function parseCorpus(text: string): CorpusRow[] {
  const rows: CorpusRow[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const cells = raw.split('\t').map((cell) => cell.trim());
    if (rows.length === 0 && cells[0]?.toLowerCase() === 'phrase') return;
    if (cells.length < 6) throw new Error(`line ${line}: expected 6 tab-separated columns, got ${cells.length}`);
    const [phrase, zoneText, nowText, locale, kind, expectedText] = cells as [string, string, string, string, string, string];
    const zone = assertZone(zoneText);
    const now = DateTime.fromISO(nowText, { zone });
    if (!now.isValid) throw new Error(`line ${line}: not an instant: ${nowText}`);
    if (locale !== 'en' && locale !== 'nl') throw new Error(`line ${line}: locale must be en or nl, got ${locale}`);
    if (kind !== 'due' && kind !== 'start') throw new Error(`line ${line}: kind must be due or start, got ${kind}`);
    try {
      const expected = expectedText.split('|').map((value) => expectedValue(value, zone));
      rows.push({ line, phrase, zone, now: now.toJSDate(), locale, kind, expected, expectedText });
    } catch (error) {
      throw new Error(`line ${line}: ${(error as Error).message}`);
    }
  });
  return rows;
}

export function scoreCorpus(rows: readonly CorpusRow[]): Score {
  const misses: Miss[] = [];
  for (const row of rows) {
    const got = resolvePhrase(row);
    if (!isExpected(got, row.expected)) misses.push({ row, got });
  }
  return { total: rows.length, passed: rows.length - misses.length, misses };
}

export function describeMiss({ row, got }: Miss): string {
  const at = `${row.zone} ${isoWithOffset(row.now, row.zone)} ${row.locale} ${row.kind}`;
  return `line ${row.line}: "${row.phrase}" (${at}): got ${got}, expected ${row.expectedText}`;
}

/** One phrase against its accepted answers, written as in a corpus row ("reject", "…|…"). */
export function checkPhrase(input: PhraseCase, expectedText: string): { got: string; ok: boolean } {
  const got = resolvePhrase(input);
  const expected = expectedText.split('|').map((value) => expectedValue(value, input.zone));
  return { got, ok: isExpected(got, expected) };
}
