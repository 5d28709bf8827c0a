import { describe, expect, it } from 'vitest';
import type { Locale } from '../i18n/catalog.js';
import { checkPhrase } from './score.js';
import type { WhenKind } from './when.js';

// ../shared/dates-rules.md, rules 1, 3, 4, 5 and 10: which day a phrase names. Each row: phrase, locale,
// moment, the accepted answers ("a|b" where the rule accepts two, "reject" for a refusal), kind.

type At = { zone: string; now: string };
type Row = [phrase: string, locale: Locale, at: At, expected: string, kind?: WhenKind];

const AMS_MON_1015: At = { zone: 'Europe/Amsterdam', now: '2026-11-23T10:15:00+01:00' };
const AMS_FRI_1800: At = { zone: 'Europe/Amsterdam', now: '2026-11-27T18:00:00+01:00' };
const AMS_SAT_1100: At = { zone: 'Europe/Amsterdam', now: '2026-11-28T11:00:00+01:00' };
const AMS_SUN_1100: At = { zone: 'Europe/Amsterdam', now: '2026-11-29T11:00:00+01:00' };
const NY_MON_1015: At = { zone: 'America/New_York', now: '2026-11-23T10:15:00-05:00' };
const LONDON_TUE_0005: At = { zone: 'Europe/London', now: '2026-11-24T00:05:00+00:00' };
const KOLKATA_MON_2330: At = { zone: 'Asia/Kolkata', now: '2026-11-23T23:30:00+05:30' };
const AMS_FRI_BEFORE_SPRING: At = { zone: 'Europe/Amsterdam', now: '2027-03-26T10:00:00+01:00' };

function run([phrase, locale, at, expected, kind = 'due']: Row): void {
  const { got, ok } = checkPhrase({ phrase, locale, zone: at.zone, now: new Date(at.now), kind }, expected);
  expect(ok, `"${phrase}" gave ${got}, expected ${expected}`).toBe(true);
}

const title = '%s (%s) at %j -> %s %s';

