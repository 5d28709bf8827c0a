import { describe, expect, it } from 'vitest';
import { formatInstant, formatLocalDate } from '../time.js';

describe('formatInstant', () => {
  const instant = new Date('2026-11-27T16:00:00Z');

  it('in English and Dutch', () => {
    expect(formatInstant(instant, 'Europe/Amsterdam', 'en')).toBe('Fri 27 Nov, 17:00 (Europe/Amsterdam)');
    expect(formatInstant(instant, 'Europe/Amsterdam', 'nl')).toBe('vr 27 nov om 17:00 (Europe/Amsterdam)');
  });

  it('in the zone given, with its canonical name', () => {
    expect(formatInstant(instant, 'asia/manila', 'en')).toBe('Sat 28 Nov, 00:00 (Asia/Manila)');
    expect(formatInstant(instant, 'Asia/Kolkata', 'en')).toBe('Fri 27 Nov, 21:30 (Asia/Kolkata)');
  });

  it('spells September the same way as the other months', () => {
    expect(formatInstant(new Date('2027-09-03T07:00:00Z'), 'UTC', 'en')).toBe('Fri 3 Sep, 07:00 (UTC)');
  });

  it('adds the year only when it differs from now in that zone', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    expect(formatInstant(instant, 'Europe/Amsterdam', 'en', { now })).toBe('Fri 27 Nov, 17:00 (Europe/Amsterdam)');
    const nextYear = new Date('2027-01-04T08:00:00Z');
    expect(formatInstant(nextYear, 'Europe/Amsterdam', 'en', { now })).toBe('Mon 4 Jan 2027, 09:00 (Europe/Amsterdam)');
    expect(formatInstant(nextYear, 'Europe/Amsterdam', 'nl', { now })).toBe('ma 4 jan 2027 om 09:00 (Europe/Amsterdam)');
  });

  it('compares years in the zone, not in UTC', () => {
    // 31 Dec 12:00 UTC is already New Year's Day in Auckland, and so is the instant.
    const now = new Date('2026-12-31T12:00:00Z');
    const instant = new Date('2026-12-31T23:30:00Z');
    expect(formatInstant(instant, 'Pacific/Auckland', 'en', { now })).toBe('Fri 1 Jan, 12:30 (Pacific/Auckland)');
    expect(formatInstant(instant, 'UTC', 'en', { now: new Date('2027-01-01T12:00:00Z') })).toBe('Thu 31 Dec 2026, 23:30 (UTC)');
  });
});

describe('formatLocalDate', () => {
  it('in English and Dutch', () => {
    expect(formatLocalDate('2026-12-24', 'en')).toBe('Thu 24 Dec');
    expect(formatLocalDate('2026-12-24', 'nl')).toBe('do 24 dec');
    expect(formatLocalDate('2027-01-02', 'en')).toBe('Sat 2 Jan');
  });

  it('adds the year when asked relative to now', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    expect(formatLocalDate('2027-01-02', 'en', { now })).toBe('Sat 2 Jan 2027');
    expect(formatLocalDate('2026-12-24', 'en', { now })).toBe('Thu 24 Dec');
    expect(formatLocalDate('2027-01-02', 'nl', { now: new Date('2026-12-31T12:00:00Z'), zone: 'Pacific/Auckland' })).toBe('za 2 jan');
  });
});
