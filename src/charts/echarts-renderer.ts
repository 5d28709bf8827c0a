import { Resvg } from '@resvg/resvg-js';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartRenderer, ChartSpec } from '../core/ports.js';
import { panelsHeight, panelsOption } from './echarts-panels.js';
import { CHART_FONT_FAMILY, chartFontFile } from './font.js';

echarts.use([LineChart, GridComponent, TitleComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

const DEFAULT_WIDTH = 800;
const DEFAULT_HEIGHT = 400;

// The spec's target as a dashed line across the chart, on the first series (ECharts draws mark lines per series).
const targetLine = (target: ChartSpec['target']) =>
  target
    ? { markLine: { symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: '#888888' }, label: { formatter: target.name, position: 'insideEndTop' }, data: [{ yAxis: target.value }] } }
    : {};

const optionOf = (spec: ChartSpec) => ({
  animation: false,
  backgroundColor: '#ffffff',
  // Every text in the chart names the font the rasterizer has, or resvg would draw it in none.
  textStyle: { fontFamily: CHART_FONT_FAMILY },
  ...(spec.title ? { title: { text: spec.title, left: 'center', textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 16 } } } : {}),
  legend: { bottom: 0, data: spec.series.map((series) => series.name), textStyle: { fontFamily: CHART_FONT_FAMILY } },
  grid: { left: 56, right: 32, top: spec.title ? 48 : 24, bottom: 48 },
  xAxis: { type: 'category', data: spec.labels, boundaryGap: false, axisLabel: { fontFamily: CHART_FONT_FAMILY } },
  // The axis reaches the target, or a target above every value would fall outside the chart.
  yAxis: {
    type: 'value',
    scale: true,
    axisLabel: { fontFamily: CHART_FONT_FAMILY },
    ...(spec.target ? { max: ({ max }: { max: number }) => Math.max(max, spec.target!.value), min: ({ min }: { min: number }) => Math.min(min, spec.target!.value) } : {}),
  },
  series: spec.series.map((series, index) => ({
    type: 'line',
    name: series.name,
    data: series.values,
    connectNulls: false,
    symbolSize: 6,
    ...(index === 0 ? targetLine(spec.target) : {}),
  })),
});

/**
 * Charts on Apache ECharts' server-side SVG renderer, rasterized to PNG by resvg (no canvas, no native
 * build, no system fonts). Each chart is its own ECharts instance, disposed at once: an instance left
 * behind keeps its timers and holds the process open.
 */
export const createChartRenderer = (): ChartRenderer => {
  const fontFiles = [chartFontFile()];
  const svg = (spec: ChartSpec): string => {
    const height = spec.height ?? (spec.panels ? panelsHeight(spec) : DEFAULT_HEIGHT);
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width ?? DEFAULT_WIDTH, height });
    try {
      chart.setOption(spec.panels ? panelsOption(spec) : optionOf(spec));
      return chart.renderToSVGString();
    } finally {
      chart.dispose();
    }
  };
  return {
    svg,
    async png(spec) {
      const resvg = new Resvg(svg(spec), { font: { fontFiles, loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY }, background: '#ffffff' });
      return new Uint8Array(resvg.render().asPng());
    },
  };
};
