import { t, type Locale, type MessageKey } from '../../i18n/catalog.js';
import { textMessage, type Message } from '../../messages.js';
import type { BuiltinMetric } from './metrics.builtins.js';
import { changePercent, formatChange, formatValue, sparkline } from './metrics.numbers.js';
import { periodLabel, periodShort } from './metrics.periods.js';
import type { MetricRow } from './metrics.repository.js';
import type { MetricSeries } from './metrics.series.js';

/** "unit €, weekly, higher is better, target €10,000, logged by Maria": what a metric is, in one line. */
export const metricDetails = (metric: Pick<MetricRow, 'unit' | 'target' | 'direction' | 'cadence'>, owner: string | null, locale: Locale): string[] => [
  ...(metric.unit ? [t(locale, 'metrics.detail.unit', { unit: metric.unit })] : []),
  t(locale, `metrics.detail.${metric.cadence}`),
  t(locale, `metrics.detail.${metric.direction}`),
  ...(metric.target !== null ? [t(locale, 'metrics.detail.target', { target: formatValue(metric.target, metric.unit, locale) })] : []),
  ...(owner ? [t(locale, 'metrics.detail.owner', { person: owner })] : []),
];

const builtinLabel = (key: string, locale: Locale) => t(locale, `metrics.builtin.${key}` as MessageKey);

/**
 * `/metric show`: the title, the trend as a sparkline, then one line per period, oldest first, with its
 * change against the period before and, for the last one, the progress to target.
 */
export const seriesMessage = ({ series, owner, locale }: { series: MetricSeries; owner: string | null; locale: Locale }): Message => {
  const title = series.builtinKey
    ? t(locale, 'metrics.show_builtin_title', { name: series.builtinKey, label: builtinLabel(series.builtinKey, locale) })
    : t(locale, 'metrics.show_title', { name: series.name, details: metricDetails(series, owner, locale).join(', ') });
  const values = series.points.map((point) => point.value);
  if (!series.builtinKey && values.every((value) => value === null)) return textMessage(`${title}\n${t(locale, 'metrics.show_empty', { name: series.name })}`);
  const lines = series.points.map((point, index) => {
    const shown = point.value === null ? t(locale, 'metrics.no_value') : formatValue(point.value, series.unit, locale);
    const change = index > 0 ? changePercent(point.value, series.points[index - 1]!.value) : null;
    return `${periodShort(point.period, locale)}  ${shown}${change === null ? '' : `  ${formatChange(change, locale)}`}`;
  });
  const last = series.points.at(-1)!;
  const progress = series.target !== null && series.target !== 0 && last.value !== null ? [t(locale, 'metrics.target_progress', { percent: Math.round((last.value / series.target) * 100), target: formatValue(series.target, series.unit, locale) })] : [];
  return textMessage([title, t(locale, 'metrics.trend', { sparkline: sparkline(values) }), ...lines, ...progress].join('\n'));
};

export interface ListedMetric {
  metric: MetricRow;
  owner: string | null;
  series: MetricSeries;
}

/** `/metric list`: the team's own metrics with this period's value and change, then the built-ins this week so far. */
export const listMessage = ({ team, custom, builtins, locale }: { team: string; custom: ListedMetric[]; builtins: { metric: BuiltinMetric; value: number | null }[]; locale: Locale }): Message => {
  const lines = [t(locale, 'metrics.list_title', { team })];
  if (custom.length === 0) lines.push(t(locale, 'metrics.list_empty'));
  for (const { metric, owner, series } of custom) {
    const [previous, current] = series.points.slice(-2);
    const change = changePercent(current?.value ?? null, previous?.value ?? null);
    lines.push(
      t(locale, 'metrics.list_custom_line', {
        name: metric.name,
        value: current?.value == null ? t(locale, 'metrics.no_value') : formatValue(current.value, metric.unit, locale),
        period: current ? periodLabel(current.period, locale) : '',
        change: change === null ? '' : ` (${formatChange(change, locale)})`,
        cadence: t(locale, `metrics.detail.${metric.cadence}`),
        owner: owner ? t(locale, 'metrics.list_owner', { person: owner }) : '',
      }),
    );
  }
  lines.push('', t(locale, 'metrics.list_builtin_title'));
  for (const { metric, value } of builtins) {
    lines.push(t(locale, 'metrics.list_builtin_line', { key: metric.key, value: value === null ? t(locale, 'metrics.no_value') : formatValue(value, metric.unit, locale), label: builtinLabel(metric.key, locale) }));
  }
  return textMessage(lines.join('\n'));
};
