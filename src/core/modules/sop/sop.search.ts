/**
 * Finding an SOP by a few words, typos forgiven, in TypeScript rather than with pg_trgm: PGlite would need the
 * extension loaded by hand and PostgreSQL its contrib package, and a team's handbook is small enough to score
 * whole. Titles and tags are compared word by word, accents folded, so "terugbetaling" finds
 * "Terugbetalingen afhandelen" and "refnd" finds "Refunds SOP".
 */

/** Lower case, accents folded, split on anything that is not a letter or digit. */
export const wordsOf = (text: string): string[] =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Levenshtein distance, bounded: beyond `max` the exact number does not matter. */
export const editDistance = (a: string, b: string, max = 3): number => {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
};

// Words too common to tell SOPs apart: a query of only these still matches, but they add nothing to a score.
const FILLER = new Set(['the', 'a', 'an', 'of', 'for', 'to', 'and', 'how', 'de', 'het', 'een', 'van', 'voor', 'en', 'hoe', 'sop']);

/** How well one query word matches one word of an SOP, 0 to 1. */
export const wordScore = (query: string, word: string): number => {
  if (query === word) return 1;
  if (query.length >= 3 && word.startsWith(query)) return 0.9;
  if (word.length >= 4 && query.startsWith(word)) return 0.85;
  // A Dutch compound holds the word whole: "klantterugbetalingen".
  if (query.length >= 5 && word.includes(query)) return 0.8;
  const allowed = query.length <= 4 ? 1 : 2;
  const head = word.slice(0, query.length + 1);
  const distance = Math.min(editDistance(query, word, allowed), editDistance(query, head, allowed));
  if (distance > allowed) return 0;
  return 0.75 - 0.1 * distance;
};

export interface Searchable {
  title: string;
  tags: readonly string[];
}

/**
 * The score of an SOP for a query: every meaningful query word counts by its best match in the title (full
 * weight) or the tags (a little less); a word that matches nothing halves the score, so the SOP with all the
 * words ranks first. Zero when nothing matched.
 */
export const sopScore = (query: string, sop: Searchable): number => {
  const all = wordsOf(query);
  const words = all.filter((word) => !FILLER.has(word));
  const asked = words.length > 0 ? words : all;
  if (asked.length === 0) return 0;
  const titleWords = wordsOf(sop.title);
  const tagWords = sop.tags.flatMap(wordsOf);
  let total = 0;
  let missing = 0;
  for (const word of asked) {
    const best = Math.max(0, ...titleWords.map((other) => wordScore(word, other)), ...tagWords.map((other) => 0.9 * wordScore(word, other)));
    if (best === 0) missing++;
    total += best;
  }
  if (total === 0) return 0;
  return (total / asked.length) * 0.5 ** missing;
};

/** The SOPs that match, best first (then by number), at most `limit`. */
export const rankSops = <T extends Searchable & { number: number }>(query: string, list: readonly T[], limit = 10): { sop: T; score: number }[] =>
  list
    .map((sop) => ({ sop, score: sopScore(query, sop) }))
    .filter((entry) => entry.score >= 0.2)
    .sort((a, b) => b.score - a.score || a.sop.number - b.sop.number)
    .slice(0, limit);
