import { describe, expect, it } from 'vitest';
import { isBotError } from '../../errors.js';
import { nextPeriod, parsePeriod, periodAt, periodContaining, periodLabel, periodOfKey, periodsEndingWith, previousPeriod } from './metrics.periods.js';

const AMS = 'Europe/Amsterdam';
const hours = (period: { from: Date; to: Date }) => (period.to.getTime() - period.from.getTime()) / 3_600_000;

describe('periods in the team’s zone', () => {
  it('are ISO weeks from Monday, keyed by ISO week year', () => {
    const week = periodContaining('weekly', '2026-11-27', AMS);
    expect(week).toMatchObject({ key: '2026-W48', start: '2026-11-23', end: '2026-11-29' });
    expect(week.from.toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(week.to.toISOString()).toBe('2026-11-29T23:00:00.000Z');
    // 1 Jan 2027 is a Friday: ISO week 53 of 2026.
    expect(periodContaining('weekly', '2027-01-01', AMS).key).toBe('2026-W53');
    expect(periodContaining('weekly', '2027-01-04', AMS).key).toBe('2027-W01');
    expect(periodLabel(week, 'en')).toBe('week 48 (23–29 Nov)');
    expect(periodLabel(periodContaining('weekly', '2026-12-01', AMS), 'nl')).toBe('week 49 (30 nov–6 dec)');
  });

  it('keep every local day of a week with a DST change: the week is 167 or 169 hours', () => {
    // Sun 29 Mar 2026 02:00 -> 03:00; Sun 25 Oct 2026 03:00 -> 02:00 in Europe/Amsterdam.
    const spring = periodContaining('weekly', '2026-03-25', AMS);
    expect(spring).toMatchObject({ key: '2026-W13', start: '2026-03-23', end: '2026-03-29' });
    expect(hours(spring)).toBe(167);
    expect(spring.to.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    const autumn = periodContaining('weekly', '2026-10-25', AMS);
    expect(autumn.key).toBe('2026-W43');
    expect(hours(autumn)).toBe(169);
    // Sunday evening after the change is still in that week, Monday 00:30 is the next one.
    expect(periodAt('weekly', new Date('2026-10-25T22:30:00Z'), AMS).key).toBe('2026-W43');
    expect(periodAt('weekly', new Date('2026-10-25T23:30:00Z'), AMS).key).toBe('2026-W44');
    // Consecutive weeks meet without a gap or an overlap.
    expect(nextPeriod(spring).from.getTime()).toBe(spring.to.getTime());
    expect(previousPeriod(autumn).to.getTime()).toBe(autumn.from.getTime());
  });

  it('reads the team’s wall clock, not the server’s: Monday morning in Auckland is still Sunday in UTC', () => {
    expect(periodAt('weekly', new Date('2026-11-29T20:00:00Z'), 'Pacific/Auckland').key).toBe('2026-W49');
    expect(periodAt('weekly', new Date('2026-11-29T20:00:00Z'), AMS).key).toBe('2026-W48');
    expect(periodAt('monthly', new Date('2026-11-30T23:30:00Z'), AMS).key).toBe('2026-12');
  });

  it('are months, and eight of them end with the one given', () => {
    const november = periodContaining('monthly', '2026-11-15', AMS);
    expect(november).toMatchObject({ key: '2026-11', start: '2026-11-01', end: '2026-11-30' });
    expect(periodsEndingWith(november, 8).map((period) => period.key)).toEqual(['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(periodOfKey('2026-W48', AMS)?.start).toBe('2026-11-23');
    expect(periodOfKey('2026-11', AMS)?.end).toBe('2026-11-30');
    expect(periodOfKey('2026-W54', AMS)).toBeNull();
    expect(periodOfKey('nonsense', AMS)).toBeNull();
  });

  // Friday 27 Nov 2026, 10:00 in Amsterdam.
  const now = new Date('2026-11-27T09:00:00Z');
  const read = (text: string | undefined, cadence: 'weekly' | 'monthly' = 'weekly', locale: 'en' | 'nl' = 'en') => parsePeriod(text, { cadence, now, zone: AMS, locale }).key;

  it.each([
    [undefined, 'weekly', '2026-W48'],
    ['this week', 'weekly', '2026-W48'],
    ['last week', 'weekly', '2026-W47'],
    ['vorige week', 'weekly', '2026-W47'],
    ['week 45', 'weekly', '2026-W45'],
    ['w50', 'weekly', '2025-W50'],
    ['2026-W40', 'weekly', '2026-W40'],
    ['monday', 'weekly', '2026-W48'],
    ['maandag', 'weekly', '2026-W48'],
    ['yesterday', 'weekly', '2026-W48'],
    ['20 nov', 'weekly', '2026-W47'],
    ['2026-11-16', 'weekly', '2026-W47'],
    ['next week', 'weekly', '2026-W49'],
    ['deze maand', 'monthly', '2026-11'],
    ['last month', 'monthly', '2026-10'],
    ['vorige maand', 'monthly', '2026-10'],
    ['october', 'monthly', '2026-10'],
    ['december', 'monthly', '2025-12'],
    ['dec 2026', 'monthly', '2026-12'],
    ['2026-09', 'monthly', '2026-09'],
    ['3 nov', 'monthly', '2026-11'],
  ] as const)('for %j (%s) is %s', (text, cadence, key) => {
    expect(read(text, cadence)).toBe(key);
  });

  it('refuses a phrase that names no period', () => {
    for (const text of ['abc', '9am', 'week 60']) {
      try {
        read(text);
        expect.unreachable(text);
      } catch (error) {
        expect(isBotError(error) && error.code).toBe('metrics.bad_period');
      }
    }
  });
});
