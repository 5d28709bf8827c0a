import { describe, expect, it } from 'vitest';
import type { Locale } from '../i18n/catalog.js';
import { checkPhrase } from './score.js';
import type { WhenKind } from './when.js';

// ../shared/dates-rules.md, rule 15: the wall time is what counts, with the offset in force on that date. A
// time in a gap moves forward by the gap (03:30; 03:00, the first moment after it, is also right); a time in
// an overlap is its first occurrence (the second is also right). Each row: phrase, locale, moment, the
// accepted answers, kind.

type At = { zone: string; now: string };
type Row = [phrase: string, locale: Locale, at: At, expected: string, kind?: WhenKind];

const NY_FRI_BEFORE_SPRING: At = { zone: 'America/New_York', now: '2027-03-12T10:00:00-05:00' }; // Sun 14 Mar 02:00 -> 03:00
const NY_SUN_0100_SPRING: At = { zone: 'America/New_York', now: '2027-03-14T01:00:00-05:00' };
const NY_FRI_BEFORE_AUTUMN: At = { zone: 'America/New_York', now: '2026-10-30T10:00:00-04:00' }; // Sun 1 Nov 02:00 -> 01:00
const AMS_FRI_BEFORE_SPRING: At = { zone: 'Europe/Amsterdam', now: '2027-03-26T10:00:00+01:00' }; // Sun 28 Mar 02:00 -> 03:00
const AMS_SAT_BEFORE_SPRING: At = { zone: 'Europe/Amsterdam', now: '2027-03-27T10:00:00+01:00' };
const AMS_FRI_BEFORE_AUTUMN: At = { zone: 'Europe/Amsterdam', now: '2026-10-23T12:00:00+02:00' }; // Sun 25 Oct 03:00 -> 02:00
const SYDNEY_FRI_BEFORE_SPRING: At = { zone: 'Australia/Sydney', now: '2026-10-02T12:00:00+10:00' }; // Sun 4 Oct 02:00 -> 03:00
const SYDNEY_FRI_BEFORE_AUTUMN: At = { zone: 'Australia/Sydney', now: '2027-04-02T16:00:00+11:00' }; // Sun 4 Apr 03:00 -> 02:00
const AUCKLAND_FRI_BEFORE_SPRING: At = { zone: 'Pacific/Auckland', now: '2026-09-25T10:00:00+12:00' }; // Sun 27 Sep 02:00 -> 03:00
const AUCKLAND_THU_BEFORE_AUTUMN: At = { zone: 'Pacific/Auckland', now: '2027-04-01T10:00:00+13:00' }; // Sun 4 Apr 03:00 -> 02:00

function run([phrase, locale, at, expected, kind = 'due']: Row): void {
  const { got, ok } = checkPhrase({ phrase, locale, zone: at.zone, now: new Date(at.now), kind }, expected);
  expect(ok, `"${phrase}" gave ${got}, expected ${expected}`).toBe(true);
}

const title = '%s (%s) at %j -> %s %s';

describe('rule 15: a date and time is that wall time on the offset of that date', () => {
  it.each<Row>([
    ['monday 9am', 'en', NY_FRI_BEFORE_SPRING, '2027-03-15T09:00:00-04:00'],
    ['maandag 9:00', 'nl', NY_FRI_BEFORE_SPRING, '2027-03-15T09:00:00-04:00'],
    ['monday', 'en', NY_FRI_BEFORE_SPRING, '2027-03-15T17:00:00-04:00'],
    ['monday 9am', 'en', AMS_FRI_BEFORE_SPRING, '2027-03-29T09:00:00+02:00'],
    ['tomorrow 9am', 'en', AMS_SAT_BEFORE_SPRING, '2027-03-28T09:00:00+02:00'],
    ['morgenochtend', 'nl', AMS_SAT_BEFORE_SPRING, '2027-03-28T09:00:00+02:00'],
    ['monday 9am', 'en', NY_FRI_BEFORE_AUTUMN, '2026-11-02T09:00:00-05:00'],
    ['maandag', 'nl', AMS_FRI_BEFORE_AUTUMN, '2026-10-26T17:00:00+01:00'],
    ['monday 9am', 'en', SYDNEY_FRI_BEFORE_SPRING, '2026-10-05T09:00:00+11:00'],
    ['monday 9:00', 'en', SYDNEY_FRI_BEFORE_AUTUMN, '2027-04-05T09:00:00+10:00'],
    ['eow', 'en', SYDNEY_FRI_BEFORE_AUTUMN, '2027-04-02T17:00:00+11:00'],
    ['maandag', 'nl', AUCKLAND_THU_BEFORE_AUTUMN, '2027-04-05T17:00:00+12:00'],
  ])(title, (...row) => run(row));
});