describe('rule 1: a date without a time is 17:00 for a deadline, 09:00 for a start', () => {
  it.each<Row>([
    ['friday', 'en', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['friday', 'en', AMS_MON_1015, '2026-11-27T09:00:00+01:00', 'start'],
    ['vrijdag', 'nl', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['vrijdag', 'nl', AMS_MON_1015, '2026-11-27T09:00:00+01:00', 'start'],
    ['dec 3', 'en', AMS_MON_1015, '2026-12-03T09:00:00+01:00', 'start'],
    ['3 december', 'nl', AMS_MON_1015, '2026-12-03T17:00:00+01:00'],
    ['tomorrow', 'en', NY_MON_1015, '2026-11-24T09:00:00-05:00', 'start'],
    ['morgen', 'nl', NY_MON_1015, '2026-11-24T17:00:00-05:00'],
  ])(title, (...row) => run(row));
});

describe('rule 3: a bare weekday is the next such day, today while its moment is ahead', () => {
  it.each<Row>([
    ['monday', 'en', AMS_MON_1015, '2026-11-23T17:00:00+01:00'],
    ['maandag', 'nl', AMS_MON_1015, '2026-11-23T17:00:00+01:00'],
    ['monday 9am', 'en', AMS_MON_1015, '2026-11-30T09:00:00+01:00'],
    ['monday', 'en', AMS_MON_1015, '2026-11-30T09:00:00+01:00', 'start'],
    ['by friday', 'en', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['uiterlijk vrijdag', 'nl', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['this friday', 'en', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['deze vrijdag', 'nl', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['fri', 'en', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['vr', 'nl', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['friday', 'en', AMS_FRI_1800, '2026-12-04T17:00:00+01:00'],
    ['this friday', 'en', AMS_FRI_1800, '2026-12-04T17:00:00+01:00'],
    ['vrijdag', 'nl', AMS_FRI_1800, '2026-12-04T17:00:00+01:00'],
    ['saturday', 'en', AMS_SAT_1100, '2026-11-28T17:00:00+01:00'],
    ['zondag', 'nl', AMS_SAT_1100, '2026-11-29T17:00:00+01:00'],
    ['monday', 'en', KOLKATA_MON_2330, '2026-11-30T17:00:00+05:30'],
    ['dinsdag', 'nl', KOLKATA_MON_2330, '2026-11-24T17:00:00+05:30'],
  ])(title, (...row) => run(row));
});

describe('rule 4: next, aanstaande and komende weekdays, and a weekday of next week', () => {
  it.each<Row>([
    // "next" may be the coming one or the one a week later.
    ['next friday', 'en', AMS_MON_1015, '2026-11-27T17:00:00+01:00|2026-12-04T17:00:00+01:00'],
    ['next monday', 'en', AMS_MON_1015, '2026-11-30T17:00:00+01:00|2026-12-07T17:00:00+01:00'],
    ['volgende vrijdag', 'nl', AMS_MON_1015, '2026-11-27T17:00:00+01:00|2026-12-04T17:00:00+01:00'],
    ['next monday', 'en', AMS_SUN_1100, '2026-11-30T17:00:00+01:00|2026-12-07T17:00:00+01:00'],
    ['next friday', 'en', AMS_FRI_1800, '2026-12-04T17:00:00+01:00|2026-12-11T17:00:00+01:00'],
    // "aanstaande" / "komende": only the first such day strictly after today.
    ['aanstaande vrijdag', 'nl', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['komende vrijdag', 'nl', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['aanstaande maandag', 'nl', AMS_MON_1015, '2026-11-30T17:00:00+01:00'],
    ['komende maandag 9:00', 'nl', AMS_SUN_1100, '2026-11-30T09:00:00+01:00'],
    ['vrijdag aanstaande', 'nl', AMS_FRI_1800, '2026-12-04T17:00:00+01:00'],
    ['this coming friday', 'en', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    // A weekday in next Monday-to-Sunday week.
    ['friday next week', 'en', AMS_MON_1015, '2026-12-04T17:00:00+01:00'],
    ['monday next week', 'en', AMS_MON_1015, '2026-11-30T17:00:00+01:00'],
    ['volgende week vrijdag', 'nl', AMS_MON_1015, '2026-12-04T17:00:00+01:00'],
    ['vrijdag volgende week', 'nl', AMS_SAT_1100, '2026-12-04T17:00:00+01:00'],
    ['volgende week maandag', 'nl', AMS_SUN_1100, '2026-11-30T17:00:00+01:00'],
    ['sunday next week', 'en', AMS_SUN_1100, '2026-12-06T17:00:00+01:00'],
    ['next week tuesday 10am', 'en', NY_MON_1015, '2026-12-01T10:00:00-05:00'],
  ])(title, (...row) => run(row));
});

describe('rule 5: relative days count local calendar days', () => {
  it.each<Row>([
    // 00:05 on Tuesday: "tomorrow" is Wednesday.
    ['tomorrow', 'en', LONDON_TUE_0005, '2026-11-25T17:00:00+00:00'],
    ['morgen', 'nl', LONDON_TUE_0005, '2026-11-25T17:00:00+00:00'],
    ['today', 'en', LONDON_TUE_0005, '2026-11-24T17:00:00+00:00'],
    ['vandaag', 'nl', LONDON_TUE_0005, '2026-11-24T09:00:00+00:00', 'start'],
    ['overmorgen', 'nl', LONDON_TUE_0005, '2026-11-26T17:00:00+00:00'],
    ['the day after tomorrow', 'en', LONDON_TUE_0005, '2026-11-26T17:00:00+00:00'],
    ['tomorrow 9am', 'en', KOLKATA_MON_2330, '2026-11-24T09:00:00+05:30'],
    ['morgen om 9:30', 'nl', KOLKATA_MON_2330, '2026-11-24T09:30:00+05:30'],
    ['tomorrow', 'en', AMS_FRI_BEFORE_SPRING, '2027-03-27T17:00:00+01:00'],
    ['overmorgen 12:00', 'nl', AMS_FRI_BEFORE_SPRING, '2027-03-28T12:00:00+02:00'],
    // Dayparts of today and tomorrow.
    ['tonight', 'en', LONDON_TUE_0005, '2026-11-24T20:00:00+00:00'],
    ['vanavond', 'nl', LONDON_TUE_0005, '2026-11-24T20:00:00+00:00'],
    ['this afternoon', 'en', LONDON_TUE_0005, '2026-11-24T15:00:00+00:00'],
    ['vanmiddag', 'nl', LONDON_TUE_0005, '2026-11-24T15:00:00+00:00'],
    ['vanmiddag', 'nl', LONDON_TUE_0005, '2026-11-24T15:00:00+00:00', 'start'],
    ['morgenochtend', 'nl', LONDON_TUE_0005, '2026-11-25T09:00:00+00:00'],
    ['morgenmiddag', 'nl', LONDON_TUE_0005, '2026-11-25T15:00:00+00:00'],
    ['morgenavond', 'nl', LONDON_TUE_0005, '2026-11-25T20:00:00+00:00'],
    ['tonight', 'en', AMS_FRI_1800, '2026-11-27T20:00:00+01:00'],
    // Relative days do not roll: in the past they are refused.
    ['today', 'en', AMS_FRI_1800, 'reject'],
    ['vandaag', 'nl', AMS_FRI_1800, 'reject'],
    ['vanmiddag', 'nl', AMS_FRI_1800, 'reject'],
    ['tonight', 'en', KOLKATA_MON_2330, 'reject'],
    ['yesterday', 'en', LONDON_TUE_0005, 'reject'],
    ['gisteren', 'nl', LONDON_TUE_0005, 'reject'],
    ['eergisteren', 'nl', LONDON_TUE_0005, 'reject'],
  ])(title, (...row) => run(row));
});

describe('rule 10: next week is Monday of next week, or a week from now', () => {
  it.each<Row>([
    ['next week', 'en', AMS_MON_1015, '2026-11-30T17:00:00+01:00|2026-11-30T10:15:00+01:00'],
    ['volgende week', 'nl', AMS_MON_1015, '2026-11-30T17:00:00+01:00|2026-11-30T10:15:00+01:00'],
    ['next week', 'en', AMS_MON_1015, '2026-11-30T09:00:00+01:00|2026-11-30T10:15:00+01:00', 'start'],
    ['next week', 'en', AMS_SAT_1100, '2026-11-30T17:00:00+01:00|2026-12-05T11:00:00+01:00'],
    ['volgende week', 'nl', AMS_SUN_1100, '2026-11-30T17:00:00+01:00|2026-12-06T11:00:00+01:00'],
    ['next week', 'en', AMS_FRI_BEFORE_SPRING, '2027-03-29T17:00:00+02:00|2027-04-02T10:00:00+02:00'],
  ])(title, (...row) => run(row));
});
