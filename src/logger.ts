import pino, { type DestinationStream } from 'pino';
import type { Logger } from './core/ports.js';
import { LOG_SECRET_FIELDS, REDACTED, scrubFields, scrubSecrets } from './log-secrets.js';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/**
 * Structured logs on stderr (stdout belongs to the console chat). No secret reaches a line: fields named
 * like one are redacted by pino, and every message and string field is scrubbed of the configured secrets
 * (`secrets`, see configuredSecrets) and of anything shaped like a token, an OAuth code or a URL password,
 * because libraries (Bolt at debug above all) log them inside text. See src/log-secrets.ts.
 */
export const createLogger = ({ level, secrets = [], destination = pino.destination(2) }: { level: string; secrets?: readonly string[]; destination?: DestinationStream }): Logger => {
  const log = pino({ level, redact: { paths: LOG_SECRET_FIELDS, censor: REDACTED } }, destination);
  const at = (name: (typeof LEVELS)[number]) => (fields: Record<string, unknown>, message: string) => {
    // Scrubbing costs a few regular expressions: only for lines that are written.
    if (log.isLevelEnabled(name)) log[name](scrubFields(fields, secrets), scrubSecrets(message, secrets));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
};
