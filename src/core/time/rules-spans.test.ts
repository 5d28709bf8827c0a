import { describe, expect, it } from 'vitest';
import type { Locale } from '../i18n/catalog.js';
import { checkPhrase } from './score.js';
import type { WhenKind } from './when.js';

// ../shared/dates-rules.md, rules 7, 8 and 9: end phrases and spans from now. Each row: phrase, locale,
// moment, the accepted answers ("a|b" where the rule accepts two, "reject" for a refusal), kind.

type At = { zone: string; now: string };
type Row = [phrase: string, locale: Locale, at: At, expected: string, kind?: WhenKind];

const AMS_MON_1015: At = { zone: 'Europe/Amsterdam', now: '2026-11-23T10:15:00+01:00' };
const AMS_FRI_1800: At = { zone: 'Europe/Amsterdam', now: '2026-11-27T18:00:00+01:00' };
const AMS_SAT_1100: At = { zone: 'Europe/Amsterdam', now: '2026-11-28T11:00:00+01:00' };
const AMS_LAST_DAY_1600: At = { zone: 'Europe/Amsterdam', now: '2026-11-30T16:00:00+01:00' };
const AMS_LAST_DAY_1800: At = { zone: 'Europe/Amsterdam', now: '2026-11-30T18:00:00+01:00' };
const NY_JAN_31_1800: At = { zone: 'America/New_York', now: '2027-01-31T18:00:00-05:00' };
const MANILA_SUN_0900: At = { zone: 'Asia/Manila', now: '2026-11-29T09:00:00+08:00' };
const AMS_SPRING_0130: At = { zone: 'Europe/Amsterdam', now: '2027-03-28T01:30:00+01:00' }; // clocks go 02:00 -> 03:00
const AMS_AUTUMN_0130: At = { zone: 'Europe/Amsterdam', now: '2026-10-25T01:30:00+02:00' }; // clocks go 03:00 -> 02:00
const NY_SPRING_0130: At = { zone: 'America/New_York', now: '2027-03-14T01:30:00-05:00' };
const AMS_FRI_BEFORE_SPRING: At = { zone: 'Europe/Amsterdam', now: '2027-03-26T10:00:00+01:00' };
const NY_FRI_BEFORE_AUTUMN: At = { zone: 'America/New_York', now: '2026-10-30T10:00:00-04:00' };

function run([phrase, locale, at, expected, kind = 'due']: Row): void {
  const { got, ok } = checkPhrase({ phrase, locale, zone: at.zone, now: new Date(at.now), kind }, expected);
  expect(ok, `"${phrase}" gave ${got}, expected ${expected}`).toBe(true);
}

const title = '%s (%s) at %j -> %s %s';

