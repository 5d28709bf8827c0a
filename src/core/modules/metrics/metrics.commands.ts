import { z } from 'zod';
import { defineCommand, defineSubcommand, requireTeam, type BotModule } from '../../commands.js';
import { ephemeral, inChannel } from '../../invocation.js';
import { textMessage } from '../../messages.js';
import { getPeople } from '../people/people.repository.js';
import { allBuiltinValues, BUILTIN_METRICS, findBuiltin } from './metrics.builtins.js';
import { cadenceOf, directionOf, OWNER_WORDS, parseAdd, parseLog, parseName, PERIOD_WORDS, TARGET_WORDS, UNIT_WORDS } from './metrics.grammar.js';
import { listMessage, metricDetails, seriesMessage } from './metrics.messages.js';
import { metricsNotices } from './metrics.notices.js';
import { formatValue } from './metrics.numbers.js';
import { periodAt, periodLabel } from './metrics.periods.js';
import { listMetrics, type MetricRow } from './metrics.repository.js';
import { builtinSeries, customSeries } from './metrics.series.js';
import { addMetric, findCustomMetric, logValue, removeMetric } from './metrics.usecases.js';
import type { Db } from '../../../db/database.js';

const metricName = z.string({ error: 'metrics.name_required' }).trim().min(1, { error: 'metrics.name_required' }).max(40, { error: 'metrics.name_too_long' });
const nameOption = { name: 'name', kind: 'rest', required: true, description: 'Which metric' } as const;

const ownersOf = async (db: Db, metrics: MetricRow[]): Promise<Map<number, string>> => {
  const ids = [...new Set(metrics.flatMap((metric) => (metric.ownerId === null ? [] : [metric.ownerId])))];
  return new Map((ids.length === 0 ? [] : await getPeople({ db, ids })).map((person) => [person.id, person.displayName]));
};

const add = defineSubcommand({
  name: 'add',
  usage: 'add <name> [unit €|$|%|count|…] [target <n>] [higher|lower is better] [weekly|monthly] [owner @person]',
  example: '/metric add Revenue unit € target 10000 owner @maria',
  description: 'metrics.add.desc',
  access: { scope: 'team', role: 'manager' },
  options: [
    { name: 'name', kind: 'rest', required: true, description: 'The metric’s name' },
    { name: 'unit', kind: 'keyword', keywords: UNIT_WORDS, description: 'Unit' },
    { name: 'target', kind: 'keyword', keywords: TARGET_WORDS, description: 'Target value' },
    { name: 'better', kind: 'word', choices: ['higher', 'lower'], description: 'Higher or lower is better' },
    { name: 'cadence', kind: 'word', choices: ['weekly', 'monthly'], description: 'Weekly or monthly' },
    { name: 'owner', kind: 'person', keywords: OWNER_WORDS, description: 'Who logs it' },
  ],
  parse: parseAdd,
  input: z.object({
    name: metricName,
    unit: z.string().trim().min(1, { error: 'metrics.unit_too_long' }).max(12, { error: 'metrics.unit_too_long' }).optional(),
    target: z.string().optional(),
    better: z.preprocess(directionOf, z.enum(['higher', 'lower'], { error: 'metrics.bad_direction' })).optional(),
    cadence: z.preprocess(cadenceOf, z.enum(['weekly', 'monthly'], { error: 'metrics.bad_cadence' })).optional(),
    owner: z.string().optional(),
  }),
  run: async (input, ctx) => {
    const { team } = requireTeam(ctx);
    const owner = input.owner ? await ctx.person(input.owner) : undefined;
    const metric = await addMetric({ db: ctx.db, now: ctx.now, team, actor: ctx.actor, input: { name: input.name, unit: input.unit, targetText: input.target, direction: input.better, cadence: input.cadence, owner } });
    const details = metricDetails(metric, owner?.displayName ?? null, team.locale).join(', ');
    return inChannel(textMessage(ctx.t('metrics.added', { name: metric.name, details: ` (${details})` })));
  },
});

