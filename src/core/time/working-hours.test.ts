import { describe, expect, it } from 'vitest';
import { BotError } from '../errors.js';
import { formatWorkingHours, parseWorkingHours, weekOf, type WorkingHours } from './working-hours.js';

const MON_FRI = [1, 2, 3, 4, 5];

describe('parseWorkingHours', () => {
  it.each<[string, WorkingHours]>([
    ['08:00-16:00', [{ start: 480, end: 960 }]],
    ['8-16', [{ start: 480, end: 960 }]],
    ['9am to 5pm', [{ start: 540, end: 1020 }]],
    ['9 tot 17', [{ start: 540, end: 1020 }]],
    ['00:00-24:00', [{ start: 0, end: 1440 }]],
    // Across midnight: the shift ends the next morning.
    ['22:00-06:00', [{ start: 1320, end: 360 }]],
    ['16:00-08:00', [{ start: 960, end: 480 }]],
    ['21:00 - 05:30', [{ start: 1260, end: 330 }]],
    // Per weekday, in English and in Dutch.
    ['mon-thu 08:00-16:00, fri 08:00-12:00', [{ days: [1, 2, 3, 4], start: 480, end: 960 }, { days: [5], start: 480, end: 720 }]],
    ['ma-do 08:00-16:00, vr 08:00-12:00', [{ days: [1, 2, 3, 4], start: 480, end: 960 }, { days: [5], start: 480, end: 720 }]],
    ['Maandag t/m donderdag 08:00-16:00; vrijdag 08:00-12:00', [{ days: [1, 2, 3, 4], start: 480, end: 960 }, { days: [5], start: 480, end: 720 }]],
    ['mon to thu 08:00-16:00', [{ days: [1, 2, 3, 4], start: 480, end: 960 }]],
    ['mon, wed 09:00-13:00', [{ days: [1, 3], start: 540, end: 780 }]],
    ['mon-fri 22:00-06:00', [{ days: [1, 2, 3, 4, 5], start: 1320, end: 360 }]],
    ['09:00-17:00, fri 09:00-13:00', [{ start: 540, end: 1020 }, { days: [5], start: 540, end: 780 }]],
    ['mon-thu: 08:00-16:00 and fri: 08:00-12:00', [{ days: [1, 2, 3, 4], start: 480, end: 960 }, { days: [5], start: 480, end: 720 }]],
  ])('%j', (text, hours) => expect(parseWorkingHours(text)).toEqual(hours));

  it.each(['08:00-08:00', '00:00-00:00', '08:00', 'x-y', '', '8-12-16', 'someday 08:00-16:00', 'mon-fri', '24:00-08:00', '08:00-16:00, 09:00-17:00'])('rejects %j', (text) => {
    let error: unknown;
    try {
      parseWorkingHours(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BotError);
    expect(error).toMatchObject({ code: 'time.bad_hours', params: { hours: text } });
  });
});

describe('formatWorkingHours', () => {
  it.each<[string, string, string]>([
    ['08:00-16:00', '08:00-16:00', '08:00-16:00'],
    ['22:00-06:00', '22:00-06:00', '22:00-06:00'],
    ['mon-thu 08:00-16:00, fri 08:00-12:00', 'Mon-Thu 08:00-16:00, Fri 08:00-12:00', 'ma-do 08:00-16:00, vr 08:00-12:00'],
    ['mon, wed 9-13', 'Mon, Wed 09:00-13:00', 'ma, wo 09:00-13:00'],
  ])('%j reads as %j and %j, and parses back', (text, english, dutch) => {
    const hours = parseWorkingHours(text);
    expect(formatWorkingHours(hours, 'en')).toBe(english);
    expect(formatWorkingHours(hours, 'nl')).toBe(dutch);
    expect(parseWorkingHours(english)).toEqual(hours);
    expect(parseWorkingHours(dutch)).toEqual(hours);
  });
});

describe('weekOf', () => {
  it('keeps the team’s days for hours without days', () => {
    expect(weekOf(parseWorkingHours('22:00-06:00'), MON_FRI)).toEqual({ days: MON_FRI, start: 1320, end: 360, perDay: null });
  });

  it('works the days the hours name, with each day’s own hours', () => {
    const week = weekOf(parseWorkingHours('mon-thu 08:00-16:00, fri 08:00-12:00'), [1, 2, 3, 4, 5, 6]);
    expect(week.days).toEqual([1, 2, 3, 4, 5]);
    expect(week.perDay?.[5]).toEqual({ start: 480, end: 720 });
    expect(week.perDay?.[6]).toBeUndefined();
  });

  it('lets named days override the hours of the team’s days', () => {
    const week = weekOf(parseWorkingHours('09:00-17:00, fri 09:00-13:00, sat 10:00-12:00'), MON_FRI);
    expect(week.days).toEqual([1, 2, 3, 4, 5, 6]);
    expect(week.perDay?.[1]).toEqual({ start: 540, end: 1020 });
    expect(week.perDay?.[5]).toEqual({ start: 540, end: 780 });
  });
});