describe('rule 7: end phrases are at 17:00 and roll once passed', () => {
  it.each<Row>([
    ['eod', 'en', AMS_MON_1015, '2026-11-23T17:00:00+01:00'],
    ['eod', 'en', AMS_MON_1015, '2026-11-23T17:00:00+01:00', 'start'],
    ['end of day', 'en', AMS_MON_1015, '2026-11-23T17:00:00+01:00'],
    ['by the end of the day', 'en', AMS_MON_1015, '2026-11-23T17:00:00+01:00'],
    ['einde van de dag', 'nl', AMS_MON_1015, '2026-11-23T17:00:00+01:00'],
    ['eind van de dag', 'nl', AMS_MON_1015, '2026-11-23T17:00:00+01:00'],
    ['eod', 'en', AMS_FRI_1800, '2026-11-28T17:00:00+01:00'],
    ['einde van de dag', 'nl', AMS_FRI_1800, '2026-11-28T17:00:00+01:00'],
    ['tomorrow eod', 'en', AMS_MON_1015, '2026-11-24T17:00:00+01:00'],
    ['morgen einde van de dag', 'nl', AMS_MON_1015, '2026-11-24T17:00:00+01:00'],
    ['friday eod', 'en', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    // End of week: this week's Friday, or next Friday once passed (also at the weekend).
    ['eow', 'en', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['end of week', 'en', AMS_MON_1015, '2026-11-27T17:00:00+01:00', 'start'],
    ['end of the week', 'en', AMS_FRI_1800, '2026-12-04T17:00:00+01:00'],
    ['eind van de week', 'nl', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['einde van de week', 'nl', AMS_SAT_1100, '2026-12-04T17:00:00+01:00'],
    ['eow', 'en', MANILA_SUN_0900, '2026-12-04T17:00:00+08:00'],
    // End of month: its last day at 17:00, or the last day of next month once that has passed.
    ['end of month', 'en', AMS_MON_1015, '2026-11-30T17:00:00+01:00'],
    ['end of the month', 'en', AMS_LAST_DAY_1600, '2026-11-30T17:00:00+01:00'],
    ['end of month', 'en', AMS_LAST_DAY_1800, '2026-12-31T17:00:00+01:00'],
    ['eind van de maand', 'nl', AMS_MON_1015, '2026-11-30T17:00:00+01:00'],
    ['einde van de maand', 'nl', AMS_LAST_DAY_1800, '2026-12-31T17:00:00+01:00'],
    ['uiterlijk eind van de maand', 'nl', AMS_LAST_DAY_1800, '2026-12-31T17:00:00+01:00', 'start'],
    ['end of month', 'en', NY_JAN_31_1800, '2027-02-28T17:00:00-05:00'],
  ])(title, (...row) => run(row));
});

describe('rule 8: minutes and hours are exact elapsed time', () => {
  it.each<Row>([
    ['in 2 hours', 'en', AMS_MON_1015, '2026-11-23T12:15:00+01:00'],
    ['in two hours', 'en', AMS_MON_1015, '2026-11-23T12:15:00+01:00'],
    ['in 90 minutes', 'en', AMS_MON_1015, '2026-11-23T11:45:00+01:00'],
    ['in half an hour', 'en', AMS_MON_1015, '2026-11-23T10:45:00+01:00'],
    ['in an hour and a half', 'en', AMS_MON_1015, '2026-11-23T11:45:00+01:00'],
    ['over 3 uur', 'nl', AMS_MON_1015, '2026-11-23T13:15:00+01:00'],
    ['over drie uur', 'nl', AMS_MON_1015, '2026-11-23T13:15:00+01:00'],
    ['over anderhalf uur', 'nl', AMS_MON_1015, '2026-11-23T11:45:00+01:00'],
    ['over een half uur', 'nl', AMS_MON_1015, '2026-11-23T10:45:00+01:00'],
    ['over een kwartier', 'nl', AMS_MON_1015, '2026-11-23T10:30:00+01:00'],
    ['over 45 minuten', 'nl', AMS_MON_1015, '2026-11-23T11:00:00+01:00'],
    // Across a DST change the wall clock moves by an hour more or less.
    ['in 1 hour', 'en', AMS_SPRING_0130, '2027-03-28T03:30:00+02:00'],
    ['over anderhalf uur', 'nl', AMS_SPRING_0130, '2027-03-28T04:00:00+02:00'],
    ['over 2 uur', 'nl', AMS_AUTUMN_0130, '2026-10-25T02:30:00+01:00'],
    ['in 2 hours', 'en', NY_SPRING_0130, '2027-03-14T04:30:00-04:00'],
    ['in 72 hours', 'en', AMS_FRI_BEFORE_SPRING, '2027-03-29T11:00:00+02:00'],
    ['in 72 hours', 'en', NY_FRI_BEFORE_AUTUMN, '2026-11-02T09:00:00-05:00'],
    ['2 hours ago', 'en', AMS_MON_1015, 'reject'],
  ])(title, (...row) => run(row));
});

describe('rule 9: days and weeks are calendar days, at the default time or the same wall time', () => {
  it.each<Row>([
    ['in 3 days', 'en', AMS_MON_1015, '2026-11-26T17:00:00+01:00|2026-11-26T10:15:00+01:00'],
    ['in 1 day', 'en', AMS_MON_1015, '2026-11-24T17:00:00+01:00|2026-11-24T10:15:00+01:00'],
    ['in a week', 'en', AMS_MON_1015, '2026-11-30T17:00:00+01:00|2026-11-30T10:15:00+01:00'],
    ['in two weeks', 'en', AMS_MON_1015, '2026-12-07T17:00:00+01:00|2026-12-07T10:15:00+01:00'],
    ['in 3 days', 'en', AMS_MON_1015, '2026-11-26T09:00:00+01:00|2026-11-26T10:15:00+01:00', 'start'],
    ['over 2 dagen', 'nl', AMS_MON_1015, '2026-11-25T17:00:00+01:00|2026-11-25T10:15:00+01:00'],
    ['over een week', 'nl', AMS_MON_1015, '2026-11-30T17:00:00+01:00|2026-11-30T10:15:00+01:00'],
    ['over twee weken', 'nl', AMS_MON_1015, '2026-12-07T17:00:00+01:00|2026-12-07T10:15:00+01:00'],
    ['3 days from now', 'en', AMS_MON_1015, '2026-11-26T17:00:00+01:00|2026-11-26T10:15:00+01:00'],
    // Unlike "in 72 hours", calendar days keep the wall clock across a DST change.
    ['in 3 days', 'en', AMS_FRI_BEFORE_SPRING, '2027-03-29T17:00:00+02:00|2027-03-29T10:00:00+02:00'],
    ['over 3 dagen', 'nl', NY_FRI_BEFORE_AUTUMN, '2026-11-02T17:00:00-05:00|2026-11-02T10:00:00-05:00'],
    ['in 3 days at 9am', 'en', AMS_MON_1015, '2026-11-26T09:00:00+01:00'],
    ['over 2 dagen om 14:00', 'nl', AMS_MON_1015, '2026-11-25T14:00:00+01:00'],
    ['2 days ago', 'en', AMS_MON_1015, 'reject'],
    ['3 dagen geleden', 'nl', AMS_MON_1015, 'reject'],
  ])(title, (...row) => run(row));
});
