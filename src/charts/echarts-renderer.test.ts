import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../core/ports.js';
import { createChartRenderer } from './echarts-renderer.js';

const renderer = createChartRenderer();

const weeks = ['W45', 'W46', 'W47', 'W48', 'W49', 'W50', 'W51', 'W52'];
const revenue: ChartSpec = {
  title: 'Revenue, last 8 weeks',
  labels: weeks,
  series: [
    { name: 'Revenue', values: [1200, 1350, null, 1500, 1420, 1610, 1700, 1800] },
    { name: 'Refunds', values: [100, 80, 90, 60, 70, 50, 40, 30] },
  ],
  target: { name: 'Target 2000', value: 2000 },
  width: 640,
  height: 320,
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// The IHDR chunk comes first: length (4), "IHDR" (4), then width and height as big-endian 32-bit integers.
const sizeOf = (png: Uint8Array) => {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { chunk: new TextDecoder().decode(png.subarray(12, 16)), width: view.getUint32(16), height: view.getUint32(20) };
};

describe('the chart renderer', () => {
  it('draws the title, every label, every series and the target line into the SVG, in the shipped font', () => {
    const svg = renderer.svg(revenue);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="640"');
    for (const text of ['Revenue, last 8 weeks', ...weeks, 'Revenue', 'Refunds', 'Target 2000']) expect(svg).toContain(`>${text}<`);
    expect(svg).toContain('font-family:DejaVu Sans');
    // One polyline per series (ECharts draws each line as a path with its own stroke).
    expect(svg.match(/<path d="M[^"]*" fill="none"[^>]*stroke-width="2"/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  });

  it('makes a PNG of the requested size', async () => {
    const png = await renderer.png(revenue);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(sizeOf(png)).toEqual({ chunk: 'IHDR', width: 640, height: 320 });
    expect(png.byteLength).toBeGreaterThan(2_000);
    const plain = await renderer.png({ labels: ['a', 'b'], series: [{ name: 'x', values: [1, 2] }] });
    expect(sizeOf(plain)).toMatchObject({ width: 800, height: 400 });
  });

  it('rasterizes the text: two titles give two different images', async () => {
    // Without a font resvg draws no text at all, and the two would be the same picture.
    const one = await renderer.png({ ...revenue, title: 'Leads' });
    const other = await renderer.png({ ...revenue, title: 'Sales' });
    const untitled = await renderer.png({ ...revenue, title: undefined });
    expect(Buffer.from(one).equals(Buffer.from(other))).toBe(false);
    expect(Buffer.from(one).equals(Buffer.from(untitled))).toBe(false);
  });

  it('draws a chart whose values are all missing without failing', async () => {
    const png = await renderer.png({ labels: weeks, series: [{ name: 'Leads', values: weeks.map(() => null) }] });
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  it('draws one panel per series with its own scale and target, and grows with the panels', async () => {
    const spec: ChartSpec = {
      title: 'Acme Co, last 8 weeks',
      labels: weeks,
      panels: true,
      series: [
        { name: 'Revenue (€)', values: [12000, 13500, null, 15000, 14200, 16100, 17000, 18000], target: 20000 },
        { name: 'Tasks done', values: [3, 5, 4, 6, 2, 7, 8, 9] },
      ],
    };
    const svg = renderer.svg(spec);
    for (const text of ['Acme Co, last 8 weeks', 'Revenue (€)', 'Tasks done']) expect(svg).toContain(`>${text}<`);
    // Each panel has its own axis: revenue's reaches its target, and the small numbers of tasks done are
    // labelled, not flattened under 20,000.
    expect(svg).toContain('>20,000<');
    expect(svg).toContain('>9<');
    // The target's dashed line is drawn in the revenue panel.
    expect(svg).toContain('stroke-dasharray');
    const png = await renderer.png(spec);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const size = sizeOf(png);
    expect(size.width).toBe(800);
    expect(size.height).toBeGreaterThan(2 * 120);
    const three = sizeOf(await renderer.png({ ...spec, series: [...spec.series, { name: 'Leads', values: [1, 2, 3, 4, 5, 6, 7, 8] }] }));
    expect(three.height).toBeGreaterThan(size.height);
  });
});
