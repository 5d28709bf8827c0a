import { DateTime } from 'luxon';
import type { Locale } from '../i18n/catalog.js';
import { assertZone, calendar } from './zone.js';

// Plain "en" rather than "en-GB": ICU spells September "Sept" in en-GB, which looks like a typo next to "Nov".
const LUXON_LOCALE: Record<Locale, string> = { en: 'en', nl: 'nl' };

export interface FormatOptions {
  /** When given, the year is shown for instants outside now's year (in the same zone). Without it, never. */
  now?: Date;
}

/** "Fri 27 Nov, 17:00 (Europe/Amsterdam)"; Dutch "vr 27 nov om 17:00 (Europe/Amsterdam)", as Dutch says a day and its hour. */
export function formatInstant(instant: Date, zone: string, locale: Locale, opts: FormatOptions = {}): string {
  const name = assertZone(zone);
  const local = DateTime.fromJSDate(instant, { zone: name }).setLocale(LUXON_LOCALE[locale]);
  const thisYear = opts.now ? DateTime.fromJSDate(opts.now, { zone: name }).year : local.year;
  const day = local.toFormat(local.year === thisYear ? 'ccc d LLL' : 'ccc d LLL yyyy');
  return `${day}${locale === 'nl' ? ' om ' : ', '}${local.toFormat('HH:mm')} (${name})`;
}

export interface LocalDateFormatOptions {
  /** When given, the year is shown for dates outside now's year in `zone` (UTC by default). */
  now?: Date;
  zone?: string;
}

/** "Thu 24 Dec"; Dutch "do 24 dec". */
export function formatLocalDate(date: string, locale: Locale, opts: LocalDateFormatOptions = {}): string {
  const day = calendar(date).setLocale(LUXON_LOCALE[locale]);
  const thisYear = opts.now ? DateTime.fromJSDate(opts.now, { zone: assertZone(opts.zone ?? 'UTC') }).year : day.year;
  return day.toFormat(day.year === thisYear ? 'ccc d LLL' : 'ccc d LLL yyyy');
}
