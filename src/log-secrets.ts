import type { Config } from './config.js';

/**
 * What the logs must never show, and how it is taken out. Two layers: pino's `redact` removes fields by
 * name (LOG_SECRET_FIELDS), and `scrubSecrets` cleans text. The second is needed because libraries log
 * strings: Bolt's Web API client writes `http request body: {"code":"…","client_secret":"…"}` at debug
 * on every OAuth install (it redacts keys containing "token", nothing else).
 */

export const REDACTED = '[redacted]';

/** Field names pino redacts wherever they sit, at the top level or one level down. */
const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'access_token',
  'refresh_token',
  'password',
  'secret',
  'clientSecret',
  'client_secret',
  'signingSecret',
  'signing_secret',
  'stateSecret',
  'secretKey',
  'authorization',
  'Authorization',
  'cookie',
  'databaseUrl',
  'DATABASE_URL',
];
export const LOG_SECRET_FIELDS = [...SECRET_KEYS, ...SECRET_KEYS.map((key) => `*.${key}`), 'headers.authorization', '*.headers.authorization', 'headers.cookie', '*.headers.cookie'];

/** Keys whose value is a secret in text: `"key":"value"` (JSON) and `key=value` (a query string or form body). */
const TEXT_KEYS = 'client_secret|clientSecret|signing_secret|signingSecret|state_secret|stateSecret|code|token|access_token|refresh_token|bot_token|app_token|password|secret|ticket';

/** Each pattern keeps what says what the secret was (its kind, its key) and replaces the secret itself. */
const PATTERNS: [RegExp, string][] = [
  // Slack tokens: xoxb-, xoxp-, xoxa-, xoxe- (refresh), xoxe.xoxb- (rotating), xapp- (app-level).
  [/\b(xox[a-z]|xapp)((?:\.xox[a-z])?-)[A-Za-z0-9-]+/g, `$1$2${REDACTED}`],
  // JSON text, also when it is itself inside a JSON string (escaped quotes).
  [new RegExp(`(\\\\?"(?:${TEXT_KEYS})\\\\?"\\s*:\\s*\\\\?")[^"\\\\]*`, 'gi'), `$1${REDACTED}`],
  // Query strings and form bodies: ?code=…&client_secret=…
  [new RegExp(`((?:^|[?&\\s])(?:${TEXT_KEYS})=)[^&\\s"'#]+`, 'gi'), `$1${REDACTED}`],
  // An Authorization header written out: "Authorization: Bearer …", "authorization":"Bot …".
  [/(\bauthorization\\?["']?\s*[:=]\s*\\?["']?)(?:(?:Bearer|Bot|Basic)\s+)?[^\s"'\\,}]+/gi, `$1${REDACTED}`],
  // A password in a URL: postgres://user:secret@host/db.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, `$1${REDACTED}@`],
  // A Discord bot token: base64 user id, timestamp and HMAC joined by dots.
  [/\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,40}\b/g, REDACTED],
  // A calendar feed URL: its token is the only key to the feed (a reply showing it may be logged at debug).
  [/(\/calendar\/)[A-Za-z0-9_-]{16,}(\.ics)?/g, `$1${REDACTED}$2`],
  // A response_url or incoming webhook: whoever holds it can post to the channel.
  [/(\bhooks\.slack\.com\/(?:commands|actions|services|triggers|workflows)\/)[^\s"'\\]+/gi, `$1${REDACTED}`],
];

/** Shorter values are not taken out verbatim: a test's secret "s" would otherwise blank every letter s. */
const MIN_KNOWN_LENGTH = 8;

/** Replaces every secret in `text`: the known values (the configured secrets) first, then the patterns. */
export const scrubSecrets = (text: string, known: readonly string[] = []): string => {
  let out = text;
  for (const value of known) if (value.length >= MIN_KNOWN_LENGTH && out.includes(value)) out = out.split(value).join(REDACTED);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
};

const MAX_DEPTH = 5;

/** The fields of a log line with every string in them scrubbed (a copy; pino's redact then removes fields by name). */
export const scrubFields = (fields: Record<string, unknown>, known: readonly string[] = []): Record<string, unknown> => {
  const scrub = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return scrubSecrets(value, known);
    if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
    if (value instanceof Error) return scrubSecrets(value.message, known);
    if (Object.getPrototypeOf(value) !== Object.prototype) return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item, depth + 1)]));
  };
  return scrub(fields, 0) as Record<string, unknown>;
};

const urlPassword = (url: string): string[] => {
  try {
    const password = new URL(url).password;
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
};

/** Every secret the configuration holds, as it could appear in text (a key as its hex and base64 too). */
export const configuredSecrets = (config: Pick<Config, 'slack' | 'discord' | 'databaseUrl'>): string[] => {
  const values: string[] = [];
  const { slack, discord, databaseUrl } = config;
  if (slack) {
    if (slack.signingSecret) values.push(slack.signingSecret);
    if (slack.appToken) values.push(slack.appToken);
    if (slack.auth.kind === 'token') values.push(slack.auth.botToken);
    else values.push(slack.auth.clientSecret, slack.auth.stateSecret, slack.auth.secretKey.toString('hex'), slack.auth.secretKey.toString('base64'));
  }
  if (discord) values.push(discord.token);
  if (databaseUrl) values.push(...urlPassword(databaseUrl));
  // Longest first: a secret that contains another is replaced whole.
  return [...new Set(values)].sort((a, b) => b.length - a.length);
};
