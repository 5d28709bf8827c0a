import type { MessageKey } from './i18n/catalog.js';

export type ErrorParams = Record<string, string | number>;

/**
 * A failure the user caused or can fix. The code is stable (dotted, e.g. `tasks.not_found`)
 * and doubles as the catalog key, so every error has user-facing text in every language.
 */
export class BotError extends Error {
  readonly code: MessageKey;
  readonly params: ErrorParams;

  constructor(code: MessageKey, params: ErrorParams = {}) {
    super(code);
    this.name = 'BotError';
    this.code = code;
    this.params = params;
  }
}

export const botError = (code: MessageKey, params: ErrorParams = {}): BotError => new BotError(code, params);

export const isBotError = (error: unknown): error is BotError => error instanceof BotError;

/** The message of anything thrown (a library may throw a string or an object), for logs and retry notes. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
