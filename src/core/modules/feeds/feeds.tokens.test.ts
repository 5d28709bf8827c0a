import { describe, expect, it } from 'vitest';
import { hashFeedToken, isFeedTokenShaped, newFeedToken, sameFeedHash } from './feeds.tokens.js';

describe('feed tokens', () => {
  it('are 192 random bits in base64url, different every time', () => {
    const tokens = Array.from({ length: 50 }, newFeedToken);
    expect(new Set(tokens).size).toBe(50);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(24);
      expect(isFeedTokenShaped(token)).toBe(true);
    }
    expect(['', 'short', `${tokens[0]}x`, `${tokens[0]!.slice(0, 31)}=`, '../../../../etc/passwd'].map(isFeedTokenShaped)).toEqual([false, false, false, false, false]);
  });

  it('are stored as their SHA-256 and compared whole', () => {
    const token = newFeedToken();
    const hash = hashFeedToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(sameFeedHash(hash, hashFeedToken(token))).toBe(true);
    expect(sameFeedHash(hash, hashFeedToken(newFeedToken()))).toBe(false);
    // A prefix, an empty value or another length never matches (timingSafeEqual would throw on unequal lengths).
    expect([sameFeedHash(hash, hash.slice(0, 62)), sameFeedHash('', ''), sameFeedHash(hash, `${hash}00`)]).toEqual([false, false, false]);
  });
});
