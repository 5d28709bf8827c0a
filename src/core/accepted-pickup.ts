import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Platform } from './ports.js';

/** How often an adapter renews its claims and looks for accepted work other instances left. */
export const PICKUP_EVERY_MS = 5_000;

/**
 * The part of picking up accepted work that is the same on every platform: a worker id of this process, a
 * pass at start and every `everyMs` (never two at once, none once stopping), and the stopping flag the
 * adapter's own runs consult (a stopping instance starts nothing new; what it has not begun stays for the
 * next one). `pass` is the adapter's: renew, claim, run and answer in its platform's way.
 */
export const createAcceptedPickup = ({ platform, everyMs = PICKUP_EVERY_MS, pass }: { platform: Platform; everyMs?: number; pass: () => Promise<void> }) => {
  const workerId = `${platform}:${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  let stopping = false;
  let running = false;
  let timer: NodeJS.Timeout | null = null;

  const run = async () => {
    if (running || stopping) return;
    running = true;
    try {
      await pass();
    } finally {
      running = false;
    }
  };

  return {
    workerId,
    stopping: () => stopping,
    start() {
      stopping = false;
      void run();
      timer = setInterval(() => void run(), everyMs);
      timer.unref();
    },
    stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
};
