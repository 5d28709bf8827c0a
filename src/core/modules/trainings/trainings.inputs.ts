import { z } from 'zod';
import { parseOptionText, readsAsWhen, type OptionSpec } from '../../command-text.js';
import { isRecurrence } from '../../time/recurrence.js';
import { readDurationParts } from '../../time/units.js';

/**
 * The words of /training, in English and Dutch, read in any team whatever its language. A class's start
 * has no keyword of its own (`/training add Onboarding tuesday 15:00`): it is the longest tail of the
 * title words that reads as a moment.
 */
export const LENGTH_WORDS = ['for', 'voor', 'duur', 'length'];
export const LINK_WORDS = ['link', 'url'];
export const WITH_WORDS = ['with', 'met'];
export const MAX_WORDS = ['max', 'maximum'];
export const TITLE_WORDS = ['title', 'titel'];
export const WHEN_WORDS = ['when', 'wanneer'];
export const REPEAT_WORDS = [
  ...['every', 'each', 'daily', 'weekly', 'monthly', 'weekdays', 'workdays', 'fortnightly'],
  ...['elke', 'iedere', 'dagelijks', 'wekelijks', 'maandelijks', 'werkdagen', 'tweewekelijks'],
];
export const EVERYONE_WORDS = ['everyone', 'everybody', 'all', 'iedereen', 'allen', 'alle'];
export const SCOPE_WORDS: Record<string, 'one' | 'all'> = { this: 'one', one: 'one', deze: 'one', dit: 'one', all: 'all', future: 'all', alle: 'all', allemaal: 'all', toekomstige: 'all' };

const isLength = (value: string) => readDurationParts(value.trim().toLowerCase()) !== null;
const oneWord = (value: string) => /^\S+$/.test(value.trim());
const isCount = (value: string) => /^-?\d+$/.test(value.trim());
const isEveryone = (value: string) => value.trim() === '' || EVERYONE_WORDS.includes(value.trim().toLowerCase());

export const classNumber = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  z.string({ error: 'trainings.number_required' }).regex(/^\d{1,9}$/, { error: 'trainings.bad_number' }).transform(Number),
);
export const classTitle = z.string({ error: 'trainings.title_required' }).trim().min(1, { error: 'trainings.title_required' }).max(150, { error: 'trainings.title_too_long' });

export const addOptions: readonly OptionSpec[] = [
  { name: 'title', kind: 'rest', required: true, description: 'What the class is' },
  { name: 'when', kind: 'keyword', keywords: WHEN_WORDS, required: true, when: 'start', description: 'When it starts, e.g. tuesday 15:00' },
  { name: 'length', kind: 'keyword', keywords: LENGTH_WORDS, accepts: isLength, description: 'How long, e.g. 90 minutes (default 1 hour)' },
  { name: 'link', kind: 'keyword', keywords: LINK_WORDS, accepts: oneWord, description: 'The join link (http or https)' },
  { name: 'invitees', kind: 'people', description: 'Who is invited' },
  { name: 'with', kind: 'keyword', keywords: WITH_WORDS, accepts: isEveryone, description: 'everyone: the whole team' },
  { name: 'max', kind: 'keyword', keywords: MAX_WORDS, accepts: isCount, description: 'Seats; more Going join a waitlist' },
  { name: 'repeat', kind: 'keyword', keywords: REPEAT_WORDS, keepKeyword: true, accepts: isRecurrence, description: 'Repeat, e.g. every tuesday' },
  { name: 'sop', kind: 'keyword', keywords: ['sop'], accepts: (value) => value.trim() !== '', description: 'An SOP to link: its number or title' },
];

/** The title words with the start split off their tail, unless the start came with its keyword. */
export const parseAdd = (text: string): Record<string, unknown> => {
  const raw = parseOptionText(text, addOptions);
  if (raw.when !== undefined || typeof raw.title !== 'string') return raw;
  const words = (raw.title as string).split(/\s+/);
  for (let start = 1; start < words.length; start++) {
    const tail = words.slice(start).join(' ');
    if (readsAsWhen(tail)) return { ...raw, title: words.slice(0, start).join(' '), when: tail };
  }
  // No title before it: the whole line may be a moment (then the title is missing, which the input says).
  return readsAsWhen(raw.title as string) ? { ...raw, title: undefined, when: raw.title } : raw;
};

export const editOptions: readonly OptionSpec[] = [
  { name: 'number', kind: 'ref', required: true, description: 'Class number, e.g. 3' },
  { name: 'scope', kind: 'word', choices: ['this', 'all'], description: 'this one or all future ones (recurring classes)' },
  { name: 'title', kind: 'keyword', keywords: TITLE_WORDS, description: 'New title' },
  { name: 'length', kind: 'keyword', keywords: LENGTH_WORDS, accepts: isLength, description: 'New length, e.g. 90 minutes' },
  { name: 'link', kind: 'keyword', keywords: LINK_WORDS, accepts: oneWord, description: 'New join link' },
  { name: 'max', kind: 'keyword', keywords: MAX_WORDS, accepts: isCount, description: 'New number of seats' },
];

export const scopeInput = z.preprocess(
  (value) => (typeof value === 'string' ? (SCOPE_WORDS[value.toLowerCase()] ?? value) : value),
  z.enum(['one', 'all'], { error: 'trainings.bad_scope' }).optional(),
);

