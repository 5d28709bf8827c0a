import type { Platform } from '../core/ports.js';

/**
 * What the platforms allow, kept in this process's memory. It only spares the platforms (and us their 429s):
 * order and once-only come from the database, so losing this state (a restart, a second process) can
 * at worst send a little faster than allowed for a moment, never twice or out of order.
 */
export interface PlatformLimits {
  /**
   * When a message may next go to this target (scheduler clock, ms), or null when it may go now.
   * Slack allows about one message per second per channel or DM.
   */
  targetReadyAt(args: { platform: Platform; targetKey: string; nowMs: number }): number | null;
  /** A message was handed to the platform for this target at `atMs`. */
  sentTo(args: { platform: Platform; targetKey: string; atMs: number }): void;
  /** Until when a workspace is paused after a rate limit (scheduler clock, ms), or null. */
  pausedUntil(args: { workspaceId: number; nowMs: number }): number | null;
  pause(args: { workspaceId: number; untilMs: number }): void;
  /** Waits, in real time, for a slot in the process-wide request budget of the platform (Discord: 50/s). */
  acquire(platform: Platform): Promise<void>;
}

export interface PlatformLimitOptions {
  /** Slack: least time between two messages to one target. */
  slackTargetIntervalMs?: number;
  /** Discord: requests per second for the whole process. */
  discordPerSecond?: number;
  /** Real time in ms, for the Discord bucket (tests pass a fake one). */
  realNow?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const SLACK_TARGET_INTERVAL_MS = 1_000;
export const DISCORD_REQUESTS_PER_SECOND = 50;

export const createPlatformLimits = (options: PlatformLimitOptions = {}): PlatformLimits => {
  const slackInterval = options.slackTargetIntervalMs ?? SLACK_TARGET_INTERVAL_MS;
  const lastSent = new Map<string, number>();
  const paused = new Map<number, number>();
  // No burst: requests go out evenly spaced (every 20 ms), so no second ever holds more than 50, however
  // Discord cuts its window. A lone message still goes at once.
  const discord = createTokenBucket({
    ratePerSecond: options.discordPerSecond ?? DISCORD_REQUESTS_PER_SECOND,
    burst: 1,
    ...(options.realNow ? { now: options.realNow } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });

  // Only targets heard from within the interval matter; forget the rest so the map stays small.
  const forgetOld = (nowMs: number) => {
    if (lastSent.size < 10_000) return;
    for (const [key, at] of lastSent) if (nowMs - at >= slackInterval) lastSent.delete(key);
  };

  return {
    targetReadyAt({ platform, targetKey, nowMs }) {
      if (platform !== 'slack') return null;
      const last = lastSent.get(targetKey);
      return last !== undefined && nowMs - last < slackInterval ? last + slackInterval : null;
    },
    sentTo({ platform, targetKey, atMs }) {
      if (platform !== 'slack') return;
      forgetOld(atMs);
      lastSent.set(targetKey, Math.max(atMs, lastSent.get(targetKey) ?? atMs));
    },
    pausedUntil({ workspaceId, nowMs }) {
      const until = paused.get(workspaceId);
      if (until === undefined) return null;
      if (until > nowMs) return until;
      paused.delete(workspaceId);
      return null;
    },
    pause({ workspaceId, untilMs }) {
      paused.set(workspaceId, Math.max(untilMs, paused.get(workspaceId) ?? untilMs));
    },
    acquire: (platform) => (platform === 'discord' ? discord.acquire() : Promise.resolve()),
  };
};

/**
 * A token bucket: `burst` requests at once, then `ratePerSecond`. Waiters are served first come, first
 * served, so a busy target cannot starve the others.
 */
export const createTokenBucket = ({
  ratePerSecond,
  burst,
  now = () => performance.now(),
  sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
}: {
  ratePerSecond: number;
  burst: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}) => {
  let tokens = burst;
  let last = now();
  let queue: Promise<void> = Promise.resolve();
  const refill = () => {
    const at = now();
    tokens = Math.min(burst, tokens + ((at - last) * ratePerSecond) / 1000);
    last = at;
  };
  const take = async () => {
    for (refill(); tokens < 1; refill()) await sleep(Math.max(1, Math.ceil(((1 - tokens) * 1000) / ratePerSecond)));
    tokens -= 1;
  };
  return {
    acquire: (): Promise<void> => (queue = queue.then(take)),
  };
};
