import { describe, expect, it } from 'vitest';
import { createPlatformLimits, createTokenBucket } from '../../src/scheduler/rate-limits.js';

/** Time that only moves when someone sleeps: the limits are checked against it, not against the wall. */
const fakeTime = () => {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
};

describe('platform limits', () => {
  it('lets at most 50 Discord requests through in any second, across all of them, first come first served', async () => {
    const time = fakeTime();
    const limits = createPlatformLimits({ realNow: time.now, sleep: time.sleep });
    const granted: Array<{ n: number; at: number }> = [];
    await Promise.all(Array.from({ length: 200 }, (_, n) => limits.acquire('discord').then(() => granted.push({ n, at: time.now() }))));
    expect(granted.map((grant) => grant.n)).toEqual(Array.from({ length: 200 }, (_, n) => n));
    // Any 51 in a row span at least a second: no second holds more than 50.
    for (let i = 0; i + 50 < granted.length; i++) expect(granted[i + 50]!.at - granted[i]!.at).toBeGreaterThanOrEqual(1_000);
    // And the budget is used: 200 requests take about four seconds, not more.
    expect(granted.at(-1)!.at).toBeLessThanOrEqual(4_000);
  });

  it('does not hold back Slack or the console on the Discord budget', async () => {
    const time = fakeTime();
    const limits = createPlatformLimits({ realNow: time.now, sleep: time.sleep });
    await Promise.all(Array.from({ length: 100 }, () => limits.acquire('slack')));
    await Promise.all(Array.from({ length: 100 }, () => limits.acquire('console')));
    expect(time.now()).toBe(0);
  });

  it('spaces messages to one Slack target a second apart, and no other target or platform', () => {
    const limits = createPlatformLimits();
    limits.sentTo({ platform: 'slack', targetKey: '1:channel:C1', atMs: 10_000 });
    expect(limits.targetReadyAt({ platform: 'slack', targetKey: '1:channel:C1', nowMs: 10_400 })).toBe(11_000);
    expect(limits.targetReadyAt({ platform: 'slack', targetKey: '1:channel:C1', nowMs: 11_000 })).toBeNull();
    expect(limits.targetReadyAt({ platform: 'slack', targetKey: '1:channel:C2', nowMs: 10_400 })).toBeNull();
    limits.sentTo({ platform: 'discord', targetKey: '2:channel:D1', atMs: 10_000 });
    expect(limits.targetReadyAt({ platform: 'discord', targetKey: '2:channel:D1', nowMs: 10_001 })).toBeNull();
  });

  it('pauses a workspace until its Retry-After has passed, and only that workspace', () => {
    const limits = createPlatformLimits();
    limits.pause({ workspaceId: 1, untilMs: 40_000 });
    expect(limits.pausedUntil({ workspaceId: 1, nowMs: 20_000 })).toBe(40_000);
    expect(limits.pausedUntil({ workspaceId: 2, nowMs: 20_000 })).toBeNull();
    // A shorter second pause does not cut the first one short.
    limits.pause({ workspaceId: 1, untilMs: 30_000 });
    expect(limits.pausedUntil({ workspaceId: 1, nowMs: 35_000 })).toBe(40_000);
    expect(limits.pausedUntil({ workspaceId: 1, nowMs: 40_000 })).toBeNull();
  });
});

describe('a token bucket', () => {
  it('lets a burst through at once, then the rate', async () => {
    const time = fakeTime();
    const bucket = createTokenBucket({ ratePerSecond: 10, burst: 5, now: time.now, sleep: time.sleep });
    const times: number[] = [];
    for (let i = 0; i < 8; i++) {
      await bucket.acquire();
      times.push(time.now());
    }
    expect(times).toEqual([0, 0, 0, 0, 0, 100, 200, 300]);
  });
});
