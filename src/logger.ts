import pino from 'pino';
import type { Logger } from './core/ports.js';

/**
 * Structured logs on stderr (stdout belongs to the console chat). Known secret-bearing fields are
 * redacted wherever they appear, so a token passed by mistake never reaches a log line.
 */
export const createLogger = ({ level }: { level: string }): Logger => {
  const log = pino(
    {
      level,
      redact: {
        paths: ['token', '*.token', 'botToken', '*.botToken', 'password', '*.password', 'secret', '*.secret', 'authorization', '*.authorization', 'databaseUrl', '*.databaseUrl'],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  );
  return {
    debug: (fields, message) => log.debug(fields, message),
    info: (fields, message) => log.info(fields, message),
    warn: (fields, message) => log.warn(fields, message),
    error: (fields, message) => log.error(fields, message),
  };
};
