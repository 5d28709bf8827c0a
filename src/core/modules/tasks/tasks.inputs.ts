import { z } from 'zod';

/**
 * The input schemas of /task, its buttons and its forms. Their messages are catalog keys, so a bad input
 * reads as a sentence in the team's language.
 */

export const taskNumber = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  z.string({ error: 'tasks.number_required' }).regex(/^\d{1,9}$/, { error: 'tasks.bad_number' }).transform(Number),
);
export const title = z.string({ error: 'tasks.title_required' }).trim().min(1, { error: 'tasks.title_required' }).max(200, { error: 'tasks.title_too_long' });
export const mentions = z.array(z.string()).max(10, { error: 'tasks.too_many_assignees' });
const PRIORITY_ALIASES: Record<string, string> = { dringend: 'urgent', hoog: 'high', normaal: 'normal', laag: 'low', medium: 'normal' };
export const priority = z.preprocess(
  (value) => (typeof value === 'string' ? (PRIORITY_ALIASES[value.toLowerCase()] ?? value.toLowerCase()) : value),
  z.enum(['urgent', 'high', 'normal', 'low'], { error: 'tasks.bad_priority' }),
);
export const phrase = (key: 'tasks.when_required') => z.string({ error: key }).trim().min(1, { error: key });
/** A form field left empty (or blank) counts as not given. */
export const optionalText = z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), z.string().trim().optional());
/** What someone who pressed Need help needs, in their words. */
export const need = z.string({ error: 'tasks.help_required' }).trim().min(1, { error: 'tasks.help_required' }).max(2000, { error: 'tasks.help_too_long' });
