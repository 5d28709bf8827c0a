import { describe, expect, it } from 'vitest';
import { BotError } from '../errors.js';
import { formatRecurrence, isoWithOffset, nextOccurrence, parseRecurrence, type Recurrence } from '../time.js';
import { isRecurrence } from './recurrence.js';

const WORKWEEK = [1, 2, 3, 4, 5];

describe('parseRecurrence', () => {
  it.each([
    ['daily', { unit: 'day', interval: 1 }],
    ['every day', { unit: 'day', interval: 1 }],
    ['Every  Day', { unit: 'day', interval: 1 }],
    ['dagelijks', { unit: 'day', interval: 1 }],
    ['elke dag', { unit: 'day', interval: 1 }],
    ['every 3 days', { unit: 'day', interval: 3 }],
    ['every other day', { unit: 'day', interval: 2 }],
    ['weekdays', { unit: 'week', interval: 1, weekdays: WORKWEEK }],
    ['every weekday', { unit: 'week', interval: 1, weekdays: WORKWEEK }],
    ['werkdagen', { unit: 'week', interval: 1, weekdays: WORKWEEK }],
    ['elke werkdag', { unit: 'week', interval: 1, weekdays: WORKWEEK }],
    ['weekly', { unit: 'week', interval: 1 }],
    ['every week', { unit: 'week', interval: 1 }],
    ['wekelijks', { unit: 'week', interval: 1 }],
    ['every 2 weeks', { unit: 'week', interval: 2 }],
    ['elke 2 weken', { unit: 'week', interval: 2 }],
    ['om de 2 weken', { unit: 'week', interval: 2 }],
    ['every other week', { unit: 'week', interval: 2 }],
    ['every monday', { unit: 'week', interval: 1, weekdays: [1] }],
    ['every mon,thu', { unit: 'week', interval: 1, weekdays: [1, 4] }],
    ['every mon, thu', { unit: 'week', interval: 1, weekdays: [1, 4] }],
    ['every tuesday and friday', { unit: 'week', interval: 1, weekdays: [2, 5] }],
    ['every mon-wed', { unit: 'week', interval: 1, weekdays: [1, 2, 3] }],
    ['elke maandag', { unit: 'week', interval: 1, weekdays: [1] }],
    ['elke ma, do', { unit: 'week', interval: 1, weekdays: [1, 4] }],
    ['iedere vrijdag', { unit: 'week', interval: 1, weekdays: [5] }],
    ['every 2 weeks on monday', { unit: 'week', interval: 2, weekdays: [1] }],
    ['elke 2 weken op ma, do', { unit: 'week', interval: 2, weekdays: [1, 4] }],
    ['monthly', { unit: 'month', interval: 1 }],
    ['every month', { unit: 'month', interval: 1 }],
    ['maandelijks', { unit: 'month', interval: 1 }],
    ['every 3 months', { unit: 'month', interval: 3 }],
    ['elke 3 maanden', { unit: 'month', interval: 3 }],
    // Counts in words, the unit said before the days, and Dutch words for every other week.
    ['every two weeks', { unit: 'week', interval: 2 }],
    ['elke twee weken', { unit: 'week', interval: 2 }],
    ['iedere drie maanden', { unit: 'month', interval: 3 }],
    ['tweewekelijks', { unit: 'week', interval: 2 }],
    ['om de twee weken', { unit: 'week', interval: 2 }],
    ['iedere werkdag', { unit: 'week', interval: 1, weekdays: WORKWEEK }],
    ['every week on monday', { unit: 'week', interval: 1, weekdays: [1] }],
    ['elke week op maandag', { unit: 'week', interval: 1, weekdays: [1] }],
    ['weekly on fri', { unit: 'week', interval: 1, weekdays: [5] }],
    ['wekelijks op di en do', { unit: 'week', interval: 1, weekdays: [2, 4] }],
    ['elke maandag en donderdag', { unit: 'week', interval: 1, weekdays: [1, 4] }],
  ])('%j', (text, recurrence) => expect(parseRecurrence(text)).toEqual(recurrence));

  it('returns fresh objects', () => {
    parseRecurrence('weekdays').weekdays?.push(6);
    expect(parseRecurrence('weekdays').weekdays).toEqual(WORKWEEK);
  });

  it.each(['', 'sometimes', 'every', 'every 0 days', 'every 2 fortnights', 'every funday', 'hourly', 'daily banana', 'elke', 'every page', 'weekly report', 'om 3 uur', 'every two'])(
    'rejects %j',
    (text) => {
      expect(() => parseRecurrence(text)).toThrow(BotError);
      expect(() => parseRecurrence(text)).toThrow(expect.objectContaining({ code: 'time.bad_recurrence', params: { recurrence: text } }));
    },
  );
});

