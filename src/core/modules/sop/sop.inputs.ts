import { z } from 'zod';
import { tokenize } from '../../command-text.js';

/** The input schemas of /sop; their messages are catalog keys, read as sentences in the team's language. */

export const sopNumber = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  z.string({ error: 'sops.number_required' }).regex(/^#?\d{1,9}$/, { error: 'sops.bad_number' }).transform((text) => Number(text.replace('#', ''))),
);

export const sopTitle = z.string({ error: 'sops.title_required' }).trim().min(1, { error: 'sops.title_required' }).max(200, { error: 'sops.title_too_long' });

/** A web link: http or https with a host; `www.…` alone is read as https. */
export const sopUrl = z.preprocess(
  (value) => (typeof value === 'string' && /^www\./i.test(value.trim()) ? `https://${value.trim()}` : value),
  z
    .string({ error: 'sops.url_required' })
    .trim()
    .min(1, { error: 'sops.url_required' })
    .max(2000, { error: 'sops.bad_url' })
    .refine((text) => {
      try {
        const url = new URL(text);
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
      } catch {
        return false;
      }
    }, { error: 'sops.bad_url' }),
);

/** Tags as typed (`billing stripe`, `#billing, #stripe`) or as Discord's one string. */
export const sopTags = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : value),
  z.array(z.string().max(40, { error: 'sops.tag_too_long' })).max(10, { error: 'sops.too_many_tags' }),
);

export const stepDay = z.preprocess(
  (value) => (typeof value === 'string' && /^\d{1,6}$/.test(value.trim()) ? Number(value) : value),
  z.number({ error: 'sops.onboarding_bad_day' }).int({ error: 'sops.onboarding_bad_day' }).min(1, { error: 'sops.onboarding_bad_day' }).max(365, { error: 'sops.onboarding_bad_day' }),
);

const looksLikeUrl = (token: string) => /^(https?:\/\/|www\.)/i.test(token) || token.includes('://');

/**
 * `/sop add Refunds SOP https://… billing stripe`: the title runs up to the first link, the tags follow it. Words
 * are kept as typed (a link is case-sensitive), quotes keep a title together.
 */
export const parseAdd = (text: string): Record<string, unknown> => {
  const tokens = tokenize(text.trim()).map((token) => token.replace(/^\u0000/, ''));
  const at = tokens.findIndex(looksLikeUrl);
  if (at < 0) return tokens.length > 0 ? { title: tokens.join(' ') } : {};
  return { ...(at > 0 ? { title: tokens.slice(0, at).join(' ') } : {}), url: tokens[at], ...(at + 1 < tokens.length ? { tags: tokens.slice(at + 1).join(' ') } : {}) };
};

/** `/sop update 3 https://… what changed`: the number, the new link, the note. */
export const parseUpdate = (text: string): Record<string, unknown> => {
  const [number, url, ...note] = tokenize(text.trim()).map((token) => token.replace(/^\u0000/, ''));
  return { ...(number ? { number } : {}), ...(url ? { url } : {}), ...(note.length > 0 ? { note: note.join(' ') } : {}) };
};
