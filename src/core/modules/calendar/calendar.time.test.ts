import { describe, expect, it } from 'vitest';
import { isBotError } from '../../errors.js';
import type { WorkingTime } from '../../working-time.js';
import { readEntryWhen, reminderMoment } from './calendar.time.js';

const nineToFive = (zone: string, extra: Partial<WorkingTime> = {}): WorkingTime => ({ zone, start: 9 * 60, end: 17 * 60, days: [1, 2, 3, 4, 5], absences: [], country: null, ...extra });

describe('reminder moments', () => {
  it('counts working days back across a DST change, at the start of each day in the owner’s zone', () => {
    // New York leaves daylight saving time on Sun 1 Nov 2026.
    const entry = { allDay: true, localDate: '2026-11-03', startsAt: new Date('2026-11-03T05:00:00Z') };
    const time = nineToFive('America/New_York');
    expect(reminderMoment({ entry, days: 1, time })).toEqual(new Date('2026-11-02T14:00:00Z'));
    expect(reminderMoment({ entry, days: 3, time })).toEqual(new Date('2026-10-29T13:00:00Z'));
  });

  it('skips absences and public holidays, and uses the owner’s own hours', () => {
    // Manila, 08:00-16:00; Mon 30 Nov 2026 is Bonifacio Day, and she is away on Fri 27 Nov.
    const entry = { allDay: true, localDate: '2026-12-01', startsAt: new Date('2026-11-30T23:00:00Z') };
    const time = nineToFive('Asia/Manila', { start: 8 * 60, end: 16 * 60, country: 'PH', absences: [{ from: '2026-11-27', to: '2026-11-27' }] });
    expect(reminderMoment({ entry, days: 1, time })).toEqual(new Date('2026-11-26T00:00:00Z'));
  });

  it('places a timed entry on its day in the owner’s zone', () => {
    // 03:00 on Wed 2 Dec in Amsterdam is still Tue 1 Dec in New York: one working day before is Mon 30 Nov.
    const entry = { allDay: false, localDate: null, startsAt: new Date('2026-12-02T02:00:00Z') };
    expect(reminderMoment({ entry, days: 1, time: nineToFive('America/New_York') })).toEqual(new Date('2026-11-30T14:00:00Z'));
    expect(reminderMoment({ entry, days: 1, time: nineToFive('Europe/Amsterdam') })).toEqual(new Date('2026-12-01T08:00:00Z'));
  });
});

describe('reading an entry’s when', () => {
  // Mon 23 Nov 2026, 23:00 in Amsterdam.
  const now = new Date('2026-11-23T22:00:00Z');
  const read = (text: string) => readEntryWhen({ text, now, zone: 'Europe/Amsterdam', locale: 'en' });

  it('makes a day alone an all-day entry, today included until midnight', () => {
    expect(read('today')).toEqual({ allDay: true, localDate: '2026-11-23', startsAt: new Date('2026-11-22T23:00:00Z') });
    expect(read('monday')).toMatchObject({ allDay: true, localDate: '2026-11-23' });
    expect(read('10 dec')).toEqual({ allDay: true, localDate: '2026-12-10', startsAt: new Date('2026-12-09T23:00:00Z') });
  });

  it('makes a clock time a timed entry, and refuses one already past', () => {
    expect(read('10 dec 14:00')).toEqual({ allDay: false, localDate: null, startsAt: new Date('2026-12-10T13:00:00Z') });
    const past = (() => {
      try {
        read('today 22:00');
      } catch (error) {
        return isBotError(error) ? error.code : error;
      }
      return null;
    })();
    expect(past).toBe('calendar.past');
  });
});