describe('formatRecurrence', () => {
  const cases: [Recurrence, string, string][] = [
    [{ unit: 'day', interval: 1 }, 'daily', 'dagelijks'],
    [{ unit: 'day', interval: 3 }, 'every 3 days', 'elke 3 dagen'],
    [{ unit: 'week', interval: 1 }, 'weekly', 'wekelijks'],
    [{ unit: 'week', interval: 2 }, 'every 2 weeks', 'elke 2 weken'],
    [{ unit: 'week', interval: 1, weekdays: WORKWEEK }, 'weekdays', 'werkdagen'],
    [{ unit: 'week', interval: 1, weekdays: [1] }, 'every Monday', 'elke maandag'],
    [{ unit: 'week', interval: 1, weekdays: [4, 1] }, 'every Mon, Thu', 'elke ma, do'],
    [{ unit: 'week', interval: 2, weekdays: [1] }, 'every 2 weeks on Mon', 'elke 2 weken op ma'],
    [{ unit: 'month', interval: 1 }, 'monthly', 'maandelijks'],
    [{ unit: 'month', interval: 6 }, 'every 6 months', 'elke 6 maanden'],
  ];

  it.each(cases)('%j', (recurrence, en, nl) => {
    expect(formatRecurrence(recurrence, 'en')).toBe(en);
    expect(formatRecurrence(recurrence, 'nl')).toBe(nl);
  });

  it.each(cases)('%j parses back', (recurrence, en, nl) => {
    const normalised = { ...recurrence, ...(recurrence.weekdays ? { weekdays: [...recurrence.weekdays].sort() } : {}) };
    expect(parseRecurrence(en)).toEqual(normalised);
    expect(parseRecurrence(nl)).toEqual(normalised);
  });
});

