import { describe, expect, it } from 'vitest';
import { dayOff, isAwayAt, nextWorkingDayStart, nextWorkingMoment, workingDayEnd, type WorkingTime } from './working-time.js';

const manila: WorkingTime = { zone: 'Asia/Manila', start: 9 * 60, end: 17 * 60, days: [1, 2, 3, 4, 5], absences: [], country: null };
const at = (iso: string) => new Date(iso);

describe('working time', () => {
  it('keeps a moment inside working hours, end included', () => {
    expect(nextWorkingMoment(at('2026-11-24T02:30:00Z'), manila).toISOString()).toBe('2026-11-24T02:30:00.000Z'); // Tue 10:30
    expect(nextWorkingMoment(at('2026-11-24T09:00:00Z'), manila).toISOString()).toBe('2026-11-24T09:00:00.000Z'); // Tue 17:00
  });

  it('moves a 03:00 nudge to the start of that working day, and an evening one to the next morning', () => {
    expect(nextWorkingMoment(at('2026-11-23T19:00:00Z'), manila).toISOString()).toBe('2026-11-24T01:00:00.000Z'); // Tue 03:00 -> 09:00
    expect(nextWorkingMoment(at('2026-11-24T12:00:00Z'), manila).toISOString()).toBe('2026-11-25T01:00:00.000Z'); // Tue 20:00 -> Wed 09:00
  });

  it('skips weekends, absences and public holidays', () => {
    expect(nextWorkingMoment(at('2026-11-27T12:00:00Z'), manila).toISOString()).toBe('2026-11-30T01:00:00.000Z'); // Fri 20:00 -> Mon 09:00
    const away = { ...manila, absences: [{ from: '2026-11-30', to: '2026-12-01' }] };
    expect(nextWorkingMoment(at('2026-11-27T12:00:00Z'), away).toISOString()).toBe('2026-12-02T01:00:00.000Z');
    const filipino = { ...manila, country: 'PH' };
    // Mon 30 Nov 2026 is Bonifacio Day in the Philippines.
    expect(dayOff('2026-11-30', filipino)).toBe('holiday');
    expect(nextWorkingMoment(at('2026-11-27T12:00:00Z'), filipino).toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(isAwayAt(at('2026-11-30T03:00:00Z'), filipino)).toBe(true);
    expect(isAwayAt(at('2026-11-28T03:00:00Z'), filipino)).toBe(false); // a weekend is not an absence
  });

  it('finds the next working morning and the end of the working day in the person’s zone', () => {
    expect(nextWorkingDayStart(at('2026-11-24T02:00:00Z'), manila).toISOString()).toBe('2026-11-25T01:00:00.000Z');
    expect(workingDayEnd(at('2026-11-24T02:00:00Z'), manila).toISOString()).toBe('2026-11-24T09:00:00.000Z');
    expect(workingDayEnd(at('2026-11-24T12:00:00Z'), manila).toISOString()).toBe('2026-11-25T09:00:00.000Z');
  });

  it('keeps 09:00 local across daylight-saving changes', () => {
    const newYork: WorkingTime = { ...manila, zone: 'America/New_York' };
    // Spring forward on Sun 14 Mar 2027: Fri 12 Mar 09:00 is 14:00Z, Mon 15 Mar 09:00 is 13:00Z.
    expect(nextWorkingDayStart(at('2027-03-11T20:00:00Z'), newYork).toISOString()).toBe('2027-03-12T14:00:00.000Z');
    expect(nextWorkingDayStart(at('2027-03-12T20:00:00Z'), newYork).toISOString()).toBe('2027-03-15T13:00:00.000Z');
    const sydney: WorkingTime = { ...manila, zone: 'Australia/Sydney' };
    // Daylight saving ends on Sun 4 Apr 2027: Fri 2 Apr 09:00 is Thu 22:00Z, Mon 5 Apr 09:00 is Sun 23:00Z.
    expect(nextWorkingDayStart(at('2027-04-01T10:00:00Z'), sydney).toISOString()).toBe('2027-04-01T22:00:00.000Z');
    expect(nextWorkingDayStart(at('2027-04-02T10:00:00Z'), sydney).toISOString()).toBe('2027-04-04T23:00:00.000Z');
  });

  it('honours a team’s own working days (Sunday to Thursday)', () => {
    const dubai: WorkingTime = { ...manila, zone: 'Asia/Dubai', days: [7, 1, 2, 3, 4] };
    expect(nextWorkingDayStart(at('2026-11-26T06:00:00Z'), dubai).toISOString()).toBe('2026-11-29T05:00:00.000Z'); // Thu -> Sun 09:00
  });

  it('never loops forever for a person with no working day', () => {
    const never = { ...manila, days: [] };
    expect(nextWorkingMoment(at('2026-11-24T02:00:00Z'), never).toISOString()).toBe('2026-11-24T02:00:00.000Z');
  });
});