describe('rule 15: a time in a gap moves forward', () => {
  it.each<Row>([
    ['sunday 2:30am', 'en', NY_FRI_BEFORE_SPRING, '2027-03-14T03:30:00-04:00|2027-03-14T03:00:00-04:00'],
    ['sunday 02:30', 'en', NY_FRI_BEFORE_SPRING, '2027-03-14T03:30:00-04:00|2027-03-14T03:00:00-04:00'],
    ['march 14 2:30am', 'en', NY_FRI_BEFORE_SPRING, '2027-03-14T03:30:00-04:00|2027-03-14T03:00:00-04:00'],
    ['3/14 2:30am', 'en', NY_FRI_BEFORE_SPRING, '2027-03-14T03:30:00-04:00|2027-03-14T03:00:00-04:00'],
    ['2:30am', 'en', NY_SUN_0100_SPRING, '2027-03-14T03:30:00-04:00|2027-03-14T03:00:00-04:00'],
    ['zondag 02:30', 'nl', AMS_FRI_BEFORE_SPRING, '2027-03-28T03:30:00+02:00|2027-03-28T03:00:00+02:00'],
    ["zondag half drie 's nachts", 'nl', AMS_FRI_BEFORE_SPRING, '2027-03-28T03:30:00+02:00|2027-03-28T03:00:00+02:00'],
    ['28-3 2:30', 'nl', AMS_FRI_BEFORE_SPRING, '2027-03-28T03:30:00+02:00|2027-03-28T03:00:00+02:00'],
    ['sunday 02:15', 'en', SYDNEY_FRI_BEFORE_SPRING, '2026-10-04T03:15:00+11:00|2026-10-04T03:00:00+11:00'],
    ['zondag 02:30', 'nl', AUCKLAND_FRI_BEFORE_SPRING, '2026-09-27T03:30:00+13:00|2026-09-27T03:00:00+13:00'],
  ])(title, (...row) => run(row));
});

describe('rule 15: a time in an overlap is its first occurrence (the second is also right)', () => {
  it.each<Row>([
    ['sunday 1:30am', 'en', NY_FRI_BEFORE_AUTUMN, '2026-11-01T01:30:00-04:00|2026-11-01T01:30:00-05:00'],
    ['nov 1 01:30', 'en', NY_FRI_BEFORE_AUTUMN, '2026-11-01T01:30:00-04:00|2026-11-01T01:30:00-05:00'],
    ['zondag 02:30', 'nl', AMS_FRI_BEFORE_AUTUMN, '2026-10-25T02:30:00+02:00|2026-10-25T02:30:00+01:00'],
    ["zondag om half drie 's nachts", 'nl', AMS_FRI_BEFORE_AUTUMN, '2026-10-25T02:30:00+02:00|2026-10-25T02:30:00+01:00'],
    ['sunday 02:30', 'en', SYDNEY_FRI_BEFORE_AUTUMN, '2027-04-04T02:30:00+11:00|2027-04-04T02:30:00+10:00'],
    ['sunday 02:30', 'en', AUCKLAND_THU_BEFORE_AUTUMN, '2027-04-04T02:30:00+13:00|2027-04-04T02:30:00+12:00'],
  ])(title, (...row) => run(row));
});
