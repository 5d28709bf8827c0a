import { describe, expect, it } from 'vitest';
import { lastWorkingMomentBefore } from './modules/tasks/tasks.warnings.js';
import { parseWorkingHours, weekOf } from './time/working-hours.js';
import { isAwayAt, nextWorkingDayStart, nextWorkingMoment, shiftAt, workingDateOf, workingDayEnd, type WorkingTime } from './working-time.js';

// Times below are Manila's (UTC+8, no DST): "Tue 23:00" is Tue 15:00Z.
const timeWith = (hours: string, extra: Partial<WorkingTime> = {}): WorkingTime => ({
  zone: 'Asia/Manila',
  ...weekOf(parseWorkingHours(hours), [1, 2, 3, 4, 5]),
  absences: [],
  country: null,
  ...extra,
});
const manila = (local: string) => new Date(`${local}+08:00`);
const iso = (date: Date) => date.toISOString();

describe('a night shift, 22:00-06:00 on Mon-Fri', () => {
  const night = timeWith('22:00-06:00');

  it.each([
    ['Tue 23:00, in the shift', '2026-11-24T23:00:00', '2026-11-24T23:00:00'],
    ['Wed 03:00, the same shift after midnight', '2026-11-25T03:00:00', '2026-11-25T03:00:00'],
    ['Wed 06:00, its end included', '2026-11-25T06:00:00', '2026-11-25T06:00:00'],
    ['Wed 12:00, held to the evening', '2026-11-25T12:00:00', '2026-11-25T22:00:00'],
    ['Sat 03:00, Friday night’s shift', '2026-11-28T03:00:00', '2026-11-28T03:00:00'],
    ['Sat 23:00, no shift starts on Saturday', '2026-11-28T23:00:00', '2026-11-30T22:00:00'],
    ['Mon 03:00, no shift started on Sunday', '2026-11-30T03:00:00', '2026-11-30T22:00:00'],
  ])('%s', (_what, at, expected) => expect(iso(nextWorkingMoment(manila(at), night))).toBe(iso(manila(expected))));

  it('counts 03:00 as part of the day the shift started, for the next working day and the day’s end', () => {
    expect(workingDateOf(manila('2026-11-25T03:00:00'), night)).toBe('2026-11-24');
    expect(iso(nextWorkingDayStart(manila('2026-11-25T03:00:00'), night))).toBe(iso(manila('2026-11-25T22:00:00')));
    expect(iso(workingDayEnd(manila('2026-11-24T23:00:00'), night))).toBe(iso(manila('2026-11-25T06:00:00')));
    expect(iso(workingDayEnd(manila('2026-11-25T12:00:00'), night))).toBe(iso(manila('2026-11-26T06:00:00')));
  });

  it('takes an absence on the day a shift starts as that whole shift off', () => {
    const away = { ...night, absences: [{ from: '2026-11-24', to: '2026-11-24' }] };
    expect(shiftAt(manila('2026-11-25T03:00:00'), away)).toBeNull();
    expect(isAwayAt(manila('2026-11-25T03:00:00'), away)).toBe(false); // Wednesday itself is no day off
    expect(iso(nextWorkingMoment(manila('2026-11-24T23:00:00'), away))).toBe(iso(manila('2026-11-25T22:00:00')));
  });

  it('finds the last working moment before a deadline in the afternoon: that morning’s 06:00', () => {
    expect(iso(lastWorkingMomentBefore(manila('2026-11-25T15:00:00'), night)!)).toBe(iso(manila('2026-11-25T06:00:00')));
  });
});

describe('hours per weekday: mon-thu 08:00-16:00, fri 08:00-12:00', () => {
  const week = timeWith('mon-thu 08:00-16:00, fri 08:00-12:00');

  it.each([
    ['Thu 15:00, in Thursday’s hours', '2026-11-26T15:00:00', '2026-11-26T15:00:00'],
    ['Fri 11:00, in Friday’s hours', '2026-11-27T11:00:00', '2026-11-27T11:00:00'],
    ['Fri 14:00, after Friday’s hours: Monday', '2026-11-27T14:00:00', '2026-11-30T08:00:00'],
    ['Fri 07:00, before: Friday 08:00', '2026-11-27T07:00:00', '2026-11-27T08:00:00'],
  ])('%s', (_what, at, expected) => expect(iso(nextWorkingMoment(manila(at), week))).toBe(iso(manila(expected))));

  it('ends Friday at noon', () => expect(iso(workingDayEnd(manila('2026-11-27T09:00:00'), week))).toBe(iso(manila('2026-11-27T12:00:00'))));

  it('works only the days named, whatever the team’s days', () => {
    const tuesdays = { ...timeWith('tue 10:00-14:00') };
    expect(iso(nextWorkingMoment(manila('2026-11-25T10:00:00'), tuesdays))).toBe(iso(manila('2026-12-01T10:00:00')));
  });
});
