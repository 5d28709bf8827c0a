import type { Locale } from '../../i18n/catalog.js';

/**
 * Numbers as people type them in the team's language. A number with both `.` and `,` is read the way it can
 * only mean (`1.234,50` and `1,234.50` both anywhere); a separator that repeats groups thousands
 * (`1.234.567`). One separator alone is the ambiguous case, settled by the team's language: its decimal
 * separator is always decimal (en `1.234` = 1.234, nl `1,5` = 1.5); the other one groups thousands when
 * exactly three digits follow (en `1,234` = 1234, nl `1.234` = 1234) and is read as decimal otherwise
 * (nl `12.5` = 12.5), which is what someone typing in the other convention means. Currency signs, `%` and
 * spaces around the number are ignored. Null when the text is not a number.
 */
export const parseAmount = (text: string, locale: Locale): number | null => {
  const compact = text.trim().replace(/[\s\u00a0\u202f']/g, '').replace(/^([+-−]?)[€$£]/, '$1').replace(/(?:[€$£%]|eur|usd)$/i, '').replace('−', '-');
  const match = /^([+-]?)(\d[\d.,]*)$/.exec(compact);
  if (!match) return null;
  const sign = match[1] === '-' ? -1 : 1;
  const body = match[2]!;
  if (/[.,]$/.test(body) || /[.,]{2}/.test(body)) return null;
  const dots = (body.match(/\./g) ?? []).length;
  const commas = (body.match(/,/g) ?? []).length;
  let decimal: '.' | ',' | null = null;
  if (dots > 0 && commas > 0) decimal = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
  else if (dots + commas === 1) {
    const separator = dots === 1 ? '.' : ',';
    const own = locale === 'nl' ? ',' : '.';
    decimal = separator === own || !/^\d{1,3}[.,]\d{3}$/.test(body) ? separator : null;
  }
  const group = decimal === '.' ? ',' : decimal === ',' ? '.' : body.includes('.') ? '.' : ',';
  const [whole, fraction, ...more] = decimal ? body.split(decimal) : [body];
  if (more.length > 0 || (decimal && fraction !== undefined && fraction.includes(group))) return null;
  const groups = whole!.split(group);
  if (groups.length > 1 && (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((part) => !/^\d{3}$/.test(part)))) return null;
  const value = Number(`${groups.join('')}${fraction !== undefined ? `.${fraction}` : ''}`);
  return Number.isFinite(value) ? sign * value : null;
};

const CURRENCY_SIGNS = new Set(['€', '$', '£']);

const tag = (locale: Locale) => (locale === 'nl' ? 'nl-NL' : 'en-GB');

/** A number in the team's language, at most two decimals: `1,234.5` / `1.234,5`. */
export const formatNumber = (value: number, locale: Locale): string => new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 2 }).format(value);

/** A value with its unit: `€1,234.50` (nl `€ 1.234,50`), `12.5%`, `340 leads`; `count` and no unit show the bare number. */
export const formatValue = (value: number, unit: string | null, locale: Locale): string => {
  if (unit && CURRENCY_SIGNS.has(unit)) {
    const amount = new Intl.NumberFormat(tag(locale), { minimumFractionDigits: Number.isInteger(value) ? 0 : 2, maximumFractionDigits: 2 }).format(value);
    return locale === 'nl' ? `${unit} ${amount}` : `${value < 0 ? '-' : ''}${unit}${amount.replace('-', '')}`;
  }
  const number = formatNumber(value, locale);
  if (!unit || unit.toLowerCase() === 'count' || unit.toLowerCase() === 'aantal') return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
};

/** The change from the previous period in percent, or null when there is nothing to compare with (no value, or 0 before). */
export const changePercent = (current: number | null, previous: number | null): number | null =>
  current === null || previous === null || previous === 0 ? null : ((current - previous) / Math.abs(previous)) * 100;

/** `+12.5%`, `-3%`, `±0%`. */
export const formatChange = (change: number, locale: Locale): string => {
  // Half away from zero, as people round: -6.25 is -6.3, not -6.2.
  const rounded = (Math.sign(change) * Math.round(Math.abs(change) * 10)) / 10;
  const text = new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(rounded);
  return rounded === 0 ? '±0%' : `${text}%`;
};

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** A text sparkline, one bar per period scaled between the lowest and highest value; a period without a value is a space. */
export const sparkline = (values: readonly (number | null)[]): string => {
  const known = values.filter((value): value is number => value !== null);
  if (known.length === 0) return values.map(() => ' ').join('');
  const low = Math.min(...known);
  const span = Math.max(...known) - low;
  return values.map((value) => (value === null ? ' ' : BARS[span === 0 ? 3 : Math.round(((value - low) / span) * (BARS.length - 1))]!)).join('');
};
