import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 24 random bytes: 192 bits, 32 characters of base64url, well past the 128 bits a guess must beat. */
const TOKEN_BYTES = 24;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;

export const newFeedToken = (): string => randomBytes(TOKEN_BYTES).toString('base64url');

/** What the database keeps: the hex SHA-256 of the token (a leaked table gives no working URL). */
export const hashFeedToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Anything not shaped like one of our tokens is unknown without a query. */
export const isFeedTokenShaped = (token: string): boolean => TOKEN_SHAPE.test(token);

/**
 * The stored hash against the presented token's, in constant time: the index lookup found the row, and this
 * keeps the last comparison from telling by its timing how much of a guess was right.
 */
export const sameFeedHash = (stored: string, presented: string): boolean => {
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(presented, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
};
