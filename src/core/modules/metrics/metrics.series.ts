import type { Db } from '../../../db/database.js';
import { botError } from '../../errors.js';
import { computeBuiltin } from './metrics.builtin-types.js';
import { allBuiltinValues, BUILTIN_METRICS, findBuiltin, type BuiltinMetric } from './metrics.builtins.js';
import { periodAt, periodsEndingWith, type Cadence, type Period } from './metrics.periods.js';
import { getMetric, getTeam, valuesOf, type MetricRow } from './metrics.repository.js';

export interface SeriesPoint {
  period: Period;
  value: number | null;
}

/** A metric's last periods, oldest first, as `/metric show`, the digest and the chart read it. */
export interface MetricSeries {
  /** The custom metric's id, or null for a built-in. */
  metricId: number | null;
  /** The built-in's key, or null for a custom metric. */
  builtinKey: string | null;
  name: string;
  unit: string | null;
  direction: 'higher' | 'lower';
  target: number | null;
  cadence: Cadence;
  points: SeriesPoint[];
}

export type SeriesOf = { metricId: number; builtinKey?: undefined } | { builtinKey: string; metricId?: undefined };

/**
 * The last `periods` periods of a metric in the team's zone, ending with the one `now` falls in (or with
 * `last`, for a digest that reports the period just ended). A period without a value has `value: null`.
 */
export const metricSeries = async ({ db, teamId, periods = 8, now, last, ...of }: { db: Db; teamId: number; periods?: number; now: Date; last?: Period } & SeriesOf): Promise<MetricSeries> => {
  const team = await getTeam({ db, teamId });
  if (!team) throw botError('metrics.not_found', { name: String(of.metricId ?? of.builtinKey) });
  if (of.builtinKey !== undefined) {
    const builtin = findBuiltin(of.builtinKey);
    if (!builtin) throw botError('metrics.not_found', { name: of.builtinKey });
    return builtinSeries({ db, teamId, builtin, count: periods, now, last: last ?? periodAt('weekly', now, team.zone) });
  }
  const metric = await getMetric({ db, metricId: of.metricId });
  if (!metric || metric.teamId !== teamId) throw botError('metrics.not_found', { name: String(of.metricId) });
  return customSeries({ db, metric, count: periods, last: last ?? periodAt(metric.cadence, now, team.zone) });
};

export const customSeries = async ({ db, metric, count, last }: { db: Db; metric: MetricRow; count: number; last: Period }): Promise<MetricSeries> => {
  const list = periodsEndingWith(last, count);
  const values = await valuesOf({ db, metricId: metric.id, periods: list.map((period) => period.key) });
  return {
    metricId: metric.id,
    builtinKey: null,
    name: metric.name,
    unit: metric.unit,
    direction: metric.direction,
    target: metric.target,
    cadence: metric.cadence,
    points: list.map((period) => ({ period, value: values.get(period.key) ?? null })),
  };
};

const seriesOf = (builtin: BuiltinMetric, list: Period[], values: (number | null)[], last: Period): MetricSeries => ({
  metricId: null,
  builtinKey: builtin.key,
  name: builtin.key,
  unit: builtin.unit,
  direction: builtin.direction,
  target: null,
  cadence: last.cadence,
  points: list.map((period, index) => ({ period, value: values[index] ?? null })),
});

type BuiltinSeriesArgs = { db: Db; teamId: number; count: number; now: Date; last: Period };

export const builtinSeries = async ({ db, teamId, builtin, count, now, last }: BuiltinSeriesArgs & { builtin: BuiltinMetric }): Promise<MetricSeries> => {
  const list = periodsEndingWith(last, count);
  return seriesOf(builtin, list, await computeBuiltin(builtin, { db, teamId, periods: list, now }), last);
};

/** Every built-in's series, in the registry's order, from one statement per group. */
export const allBuiltinSeries = async ({ db, teamId, count, now, last }: BuiltinSeriesArgs): Promise<MetricSeries[]> => {
  const list = periodsEndingWith(last, count);
  const values = await allBuiltinValues({ db, teamId, periods: list, now });
  return BUILTIN_METRICS.map((builtin) => seriesOf(builtin, list, values[builtin.key] ?? [], last));
};

