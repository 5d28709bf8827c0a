import type { Db } from '../../../db/database.js';
import type { TeamRow } from '../../identity.js';
import { changePercent } from '../metrics/metrics.numbers.js';
import { periodReportedBy } from '../metrics/metrics.schedule.js';
import { allBuiltinSeries, customSeries, type MetricSeries } from '../metrics/metrics.series.js';
import { listMetrics } from '../metrics/metrics.repository.js';

/** How many of the team's own metrics lead the digest; the built-ins follow. */
export const MAX_TEAM_HEADLINES = 5;
/** Weeks (or months) of trend per headline: the sparkline and the chart. */
export const TREND_PERIODS = 8;

/** One headline number of a digest: the period it reports against the one before, and its trend. */
export interface Headline {
  series: MetricSeries;
  current: number | null;
  previous: number | null;
  /** Percent change from the previous period; null when there is nothing to compare with. */
  change: number | null;
  /** Percent of the target reached (custom metrics with a target), else null. */
  progress: number | null;
}

const headlineOf = (series: MetricSeries): Headline => {
  const current = series.points.at(-1)?.value ?? null;
  const previous = series.points.at(-2)?.value ?? null;
  const progress = series.target !== null && series.target !== 0 && current !== null ? (current / series.target) * 100 : null;
  return { series, current, previous, change: changePercent(current, previous), progress };
};

/**
 * The digest's headline numbers for the digest that goes at `at`: the team's own metrics (up to five, in the
 * order they were added), each over the last period that ended before that day in its own cadence, then the
 * built-ins that have a value in either of the last two weeks. Also the portfolio summary of the Monday brief.
 */
export const digestHeadlines = async ({ db, team, at }: { db: Db; team: TeamRow; at: Date }): Promise<Headline[]> => {
  const own = (await listMetrics({ db, teamId: team.id })).slice(0, MAX_TEAM_HEADLINES);
  const week = periodReportedBy(team, 'weekly', at);
  // Every series at once (independent reads): a digest is then a few round trips, not thirty in a row.
  const [mine, builtins] = await Promise.all([
    Promise.all(own.map((metric) => customSeries({ db, metric, count: TREND_PERIODS, last: periodReportedBy(team, metric.cadence, at) }))),
    allBuiltinSeries({ db, teamId: team.id, count: TREND_PERIODS, now: at, last: week }),
  ]);
  return [...mine.map(headlineOf), ...builtins.map(headlineOf).filter((headline) => headline.current !== null || headline.previous !== null)];
};
