import type { Logger } from '../core/ports.js';

export interface DatabaseWatch {
  /** The last verdict: true while the database answered the latest probe. */
  readonly up: boolean;
  stop(): void;
}

/**
 * Asks the database `select 1` every `intervalMs` and reports each change of verdict, for /healthz. A
 * failed probe is asked once more at once before the verdict turns: a connection cut a moment ago fails
 * its next query even though a new one would connect (postgres.js then reconnects).
 */
export const watchDatabase = ({ ping, intervalMs = 2_000, timeoutMs = 1_500, logger, onChange }: { ping: (timeoutMs: number) => Promise<boolean>; intervalMs?: number; timeoutMs?: number; logger: Logger; onChange: (up: boolean) => void }): DatabaseWatch => {
  let up = true;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const probe = async () => {
    const answered = (await ping(timeoutMs)) || (await ping(timeoutMs));
    if (stopped) return;
    if (answered !== up) {
      up = answered;
      if (up) logger.info({}, 'database reachable again');
      else logger.warn({}, 'database unreachable');
      onChange(up);
    }
    timer = setTimeout(() => void probe(), intervalMs);
    timer.unref();
  };
  timer = setTimeout(() => void probe(), intervalMs);
  timer.unref();
  return {
    get up() {
      return up;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
};
