import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BotError } from './errors.js';
import type { Locale } from './i18n/catalog.js';
import { isoWithOffset, parseWhen, type WhenKind } from './time.js';

// Fixed moments, each written in the zone's own wall clock so the tables read naturally.
const AMS_FRI_1000 = { zone: 'Europe/Amsterdam', now: '2026-11-27T10:00:00+01:00' };
const AMS_FRI_1800 = { zone: 'Europe/Amsterdam', now: '2026-11-27T18:00:00+01:00' };
const AMS_TUE_1000 = { zone: 'Europe/Amsterdam', now: '2026-11-24T10:00:00+01:00' };
const AMS_NEW_YEARS_EVE = { zone: 'Europe/Amsterdam', now: '2026-12-31T15:00:00+01:00' };
const AMS_BEFORE_SPRING = { zone: 'Europe/Amsterdam', now: '2027-03-26T10:00:00+01:00' }; // clocks go forward Sun 28 Mar
const AMS_BEFORE_AUTUMN = { zone: 'Europe/Amsterdam', now: '2026-10-23T12:00:00+02:00' }; // clocks go back Sun 25 Oct
const NY_BEFORE_AUTUMN = { zone: 'America/New_York', now: '2026-10-30T10:00:00-04:00' }; // clocks go back Sun 1 Nov
const MANILA_MON_1800 = { zone: 'Asia/Manila', now: '2026-11-23T18:00:00+08:00' };
const AUCKLAND_TUE_0900 = { zone: 'Pacific/Auckland', now: '2026-11-24T09:00:00+13:00' }; // still Monday in UTC
const AUCKLAND_BEFORE_AUTUMN = { zone: 'Pacific/Auckland', now: '2027-04-01T10:00:00+13:00' }; // clocks go back Sun 4 Apr
const SYDNEY_BEFORE_AUTUMN = { zone: 'Australia/Sydney', now: '2027-04-02T16:00:00+11:00' }; // clocks go back Sun 4 Apr
const SYDNEY_BEFORE_SPRING = { zone: 'Australia/Sydney', now: '2026-10-02T12:00:00+10:00' }; // clocks go forward Sun 4 Oct
const KOLKATA_MON_2330 = { zone: 'Asia/Kolkata', now: '2026-11-23T23:30:00+05:30' };

type At = { zone: string; now: string };
type Row = [phrase: string, at: At, expected: string, locale?: Locale, kind?: WhenKind];

function when(phrase: string, at: At, locale: Locale = 'en', kind: WhenKind = 'due'): string {
  return isoWithOffset(parseWhen(phrase, { now: new Date(at.now), zone: at.zone, locale, kind }), at.zone);
}

function botErrorOf(run: () => unknown): BotError {
  try {
    run();
  } catch (error) {
    if (error instanceof BotError) return error;
    throw error;
  }
  throw new Error('expected a BotError');
}

