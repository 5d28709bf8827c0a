/**
 * Text PostgreSQL cannot store, made storable where input enters the core: NUL is refused by every text
 * column ("invalid byte sequence"), and a lone UTF-16 surrogate has no UTF-8 form (the drivers write it as
 * U+FFFD in text, but JSON keeps it as `\ud800`, which jsonb refuses). NUL carries nothing a person meant,
 * so it goes; a lone surrogate stands for a character that got lost, so it stays visible as U+FFFD.
 */

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const cleanText = (text: string): string => text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');

/**
 * Every string in plain data (arrays and plain objects, to any depth) cleaned; anything else (numbers,
 * functions, class instances such as a user directory) is returned as it is. Keys are cleaned too: a
 * form's field names and Discord option names come from the platform.
 */
export const cleanStrings = <T>(value: T): T => clean(value) as T;

const clean = (value: unknown): unknown => {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(clean);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [cleanText(key), clean(inner)]));
  return value;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};
