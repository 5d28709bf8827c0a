import { describe, expect, it } from 'vitest';
import { editDistance, rankSops, sopScore, wordsOf } from './sop.search.js';

const handbook = [
  { number: 1, title: 'Refunds SOP', tags: ['billing', 'stripe'] },
  { number: 2, title: 'Onboarding a new client', tags: ['clients'] },
  { number: 3, title: 'Terugbetalingen afhandelen', tags: ['facturen', 'klanten'] },
  { number: 4, title: 'Weekly report', tags: ['reporting'] },
  { number: 5, title: 'Refund policy for affiliates', tags: ['affiliates'] },
];
const numbers = (query: string) => rankSops(query, handbook).map((entry) => entry.sop.number);

describe('SOP search', () => {
  it('folds case and accents into words', () => {
    expect(wordsOf('Café-Opening, ÉÉN keer')).toEqual(['cafe', 'opening', 'een', 'keer']);
  });

  it('bounds the edit distance', () => {
    expect(editDistance('refnd', 'refund')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
  });

  it('finds by title in English, the closest title first', () => {
    // An exact word beats the plural; both are found.
    expect(numbers('refund')).toEqual([5, 1]);
    expect(numbers('refunds')).toEqual([1, 5]);
    expect(numbers('refund policy')).toEqual([5, 1]);
  });

  it('forgives a typo', () => {
    expect(numbers('refnd')[0]).toBe(1);
    expect(numbers('onbaording')).toEqual([2]);
  });

  it('finds a Dutch title and Dutch tags', () => {
    expect(numbers('terugbetaling')).toEqual([3]);
    expect(numbers('factuur')).toEqual([]);
    expect(numbers('facturen')).toEqual([3]);
    expect(numbers('terugbetalingen klanten')).toEqual([3]);
  });

  it('finds by tag, a little below a title match', () => {
    expect(numbers('stripe')).toEqual([1]);
    expect(sopScore('billing', handbook[0]!)).toBeLessThan(sopScore('refunds', handbook[0]!));
  });

  it('finds nothing for unrelated words', () => {
    expect(numbers('holiday party')).toEqual([]);
  });
});