describe('parseWhen', () => {
  const english: Row[] = [
    ['friday', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00'],
    ['Friday', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00'],
    ['  friday  ', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00'],
    ['on friday', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00'],
    ['by friday', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00'],
    ['this friday', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00'],
    ['friday 17:00', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00'],
    // A bare hour from 1 to 6 is the afternoon; zero-padded or with am it stays the morning.
    ['friday at 5', MANILA_MON_1800, '2026-11-27T17:00:00.000+08:00'],
    ['friday 5:30', MANILA_MON_1800, '2026-11-27T05:30:00.000+08:00'], // h:mm is 24-hour (dates-rules.md rule 13)
    ['friday 05:00', MANILA_MON_1800, '2026-11-27T05:00:00.000+08:00'],
    ['friday 5am', MANILA_MON_1800, '2026-11-27T05:00:00.000+08:00'],
    ['vrijdag om 5 uur', AMS_TUE_1000, '2026-11-27T17:00:00.000+01:00', 'nl'],
    ['on friday at 5pm', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00'],
    ['fri 16:30', AMS_FRI_1000, '2026-11-27T16:30:00.000+01:00'],
    ['friday 9:00', AMS_FRI_1000, '2026-12-04T09:00:00.000+01:00'], // already past today: next week
    ['next friday', AMS_FRI_1000, '2026-12-04T17:00:00.000+01:00'],
    ['tomorrow', AMS_FRI_1000, '2026-11-28T17:00:00.000+01:00'],
    ['tomorrow noon', AMS_FRI_1000, '2026-11-28T12:00:00.000+01:00'],
    ['tomorrow at noon', AMS_FRI_1000, '2026-11-28T12:00:00.000+01:00'],
    ['tomorrow 9am', AMS_FRI_1000, '2026-11-28T09:00:00.000+01:00'],
    ['tomorrow morning', AMS_FRI_1000, '2026-11-28T09:00:00.000+01:00'],
    ['friday afternoon', AMS_FRI_1000, '2026-11-27T15:00:00.000+01:00'],
    ['the day after tomorrow', AMS_FRI_1000, '2026-11-29T17:00:00.000+01:00'],
    ['today', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00'],
    ['27 nov', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00'],
    ['27/11', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00'],
    ['3 jan', AMS_FRI_1000, '2027-01-03T17:00:00.000+01:00'], // past date without year: next year
    ['20 nov', AMS_FRI_1000, '2027-11-20T17:00:00.000+01:00'],
    ['dec 24', AMS_FRI_1000, '2026-12-24T17:00:00.000+01:00'],
    ['24th december', AMS_FRI_1000, '2026-12-24T17:00:00.000+01:00'],
    ['24 december 2026 17:30', AMS_FRI_1000, '2026-12-24T17:30:00.000+01:00'],
    ['27/11/2027', AMS_FRI_1000, '2027-11-27T17:00:00.000+01:00'],
    ['2026-12-01 08:15', AMS_FRI_1000, '2026-12-01T08:15:00.000+01:00'],
    ['in 3 days', AMS_FRI_1000, '2026-11-30T17:00:00.000+01:00'],
    ['in 1 week', AMS_FRI_1000, '2026-12-04T17:00:00.000+01:00'],
    ['in 2 hours', AMS_FRI_1000, '2026-11-27T12:00:00.000+01:00'],
    ['in 90 minutes', AMS_FRI_1000, '2026-11-27T11:30:00.000+01:00'],
    ['in 1h30m', AMS_FRI_1000, '2026-11-27T11:30:00.000+01:00'],
    ['in an hour', AMS_FRI_1000, '2026-11-27T11:00:00.000+01:00'],
    ['2 hours from now', AMS_FRI_1000, '2026-11-27T12:00:00.000+01:00'],
    ['9am', AMS_FRI_1000, '2026-11-28T09:00:00.000+01:00'], // passed today: tomorrow
    ['11:00', AMS_FRI_1000, '2026-11-27T11:00:00.000+01:00'],
    ['at 11:00', AMS_FRI_1000, '2026-11-27T11:00:00.000+01:00'],
    ['monday 9:00', AMS_FRI_1000, '2026-11-30T09:00:00.000+01:00'],
    ['next week', AMS_FRI_1000, '2026-11-30T17:00:00.000+01:00'],
    ['eod', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00'],
    ['EOD', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00'],
    ['end of day', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00'],
    ['friday eod', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00'],
    ['eow', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00'],
    ['end of week', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00'],
    ['end of the week', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00'],
    ['tonight', AMS_FRI_1000, '2026-11-27T20:00:00.000+01:00'],
    ['noon', AMS_FRI_1000, '2026-11-27T12:00:00.000+01:00'],
    ['friday night', AMS_FRI_1000, '2026-11-27T20:00:00.000+01:00'],
    // After 17:00 on that Friday.
    ['friday', AMS_FRI_1800, '2026-12-04T17:00:00.000+01:00'],
    ['eod', AMS_FRI_1800, '2026-11-28T17:00:00.000+01:00'], // past eod rolls to tomorrow
    ['eow', AMS_FRI_1800, '2026-12-04T17:00:00.000+01:00'],
    ['17:00', AMS_FRI_1800, '2026-11-28T17:00:00.000+01:00'],
    ['tonight', AMS_FRI_1800, '2026-11-27T20:00:00.000+01:00'],
    ['in 2 hours', AMS_FRI_1800, '2026-11-27T20:00:00.000+01:00'],
    // chrono alone picks the closest weekday, which may be yesterday.
    ['monday', AMS_TUE_1000, '2026-11-30T17:00:00.000+01:00'],
    ['tuesday', AMS_TUE_1000, '2026-11-24T17:00:00.000+01:00'],
    ['sunday', AMS_TUE_1000, '2026-11-29T17:00:00.000+01:00'],
    ['3 jan', AMS_NEW_YEARS_EVE, '2027-01-03T17:00:00.000+01:00'],
    ['tomorrow', AMS_NEW_YEARS_EVE, '2027-01-01T17:00:00.000+01:00'],
    ['31 dec', AMS_NEW_YEARS_EVE, '2026-12-31T17:00:00.000+01:00'],
    // A date without a year whose moment has passed rolls a year, today's date included (rule 11).
    ['27 nov 9:00', AMS_FRI_1000, '2027-11-27T09:00:00.000+01:00'],
    ['27 nov', AMS_FRI_1800, '2027-11-27T17:00:00.000+01:00'],
  ];

  const dutch: Row[] = [
    ['vrijdag', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00', 'nl'],
    ['op vrijdag', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00', 'nl'],
    ['vrijdag om 17:00', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00', 'nl'],
    ['vrijdag 16.30', AMS_FRI_1000, '2026-11-27T16:30:00.000+01:00', 'nl'],
    ['vrijdag 17u', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00', 'nl'],
    ['vrijdag 9:00', AMS_FRI_1000, '2026-12-04T09:00:00.000+01:00', 'nl'],
    ['deze vrijdag', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00', 'nl'],
    ['volgende vrijdag', AMS_FRI_1000, '2026-12-04T17:00:00.000+01:00', 'nl'],
    ['ma', AMS_FRI_1000, '2026-11-30T17:00:00.000+01:00', 'nl'],
    ['maandag 9:00', AMS_FRI_1000, '2026-11-30T09:00:00.000+01:00', 'nl'],
    ['morgen', AMS_FRI_1000, '2026-11-28T17:00:00.000+01:00', 'nl'],
    ['morgen 9:00', AMS_FRI_1000, '2026-11-28T09:00:00.000+01:00', 'nl'],
    ['morgen om 9 uur', AMS_FRI_1000, '2026-11-28T09:00:00.000+01:00', 'nl'],
    ['morgenochtend', AMS_FRI_1000, '2026-11-28T09:00:00.000+01:00', 'nl'],
    ['morgenmiddag', AMS_FRI_1000, '2026-11-28T15:00:00.000+01:00', 'nl'], // "middag" is the afternoon (rule 2)
    ['morgenavond', AMS_FRI_1000, '2026-11-28T20:00:00.000+01:00', 'nl'],
    ['vrijdagmiddag', AMS_FRI_1000, '2026-11-27T15:00:00.000+01:00', 'nl'],
    ['overmorgen', AMS_FRI_1000, '2026-11-29T17:00:00.000+01:00', 'nl'],
    ['vandaag', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00', 'nl'],
    ['27 nov', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00', 'nl'],
    ['3 januari', AMS_FRI_1000, '2027-01-03T17:00:00.000+01:00', 'nl'],
    ['24 dec om 9:00', AMS_FRI_1000, '2026-12-24T09:00:00.000+01:00', 'nl'],
    ['24 december 2026 om 9:00', AMS_FRI_1000, '2026-12-24T09:00:00.000+01:00', 'nl'],
    ['over 3 dagen', AMS_FRI_1000, '2026-11-30T17:00:00.000+01:00', 'nl'],
    ['over 2 uur', AMS_FRI_1000, '2026-11-27T12:00:00.000+01:00', 'nl'],
    ['over 2u', AMS_FRI_1000, '2026-11-27T12:00:00.000+01:00', 'nl'],
    ['over een uur', AMS_FRI_1000, '2026-11-27T11:00:00.000+01:00', 'nl'],
    ['volgende week', AMS_FRI_1000, '2026-11-30T17:00:00.000+01:00', 'nl'],
    ['einde van de dag', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00', 'nl'],
    ['eind van de dag', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00', 'nl'],
    ['eod', AMS_FRI_1800, '2026-11-28T17:00:00.000+01:00', 'nl'],
    ['eind van de week', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00', 'nl'],
    ['einde van de week', AMS_FRI_1800, '2026-12-04T17:00:00.000+01:00', 'nl'],
    ['vanavond', AMS_FRI_1000, '2026-11-27T20:00:00.000+01:00', 'nl'],
    ['middag', AMS_FRI_1000, '2026-11-27T15:00:00.000+01:00', 'nl'],
    ['9:00', AMS_FRI_1000, '2026-11-28T09:00:00.000+01:00', 'nl'],
    ['vrijdag', AMS_FRI_1800, '2026-12-04T17:00:00.000+01:00', 'nl'],
    // The other language is a fallback: a Dutch user typing English still gets an answer.
    ['tomorrow', AMS_FRI_1000, '2026-11-28T17:00:00.000+01:00', 'nl'],
    ['morgen', AMS_FRI_1000, '2026-11-28T17:00:00.000+01:00', 'en'],
  ];

  const start: Row[] = [
    ['friday', AMS_FRI_1000, '2026-12-04T09:00:00.000+01:00', 'en', 'start'], // 09:00 today has passed
    ['friday 14:00', AMS_FRI_1000, '2026-11-27T14:00:00.000+01:00', 'en', 'start'],
    ['tomorrow', AMS_FRI_1000, '2026-11-28T09:00:00.000+01:00', 'en', 'start'],
    ['next week', AMS_FRI_1000, '2026-11-30T09:00:00.000+01:00', 'en', 'start'],
    ['in 3 days', AMS_FRI_1000, '2026-11-30T09:00:00.000+01:00', 'en', 'start'],
    ['eod', AMS_FRI_1000, '2026-11-27T17:00:00.000+01:00', 'en', 'start'],
    ['morgen', AMS_FRI_1000, '2026-11-28T09:00:00.000+01:00', 'nl', 'start'],
    ['volgende week', SYDNEY_BEFORE_AUTUMN, '2027-04-05T09:00:00.000+10:00', 'nl', 'start'],
  ];

  const zonesAndDst: Row[] = [
    // Amsterdam, clocks forward on Sun 28 Mar 2027 02:00 -> 03:00.
    ['monday 9:00', AMS_BEFORE_SPRING, '2027-03-29T09:00:00.000+02:00'],
    ['maandag 9:00', AMS_BEFORE_SPRING, '2027-03-29T09:00:00.000+02:00', 'nl'],
    ['tomorrow', AMS_BEFORE_SPRING, '2027-03-27T17:00:00.000+01:00'],
    ['sunday 12:00', AMS_BEFORE_SPRING, '2027-03-28T12:00:00.000+02:00'],
    ['sunday 02:30', AMS_BEFORE_SPRING, '2027-03-28T03:00:00.000+02:00'], // in the gap: first valid minute
    ['in 3 days', AMS_BEFORE_SPRING, '2027-03-29T17:00:00.000+02:00'],
    ['over 2 dagen', AMS_BEFORE_SPRING, '2027-03-28T17:00:00.000+02:00', 'nl'],
    ['in 48 hours', AMS_BEFORE_SPRING, '2027-03-28T11:00:00.000+02:00'], // an exact span, so the wall clock moves
    ['next week', AMS_BEFORE_SPRING, '2027-03-29T17:00:00.000+02:00'],
    // Amsterdam, clocks back on Sun 25 Oct 2026 03:00 -> 02:00.
    ['sunday 02:30', AMS_BEFORE_AUTUMN, '2026-10-25T02:30:00.000+02:00'], // in the overlap: the earlier one
    ['monday', AMS_BEFORE_AUTUMN, '2026-10-26T17:00:00.000+01:00'],
    ['in 72 hours', AMS_BEFORE_AUTUMN, '2026-10-26T11:00:00.000+01:00'],
    // New York, clocks back on Sun 1 Nov 2026.
    ['monday', NY_BEFORE_AUTUMN, '2026-11-02T17:00:00.000-05:00'],
    ['sunday 01:30', NY_BEFORE_AUTUMN, '2026-11-01T01:30:00.000-04:00'],
    ['tomorrow 9am', NY_BEFORE_AUTUMN, '2026-10-31T09:00:00.000-04:00'],
    ['nov 3', NY_BEFORE_AUTUMN, '2026-11-03T17:00:00.000-05:00'],
    ['11/3', NY_BEFORE_AUTUMN, '2026-11-03T17:00:00.000-05:00'], // month first in an America/* zone (rule 11)
    ['eod', NY_BEFORE_AUTUMN, '2026-10-30T17:00:00.000-04:00'],
    // Manila, no DST; 18:00 on a Monday.
    ['eod', MANILA_MON_1800, '2026-11-24T17:00:00.000+08:00'],
    ['eow', MANILA_MON_1800, '2026-11-27T17:00:00.000+08:00'],
    ['friday', MANILA_MON_1800, '2026-11-27T17:00:00.000+08:00'],
    ['monday', MANILA_MON_1800, '2026-11-30T17:00:00.000+08:00'],
    ['tonight', MANILA_MON_1800, '2026-11-23T20:00:00.000+08:00'],
    ['9am', MANILA_MON_1800, '2026-11-24T09:00:00.000+08:00'],
    ['in 2 hours', MANILA_MON_1800, '2026-11-23T20:00:00.000+08:00'],
    ['17:00 cet', MANILA_MON_1800, '2026-11-24T00:00:00.000+08:00'], // a zone in the phrase wins
    // Auckland: already Tuesday while UTC (and the test host, maybe) is on Monday.
    ['today', AUCKLAND_TUE_0900, '2026-11-24T17:00:00.000+13:00'],
    ['tomorrow', AUCKLAND_TUE_0900, '2026-11-25T17:00:00.000+13:00'],
    ['10:00', AUCKLAND_TUE_0900, '2026-11-24T10:00:00.000+13:00'],
    ['8am', AUCKLAND_TUE_0900, '2026-11-25T08:00:00.000+13:00'],
    ['tuesday', AUCKLAND_TUE_0900, '2026-11-24T17:00:00.000+13:00'],
    // Auckland, clocks back on Sun 4 Apr 2027 03:00 -> 02:00.
    ['monday', AUCKLAND_BEFORE_AUTUMN, '2027-04-05T17:00:00.000+12:00'],
    ['sunday 02:30', AUCKLAND_BEFORE_AUTUMN, '2027-04-04T02:30:00.000+13:00'],
    ['in 4 days', AUCKLAND_BEFORE_AUTUMN, '2027-04-05T17:00:00.000+12:00'],
    // Sydney, clocks back on Sun 4 Apr 2027 and forward on Sun 4 Oct 2026.
    ['monday 9:00', SYDNEY_BEFORE_AUTUMN, '2027-04-05T09:00:00.000+10:00'],
    ['eow', SYDNEY_BEFORE_AUTUMN, '2027-04-02T17:00:00.000+11:00'],
    ['sunday 02:15', SYDNEY_BEFORE_SPRING, '2026-10-04T03:00:00.000+11:00'],
    ['monday', SYDNEY_BEFORE_SPRING, '2026-10-05T17:00:00.000+11:00'],
    // Kolkata, half-hour offset, late in the evening.
    ['tomorrow', KOLKATA_MON_2330, '2026-11-24T17:00:00.000+05:30'],
    ['eod', KOLKATA_MON_2330, '2026-11-24T17:00:00.000+05:30'],
    ['in 30 minutes', KOLKATA_MON_2330, '2026-11-24T00:00:00.000+05:30'],
    ['morgen', KOLKATA_MON_2330, '2026-11-24T17:00:00.000+05:30', 'nl'],
  ];

  it.each([...english, ...dutch, ...start, ...zonesAndDst])('%s at %j -> %s (%s %s)', (phrase, at, expected, locale, kind) => {
    expect(when(phrase, at, locale, kind)).toBe(expected);
  });

  it.each([
    ['banana', 'en'],
    ['banaan', 'nl'],
    ['', 'en'],
    ['   ', 'en'],
    ['friday banana', 'en'],
    ['vrijdag banaan', 'nl'],
    ['tomorrow or so', 'en'],
    ['in 3 bananas', 'en'],
    ['29 feb', 'en'], // 2027 has none
  ] as const)('%j is unreadable', (phrase, locale) => {
    const error = botErrorOf(() => when(phrase, AMS_FRI_1000, locale));
    expect(error.code).toBe('time.unreadable');
    expect(error.params).toEqual({ phrase: phrase.trim() });
  });

  it.each([
    ['27 nov 2025', AMS_FRI_1000, 'en', 'Thu 27 Nov 2025, 17:00 (Europe/Amsterdam)'], // explicit past year never rolls
    ['yesterday', AMS_FRI_1000, 'en', 'Thu 26 Nov, 17:00 (Europe/Amsterdam)'],
    ['gisteren', AMS_FRI_1000, 'nl', 'do 26 nov om 17:00 (Europe/Amsterdam)'],
    ['last friday', AMS_FRI_1000, 'en', 'Fri 20 Nov, 17:00 (Europe/Amsterdam)'],
    ['today', AMS_FRI_1800, 'en', 'Fri 27 Nov, 17:00 (Europe/Amsterdam)'],
    ['today', MANILA_MON_1800, 'en', 'Mon 23 Nov, 17:00 (Asia/Manila)'],
    ['tonight', KOLKATA_MON_2330, 'en', 'Mon 23 Nov, 20:00 (Asia/Kolkata)'], // tonight never becomes tomorrow
    ['vanavond', KOLKATA_MON_2330, 'nl', 'ma 23 nov om 20:00 (Asia/Kolkata)'],
  ] as const)('%j at %j is past', (phrase, at, locale, formatted) => {
    const error = botErrorOf(() => when(phrase, at, locale));
    expect(error.code).toBe('time.past');
    expect(error.params).toEqual({ when: formatted });
  });

  it.each(['Mars/Base', '+02:00', 'UTC+8', 'GMT-3', ''])('rejects the zone %j', (zone) => {
    const error = botErrorOf(() => parseWhen('friday', { now: new Date(), zone, locale: 'en', kind: 'due' }));
    expect(error.code).toBe('time.bad_zone');
    expect(error.params).toEqual({ zone });
  });

  it('accepts UTC and answers in it', () => {
    expect(when('tomorrow 9:00', { zone: 'UTC', now: '2026-11-23T23:30:00Z' })).toBe('2026-11-24T09:00:00.000Z');
  });
});

describe('scripts/when.ts', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const tsx = `${root}node_modules/.bin/tsx`;

  function run(args: string[]): { status: number; stdout: string } {
    try {
      return { status: 0, stdout: execFileSync(tsx, ['scripts/when.ts', ...args], { cwd: root, encoding: 'utf8', stdio: 'pipe' }) };
    } catch (error) {
      const failed = error as { status: number; stdout: string };
      return { status: failed.status, stdout: failed.stdout };
    }
  }

  it('prints the instant and its echo, exit 0', () => {
    const result = run(['friday 17:00', '--zone', 'Europe/Amsterdam', '--now', '2026-11-23T10:00:00Z', '--locale', 'en', '--kind', 'due']);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')).toEqual(['2026-11-27T17:00:00.000+01:00', 'Fri 27 Nov, 17:00 (Europe/Amsterdam)', '']);
  });

  it('prints the user-facing error, exit 1', () => {
    const result = run(['banaan', '--zone', 'Asia/Manila', '--locale', 'nl']);
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n')[0]).toBe(
      'Ik kon “banaan” niet als tijdstip lezen. Probeer bijvoorbeeld “vrijdag 17:00”, “morgen 12:00”, “eod” of “over 3 dagen”.',
    );
  });

  it('reads a --now without offset as a wall time in the zone', () => {
    const result = run(['friday 17:00', '--zone', 'Asia/Manila', '--now', '2026-11-23T10:00']);
    expect(result.stdout.split('\n')[0]).toBe('2026-11-27T17:00:00.000+08:00');
  });

  it('rejects bad usage, exit 2', () => {
    expect(run(['friday', '--kind', 'later']).status).toBe(2);
    expect(run(['friday', '--now', 'soon']).status).toBe(2);
    expect(run(['friday', '--score', 'src/core/time/rules.corpus.tsv']).status).toBe(2);
    expect(run([]).status).toBe(2);
  });

  describe('--score', () => {
    const dir = mkdtempSync(join(tmpdir(), 'when-score-'));
    const corpus = join(dir, 'corpus.tsv');
    writeFileSync(
      corpus,
      [
        'friday\tEurope/Amsterdam\t2026-11-23T10:15:00+01:00\ten\tdue\t2026-11-27T17:00:00+01:00',
        'vrijdag om half zes\tEurope/Amsterdam\t2026-11-23T10:15:00+01:00\tnl\tdue\t2026-11-27T05:30:00+01:00|2026-11-27T17:30:00+01:00',
        'flurday\tEurope/Amsterdam\t2026-11-23T10:15:00+01:00\ten\tdue\t2026-11-27T17:00:00+01:00',
      ].join('\n'),
    );
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('prints each miss and the score; below --min (100 by default) exits 1', () => {
      const result = run(['--score', corpus]);
      expect(result.status).toBe(1);
      expect(result.stdout.split('\n')).toEqual([
        'line 3: "flurday" (Europe/Amsterdam 2026-11-23T10:15:00.000+01:00 en due): got reject, expected 2026-11-27T17:00:00+01:00',
        'score: 2/3 (66.7%)',
        '',
      ]);
    });

    it('exits 0 at or above --min', () => {
      expect(run(['--score', corpus, '--min', '60']).status).toBe(0);
      expect(run(['--score', 'src/core/time/rules.corpus.tsv']).status).toBe(0);
    });

    it('reports a malformed corpus, exit 2', () => {
      expect(run(['--score', join(dir, 'missing.tsv')]).status).toBe(2);
    });
  });
});
