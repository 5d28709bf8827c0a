import { en } from './en.js';
import { nl } from './nl.js';

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
export type Locale = 'en' | 'nl';
export const LOCALES: readonly Locale[] = ['en', 'nl'];

const catalogs: Record<Locale, Catalog> = { en, nl };

/** Look up a message and fill its `{name}` placeholders. Unknown placeholders stay visible so gaps show in tests. */
export const t = (locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string =>
  catalogs[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );

export const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);

export const isMessageKey = (value: string): value is MessageKey => Object.hasOwn(en, value);
