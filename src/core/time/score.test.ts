import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REJECT, parseCorpus, scoreCorpus } from './score.js';

const CORPUS = new URL('./rules.corpus.tsv', import.meta.url);

describe('parseCorpus', () => {
  it('reads rows, skipping comments, blank lines and the header', () => {
    const rows = parseCorpus(
      [
        '# a comment',
        'phrase\tzone\tnow\tlocale\tkind\texpected',
        '',
        'friday\tEurope/Amsterdam\t2026-11-23T10:15:00+01:00\ten\tdue\t2026-11-27T17:00:00+01:00',
        'next friday\tEurope/Amsterdam\t2026-11-23T10:15\ten\tstart\t2026-11-27 09:00|2026-12-04T08:00:00Z',
        'flurday\tAsia/Manila\t2026-11-23T10:15:00Z\tnl\tdue\treject',
      ].join('\n'),
    );
    expect(rows.map((row) => [row.line, row.phrase, row.locale, row.kind])).toEqual([
      [4, 'friday', 'en', 'due'],
      [5, 'next friday', 'en', 'start'],
      [6, 'flurday', 'nl', 'due'],
    ]);
    // A wall time without an offset is in the row's zone, for `now` and for the answers.
    expect(rows[1]!.now.toISOString()).toBe('2026-11-23T09:15:00.000Z');
    expect(rows[1]!.expected).toEqual([Date.parse('2026-11-27T08:00:00Z'), Date.parse('2026-12-04T08:00:00Z')]);
    expect(rows[2]!.expected).toEqual([REJECT]);
  });

  it.each([
    ['friday\tEurope/Amsterdam\t2026-11-23T10:15:00Z\ten\tdue', 'line 1: expected 6 tab-separated columns, got 5'],
    ['friday\tEurope/Amsterdam\tsoon\ten\tdue\treject', 'line 1: not an instant: soon'],
    ['friday\tEurope/Amsterdam\t2026-11-23T10:15:00Z\tde\tdue\treject', 'line 1: locale must be en or nl, got de'],
    ['friday\tEurope/Amsterdam\t2026-11-23T10:15:00Z\ten\tlater\treject', 'line 1: kind must be due or start, got later'],
    ['friday\tEurope/Amsterdam\t2026-11-23T10:15:00Z\ten\tdue\tfriday', 'line 1: not an instant or "reject": friday'],
  ])('refuses %j', (line, message) => {
    expect(() => parseCorpus(line)).toThrow(message);
  });
});

describe('scoreCorpus', () => {
  it('scores every row of the sample corpus right', () => {
    const score = scoreCorpus(parseCorpus(readFileSync(CORPUS, 'utf8')));
    expect(score.misses.map((miss) => `${miss.row.line} ${miss.row.phrase}: ${miss.got}`)).toEqual([]);
    expect(score.total).toBeGreaterThan(40);
  });

  it('counts a wrong answer, a wrong refusal and a wrong acceptance as misses', () => {
    const rows = parseCorpus(
      [
        'friday\tEurope/Amsterdam\t2026-11-23T10:15:00+01:00\ten\tdue\t2026-11-27T16:00:00Z',
        'friday\tEurope/Amsterdam\t2026-11-23T10:15:00+01:00\ten\tdue\t2026-11-27T18:00:00+01:00',
        'flurday\tEurope/Amsterdam\t2026-11-23T10:15:00+01:00\ten\tdue\t2026-11-27T18:00:00+01:00',
        'friday\tEurope/Amsterdam\t2026-11-23T10:15:00+01:00\ten\tdue\treject',
      ].join('\n'),
    );
    const score = scoreCorpus(rows);
    expect([score.passed, score.total]).toEqual([1, 4]);
    expect(score.misses.map((miss) => [miss.row.line, miss.got])).toEqual([
      [2, '2026-11-27T17:00:00.000+01:00'],
      [3, REJECT],
      [4, '2026-11-27T17:00:00.000+01:00'],
    ]);
  });
});
