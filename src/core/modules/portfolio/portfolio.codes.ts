import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * One-time link codes. Crockford's base32 (no I, L, O or U) so a code read aloud or retyped survives: `O` is
 * read as 0 and `I`/`L` as 1. 28 characters of 5 bits each: 140 random bits, past the 128 a guess must beat,
 * shown in groups of four.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const LINK_CODE_LENGTH = 28;
const SHAPE = new RegExp(`^[${ALPHABET}]{${LINK_CODE_LENGTH}}$`);

// One random byte per character: its low five bits are uniform, as 256 is a multiple of 32.
export const newLinkCode = (): string => [...randomBytes(LINK_CODE_LENGTH)].map((byte) => ALPHABET[byte & 31]).join('');

export const formatLinkCode = (code: string): string => code.match(/.{1,4}/g)!.join('-');

/** The code as typed (any case, dashes, spaces) in its stored form, or null when it cannot be a code. */
export const normalizeLinkCode = (typed: string): string | null => {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return SHAPE.test(code) ? code : null;
};

/** What the database keeps: the hex SHA-256 (a leaked table links nobody). */
export const hashLinkCode = (code: string): string => createHash('sha256').update(code, 'utf8').digest('hex');

/** The found row's hash against the presented one, in constant time (see feeds.tokens.ts). */
export const sameLinkHash = (stored: string, presented: string): boolean => {
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(presented, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
};
