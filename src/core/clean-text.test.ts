import { describe, expect, it } from 'vitest';
import { cleanStrings, cleanText } from './clean-text.js';

describe('cleanText', () => {
  it('drops NUL wherever it is', () => {
    expect(cleanText('\u0000Rep\u0000ort\u0000')).toBe('Report');
    expect(cleanText('\u0000')).toBe('');
  });

  it('replaces a lone high or low surrogate with U+FFFD', () => {
    expect(cleanText('a\uD800b')).toBe('a\uFFFDb');
    expect(cleanText('a\uDC00b')).toBe('a\uFFFDb');
    expect(cleanText('end\uD83D')).toBe('end\uFFFD');
    expect(cleanText('\uDE00start')).toBe('\uFFFDstart');
    // Two highs in a row: both are lone.
    expect(cleanText('\uD800\uD800')).toBe('\uFFFD\uFFFD');
  });

  it('keeps well-formed text, astral characters included', () => {
    for (const text of ['Send the weekly report', 'Café ✓', '😀 done', 'a\uD83D\uDE00b', '']) expect(cleanText(text)).toBe(text);
    // A low after a lone high pairs with it: the pair is well-formed, the high before it is not.
    expect(cleanText('\uD800\uD83D\uDE00')).toBe('\uFFFD😀');
  });
});

describe('cleanStrings', () => {
  it('cleans strings and keys inside arrays and plain objects, to any depth', () => {
    expect(cleanStrings({ kind: 'form', values: { 'ti\u0000tle': 'x\u0000', notes: ['a\uD800', { deep: '\uDC00' }] }, count: 3, flag: true, none: null })).toEqual({
      kind: 'form',
      values: { title: 'x', notes: ['a\uFFFD', { deep: '\uFFFD' }] },
      count: 3,
      flag: true,
      none: null,
    });
  });

  it('leaves functions and class instances as they are', () => {
    const directory = { lookup: async () => null };
    class Box {
      text = '\u0000';
    }
    const box = new Box();
    const cleaned = cleanStrings({ directory, box, at: new Date(0) });
    expect(cleaned.directory.lookup).toBe(directory.lookup);
    expect(cleaned.box).toBe(box);
    expect(cleaned.at).toEqual(new Date(0));
  });
});
