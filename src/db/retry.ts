/**
 * Riding out a dropped database connection. postgres.js reconnects by itself on the next query; what it
 * cannot do is run again the statement or transaction that was on the connection when it went. Everything
 * Righthand writes is keyed (an invocation's dedupe row, a job's lease, a delivery's claim), so running a
 * whole transaction again is safe: a first attempt that did commit makes the second one a no-op.
 * No driver is imported here (the core uses this): errors are recognised by their codes.
 */

// postgres.js's own codes for a connection that went away, and the socket's.
const DRIVER_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
// PostgreSQL's: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections; class 08 is connection exceptions.
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** True when the error (or what it wraps: drizzle wraps the driver's error as `cause`) is a lost or refused connection. */
export const isConnectionError = (error: unknown): boolean => {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = codeOf(current);
    if (code === undefined) continue;
    if (DRIVER_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08')) return true;
    // object_not_in_prerequisite_state is also what a database answers while it allows no connections.
    if (code === '55000' && /not currently accepting connections/.test(String((current as { message?: unknown }).message))) return true;
  }
  return false;
};

export interface RetryOptions {
  /** How long to keep trying, from the first attempt: no new attempt starts after it. */
  budgetMs?: number;
  /** The first wait; each next one doubles, up to `maxDelayMs` (each less up to half, at random). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Told before each new attempt (for a log line). */
  onRetry?: (error: unknown, attempt: number) => void;
}

// Bounded by time rather than by a count: under repeated cuts a long transaction (a command's runs to some
// twenty statements) fails most attempts, and what matters is outlasting the trouble. 15 s rides out a
// database restart or a failover and stays far from what is at stake (Slack's 30 minutes on a
// response_url, a job's 60 s lease); waits of 50 ms doubling to 1 s keep the retries close to the moment
// the database is back. A database away for longer fails the call: the user is told, jobs and deliveries
// come back by their leases.
const DEFAULTS = { budgetMs: 15_000, baseDelayMs: 50, maxDelayMs: 1_000 };

/** Runs `run` again after a connection error, with a short backoff, for at most `budgetMs`; any other error at once. */
export const withConnectionRetry = async <T>(run: () => Promise<T>, options: RetryOptions = {}): Promise<T> => {
  const { budgetMs, baseDelayMs, maxDelayMs } = { ...DEFAULTS, ...options };
  const deadline = Date.now() + budgetMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      // Jitter: processes (or lanes of one) that lost their connections together do not come back in step.
      const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
      if (!isConnectionError(error) || Date.now() + delay >= deadline) throw error;
      options.onRetry?.(error, attempt);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
};
