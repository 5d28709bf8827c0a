import type { Db } from '../../../db/database.js';
import type { MessageKey } from '../../i18n/catalog.js';
import type { Period } from './metrics.periods.js';

export interface BuiltinArgs {
  db: Db;
  teamId: number;
  /** Consecutive periods of one cadence, oldest first; one query covers them all. */
  periods: readonly Period[];
  /** A period still running is counted up to now; one not yet begun has no value. */
  now: Date;
}

/**
 * A number the bot computes from its own rows, no logging needed. A module that lands later (trainings'
 * attendance and no-shows, onboarding progress) adds one of these to `BUILTIN_METRICS` in metrics.builtins.ts.
 */
export interface BuiltinMetric {
  /** What `/metric show <key>` takes; also the metric's name in the digest. */
  key: string;
  /** Dutch names that `/metric show` reads as this one. */
  aliases: readonly string[];
  name: MessageKey;
  unit: '%' | 'count';
  direction: 'higher' | 'lower';
  /** One value per period (null: nothing to measure), in the order given. */
  compute(args: BuiltinArgs): Promise<(number | null)[]>;
}

export const spanOf = (periods: readonly Period[]) => ({ from: periods[0]!.from, to: periods[periods.length - 1]!.to });

/** Which of the periods an instant falls in, or -1. */
export const bucketOf = (periods: readonly Period[], at: Date): number => periods.findIndex((period) => at >= period.from && at < period.to);

/** Which of the periods a local date falls in, or -1. */
export const bucketOfDate = (periods: readonly Period[], date: string): number => periods.findIndex((period) => date >= period.start && date <= period.end);

/** Counts per period; a period not yet begun has none. */
export const countsOf = (periods: readonly Period[], now: Date, buckets: number[]): (number | null)[] =>
  periods.map((period, index) => (period.from > now ? null : buckets.filter((bucket) => bucket === index).length));

/** A percentage per period from (hits, total) pairs; null where there was nothing to count. */
export const ratesOf = (pairs: { hits: number; total: number }[]): (number | null)[] => pairs.map(({ hits, total }) => (total === 0 ? null : Math.round((hits / total) * 1000) / 10));
