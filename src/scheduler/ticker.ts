import cron from 'node-cron';
import type { Logger } from '../core/ports.js';

/**
 * node-cron only ticks; the work and its state live in PostgreSQL. A tick that is still running when the
 * next one fires is skipped, never overlapped. Under load that is expected (a pass drains everything due,
 * however long it takes), so node-cron's notes about it go to our logger at debug level, not to stdout.
 */
export const startTicker = ({ tickSeconds, onTick, logger }: { tickSeconds: number; onTick: () => Promise<void>; logger: Logger }) => {
  const text = (message: string | Error) => (message instanceof Error ? message.message : message);
  const task = cron.schedule(`*/${tickSeconds} * * * * *`, onTick, {
    noOverlap: true,
    name: 'righthand-tick',
    logger: {
      debug: (message) => logger.debug({}, text(message)),
      info: (message) => logger.debug({}, message),
      warn: (message) => logger.debug({}, message),
      error: (message, error) => logger.error({ error: error?.message }, text(message)),
    },
  });
  return { stop: async () => void (await task.stop()) };
};
