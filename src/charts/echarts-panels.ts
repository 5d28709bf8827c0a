import type { ChartSpec } from '../core/ports.js';
import { CHART_FONT_FAMILY } from './font.js';

// Pixels of one panel and of the space around the stack.
export const PANEL_HEIGHT = 120;
const TOP = 44;
const GAP = 36;
const BOTTOM = 28;

/** The height a stack of panels needs: the title, then one panel and gap per series. */
export const panelsHeight = (spec: ChartSpec): number => TOP + spec.series.length * (PANEL_HEIGHT + GAP) - GAP + BOTTOM;

const font = { fontFamily: CHART_FONT_FAMILY };

/**
 * Small multiples: one grid, x axis, y axis and line per series, each panel titled with its series' name and
 * scaled to its own values (and target), so numbers of different sizes and units each show their trend.
 */
export const panelsOption = (spec: ChartSpec) => {
  const topOf = (index: number) => TOP + index * (PANEL_HEIGHT + GAP);
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: font,
    title: [
      ...(spec.title ? [{ text: spec.title, left: 'center', top: 8, textStyle: { ...font, fontSize: 16 } }] : []),
      ...spec.series.map((series, index) => ({ text: series.name, left: 56, top: topOf(index) - 20, textStyle: { ...font, fontSize: 12, fontWeight: 'normal' } })),
    ],
    grid: spec.series.map((_, index) => ({ left: 56, right: 32, top: topOf(index), height: PANEL_HEIGHT - 24 })),
    xAxis: spec.series.map((series, index) => ({ type: 'category', gridIndex: index, data: series.labels ?? spec.labels, boundaryGap: false, axisLabel: font })),
    yAxis: spec.series.map((series, index) => ({
      type: 'value',
      gridIndex: index,
      scale: true,
      splitNumber: 2,
      axisLabel: font,
      ...(series.target !== undefined ? { max: ({ max }: { max: number }) => Math.max(max, series.target!), min: ({ min }: { min: number }) => Math.min(min, series.target!) } : {}),
    })),
    series: spec.series.map((series, index) => ({
      type: 'line',
      name: series.name,
      xAxisIndex: index,
      yAxisIndex: index,
      data: series.values,
      connectNulls: false,
      symbolSize: 6,
      ...(series.target !== undefined ? { markLine: { symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: '#888888' }, label: { show: false }, data: [{ yAxis: series.target }] } } : {}),
    })),
  };
};
