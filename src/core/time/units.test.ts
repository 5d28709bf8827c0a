import { describe, expect, it } from 'vitest';
import { BotError } from '../errors.js';
import { formatDays, parseClock, parseDays, parseDuration, parseHours } from '../time.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function errorOf(run: () => unknown): BotError {
  try {
    run();
  } catch (error) {
    if (error instanceof BotError) return error;
    throw error;
  }
  throw new Error('expected a BotError');
}

describe('parseDuration', () => {
  it.each([
    ['90m', 90 * MIN],
    ['45 min', 45 * MIN],
    ['30 minutes', 30 * MIN],
    ['30 minuten', 30 * MIN],
    ['2h', 2 * HOUR],
    ['2 hours', 2 * HOUR],
    ['2u', 2 * HOUR],
    ['1 uur', HOUR],
    ['1h30m', 90 * MIN],
    ['1h 30m', 90 * MIN],
    ['1 hour and 30 minutes', 90 * MIN],
    ['1.5h', 90 * MIN],
    ['1,5u', 90 * MIN],
    ['2d', 2 * DAY],
    ['3 dagen', 3 * DAY],
    ['1w', 7 * DAY],
    ['2 weken', 14 * DAY],
    [' 2H ', 2 * HOUR],
  ])('%j', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'abc', '0m', '5', 'm5', '2x', '2 bananas', '1h-30m', '-2h'])('rejects %j', (text) => {
    const error = errorOf(() => parseDuration(text));
    expect(error.code).toBe('time.bad_duration');
    expect(error.params).toEqual({ duration: text });
  });
});

describe('parseClock', () => {
  it.each([
    ['08:00', 480],
    ['8:00', 480],
    ['8', 480],
    ['0', 0],
    ['17.30', 1050],
    ['23:59', 1439],
    ['24:00', 1440],
    ['5pm', 1020],
    ['5:30 pm', 1050],
    ['12am', 0],
    ['12pm', 720],
  ])('%j', (text, minutes) => expect(parseClock(text)).toBe(minutes));

  it.each(['25:00', '8:60', '24:30', 'abc', '13pm', '', '8:5'])('rejects %j', (text) => {
    const error = errorOf(() => parseClock(text));
    expect(error.code).toBe('time.bad_hours');
    expect(error.params).toEqual({ hours: text });
  });
});

describe('parseHours', () => {
  it.each([
    ['08:00-16:00', { start: 480, end: 960 }],
    ['8-16', { start: 480, end: 960 }],
    ['9:00 - 17:30', { start: 540, end: 1050 }],
    ['9:00–17:30', { start: 540, end: 1050 }],
    ['9am to 5pm', { start: 540, end: 1020 }],
    ['9 tot 17', { start: 540, end: 1020 }],
    ['00:00-24:00', { start: 0, end: 1440 }],
  ])('%j', (text, hours) => expect(parseHours(text)).toEqual(hours));

  it.each(['16:00-08:00', '08:00-08:00', '08:00', 'x-y', '', '8-12-16'])('rejects %j', (text) => {
    const error = errorOf(() => parseHours(text));
    expect(error.code).toBe('time.bad_hours');
    expect(error.params).toEqual({ hours: text });
  });
});

describe('parseDays', () => {
  it.each([
    ['mon-fri', [1, 2, 3, 4, 5]],
    ['Mon - Fri', [1, 2, 3, 4, 5]],
    ['mon,wed,fri', [1, 3, 5]],
    ['mon, wed, fri', [1, 3, 5]],
    ['fri, mon, wed, mon', [1, 3, 5]],
    ['mon and thu', [1, 4]],
    ['monday', [1]],
    ['tuesdays', [2]],
    ['weekdays', [1, 2, 3, 4, 5]],
    ['weekend', [6, 7]],
    ['daily', [1, 2, 3, 4, 5, 6, 7]],
    ['every day', [1, 2, 3, 4, 5, 6, 7]],
    ['ma-vr', [1, 2, 3, 4, 5]],
    ['ma,wo,vr', [1, 3, 5]],
    ['maandag en donderdag', [1, 4]],
    ['werkdagen', [1, 2, 3, 4, 5]],
    ['dagelijks', [1, 2, 3, 4, 5, 6, 7]],
    ['sun-thu', [1, 2, 3, 4, 7]], // wraps past Sunday
    ['fri-mon', [1, 5, 6, 7]],
    ['zo-do', [1, 2, 3, 4, 7]],
    ['sat-sat', [6]],
    ['mon-wed, fri', [1, 2, 3, 5]],
  ])('%j', (text, days) => expect(parseDays(text)).toEqual(days));

  it.each(['', 'funday', 'mon-', 'mon-fri-sat', 'mon,x', '1-5'])('rejects %j', (text) => {
    const error = errorOf(() => parseDays(text));
    expect(error.code).toBe('time.bad_days');
    expect(error.params).toEqual({ days: text });
  });
});

describe('formatDays', () => {
  it.each([
    [[1, 2, 3, 4, 5], 'en', 'Mon-Fri'],
    [[1, 3, 5], 'en', 'Mon, Wed, Fri'],
    [[5, 3, 1, 3], 'en', 'Mon, Wed, Fri'],
    [[1, 2, 3, 4, 7], 'en', 'Sun-Thu'],
    [[6, 7], 'en', 'Sat, Sun'],
    [[1, 2, 3, 5], 'en', 'Mon-Wed, Fri'],
    [[1, 2, 3, 4, 5, 6, 7], 'en', 'Mon-Sun'],
    [[1, 2, 3, 4, 5], 'nl', 'ma-vr'],
    [[1, 3, 5], 'nl', 'ma, wo, vr'],
    [[], 'en', ''],
  ] as const)('%j in %s', (days, locale, text) => expect(formatDays([...days], locale)).toBe(text));

  it('parses back to the same days for every set of days', () => {
    for (let mask = 1; mask < 128; mask += 1) {
      const days = [1, 2, 3, 4, 5, 6, 7].filter((day) => mask & (1 << (day - 1)));
      expect(parseDays(formatDays(days, 'en'))).toEqual(days);
      expect(parseDays(formatDays(days, 'nl'))).toEqual(days);
    }
  });
});
