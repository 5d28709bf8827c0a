import { describe, expect, it } from 'vitest';
import type { Locale } from '../i18n/catalog.js';
import { checkPhrase } from './score.js';
import type { WhenKind } from './when.js';

// ../shared/dates-rules.md, rules 11, 12, 14 and 16: written dates (numeric ones by region), the past,
// filler words, and what is not a date. Each row: phrase, locale, moment, the accepted answers ("a|b" where
// the rule accepts two, "reject" for a refusal), kind.

type At = { zone: string; now: string };
type Row = [phrase: string, locale: Locale, at: At, expected: string, kind?: WhenKind];

const AMS_MON_1015: At = { zone: 'Europe/Amsterdam', now: '2026-11-23T10:15:00+01:00' };
const NY_MON_1015: At = { zone: 'America/New_York', now: '2026-11-23T10:15:00-05:00' };
const LA_MON_1015: At = { zone: 'America/Los_Angeles', now: '2026-11-23T10:15:00-08:00' };
const TORONTO_MON_1015: At = { zone: 'America/Toronto', now: '2026-11-23T10:15:00-05:00' };
const LONDON_MON_1015: At = { zone: 'Europe/London', now: '2026-11-23T10:15:00+00:00' };
const KOLKATA_MON_1015: At = { zone: 'Asia/Kolkata', now: '2026-11-23T10:15:00+05:30' };
const MANILA_MON_1015: At = { zone: 'Asia/Manila', now: '2026-11-23T10:15:00+08:00' };
const KOLKATA_MON_2330: At = { zone: 'Asia/Kolkata', now: '2026-11-23T23:30:00+05:30' };

function run([phrase, locale, at, expected, kind = 'due']: Row): void {
  const { got, ok } = checkPhrase({ phrase, locale, zone: at.zone, now: new Date(at.now), kind }, expected);
  expect(ok, `"${phrase}" gave ${got}, expected ${expected}`).toBe(true);
}

const title = '%s (%s) at %j -> %s %s';

describe('rule 11: explicit dates', () => {
  it.each<Row>([
    ['dec 3', 'en', AMS_MON_1015, '2026-12-03T17:00:00+01:00'],
    ['Dec 3', 'en', AMS_MON_1015, '2026-12-03T17:00:00+01:00'],
    ['3 December', 'en', AMS_MON_1015, '2026-12-03T17:00:00+01:00'],
    ['3 december', 'nl', AMS_MON_1015, '2026-12-03T17:00:00+01:00'],
    ['2026-12-03', 'nl', AMS_MON_1015, '2026-12-03T17:00:00+01:00'],
    ['3 dec', 'nl', AMS_MON_1015, '2026-12-03T09:00:00+01:00', 'start'],
    ['december 3rd', 'en', AMS_MON_1015, '2026-12-03T17:00:00+01:00'],
    ['the 3rd of december', 'en', AMS_MON_1015, '2026-12-03T17:00:00+01:00'],
    ['thursday 3 december', 'en', AMS_MON_1015, '2026-12-03T17:00:00+01:00'],
    ['3 mrt', 'nl', AMS_MON_1015, '2027-03-03T17:00:00+01:00'],
    ['5 mei', 'nl', AMS_MON_1015, '2027-05-05T17:00:00+02:00'],
    // With a time.
    ['Dec 3 at 2:30pm', 'en', AMS_MON_1015, '2026-12-03T14:30:00+01:00'],
    ['3 dec 10:00', 'nl', AMS_MON_1015, '2026-12-03T10:00:00+01:00'],
    ["3 december om half drie 's middags", 'nl', AMS_MON_1015, '2026-12-03T14:30:00+01:00'],
    // No year: this year's, or next year's once that moment has passed (both kinds).
    ['nov 1', 'en', AMS_MON_1015, '2027-11-01T17:00:00+01:00'],
    ['1 november', 'nl', AMS_MON_1015, '2027-11-01T09:00:00+01:00', 'start'],
    ['nov 23 4pm', 'en', AMS_MON_1015, '2026-11-23T16:00:00+01:00'],
    ['nov 23 9am', 'en', AMS_MON_1015, '2027-11-23T09:00:00+01:00'],
    ['23 nov', 'nl', KOLKATA_MON_2330, '2027-11-23T17:00:00+05:30'],
    // Year given: no roll; in the past it is refused.
    ['3 dec 2026', 'en', AMS_MON_1015, '2026-12-03T17:00:00+01:00'],
    ['2025-12-03', 'en', AMS_MON_1015, 'reject'],
    ['5 mei 2025', 'nl', AMS_MON_1015, 'reject'],
    ['nov 23 2026 9am', 'en', AMS_MON_1015, 'reject'],
    // A date must exist.
    ['31 february', 'en', AMS_MON_1015, 'reject'],
    ['feb 30', 'en', AMS_MON_1015, 'reject'],
    ['april 31', 'en', AMS_MON_1015, 'reject'],
    ['32 januari', 'nl', AMS_MON_1015, 'reject'],
    ['29 februari 2027', 'nl', AMS_MON_1015, 'reject'],
    ['29 februari 2028', 'nl', AMS_MON_1015, '2028-02-29T17:00:00+01:00'],
    ['31-4', 'nl', AMS_MON_1015, 'reject'],
    ['13/13', 'en', LONDON_MON_1015, 'reject'],
  ])(title, (...row) => run(row));
});

