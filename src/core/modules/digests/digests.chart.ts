import { t, type Locale } from '../../i18n/catalog.js';
import type { FileAttachment } from '../../messages.js';
import type { ChartRenderer, ChartSpec } from '../../ports.js';
import { periodShort } from '../metrics/metrics.periods.js';
import type { DigestData } from './digests.data.js';
import type { Headline } from './digests.headlines.js';
import { headlineName } from './digests.messages.js';

// Panels of one chart: more would make a picture too tall to read in a chat.
export const CHART_PANELS = 6;

/** The headlines worth drawing: those with at least two values in their 8 periods (one point is no trend). */
const drawn = (headlines: readonly Headline[]) => headlines.filter((headline) => headline.series.points.filter((point) => point.value !== null).length >= 2).slice(0, CHART_PANELS);

/** The digest's chart: one small panel per headline number over its last 8 periods, with its target; null when nothing has a trend. */
export const digestChartSpec = (data: DigestData): ChartSpec | null => {
  const locale: Locale = data.team.locale;
  const headlines = drawn(data.headlines);
  if (headlines.length === 0) return null;
  return {
    title: t(locale, 'digests.chart_title', { team: data.team.clientName }),
    labels: headlines[0]!.series.points.map((point) => periodShort(point.period, locale)),
    panels: true,
    series: headlines.map((headline) => ({
      name: headline.series.unit && headline.series.unit !== 'count' ? `${headlineName(headline, locale)} (${headline.series.unit})` : headlineName(headline, locale),
      values: headline.series.points.map((point) => point.value),
      labels: headline.series.points.map((point) => periodShort(point.period, locale)),
      ...(headline.series.target !== null ? { target: headline.series.target } : {}),
    })),
  };
};

/** The chart as the PNG the digest attaches, named for the team's week; null when there is nothing to draw. */
export const digestChartFile = async ({ data, charts }: { data: DigestData; charts: ChartRenderer }): Promise<{ file: FileAttachment; alt: string } | null> => {
  const spec = digestChartSpec(data);
  if (!spec) return null;
  const bytes = await charts.png(spec);
  const alt = t(data.team.locale, 'digests.chart_alt', { names: spec.series.map((series) => series.name).join(', ') });
  return { file: { name: `digest-${data.week.key.toLowerCase()}.png`, mimeType: 'image/png', bytes }, alt };
};
