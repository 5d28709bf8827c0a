import { describe, expect, it } from 'vitest';
import { filesProblem, fitText, MAX_FILE_BYTES, MAX_FILES, withoutFiles } from './messages.js';

describe('fitText', () => {
  it.each([
    ['Standup, Mon 23 Nov', 24, 'Standup, Mon 23 Nov'],
    ['Daily check-in, Mon 7 Dec', 24, 'Daily check-in, Mon 7…'],
    ['Daily check-in', 13, 'Daily…'],
    ['Dagelijkse check-in', 12, 'Dagelijkse…'],
    ['Supercalifragilistic', 10, 'Supercali…'],
  ])('%j in %i characters is %j', (text, max, expected) => {
    expect(fitText(text, max)).toBe(expected);
    expect(fitText(text, max).length).toBeLessThanOrEqual(max);
  });
});

describe('a message’s files', () => {
  const file = (name: string, size = 3) => ({ name, mimeType: 'text/csv', bytes: new Uint8Array(size) });
  it('accepts plain, distinct file names and an image naming one of them', () => {
    expect(filesProblem({ text: 'x', files: [file('chart.png'), file('tasks-2026_12.csv')], image: { file: 'chart.png', alt: 'Chart' } })).toBeNull();
    expect(filesProblem({ text: 'x' })).toBeNull();
  });
  it('refuses a path, a hidden or empty name, a name twice, an image of no file, and too many or too large files', () => {
    for (const name of ['../etc/passwd', 'a/b.csv', '.hidden', '', 'a..b', 'naïve.csv']) expect(filesProblem({ text: 'x', files: [file(name)] }), name).not.toBeNull();
    expect(filesProblem({ text: 'x', files: [file('a.csv'), file('a.csv')] })).toMatch(/two files/);
    expect(filesProblem({ text: 'x', files: [file('a.csv')], image: { file: 'b.png', alt: '' } })).toMatch(/image/);
    expect(filesProblem({ text: 'x', files: Array.from({ length: MAX_FILES + 1 }, (_, n) => file(`f${n}.csv`)) })).toMatch(/at most/);
    expect(filesProblem({ text: 'x', files: [file('big.csv', MAX_FILE_BYTES + 1)] })).toMatch(/over/);
  });
  it('stores the message without the bytes, and keeps the image reference', () => {
    const stored = withoutFiles({ text: 'x', files: [file('chart.png')], image: { file: 'chart.png', alt: 'Chart' } });
    expect(stored).toEqual({ text: 'x', image: { file: 'chart.png', alt: 'Chart' } });
  });
});
