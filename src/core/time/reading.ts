import { readWithChrono } from './chrono-reading.js';
import { normalisePhrase, readPieces } from './phrase.js';
import type { ReadContext, Reading } from './reading-types.js';

export type { DaySpec, ReadContext, Reading } from './reading-types.js';

/**
 * Reads a whole phrase, or returns null when any part of it is not a time expression or names a moment
 * that does not exist ("31 february", "25:00"). The piece reader follows the written rules
 * (../shared/dates-rules.md); chrono reads what it does not know.
 */
export function readPhrase(text: string, ctx: ReadContext): Reading | null {
  const reading = readPieces(text, ctx);
  if (reading === 'invalid') return null;
  if (reading) return reading;
  const phrase = normalisePhrase(text);
  return phrase === '' ? null : readWithChrono(phrase, ctx);
}
