import type { Logger } from '../core/ports.js';
import { errorMessage } from '../core/errors.js';
import { isConnectionError } from './retry.js';

/**
 * postgres.js 3.4.x schedules small writes with setImmediate; when the connection closes in between, the
 * deferred write runs on a socket already set to null and throws from the immediate callback, where no
 * caller can catch it: porsager/postgres#1154 and #1066 (fix proposed in PR #1168, never released in 3.x).
 * postgres.js 4.x has no deferred write (its flush returns when the connection is closed), so with it this
 * never fires; it stays for as long as a 3.4 can be installed (package.json allowed ^3.4.9 until 4.1.0).
 * The connection is gone by then and its queries already rejected, so nothing is lost by carrying on.
 */
const isNullSocketWrite = (error: unknown): boolean =>
  error instanceof TypeError && /Cannot read properties of null \(reading 'write'\)/.test(error.message) && /postgres[\\/]src[\\/]connection\.js/.test(error.stack ?? '');

const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/**
 * A driver promise nobody awaited (a pipelined query of a transaction that died with its connection):
 * postgres.js's own connection error (`write CONNECTION_CLOSED host:port`, errno = code), a server's
 * PostgresError, drizzle's wrapper around one, or a socket error on the database's port (postgres.js
 * passes those on as they are). Another library's ECONNRESET is not ours to swallow.
 */
const isDriverConnectionRejection = (reason: unknown, databasePort: number | null): boolean => {
  if (!isConnectionError(reason)) return false;
  for (let current = reason, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const { code, errno, port } = current as { code?: unknown; errno?: unknown; port?: unknown };
    if (current.name === 'PostgresError') return true;
    if (typeof code === 'string' && errno === code && current.message.startsWith(`write ${code} `)) return true;
    if (typeof code === 'string' && SOCKET_CODES.has(code) && databasePort !== null && port === databasePort) return true;
    // drizzle-orm 0.45 leaves its wrapper's name at 'Error'.
    if (current.constructor.name !== 'DrizzleQueryError') return false;
  }
  return false;
};

const portOf = (url: string | undefined): number | null => {
  if (!url) return null;
  try {
    return Number(new URL(url).port || 5432);
  } catch {
    return null;
  }
};

/**
 * Keeps the process alive through the driver's known connection faults, and only those: one warn line
 * each. Anything else still ends the process as Node would (printed, exit code 1), for the supervisor to
 * restart. Returns a function that removes the handlers (tests).
 */
export const containDriverFaults = ({ logger, databaseUrl, exit = (code: number) => process.exit(code) }: { logger: Logger; databaseUrl?: string; exit?: (code: number) => void }) => {
  const databasePort = portOf(databaseUrl);
  const onException = (error: unknown) => {
    if (isNullSocketWrite(error)) {
      logger.warn({ err: errorMessage(error) }, 'database driver wrote to a closed connection (porsager/postgres#1154); carrying on');
      return;
    }
    console.error(error);
    exit(1);
  };
  const onRejection = (reason: unknown) => {
    if (isDriverConnectionRejection(reason, databasePort)) {
      logger.warn({ err: errorMessage(reason) }, 'a database query lost its connection with nobody waiting for it; carrying on');
      return;
    }
    // What Node does by default with an unhandled rejection: end the process with it.
    throw reason;
  };
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
};
