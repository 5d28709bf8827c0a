import { describe, expect, it } from 'vitest';
import type { TeamRow } from '../../identity.js';
import { periodOfKey } from './metrics.periods.js';
import { DEFAULT_DIGEST } from '../digests/digests.settings.js';
import { digestAfter as digestAt, nudgeMomentFor as nudgeAt, periodReportedBy } from './metrics.schedule.js';

const digestAfter = (team: TeamRow, period: Parameters<typeof digestAt>[1], schedule = DEFAULT_DIGEST) => digestAt(team, period, schedule);
const nudgeMomentFor = (team: TeamRow, period: Parameters<typeof nudgeAt>[1], schedule = DEFAULT_DIGEST) => nudgeAt(team, period, schedule);

const team = (overrides: Partial<TeamRow> = {}) => ({ id: 1, zone: 'Europe/Amsterdam', workingDays: [1, 2, 3, 4, 5], ...overrides }) as TeamRow;
const week = (key: string, zone = 'Europe/Amsterdam') => periodOfKey(key, zone)!;

describe('the digest moment and the reminder before it, in the team’s zone', () => {
  it('reports a week at Monday 09:00 after it and reminds at the start of the Friday before', () => {
    expect(digestAfter(team(), week('2026-W48')).toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(nudgeMomentFor(team(), week('2026-W48')).toISOString()).toBe('2026-11-26T23:00:00.000Z');
    expect(periodReportedBy(team(), 'weekly', new Date('2026-11-30T08:00:00Z')).key).toBe('2026-W48');
  });

  it('keeps 09:00 and midnight on the wall clock across both DST changes', () => {
    // Autumn: the week of Sun 25 Oct 2026 (03:00 -> 02:00). The Friday is still summer time, the Monday winter time.
    expect(nudgeMomentFor(team(), week('2026-W43')).toISOString()).toBe('2026-10-22T22:00:00.000Z');
    expect(digestAfter(team(), week('2026-W43')).toISOString()).toBe('2026-10-26T08:00:00.000Z');
    // Spring: the week of Sun 29 Mar 2026 (02:00 -> 03:00).
    expect(nudgeMomentFor(team(), week('2026-W13')).toISOString()).toBe('2026-03-26T23:00:00.000Z');
    expect(digestAfter(team(), week('2026-W13')).toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('reports a month at the first digest after it ends, and skips days the team does not work', () => {
    const november = periodOfKey('2026-11', 'Europe/Amsterdam')!;
    expect(digestAfter(team(), november).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(periodReportedBy(team(), 'monthly', new Date('2026-12-07T08:00:00Z')).key).toBe('2026-11');
    // A team off on Fridays is reminded on Thursday.
    expect(nudgeMomentFor(team({ workingDays: [1, 2, 3, 4] }), week('2026-W48')).toISOString()).toBe('2026-11-25T23:00:00.000Z');
    // In Auckland, Monday 09:00 is Sunday evening in UTC.
    expect(digestAfter(team({ zone: 'Pacific/Auckland' }), week('2026-W48', 'Pacific/Auckland')).toISOString()).toBe('2026-11-29T20:00:00.000Z');
  });

  it('follows a team’s own schedule: a Thursday 16:30 digest is reminded of on Wednesday', () => {
    const thursday = { ...DEFAULT_DIGEST, weekday: 4, minutes: 16 * 60 + 30 };
    // Week 48 ends Sunday 29 November: its digest is Thursday 3 December, 16:30 in Amsterdam (15:30 UTC).
    expect(digestAfter(team(), week('2026-W48'), thursday).toISOString()).toBe('2026-12-03T15:30:00.000Z');
    expect(nudgeMomentFor(team(), week('2026-W48'), thursday).toISOString()).toBe('2026-12-01T23:00:00.000Z');
  });
});
