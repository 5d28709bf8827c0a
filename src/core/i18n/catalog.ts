/**
 * The message catalogs. Convention: every module's sentences live in one file here named after the key
 * prefix they use (`tasks.ts` for `tasks.*`, `obm.ts` for `obm.*`, `bot.ts` for the bot's own `bot.*`,
 * `home.*` and `time.*`), which exports `<domain>En` (`as const`, the source of the keys) and, beside it,
 * `<domain>Nl: Record<keyof typeof <domain>En, string>`, so a key without its Dutch text does not compile.
 * `en.ts` and `nl.ts` only spread those objects together; `MessageKey` is every key of `en`. A new module
 * adds its own file and one spread line to each of them, and never writes a sentence into en.ts or nl.ts.
 */
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
