import { describe, expect, it } from 'vitest';
import type { Locale } from '../i18n/catalog.js';
import { checkPhrase } from './score.js';
import type { WhenKind } from './when.js';

// ../shared/dates-rules.md, rules 2, 6 and 13: the time of day. Each row: phrase, locale, moment, the accepted
// answers ("a|b" where the rule accepts two, "reject" for a refusal), kind.

type At = { zone: string; now: string };
type Row = [phrase: string, locale: Locale, at: At, expected: string, kind?: WhenKind];

const AMS_MON_1015: At = { zone: 'Europe/Amsterdam', now: '2026-11-23T10:15:00+01:00' };
const NY_MON_1015: At = { zone: 'America/New_York', now: '2026-11-23T10:15:00-05:00' };
const MANILA_WED_1900: At = { zone: 'Asia/Manila', now: '2026-11-25T19:00:00+08:00' };
const KOLKATA_MON_2330: At = { zone: 'Asia/Kolkata', now: '2026-11-23T23:30:00+05:30' };

function run([phrase, locale, at, expected, kind = 'due']: Row): void {
  const { got, ok } = checkPhrase({ phrase, locale, zone: at.zone, now: new Date(at.now), kind }, expected);
  expect(ok, `"${phrase}" gave ${got}, expected ${expected}`).toBe(true);
}

const title = '%s (%s) at %j -> %s %s';

describe('rule 2: dayparts set the time, and place a 12-hour time in the day', () => {
  it.each<Row>([
    ['tomorrow morning', 'en', AMS_MON_1015, '2026-11-24T09:00:00+01:00'],
    ['tomorrow morning', 'en', AMS_MON_1015, '2026-11-24T09:00:00+01:00', 'start'],
    ['morgenochtend', 'nl', AMS_MON_1015, '2026-11-24T09:00:00+01:00'],
    ['morgen in de ochtend', 'nl', AMS_MON_1015, '2026-11-24T09:00:00+01:00'],
    ["vrijdag 's ochtends", 'nl', AMS_MON_1015, '2026-11-27T09:00:00+01:00'],
    ['noon', 'en', AMS_MON_1015, '2026-11-23T12:00:00+01:00'],
    ['tomorrow at midday', 'en', AMS_MON_1015, '2026-11-24T12:00:00+01:00'],
    ['friday afternoon', 'en', AMS_MON_1015, '2026-11-27T15:00:00+01:00'],
    ['vrijdagmiddag', 'nl', AMS_MON_1015, '2026-11-27T15:00:00+01:00'],
    ["donderdag 's middags", 'nl', AMS_MON_1015, '2026-11-26T15:00:00+01:00'],
    ['friday evening', 'en', AMS_MON_1015, '2026-11-27T20:00:00+01:00'],
    ['woensdagavond', 'nl', AMS_MON_1015, '2026-11-25T20:00:00+01:00', 'start'],
    // With a 12-hour time the daypart says which half of the day.
    ['tonight at 9', 'en', AMS_MON_1015, '2026-11-23T21:00:00+01:00'],
    ['tonight at 11:30', 'en', NY_MON_1015, '2026-11-23T23:30:00-05:00'],
    ['tomorrow at 3 in the afternoon', 'en', NY_MON_1015, '2026-11-24T15:00:00-05:00'],
    ['tomorrow morning at 10', 'en', NY_MON_1015, '2026-11-24T10:00:00-05:00'],
    ['friday 8 in the evening', 'en', NY_MON_1015, '2026-11-27T20:00:00-05:00'],
    ["half zes 's middags", 'nl', AMS_MON_1015, '2026-11-23T17:30:00+01:00'],
    ["half drie 's nachts", 'nl', AMS_MON_1015, '2026-11-24T02:30:00+01:00'],
    ["om 8 uur 's ochtends", 'nl', AMS_MON_1015, '2026-11-24T08:00:00+01:00'],
    ["morgen om 8 uur 's avonds", 'nl', AMS_MON_1015, '2026-11-24T20:00:00+01:00'],
    ["vrijdag 's avonds om half negen", 'nl', AMS_MON_1015, '2026-11-27T20:30:00+01:00'],
    ["vrijdag om kwart voor vijf 's middags", 'nl', AMS_MON_1015, '2026-11-27T16:45:00+01:00'],
    ['vanavond om 9 uur', 'nl', AMS_MON_1015, '2026-11-23T21:00:00+01:00'],
    ['morgenmiddag om 2 uur', 'nl', AMS_MON_1015, '2026-11-24T14:00:00+01:00'],
    ['morgenochtend om half tien', 'nl', AMS_MON_1015, '2026-11-24T09:30:00+01:00'],
  ])(title, (...row) => run(row));
});

describe('rule 6: a bare time is today while ahead, else tomorrow', () => {
  it.each<Row>([
    ['5pm', 'en', AMS_MON_1015, '2026-11-23T17:00:00+01:00'],
    ['9am', 'en', AMS_MON_1015, '2026-11-24T09:00:00+01:00'],
    ['17:00', 'nl', AMS_MON_1015, '2026-11-23T17:00:00+01:00'],
    ['08:00', 'en', AMS_MON_1015, '2026-11-24T08:00:00+01:00'],
    // An instant equal to now is past.
    ['10:15', 'en', AMS_MON_1015, '2026-11-24T10:15:00+01:00'],
    ['noon', 'en', MANILA_WED_1900, '2026-11-26T12:00:00+08:00'],
    ["om 8 uur 's ochtends", 'nl', AMS_MON_1015, '2026-11-24T08:00:00+01:00'],
    ["'s avonds om 8", 'nl', MANILA_WED_1900, '2026-11-25T20:00:00+08:00'],
    ['9am', 'en', KOLKATA_MON_2330, '2026-11-24T09:00:00+05:30'],
    ['23:45', 'en', KOLKATA_MON_2330, '2026-11-23T23:45:00+05:30'],
    ['at 9:30', 'en', NY_MON_1015, '2026-11-24T09:30:00-05:00'],
  ])(title, (...row) => run(row));
});

