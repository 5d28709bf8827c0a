import { describe, expect, it } from 'vitest';
import { BotError } from '../errors.js';
import type { Locale } from '../i18n/catalog.js';
import { parseDateRange } from '../time.js';

const FRI_27_NOV = { now: new Date('2026-11-27T10:00:00+01:00'), zone: 'Europe/Amsterdam' };

function range(text: string, locale: Locale = 'en', at = FRI_27_NOV): string {
  const { from, to } = parseDateRange(text, { ...at, locale });
  return `${from}..${to}`;
}

describe('parseDateRange', () => {
  it.each([
    ['24 dec to 2 jan', 'en', '2026-12-24..2027-01-02'], // the end rolls into next year
    ['24 dec tot 2 jan', 'nl', '2026-12-24..2027-01-02'],
    ['24 dec t/m 2 jan', 'nl', '2026-12-24..2027-01-02'],
    ['24 dec - 2 jan', 'en', '2026-12-24..2027-01-02'],
    ['24 dec – 2 jan', 'en', '2026-12-24..2027-01-02'],
    ['dec 24 to jan 2', 'en', '2026-12-24..2027-01-02'],
    ['from 24 dec until 2 jan', 'en', '2026-12-24..2027-01-02'],
    ['between 24 dec and 2 jan', 'en', '2026-12-24..2027-01-02'],
    ['24-26 dec', 'en', '2026-12-24..2026-12-26'],
    ['24 tot 26 december', 'nl', '2026-12-24..2026-12-26'],
    ['tomorrow', 'en', '2026-11-28..2026-11-28'],
    ['morgen', 'nl', '2026-11-28..2026-11-28'],
    ['today', 'en', '2026-11-27..2026-11-27'],
    ['24 dec', 'en', '2026-12-24..2026-12-24'],
    ['27 nov', 'en', '2026-11-27..2026-11-27'], // today is not past for whole days
    ['from monday to friday', 'en', '2026-11-30..2026-12-04'],
    ['van maandag tot vrijdag', 'nl', '2026-11-30..2026-12-04'],
    ['mon-fri', 'en', '2026-11-30..2026-12-04'],
    ['friday to monday', 'en', '2026-11-27..2026-11-30'], // a weekday end counts from the start
    ['friday', 'en', '2026-11-27..2026-11-27'],
    ['next week', 'en', '2026-11-30..2026-12-06'],
    ['volgende week', 'nl', '2026-11-30..2026-12-06'],
    ['today to 2 jan', 'en', '2026-11-27..2027-01-02'],
    ['tomorrow to friday', 'en', '2026-11-28..2026-12-04'],
    ['in 3 days', 'en', '2026-11-30..2026-11-30'],
    ['2026-12-01 to 2026-12-03', 'en', '2026-12-01..2026-12-03'],
    ['1/12 to 3/12', 'en', '2026-12-01..2026-12-03'],
    ['20 nov', 'en', '2027-11-20..2027-11-20'], // wholly past, no year: next year
    ['1 nov to 10 nov', 'en', '2027-11-01..2027-11-10'],
    ['20 nov to 30 nov', 'en', '2026-11-20..2026-11-30'], // still running: kept
    ['1 jan 2026 to 3 jan 2026', 'en', '2026-01-01..2026-01-03'], // explicit years are never moved
  ] as const)('%j (%s)', (text, locale, expected) => expect(range(text, locale)).toBe(expected));

  it('keeps a holiday that is in progress', () => {
    const newYearsDay = { now: new Date('2027-01-01T10:00:00+01:00'), zone: 'Europe/Amsterdam' };
    expect(range('24 dec to 2 jan', 'en', newYearsDay)).toBe('2026-12-24..2027-01-02');
    expect(range('3 jan', 'en', newYearsDay)).toBe('2027-01-03..2027-01-03');
  });

  it('uses the calendar of the zone', () => {
    const instant = new Date('2026-11-23T20:00:00Z');
    expect(range('tomorrow', 'en', { now: instant, zone: 'Pacific/Auckland' })).toBe('2026-11-25..2026-11-25');
    expect(range('tomorrow', 'en', { now: instant, zone: 'America/New_York' })).toBe('2026-11-24..2026-11-24');
  });

  it('says a period with a fixed end before its start is backwards, not unreadable', () => {
    expect(() => range('2 jan 2027 to 24 dec 2026')).toThrow(expect.objectContaining({ code: 'time.range_backwards' }));
  });

  it.each(['banana', '', '24 dec to banana', 'to 2 jan', '17:00', '24 dec to 2 jan to 3 feb'])(
    'rejects %j',
    (text) => {
      try {
        range(text);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(BotError);
        expect(error).toMatchObject({ code: 'time.bad_range', params: { range: text } });
      }
    },
  );

  it('rejects a bad zone', () => {
    expect(() => parseDateRange('tomorrow', { now: new Date(), zone: 'UTC+1', locale: 'en' })).toThrow(
      expect.objectContaining({ code: 'time.bad_zone' }),
    );
  });
});
