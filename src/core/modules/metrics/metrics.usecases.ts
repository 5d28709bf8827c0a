import type { Db } from '../../../db/database.js';
import { botError } from '../../errors.js';
import type { PersonRow, Role, TeamRow } from '../../identity.js';
import { roleIn } from '../people/people.repository.js';
import { findBuiltin } from './metrics.builtins.js';
import { cancelNudges, planFirstNudge } from './metrics.nudge.js';
import { parseAmount } from './metrics.numbers.js';
import { parsePeriod, periodLabel, type Cadence, type Period } from './metrics.periods.js';
import { findMetricByName, insertMetric, markRemoved, recordValue, type MetricRow } from './metrics.repository.js';

export type MetricDeps = { db: Db; now: Date };

/** How a number is written in the team's language, for the "write it like" hint. */
export const numberExample = (team: TeamRow) => new Intl.NumberFormat(team.locale === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: 2 }).format(1234.5);

const readNumber = (text: string, team: TeamRow, code: 'metrics.bad_number' | 'metrics.bad_target'): number => {
  const value = parseAmount(text, team.locale);
  if (value === null) throw botError(code, { value: text.trim(), example: numberExample(team) });
  return value;
};

export interface NewMetric {
  name: string;
  unit?: string;
  targetText?: string;
  direction?: 'higher' | 'lower';
  cadence?: Cadence;
  owner?: PersonRow;
}

/**
 * A manager adds a metric. Its name is words, neither a number nor a built-in's; the owner, who logs it and
 * is reminded, is on the team. Refused before anything is stored; a name taken (any case) is refused by the
 * unique index, so two adds at once make one metric.
 */
export const addMetric = async ({ db, now, team, actor, input }: MetricDeps & { team: TeamRow; actor: PersonRow; input: NewMetric }): Promise<MetricRow> => {
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (findBuiltin(name)) throw botError('metrics.builtin_name', { name });
  if (parseAmount(name, 'en') !== null || !/\p{L}/u.test(name)) throw botError('metrics.bad_name', { name });
  const target = input.targetText !== undefined ? readNumber(input.targetText, team, 'metrics.bad_target') : null;
  if (input.owner && (await roleIn({ db, teamId: team.id, personId: input.owner.id })) === null) throw botError('metrics.owner_not_on_team', { person: input.owner.displayName });
  const metric = await insertMetric({
    db,
    values: { teamId: team.id, name, unit: input.unit?.trim() || null, target, direction: input.direction ?? 'higher', cadence: input.cadence ?? 'weekly', ownerId: input.owner?.id ?? null, createdBy: actor.id, createdAt: now },
  });
  if (!metric) throw botError('metrics.exists', { name });
  await planFirstNudge({ db, now, metric, team });
  return metric;
};

/** A custom metric by name; built-ins are refused with their own sentence, since they cannot be changed. */
export const findCustomMetric = async ({ db, team, name }: { db: Db; team: TeamRow; name: string }): Promise<MetricRow> => {
  const builtin = findBuiltin(name);
  if (builtin) throw botError('metrics.builtin_readonly', { name: builtin.key });
  const metric = await findMetricByName({ db, teamId: team.id, name: name.trim().replace(/\s+/g, ' ') });
  if (!metric) throw botError('metrics.not_found', { name: name.trim() });
  return metric;
};

/**
 * Logs a value for a period (this one by default) of the team's calendar. Managers and the metric's owner
 * log; a period not yet begun is refused. Logging a period again replaces its value; the history keeps both.
 */
export const logValue = async ({ db, now, team, actor, role, name, valueText, periodText }: MetricDeps & { team: TeamRow; actor: PersonRow; role: Role; name: string; valueText?: string; periodText?: string }): Promise<{ metric: MetricRow; period: Period; value: number; previous: number | null }> => {
  const metric = await findCustomMetric({ db, team, name });
  if (role !== 'manager' && metric.ownerId !== actor.id) throw botError('metrics.log_not_allowed', { name: metric.name });
  if (valueText === undefined || valueText.trim() === '') throw botError('metrics.value_required', { name: metric.name });
  const value = readNumber(valueText, team, 'metrics.bad_number');
  const period = parsePeriod(periodText, { cadence: metric.cadence, now, zone: team.zone, locale: team.locale });
  if (period.from > now) throw botError('metrics.future_period', { period: periodLabel(period, team.locale) });
  const { previous } = await recordValue({ db, metricId: metric.id, period: period.key, value, personId: actor.id, now });
  return { metric, period, value, previous };
};

/** A manager removes a metric: it leaves the list and the digest, its reminders stop, its values stay. */
export const removeMetric = async ({ db, now, team, name }: MetricDeps & { team: TeamRow; name: string }): Promise<MetricRow> => {
  const metric = await findCustomMetric({ db, team, name });
  await markRemoved({ db, metricId: metric.id, now });
  await cancelNudges({ db, metricId: metric.id });
  return metric;
};
