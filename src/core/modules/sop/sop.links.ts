import type { Db } from '../../../db/database.js';
import { t, type Locale } from '../../i18n/catalog.js';
import { activeSops, getSopByNumber, sopOfTask, type SopRow } from './sop.repository.js';
import { rankSops, wordsOf } from './sop.search.js';

/**
 * An SOP named by number (`3`, `#3`) or by title, for whatever links one (a task, a class): the exact title
 * (case and accents aside), else the best match of a search if it is clearly the one meant. Null when none is.
 */
export const resolveSopRef = async ({ db, teamId, ref }: { db: Db; teamId: number; ref: string }): Promise<SopRow | null> => {
  const text = ref.trim();
  const number = /^#?(\d{1,9})$/.exec(text);
  if (number) return getSopByNumber({ db, teamId, number: Number(number[1]) });
  const list = await activeSops({ db, teamId });
  const wanted = wordsOf(text).join(' ');
  const exact = list.find((sop) => wordsOf(sop.title).join(' ') === wanted);
  if (exact) return exact;
  const [best, second] = rankSops(text, list, 2);
  if (!best || best.score < 0.7) return null;
  return second && second.score >= best.score - 0.05 ? null : best.sop;
};

/** `#3 Refunds SOP (v2)`: how an SOP is named in any message. */
export const sopName = (sop: Pick<SopRow, 'number' | 'title' | 'version'>): string => `#${sop.number} ${sop.title} (v${sop.version})`;

/** The line a task's DM and card carry about its SOP, or nothing. */
export const sopNoteOf = async ({ db, taskId, locale }: { db: Db; taskId: number; locale: Locale }): Promise<string[]> => {
  const sop = await sopOfTask({ db, taskId });
  if (!sop) return [];
  if (sop.removedAt) return [t(locale, 'sops.task_link_removed', { sop: `#${sop.number} ${sop.title}` })];
  return [t(locale, 'sops.task_link', { sop: sopName(sop), url: sop.url })];
};
