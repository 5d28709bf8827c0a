import { createChartRenderer } from '../src/charts/echarts-renderer.js';
import type { ChartSpec } from '../src/core/ports.js';

/**
 * One digest chart: an 8-week trend of up to five headline metrics with a target line, 800 x 400, as the
 * weekly digest draws it. Figures: SVG (ECharts SSR) and PNG (SVG + resvg) per chart, p50/p99/max in ms,
 * and peak RSS. Target (issue 16): a chart under 150 ms p99.
 * RIGHTHAND_CHART_BENCH_MEASURED sets the count.
 */

const WARMUP = 20;
const MEASURED = Number(process.env.RIGHTHAND_CHART_BENCH_MEASURED ?? 200);

const weeks = Array.from({ length: 8 }, (_, index) => `W${45 + index}`);
const specOf = (n: number): ChartSpec => ({
  title: `Headline metrics, team ${n}`,
  labels: weeks,
  series: ['Revenue', 'Leads', 'Refunds', 'List size', 'Tasks done'].map((name, index) => ({
    name,
    values: weeks.map((_, week) => (week === 3 && index === 2 ? null : Math.round(100 * (index + 1) + 40 * Math.sin(n + week + index)))),
  })),
  target: { name: 'Target', value: 520 },
});

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const figures = (label: string, samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(`${label.padEnd(5)} p50 ${percentile(sorted, 50).toFixed(1)} ms  p99 ${percentile(sorted, 99).toFixed(1)} ms  max ${sorted.at(-1)!.toFixed(1)} ms`);
};

export const runChartBench = async (): Promise<void> => {
  const renderer = createChartRenderer();
  for (let n = 0; n < WARMUP; n += 1) await renderer.png(specOf(n));
  const svg: number[] = [];
  const png: number[] = [];
  let bytes = 0;
  for (let n = 0; n < MEASURED; n += 1) {
    const spec = specOf(n);
    let started = performance.now();
    renderer.svg(spec);
    svg.push(performance.now() - started);
    started = performance.now();
    bytes += (await renderer.png(spec)).byteLength;
    png.push(performance.now() - started);
  }
  console.log(`chart bench: ${MEASURED} charts of 5 series x 8 weeks, 800x400 (after ${WARMUP} warm-up)`);
  figures('svg', svg);
  figures('png', png);
  console.log(`png size avg ${Math.round(bytes / MEASURED / 1024)} KiB; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
};
