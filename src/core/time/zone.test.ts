import { describe, expect, it } from 'vitest';
import { BotError } from '../errors.js';
import { assertZone, atLocalTime, isoWithOffset, isValidZone, localDateOf } from '../time.js';

describe('isValidZone', () => {
  it.each(['Europe/Amsterdam', 'Asia/Manila', 'America/New_York', 'Asia/Kolkata', 'UTC', 'Etc/UTC', 'europe/amsterdam'])(
    'accepts %j',
    (zone) => expect(isValidZone(zone)).toBe(true),
  );

  // Offsets ignore DST, so they are refused even where the runtime would accept them.
  it.each(['+02:00', '-0500', 'UTC+8', 'GMT-3', 'utc+01:00', '', '   ', 'Mars/Base', 'Amsterdam'])('rejects %j', (zone) =>
    expect(isValidZone(zone)).toBe(false),
  );
});

describe('assertZone', () => {
  it('returns the canonical spelling', () => {
    expect(assertZone('europe/amsterdam')).toBe('Europe/Amsterdam');
    expect(assertZone('utc')).toBe('UTC');
    expect(assertZone(' Asia/Manila ')).toBe('Asia/Manila');
  });

  it('keeps a valid name that the runtime links elsewhere', () => {
    expect(assertZone('Asia/Kolkata')).toBe('Asia/Kolkata');
  });

  it('throws time.bad_zone with the zone as typed', () => {
    expect(() => assertZone('UTC+8')).toThrow(BotError);
    try {
      assertZone('Mars/Base');
    } catch (error) {
      expect(error).toMatchObject({ code: 'time.bad_zone', params: { zone: 'Mars/Base' } });
    }
  });
});

describe('localDateOf', () => {
  const instant = new Date('2026-11-23T20:00:00Z');

  it.each([
    ['Pacific/Auckland', '2026-11-24'],
    ['America/New_York', '2026-11-23'],
    ['Asia/Kolkata', '2026-11-24'],
    ['UTC', '2026-11-23'],
  ])('in %s', (zone, date) => expect(localDateOf(instant, zone)).toBe(date));
});

describe('atLocalTime', () => {
  it.each([
    ['2026-11-27', 17 * 60, 'Europe/Amsterdam', '2026-11-27T16:00:00.000Z'],
    ['2027-07-01', 9 * 60, 'Europe/Amsterdam', '2027-07-01T07:00:00.000Z'],
    ['2026-11-24', 0, 'Asia/Kolkata', '2026-11-23T18:30:00.000Z'],
    // Gaps move forward to the first valid minute.
    ['2027-03-28', 2 * 60 + 30, 'Europe/Amsterdam', '2027-03-28T01:00:00.000Z'], // 03:00+02:00
    ['2027-03-14', 2 * 60 + 30, 'America/New_York', '2027-03-14T07:00:00.000Z'], // 03:00-04:00
    ['2026-09-27', 2 * 60 + 15, 'Pacific/Auckland', '2026-09-26T14:00:00.000Z'], // 03:00+13:00
    ['2026-10-04', 2 * 60 + 15, 'Australia/Lord_Howe', '2026-10-03T15:30:00.000Z'], // half-hour gap: 02:30+11:00
    // Overlaps take the earlier instant.
    ['2026-10-25', 2 * 60 + 30, 'Europe/Amsterdam', '2026-10-25T00:30:00.000Z'], // 02:30+02:00
    ['2026-11-01', 60 + 30, 'America/New_York', '2026-11-01T05:30:00.000Z'], // 01:30-04:00
    ['2027-04-04', 2 * 60 + 30, 'Pacific/Auckland', '2027-04-03T13:30:00.000Z'], // 02:30+13:00
  ])('%s + %i min in %s', (date, minutes, zone, expected) => {
    expect(atLocalTime(date, minutes, zone).toISOString()).toBe(expected);
  });

  it('just before and after a gap are unaffected', () => {
    expect(isoWithOffset(atLocalTime('2027-03-28', 119, 'Europe/Amsterdam'), 'Europe/Amsterdam')).toBe('2027-03-28T01:59:00.000+01:00');
    expect(isoWithOffset(atLocalTime('2027-03-28', 180, 'Europe/Amsterdam'), 'Europe/Amsterdam')).toBe('2027-03-28T03:00:00.000+02:00');
  });

  it('refuses nonsense arguments', () => {
    expect(() => atLocalTime('2026-02-30', 0, 'UTC')).toThrow(RangeError);
    expect(() => atLocalTime('27-11-2026', 0, 'UTC')).toThrow(RangeError);
    expect(() => atLocalTime('2026-11-27', 1440, 'UTC')).toThrow(RangeError);
    expect(() => atLocalTime('2026-11-27', 60, 'Mars/Base')).toThrow(BotError);
  });
});

describe('isoWithOffset', () => {
  const instant = new Date('2026-11-27T16:00:00Z');

  it.each([
    ['Europe/Amsterdam', '2026-11-27T17:00:00.000+01:00'],
    ['Asia/Kolkata', '2026-11-27T21:30:00.000+05:30'],
    ['America/New_York', '2026-11-27T11:00:00.000-05:00'],
    ['UTC', '2026-11-27T16:00:00.000Z'],
  ])('in %s', (zone, expected) => expect(isoWithOffset(instant, zone)).toBe(expected));

  it('shows summer time', () => {
    expect(isoWithOffset(new Date('2027-07-01T15:00:00Z'), 'Europe/Amsterdam')).toBe('2027-07-01T17:00:00.000+02:00');
  });
});