describe('rule 11: numeric dates follow the writer (month first in America/*, else day first; Dutch day first)', () => {
  it.each<Row>([
    ['12/3', 'en', NY_MON_1015, '2026-12-03T17:00:00-05:00'],
    ['12/3', 'en', LA_MON_1015, '2026-12-03T17:00:00-08:00'],
    ['12/3', 'en', TORONTO_MON_1015, '2026-12-03T17:00:00-05:00'],
    ['3/12', 'en', NY_MON_1015, '2027-03-12T17:00:00-05:00'],
    ['12/3 2pm', 'en', NY_MON_1015, '2026-12-03T14:00:00-05:00'],
    ['12/3/2027', 'en', NY_MON_1015, '2027-12-03T17:00:00-05:00'],
    ['12-3', 'en', NY_MON_1015, '2026-12-03T17:00:00-05:00'],
    ['2/30', 'en', NY_MON_1015, 'reject'],
    ['12/3', 'en', LONDON_MON_1015, '2027-03-12T17:00:00+00:00'],
    ['3/12', 'en', LONDON_MON_1015, '2026-12-03T17:00:00+00:00'],
    ['3/12 2pm', 'en', KOLKATA_MON_1015, '2026-12-03T14:00:00+05:30'],
    ['12/3', 'en', KOLKATA_MON_1015, '2027-03-12T17:00:00+05:30'],
    ['3/12', 'en', MANILA_MON_1015, '2026-12-03T17:00:00+08:00'],
    ['31/4', 'en', LONDON_MON_1015, 'reject'],
    // Dutch is day-month wherever the person is.
    ['3-12', 'nl', AMS_MON_1015, '2026-12-03T17:00:00+01:00'],
    ['3/12', 'nl', AMS_MON_1015, '2026-12-03T17:00:00+01:00'],
    ['3/12', 'nl', NY_MON_1015, '2026-12-03T17:00:00-05:00'],
    ['3-12 om 14:00', 'nl', AMS_MON_1015, '2026-12-03T14:00:00+01:00'],
    ['12-3', 'nl', AMS_MON_1015, '2027-03-12T17:00:00+01:00'],
    ['3-12-2026', 'nl', AMS_MON_1015, '2026-12-03T17:00:00+01:00'],
    ['3.12.2026', 'nl', AMS_MON_1015, '2026-12-03T17:00:00+01:00'],
  ])(title, (...row) => run(row));
});

describe("rule 11: the order of a numeric date is the writer's, the deadline the assignee's", () => {
  it.each([
    // A manager in New York sets a deadline for a VA in Manila: 12/3 is still December 3, at 17:00 in Manila.
    ['12/3', 'America/New_York', MANILA_MON_1015, '2026-12-03T17:00:00+08:00'],
    ['12/3', 'Europe/London', NY_MON_1015, '2027-03-12T17:00:00-05:00'],
  ] as const)('%s typed in %s for %j -> %s', (phrase, writerZone, at, expected) => {
    const input = { phrase, locale: 'en' as const, zone: at.zone, now: new Date(at.now), kind: 'due' as const, writerZone };
    const { got, ok } = checkPhrase(input, expected);
    expect(ok, `"${phrase}" gave ${got}, expected ${expected}`).toBe(true);
  });
});

