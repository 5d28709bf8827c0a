import { describe, expect, it } from 'vitest';
import { mention } from '../../mentions.js';
import { parseAdd, parseLog, parseName } from './metrics.grammar.js';

describe('the words of /metric', () => {
  it('reads every setting of add, in English and in Dutch', () => {
    expect(parseAdd(`Revenue unit € target 10000 higher is better weekly owner ${mention('U1')}`)).toEqual({ name: 'Revenue', unit: '€', target: '10000', better: 'higher', cadence: 'weekly', owner: 'U1' });
    expect(parseAdd(`Terugbetalingen eenheid € doel 1.000 lager is beter maandelijks eigenaar ${mention('U2')}`)).toEqual({ name: 'Terugbetalingen', unit: '€', target: '1.000', better: 'lower', cadence: 'monthly', owner: 'U2' });
    expect(parseAdd('List size unit count lower-is-better')).toEqual({ name: 'List size', unit: 'count', better: 'lower' });
    expect(parseAdd(`Leads ${mention('U3')}`)).toEqual({ name: 'Leads', owner: 'U3' });
  });

  it('keeps setting words in the name where they are not settings', () => {
    expect(parseAdd('Weekly signups')).toEqual({ name: 'Weekly signups' });
    expect(parseAdd('Target accounts target 50')).toEqual({ name: 'Target accounts', target: '50' });
    expect(parseAdd('Higher tier customers')).toEqual({ name: 'Higher tier customers' });
    expect(parseAdd('"Revenue weekly" monthly')).toEqual({ name: 'Revenue weekly', cadence: 'monthly' });
  });

  it('reads log: the name, the value before for/voor, and the period', () => {
    expect(parseLog('Revenue 1,234.50')).toEqual({ name: 'Revenue', value: '1,234.50' });
    expect(parseLog('List size 1.234 for last week')).toEqual({ name: 'List size', value: '1.234', period: 'last week' });
    expect(parseLog('Omzet 980 voor week 47')).toEqual({ name: 'Omzet', value: '980', period: 'week 47' });
    expect(parseLog('Leads for sales 12')).toEqual({ name: 'Leads for sales', value: '12' });
    expect(parseLog('Revenue abc')).toEqual({ name: 'Revenue', value: 'abc' });
    expect(parseLog('Revenue')).toEqual({ name: 'Revenue' });
    expect(parseLog('')).toEqual({});
  });

  it('reads a name of several words for show and remove', () => {
    expect(parseName('List  size')).toEqual({ name: 'List size' });
    expect(parseName('')).toEqual({});
  });
});