describe('nextOccurrence', () => {
  const AMS = 'Europe/Amsterdam';
  const next = (r: Recurrence, previous: string, zone: string, anchorDay?: number): string =>
    isoWithOffset(nextOccurrence(r, new Date(previous), zone, anchorDay === undefined ? {} : { anchorDay }), zone);

  it.each([
    // Same wall clock across the spring change (offset +01:00 -> +02:00).
    [{ unit: 'day', interval: 1 }, '2027-03-27T17:00:00+01:00', AMS, '2027-03-28T17:00:00.000+02:00'],
    [{ unit: 'week', interval: 1 }, '2027-03-24T17:00:00+01:00', AMS, '2027-03-31T17:00:00.000+02:00'],
    [{ unit: 'day', interval: 3 }, '2026-11-27T09:15:00+01:00', AMS, '2026-11-30T09:15:00.000+01:00'],
    [{ unit: 'week', interval: 2 }, '2026-11-27T09:00:00+01:00', AMS, '2026-12-11T09:00:00.000+01:00'],
    // ... and across the autumn change, in New York and Auckland.
    [{ unit: 'day', interval: 1 }, '2026-10-31T09:00:00-04:00', 'America/New_York', '2026-11-01T09:00:00.000-05:00'],
    [{ unit: 'week', interval: 1 }, '2027-03-29T08:00:00+13:00', 'Pacific/Auckland', '2027-04-05T08:00:00.000+12:00'],
    // Weekdays: the next listed day.
    [{ unit: 'week', interval: 1, weekdays: WORKWEEK }, '2026-11-27T17:00:00+01:00', AMS, '2026-11-30T17:00:00.000+01:00'],
    [{ unit: 'week', interval: 1, weekdays: WORKWEEK }, '2026-11-25T17:00:00+01:00', AMS, '2026-11-26T17:00:00.000+01:00'],
    [{ unit: 'day', interval: 1, weekdays: WORKWEEK }, '2026-11-27T17:00:00+01:00', AMS, '2026-11-30T17:00:00.000+01:00'],
    [{ unit: 'week', interval: 1, weekdays: [1, 4] }, '2026-11-23T09:00:00+01:00', AMS, '2026-11-26T09:00:00.000+01:00'],
    [{ unit: 'week', interval: 1, weekdays: [1, 4] }, '2026-11-26T09:00:00+01:00', AMS, '2026-11-30T09:00:00.000+01:00'],
    [{ unit: 'week', interval: 1, weekdays: [1] }, '2026-11-25T09:00:00+01:00', AMS, '2026-11-30T09:00:00.000+01:00'],
    [{ unit: 'week', interval: 1, weekdays: [1] }, '2026-11-30T09:00:00+01:00', AMS, '2026-12-07T09:00:00.000+01:00'],
    [{ unit: 'week', interval: 2, weekdays: [1] }, '2026-11-23T09:00:00+01:00', AMS, '2026-12-07T09:00:00.000+01:00'],
    [{ unit: 'week', interval: 2, weekdays: [1, 4] }, '2026-11-23T09:00:00+01:00', AMS, '2026-11-26T09:00:00.000+01:00'],
    [{ unit: 'week', interval: 2, weekdays: [1, 4] }, '2026-11-26T09:00:00+01:00', AMS, '2026-12-07T09:00:00.000+01:00'],
    [{ unit: 'week', interval: 1, weekdays: [7, 1] }, '2026-11-29T09:00:00+01:00', AMS, '2026-11-30T09:00:00.000+01:00'],
    // Months: same day, clamped to the month's end.
    [{ unit: 'month', interval: 1 }, '2026-11-27T17:00:00+01:00', AMS, '2026-12-27T17:00:00.000+01:00'],
    [{ unit: 'month', interval: 1 }, '2027-01-31T17:00:00+01:00', AMS, '2027-02-28T17:00:00.000+01:00'],
    [{ unit: 'month', interval: 1 }, '2028-01-31T17:00:00+01:00', AMS, '2028-02-29T17:00:00.000+01:00'],
    [{ unit: 'month', interval: 1 }, '2027-02-28T17:00:00+01:00', AMS, '2027-03-28T17:00:00.000+02:00'],
    [{ unit: 'month', interval: 2 }, '2026-12-31T17:00:00+01:00', AMS, '2027-02-28T17:00:00.000+01:00'],
    [{ unit: 'month', interval: 1 }, '2026-12-15T10:00:00+05:30', 'Asia/Kolkata', '2027-01-15T10:00:00.000+05:30'],
    // A wall time in the gap moves to the first valid minute; in the overlap it takes the earlier instant.
    [{ unit: 'day', interval: 1 }, '2027-03-27T02:30:00+01:00', AMS, '2027-03-28T03:00:00.000+02:00'],
    [{ unit: 'day', interval: 1 }, '2026-10-24T02:30:00+02:00', AMS, '2026-10-25T02:30:00.000+02:00'],
  ] as [Recurrence, string, string, string][])('%j after %s in %s', (r, previous, zone, expected) => {
    expect(next(r, previous, zone)).toBe(expected);
  });

  it('returns to the anchor day after a clamped month', () => {
    expect(next({ unit: 'month', interval: 1 }, '2027-02-28T17:00:00+01:00', AMS, 31)).toBe('2027-03-31T17:00:00.000+02:00');
    expect(next({ unit: 'month', interval: 1 }, '2027-03-31T17:00:00+02:00', AMS, 31)).toBe('2027-04-30T17:00:00.000+02:00');
  });

  it('keeps seconds of the previous occurrence', () => {
    expect(next({ unit: 'day', interval: 1 }, '2026-11-27T17:00:30.250+01:00', AMS)).toBe('2026-11-28T17:00:30.250+01:00');
  });

  it('refuses a repeat rarer than once a year, as a repeat and not as title words', () => {
    for (const phrase of ['every 99999 days', 'elke 367 dagen', 'every 53 weeks', 'elke 13 maanden']) {
      expect(() => parseRecurrence(phrase), phrase).toThrow(expect.objectContaining({ code: 'time.recurrence_too_rare' }));
      expect(isRecurrence(phrase), phrase).toBe(true);
    }
    expect(parseRecurrence('every 366 days')).toEqual({ unit: 'day', interval: 366 });
    expect(parseRecurrence('elke 12 maanden')).toEqual({ unit: 'month', interval: 12 });
  });

  it('refuses a bad zone or interval', () => {
    expect(() => nextOccurrence({ unit: 'day', interval: 1 }, new Date(), 'Mars/Base')).toThrow(BotError);
    expect(() => nextOccurrence({ unit: 'day', interval: 0 }, new Date(), AMS)).toThrow(RangeError);
  });
});
