import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The one font every chart is drawn with, shipped in an npm package (dejavu-fonts-ttf): resvg renders no
 * text without a font file, and loading the system's fonts would make a chart depend on the machine.
 */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

export const chartFontFile = (): string => {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');
};
