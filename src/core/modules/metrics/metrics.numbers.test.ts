import { describe, expect, it } from 'vitest';
import { changePercent, formatChange, formatValue, parseAmount, sparkline } from './metrics.numbers.js';

describe('numbers as a team types them', () => {
  it.each([
    ['1,234.50', 'en', 1234.5],
    ['1.234,50', 'nl', 1234.5],
    // Unambiguous with both separators, in either language.
    ['1.234,50', 'en', 1234.5],
    ['1,234.50', 'nl', 1234.5],
    ['1.234.567', 'nl', 1234567],
    ['1,234,567', 'en', 1234567],
    // One separator alone: the team's decimal separator is decimal…
    ['1.234', 'en', 1.234],
    ['1,5', 'nl', 1.5],
    ['1,234', 'nl', 1.234],
    // …the other one groups thousands before exactly three digits, and is decimal otherwise.
    ['1.234', 'nl', 1234],
    ['1,234', 'en', 1234],
    ['12.5', 'nl', 12.5],
    ['1,5', 'en', 1.5],
    ['€1.234,50', 'nl', 1234.5],
    ['€ 980', 'en', 980],
    ['$1,000', 'en', 1000],
    ['12,5%', 'nl', 12.5],
    ['-3', 'en', -3],
    ['0', 'en', 0],
    ['1 234,5', 'nl', 1234.5],
  ] as const)('%s in %s is %d', (text, locale, expected) => {
    expect(parseAmount(text, locale)).toBe(expected);
  });

  it.each(['abc', '', '12abc', '1..2', '1,2,3', '1.23.4', '1,234.5.6', '1.', ',5', '1,23,456', '--1', 'NaN', 'Infinity'])('%j is no number', (text) => {
    expect(parseAmount(text, 'en')).toBeNull();
    expect(parseAmount(text, 'nl')).toBeNull();
  });

  it('shows values with their unit in the team’s language', () => {
    expect(formatValue(1234.5, '€', 'en')).toBe('€1,234.50');
    expect(formatValue(1234.5, '€', 'nl')).toBe('€ 1.234,50');
    expect(formatValue(1000, '$', 'en')).toBe('$1,000');
    expect(formatValue(-20, '€', 'en')).toBe('-€20');
    expect(formatValue(12.5, '%', 'nl')).toBe('12,5%');
    expect(formatValue(340, 'count', 'en')).toBe('340');
    expect(formatValue(340, 'leads', 'en')).toBe('340 leads');
    expect(formatValue(1234567.891, null, 'nl')).toBe('1.234.567,89');
  });

  it('computes the change against the previous period, and none against nothing or zero', () => {
    expect(changePercent(110, 100)).toBeCloseTo(10);
    expect(changePercent(50, -100)).toBeCloseTo(150);
    expect(changePercent(100, null)).toBeNull();
    expect(changePercent(null, 100)).toBeNull();
    expect(changePercent(5, 0)).toBeNull();
    expect(formatChange(12.345, 'en')).toBe('+12.3%');
    expect(formatChange(-3, 'nl')).toBe('-3%');
    expect(formatChange(0.01, 'en')).toBe('±0%');
    expect(formatChange(-6.25, 'en')).toBe('-6.3%');
  });

  it('draws a sparkline from the lowest to the highest value, a gap as a space', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([10, null, 20])).toBe('▁ █');
    expect(sparkline([5, 5])).toBe('▄▄');
    expect(sparkline([null, null])).toBe('  ');
  });
});