describe('rule 13: the forms of a time, and Dutch clock idioms', () => {
  it.each<Row>([
    ['friday 5pm', 'en', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['friday 5 PM', 'en', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['friday 5:30 pm', 'en', AMS_MON_1015, '2026-11-27T17:30:00+01:00'],
    ['friday 5.30pm', 'en', AMS_MON_1015, '2026-11-27T17:30:00+01:00'],
    ['friday 12am', 'en', AMS_MON_1015, '2026-11-27T00:00:00+01:00'],
    ['friday 12pm', 'en', AMS_MON_1015, '2026-11-27T12:00:00+01:00'],
    ['friday 17:00', 'en', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['vrijdag 17.00 uur', 'nl', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['vrijdag 17u', 'nl', AMS_MON_1015, '2026-11-27T17:00:00+01:00'],
    ['vrijdag 15u30', 'nl', AMS_MON_1015, '2026-11-27T15:30:00+01:00'],
    // h:mm without am/pm is 24-hour.
    ['zondag 02:30', 'nl', AMS_MON_1015, '2026-11-29T02:30:00+01:00'],
    ['friday 5:30', 'en', AMS_MON_1015, '2026-11-27T05:30:00+01:00'],
    // A bare hour 1..6 in English may be the afternoon; other hours are the morning.
    ['friday at 5', 'en', AMS_MON_1015, '2026-11-27T17:00:00+01:00|2026-11-27T05:00:00+01:00'],
    ['friday at 9', 'en', AMS_MON_1015, '2026-11-27T09:00:00+01:00'],
    // Dutch idioms count towards the next full hour; without a daypart both halves of the day are right.
    ['donderdag om half zes', 'nl', AMS_MON_1015, '2026-11-26T05:30:00+01:00|2026-11-26T17:30:00+01:00'],
    ['donderdag half drie', 'nl', AMS_MON_1015, '2026-11-26T02:30:00+01:00|2026-11-26T14:30:00+01:00'],
    ['vrijdag om kwart over drie', 'nl', AMS_MON_1015, '2026-11-27T03:15:00+01:00|2026-11-27T15:15:00+01:00'],
    ['vrijdag kwart voor vijf', 'nl', AMS_MON_1015, '2026-11-27T04:45:00+01:00|2026-11-27T16:45:00+01:00'],
    ['vrijdag om tien over half tien', 'nl', AMS_MON_1015, '2026-11-27T09:40:00+01:00|2026-11-27T21:40:00+01:00'],
    ['vrijdag om vijf voor half zes', 'nl', AMS_MON_1015, '2026-11-27T05:25:00+01:00|2026-11-27T17:25:00+01:00'],
    ['vrijdag om tien voor vier', 'nl', AMS_MON_1015, '2026-11-27T03:50:00+01:00|2026-11-27T15:50:00+01:00'],
    ['vrijdag om half 6', 'nl', AMS_MON_1015, '2026-11-27T05:30:00+01:00|2026-11-27T17:30:00+01:00'],
    ['vrijdag om half een', 'nl', AMS_MON_1015, '2026-11-27T00:30:00+01:00|2026-11-27T12:30:00+01:00'],
    ['vrijdag om 9 uur', 'nl', AMS_MON_1015, '2026-11-27T09:00:00+01:00|2026-11-27T21:00:00+01:00'],
    ['vrijdag om 5 uur', 'nl', AMS_MON_1015, '2026-11-27T05:00:00+01:00|2026-11-27T17:00:00+01:00'],
    ['vrijdag om drie uur', 'nl', AMS_MON_1015, '2026-11-27T03:00:00+01:00|2026-11-27T15:00:00+01:00'],
    ['half zes', 'nl', AMS_MON_1015, '2026-11-24T05:30:00+01:00|2026-11-23T17:30:00+01:00'],
    ['om 9 uur', 'nl', AMS_MON_1015, '2026-11-24T09:00:00+01:00|2026-11-23T21:00:00+01:00'],
    // Each reading follows the other rules: the morning one is past here, the evening one is not.
    ['vandaag om 9 uur', 'nl', AMS_MON_1015, 'reject|2026-11-23T21:00:00+01:00'],
    // Idioms in an English team, English idioms in a Dutch one.
    ['friday half zes', 'en', AMS_MON_1015, '2026-11-27T05:30:00+01:00|2026-11-27T17:30:00+01:00'],
    ['friday half past five', 'nl', AMS_MON_1015, '2026-11-27T05:30:00+01:00|2026-11-27T17:30:00+01:00'],
    ['friday quarter to nine', 'en', AMS_MON_1015, '2026-11-27T08:45:00+01:00'],
    // A time must exist.
    ['25:00', 'en', AMS_MON_1015, 'reject'],
    ['13pm', 'en', AMS_MON_1015, 'reject'],
    ['friday 24:30', 'en', AMS_MON_1015, 'reject'],
    ['vrijdag 17:60', 'nl', AMS_MON_1015, 'reject'],
    ['0pm', 'en', AMS_MON_1015, 'reject'],
  ])(title, (...row) => run(row));
});
