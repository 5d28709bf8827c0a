import { describe, expect, it } from 'vitest';
import { readAsk } from './followups.usecases.js';

// Monday 23 Nov 2026, 16:00 in Manila.
const now = new Date('2026-11-23T08:00:00Z');
const read = (text: string, locale: 'en' | 'nl' = 'en') => {
  const { what, when } = readAsk({ text, now, zone: 'Asia/Manila', locale });
  return [what, when?.toISOString() ?? null];
};

describe('reading the question and its when', () => {
  it('takes the longest trailing phrase that reads fully as a time, in the person’s zone', () => {
    expect(read('did you send the invoice? tomorrow 10:00')).toEqual(['did you send the invoice?', '2026-11-24T02:00:00.000Z']);
    expect(read('call the client friday')).toEqual(['call the client', '2026-11-27T01:00:00.000Z']);
    expect(read('call the client next friday at 10:00')[0]).toBe('call the client');
    expect(read('send the report in 2 hours')).toEqual(['send the report', '2026-11-23T10:00:00.000Z']);
  });

  it('lets at, on and by (and Dutch om, op) introduce the when, and drops them from the question', () => {
    expect(read('check the ads at 14:00')).toEqual(['check the ads', '2026-11-24T06:00:00.000Z']);
    expect(read('book the venue on wednesday')).toEqual(['book the venue', '2026-11-25T01:00:00.000Z']);
    expect(read('pay the rent by 1 dec')).toEqual(['pay the rent', '2026-12-01T01:00:00.000Z']);
    expect(read('bel de klant op vrijdag', 'nl')).toEqual(['bel de klant', '2026-11-27T01:00:00.000Z']);
  });

  it('keeps a question without a time whole, and never splits a quoted one', () => {
    expect(read('did you meet the client at the office')).toEqual(['did you meet the client at the office', null]);
    expect(read('"Review the deck friday"')).toEqual(['Review the deck friday', null]);
    expect(read('"Review the deck" friday')).toEqual(['Review the deck', '2026-11-27T01:00:00.000Z']);
    expect(read('did you finish it today')).toEqual(['did you finish it today', null]);
  });

  it('refuses a question that is only a time, and a past moment named with at/on/by', () => {
    expect(() => read('tomorrow 10:00')).toThrow('followups.what_required');
    expect(() => read('did you pay? on 1 jan 2020')).toThrow('time.past');
  });
});
