import { isBotError } from './errors.js';
import { t, type Locale } from './i18n/catalog.js';
import type { Capabilities } from './ports.js';
import { formatInstant, parseWhen, type WhenKind } from './time.js';

/** One suggestion for a date option: `label` shows how the phrase is read, `value` is what gets sent. */
export interface WhenChoice {
  label: string;
  value: string;
}

/** Shown when nothing is typed yet: phrases people use, each with its reading. */
const STARTERS: Record<Locale, string[]> = {
  en: ['tomorrow 09:00', 'friday 17:00', 'eod', 'in 2 hours', 'next monday 10:00'],
  nl: ['morgen 09:00', 'vrijdag 17:00', 'eod', 'over 2 uur', 'volgende maandag 10:00'],
};

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export interface PreviewOptions {
  phrase: string;
  now: Date;
  /** The zone the phrase will be read in when the command runs (the assignee's, the actor's). */
  zone: string;
  /** Whose zone it is, when it is not the person's own ("team zone"), shown beside it. */
  zoneNote?: string;
  locale: Locale;
  kind: WhenKind;
  /** What the platform's autocomplete holds: the choices are cut to fit it. */
  capabilities: Capabilities;
}

/**
 * How a date phrase will be read, before the command is sent: "friday 5pm → Fri 27 Nov, 17:00
 * (Asia/Manila)". The value is the phrase itself, so the command reads it again exactly as previewed;
 * an unreadable or past phrase says why in the label, and stays what the person typed.
 */
export const previewWhen = (options: PreviewOptions): WhenChoice[] => {
  const phrase = options.phrase.trim();
  const phrases = phrase ? [phrase] : STARTERS[options.locale];
  const { maxChoices, maxChoiceLabel } = options.capabilities;
  return phrases.slice(0, maxChoices).map((text) => ({ label: clip(readingOf(text, options), maxChoiceLabel), value: clip(text, maxChoiceLabel) }));
};

const readingOf = (text: string, { now, zone, zoneNote, locale, kind }: PreviewOptions): string => {
  try {
    const instant = parseWhen(text, { now, zone, locale, kind });
    const when = formatInstant(instant, zone, locale, { now });
    return `${text} → ${zoneNote ? when.replace(/\)$/, `, ${zoneNote})`) : when}`;
  } catch (error) {
    if (isBotError(error)) return `${text} → ${t(locale, error.code, error.params)}`;
    throw error;
  }
};
