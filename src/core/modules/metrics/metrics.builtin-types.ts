import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { rowsOf } from '../../../db/rows.js';
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

/** One value per period (null: nothing to measure), in the order given, for each built-in a group computes. */
export type BuiltinValues = Record<string, (number | null)[]>;

/**
 * Built-ins that read the same rows are one statement (the tasks', the standup answers', the classes'): a
 * digest then costs a handful of round trips, each summing in PostgreSQL and returning a row per period.
 */
export type BuiltinGroup = (args: BuiltinArgs) => Promise<BuiltinValues>;

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
  /** The statement that computes it, with the others of its group (its values are under `key`). */
  group: BuiltinGroup;
}

/** One built-in's values (its group is read whole: the others' cost nothing more). */
export const computeBuiltin = async (metric: BuiltinMetric, args: BuiltinArgs): Promise<(number | null)[]> => (await metric.group(args))[metric.key] ?? args.periods.map(() => null);

export const spanOf = (periods: readonly Period[]) => ({ from: periods[0]!.from, to: periods[periods.length - 1]!.to });

/** When an "at the end of the period" number is taken: its end, or now for the period still running. */
export const momentOf = (period: Period, now: Date): Date => (period.to < now ? period.to : now);

/**
 * The periods as a table of the statement, `w`: `i` the index, [f, t) the instants, s..e the local dates,
 * `m` the moment an "at the end" number is taken (the end, or now for the period still running) and
 * `running` whether it still is.
 */
export const periodTable = (periods: readonly Period[], now: Date) => {
  const rows = periods.map((period, i) => ({
    i,
    f: period.from.toISOString(),
    t: period.to.toISOString(),
    s: period.start,
    e: period.end,
    m: momentOf(period, now).toISOString(),
    running: period.to > now,
  }));
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as w(i int, f timestamptz, t timestamptz, s date, e date, m timestamptz, running boolean)`;
};

/** Runs a group's statement: its rows by period index, zeros where a period had none. */
export const sumsByPeriod = async <K extends string>(db: Db, periods: readonly Period[], query: ReturnType<typeof sql>, columns: readonly K[]): Promise<Record<K, number>[]> => {
  const rows = rowsOf<Record<K | 'i', number | string>>(await db.execute(query));
  const zero = Object.fromEntries(columns.map((column) => [column, 0])) as Record<K, number>;
  const sums = periods.map(() => ({ ...zero }));
  for (const row of rows) {
    const into = sums[Number(row.i)];
    if (into) for (const column of columns) into[column] = Number(row[column]);
  }
  return sums;
};

/** Counts per period; a period not yet begun has none. */
export const countsOf = (periods: readonly Period[], now: Date, counts: number[]): (number | null)[] => periods.map((period, index) => (period.from > now ? null : counts[index]!));

/** A percentage per period from (hits, total) pairs; null where there was nothing to count or it has not begun. */
export const ratesOf = (periods: readonly Period[], now: Date, pairs: { hits: number; total: number }[]): (number | null)[] =>
  pairs.map(({ hits, total }, index) => (periods[index]!.from > now || total === 0 ? null : Math.round((hits / total) * 1000) / 10));
