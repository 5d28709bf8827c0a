import { describe, expect, it } from 'vitest';
import { formatLinkCode, hashLinkCode, LINK_CODE_LENGTH, newLinkCode, normalizeLinkCode, sameLinkHash } from './portfolio.codes.js';

describe('link codes', () => {
  it('are 28 base32 characters, different every time, and read back from their grouped form in any case', () => {
    const codes = new Set(Array.from({ length: 1000 }, newLinkCode));
    expect(codes.size).toBe(1000);
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{28}$/);
      expect(normalizeLinkCode(formatLinkCode(code))).toBe(code);
      expect(normalizeLinkCode(formatLinkCode(code).toLowerCase())).toBe(code);
    }
    // Every character of the alphabet turns up: the bits are spread, not stuck.
    expect(new Set([...codes].join('')).size).toBe(32);
    expect(LINK_CODE_LENGTH * 5).toBeGreaterThanOrEqual(128);
  });

  it('forgive O for 0 and I or L for 1, and refuse what cannot be a code', () => {
    expect(normalizeLinkCode('OOOO-IIII-LLLL-0000-1111-2222-3333')).toBe('0000111111110000111122223333');
    expect(normalizeLinkCode('ABCD')).toBeNull();
    expect(normalizeLinkCode('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-234U')).toBeNull();
    expect(normalizeLinkCode('')).toBeNull();
  });

  it('are kept as a hash that only the same code matches', () => {
    const code = newLinkCode();
    expect(hashLinkCode(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashLinkCode(code)).not.toContain(code.toLowerCase());
    expect(sameLinkHash(hashLinkCode(code), hashLinkCode(code))).toBe(true);
    expect(sameLinkHash(hashLinkCode(code), hashLinkCode(newLinkCode()))).toBe(false);
    expect(sameLinkHash(hashLinkCode(code), '')).toBe(false);
  });
});