const log = defineSubcommand({
  name: 'log',
  usage: 'log <name> <value> [for <date or week>]',
  example: '/metric log Revenue 1,234.50',
  description: 'metrics.log.desc',
  access: { scope: 'team' },
  options: [
    nameOption,
    { name: 'value', kind: 'word', required: true, description: 'The value' },
    { name: 'period', kind: 'keyword', keywords: PERIOD_WORDS, description: 'For which week or month' },
  ],
  parse: parseLog,
  input: z.object({ name: metricName, value: z.string().optional(), period: z.string().optional() }),
  run: async (input, ctx) => {
    const tc = requireTeam(ctx);
    const team = tc.team;
    const result = await logValue({ db: ctx.db, now: ctx.now, team, actor: ctx.actor, role: tc.role, name: input.name, valueText: input.value, periodText: input.period });
    const params = { name: result.metric.name, period: periodLabel(result.period, team.locale), value: formatValue(result.value, result.metric.unit, team.locale) };
    return inChannel(textMessage(result.previous === null ? ctx.t('metrics.logged', params) : ctx.t('metrics.replaced', { ...params, previous: formatValue(result.previous, result.metric.unit, team.locale) })));
  },
});

const show = defineSubcommand({
  name: 'show',
  usage: 'show <name>',
  example: '/metric show Revenue',
  description: 'metrics.show.desc',
  access: { scope: 'team' },
  options: [nameOption],
  parse: parseName,
  input: z.object({ name: metricName }),
  run: async ({ name }, ctx) => {
    const { team } = requireTeam(ctx);
    const builtin = findBuiltin(name);
    if (builtin) {
      const series = await builtinSeries({ db: ctx.db, teamId: team.id, builtin, count: 8, now: ctx.now, last: periodAt('weekly', ctx.now, team.zone) });
      return ephemeral(seriesMessage({ series, owner: null, locale: team.locale }));
    }
    const metric = await findCustomMetric({ db: ctx.db, team, name });
    const series = await customSeries({ db: ctx.db, metric, count: 8, last: periodAt(metric.cadence, ctx.now, team.zone) });
    const owners = await ownersOf(ctx.db, [metric]);
    return ephemeral(seriesMessage({ series, owner: metric.ownerId === null ? null : (owners.get(metric.ownerId) ?? null), locale: team.locale }));
  },
});

const list = defineSubcommand({
  name: 'list',
  usage: 'list',
  example: '/metric list',
  description: 'metrics.list.desc',
  access: { scope: 'team' },
  options: [],
  input: z.object({}),
  run: async (_input, ctx) => {
    const { team } = requireTeam(ctx);
    const metrics = await listMetrics({ db: ctx.db, teamId: team.id });
    const owners = await ownersOf(ctx.db, metrics);
    const custom = [];
    for (const metric of metrics) {
      const series = await customSeries({ db: ctx.db, metric, count: 2, last: periodAt(metric.cadence, ctx.now, team.zone) });
      custom.push({ metric, owner: metric.ownerId === null ? null : (owners.get(metric.ownerId) ?? null), series });
    }
    const values = await allBuiltinValues({ db: ctx.db, teamId: team.id, periods: [periodAt('weekly', ctx.now, team.zone)], now: ctx.now });
    const builtins = BUILTIN_METRICS.map((metric) => ({ metric, value: values[metric.key]?.[0] ?? null }));
    return ephemeral(listMessage({ team: team.clientName, custom, builtins, locale: team.locale }));
  },
});

const remove = defineSubcommand({
  name: 'remove',
  usage: 'remove <name>',
  example: '/metric remove Revenue',
  description: 'metrics.remove.desc',
  access: { scope: 'team', role: 'manager' },
  options: [nameOption],
  parse: parseName,
  input: z.object({ name: metricName }),
  run: async ({ name }, ctx) => {
    const { team } = requireTeam(ctx);
    const metric = await removeMetric({ db: ctx.db, now: ctx.now, team, name });
    return inChannel(textMessage(ctx.t('metrics.removed', { name: metric.name })));
  },
});

export const metricCommand = defineCommand({ name: 'metric', description: 'metrics.cmd', fallback: 'list', subcommands: [add, log, show, list, remove] });

export const metricsModule: BotModule = { commands: [metricCommand], notices: metricsNotices };
