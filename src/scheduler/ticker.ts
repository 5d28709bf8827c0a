import cron from 'node-cron';

/**
 * node-cron only ticks; the work and its state live in PostgreSQL. A tick that is still running when the
 * next one fires is skipped, never overlapped.
 */
export const startTicker = ({ tickSeconds, onTick }: { tickSeconds: number; onTick: () => Promise<void> }) => {
  const task = cron.schedule(`*/${tickSeconds} * * * * *`, onTick, { noOverlap: true, name: 'righthand-tick' });
  return { stop: async () => void (await task.stop()) };
};
