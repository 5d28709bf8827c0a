import type { Db } from '../../../db/database.js';
import type { BuiltinArgs, BuiltinMetric, BuiltinValues } from './metrics.builtin-types.js';
import { blockersRaised, blockersResolved, standupParticipation } from './metrics.builtins.standups.js';
import { onTimeRate, overdueNow, tasksCreated, tasksDone } from './metrics.builtins.tasks.js';
import type { Period } from './metrics.periods.js';
import { onboardingOnTrack, trainingAttendanceRate, trainingNoShows } from './metrics.builtins.trainings.js';

export type { BuiltinMetric } from './metrics.builtin-types.js';

/**
 * The registry of built-in metrics, in the order the digest shows them: tasks, standups, then classes'
 * attendance and no-shows and onboarding on track. A module with numbers adds one `BuiltinMetric` here.
 */
export const BUILTIN_METRICS: readonly BuiltinMetric[] = [tasksDone, tasksCreated, overdueNow, onTimeRate, standupParticipation, blockersRaised, blockersResolved, trainingAttendanceRate, trainingNoShows, onboardingOnTrack];

/** A built-in by its key or a Dutch alias, any case; null for a name that is none. */
export const findBuiltin = (name: string): BuiltinMetric | null => {
  const word = name.trim().toLowerCase().replace(/\s+/g, '-');
  return BUILTIN_METRICS.find((metric) => metric.key === word || metric.aliases.includes(word)) ?? null;
};

/** Every built-in's values over the periods: each group's statement once, all sent together. */
export const allBuiltinValues = async (args: BuiltinArgs): Promise<BuiltinValues> => {
  const groups = [...new Set(BUILTIN_METRICS.map((metric) => metric.group))];
  return Object.assign({}, ...(await Promise.all(groups.map((group) => group(args))))) as BuiltinValues;
};

/**
 * Every built-in's value for one period of a team, as the digest reads them: a period still running counts
 * up to `now` (default: the period's end), one not yet begun has null everywhere.
 */
export const builtinMetricValues = async ({ db, teamId, period, now }: { db: Db; teamId: number; period: Period; now?: Date }): Promise<{ key: string; value: number | null }[]> => {
  const values = await allBuiltinValues({ db, teamId, periods: [period], now: now ?? period.to });
  return BUILTIN_METRICS.map((metric) => ({ key: metric.key, value: values[metric.key]?.[0] ?? null }));
};
