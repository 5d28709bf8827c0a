/**
 * Whether a blocker answer says "nothing is blocking me", the way people write it: "nope, all good",
 * "none so far 🙂", "nee hoor", "gaat goed!". The one rule for it, in both languages (the team's language
 * does not matter: a Dutch VA may answer in English). Whatever is left after the "nothing" phrases, the
 * softeners and the emoji is taken as a blocker, so a real problem is never swallowed.
 */

// Each phrase alone means "no blocker".
const NOTHING_PHRASES = [
  // English
  'no', 'nope', 'nah', 'none', 'nothing', 'nothing at all', 'nothing blocking', 'nothing blocking me', 'not really',
  'no blockers', 'no blocker', 'no blocks', 'no issues', 'no problems', 'no problem', 'all good', 'all clear', 'all fine',
  'good', 'fine', 'ok', 'okay', 'im good', 'i am good', 'we are good', 'were good', 'nothing to report', 'n/a', 'na', 'nada', '0',
  // Dutch
  'nee', 'neen', 'geen', 'niks', 'niets', 'helemaal niets', 'helemaal niks', 'geen blokkades', 'geen blokkade',
  'geen problemen', 'geen probleem', 'alles goed', 'gaat goed', 'het gaat goed', 'alles prima', 'prima', 'goed', 'nvt', 'n.v.t',
  'niets aan de hand', 'niks aan de hand', 'loopt goed', 'alles loopt',
];

// Words that soften a "nothing" without adding a problem: "nee hoor", "none so far", "all good, thanks".
const SOFTENERS = /\b(?:hoor|so far|for now|yet|thanks|thank you|thx|ty|tot nu toe|voorlopig|nog|bedankt|dank je|dankjewel|dank|really|at all|today|vandaag|here|hier)\b/g;

const normalize = (phrase: string) =>
  phrase
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’]/g, '')
    .replace(SOFTENERS, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const NOTHING = new Set(NOTHING_PHRASES.map(normalize));
// "👍", "✅", "🙂": an answer of only such signs is a thumbs-up.
const SIGNS = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f]/gu;

// Hedges: the person is not sure whether it blocks them ("maybe the logins?", "misschien een beetje").
const HEDGES = /\b(?:maybe|perhaps|possibly|not sure|unsure|kind of|kinda|sort of|a bit|a little|might be|could be|i think so|dunno|dont know|idk|misschien|wellicht|mogelijk|een beetje|beetje|weet niet|weet ik niet|geen idee|niet zeker|denk het|zou kunnen|soort van)\b/;

export type BlockerVerdict = 'none' | 'blocker' | 'unclear';

/**
 * What a blocker answer says: nothing blocks them, something does, or they hedge ("maybe the login?",
 * "kind of waiting on Sam", "misschien"). An unclear answer is put to the person once rather than sent to
 * the managers, so a manager is never alerted about a doubt the person could settle in a click.
 */
export const classifyBlocker = (answer: string | undefined): BlockerVerdict => {
  if (!isBlocker(answer)) return 'none';
  const text = normalize((answer ?? '').replace(SIGNS, ' '));
  return HEDGES.test(text) || /^\S+\?$/.test(text) ? 'unclear' : 'blocker';
};

/** True when the answer names something that blocks the person (or might); an empty answer is no blocker. */
export const isBlocker = (answer: string | undefined): boolean => {
  const text = (answer ?? '').replace(SIGNS, ' ').trim();
  if (text === '' || /^[-—–.!?\s]*$/.test(text)) return false;
  // Split into phrases at punctuation, so "nope, all good!" is two "nothing"s; "n/a" and "n.v.t." stay whole.
  const phrases = text
    .split(/[,;!?]+|\.(?=\s|$)|\s[-—–]\s|:\)|:-\)/)
    .map(normalize)
    .filter((phrase) => phrase !== '' && !/^[-—–.]+$/.test(phrase));
  if (phrases.length === 0) return false;
  return !phrases.every((phrase) => NOTHING.has(phrase));
};