describe('rule 12: the past is refused, except for the phrases that roll', () => {
  it.each<Row>([
    ['yesterday 5pm', 'en', AMS_MON_1015, 'reject'],
    ['today 9am', 'en', AMS_MON_1015, 'reject'],
    ['vandaag 9:00', 'nl', AMS_MON_1015, 'reject'],
    ['last friday', 'en', AMS_MON_1015, 'reject'],
    ['vorige vrijdag', 'nl', AMS_MON_1015, 'reject'],
    ['afgelopen maandag', 'nl', AMS_MON_1015, 'reject'],
    ['2 days ago', 'en', AMS_MON_1015, 'reject'],
    ['vorige week', 'nl', AMS_MON_1015, 'reject'],
    ['last week', 'en', AMS_MON_1015, 'reject'],
    ['eergisteren', 'nl', AMS_MON_1015, 'reject'],
    ['gisteren', 'nl', AMS_MON_1015, 'reject', 'start'],
    ['today 10pm', 'en', KOLKATA_MON_2330, 'reject'],
    ['today', 'en', KOLKATA_MON_2330, 'reject'],
    ['vandaag', 'nl', { zone: 'Europe/Amsterdam', now: '2026-11-23T17:00:00+01:00' }, 'reject'],
    // The rolling kinds: a bare weekday, a bare time, an end phrase, a date without year, "next".
    ['monday 9:00', 'en', AMS_MON_1015, '2026-11-30T09:00:00+01:00'],
    ['9:00', 'en', AMS_MON_1015, '2026-11-24T09:00:00+01:00'],
    ['eod', 'en', KOLKATA_MON_2330, '2026-11-24T17:00:00+05:30'],
    ['23 nov 9:00', 'en', AMS_MON_1015, '2027-11-23T09:00:00+01:00'],
    ['next monday 9:00', 'en', AMS_MON_1015, '2026-11-30T09:00:00+01:00|2026-12-07T09:00:00+01:00'],
  ])(title, (...row) => run(row));
});

describe('rule 14: filler words, case and abbreviations', () => {
  it.each<Row>([
    ['by friday', 'en', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['due friday', 'en', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['due by friday 5pm', 'en', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['on friday at 5pm', 'en', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['at 5pm', 'en', AMS_MON_1015, '2026-11-23T17:00:00+01:00'],
    ['uiterlijk vrijdag', 'nl', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['tegen vrijdag', 'nl', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['uiterlijk morgen om 12:00', 'nl', AMS_MON_1015, '2026-11-24T12:00:00+01:00'],
    ['tegen 17:00', 'nl', AMS_MON_1015, '2026-11-23T17:00:00+01:00'],
    ['om 17:00', 'nl', AMS_MON_1015, '2026-11-23T17:00:00+01:00'],
    ['op vrijdag om 17:00', 'nl', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['FRI 5 PM', 'en', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['Vrijdag', 'nl', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['wed', 'en', AMS_MON_1015, '2026-11-25T17:00:00+01:00'],
    ['Wed.', 'en', AMS_MON_1015, '2026-11-25T17:00:00+01:00'],
    ['DEC 3', 'en', AMS_MON_1015, '2026-12-03T17:00:00+01:00'],
    ['wo', 'nl', AMS_MON_1015, '2026-11-25T17:00:00+01:00'],
    ['  Friday,  5pm ', 'en', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    // The other language still reads: a Dutch team types English now and then.
    ['tomorrow 9am', 'nl', AMS_MON_1015, '2026-11-24T09:00:00+01:00'],
    ['morgen 9:00', 'en', AMS_MON_1015, '2026-11-24T09:00:00+01:00'],
  ])(title, (...row) => run(row));
});

describe('rule 16: what is not a date is refused', () => {
  it.each<Row>([
    ['flurday', 'en', AMS_MON_1015, 'reject'],
    ['vrijdog', 'nl', AMS_MON_1015, 'reject'],
    ['banana', 'en', AMS_MON_1015, 'reject'],
    ['friday banana', 'en', AMS_MON_1015, 'reject'],
    ['vrijdag banaan', 'nl', AMS_MON_1015, 'reject'],
    ['tomorrow or so', 'en', AMS_MON_1015, 'reject'],
    ['in 3 bananas', 'en', AMS_MON_1015, 'reject'],
    ['next flurday', 'en', AMS_MON_1015, 'reject'],
    ['5', 'en', AMS_MON_1015, 'reject'],
    ['', 'en', AMS_MON_1015, 'reject'],
    ['tomorrow friday', 'en', AMS_MON_1015, 'reject'],
    ['5pm 17:00', 'en', AMS_MON_1015, 'reject'],
  ])(title, (...row) => run(row));
});
