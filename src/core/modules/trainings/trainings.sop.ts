import type { Db } from '../../../db/database.js';
import { t, type Locale } from '../../i18n/catalog.js';
import { sopName } from '../sop/sop.links.js';
import { getSop } from '../sop/sop.repository.js';
import type { TrainingRow } from './trainings.repository.js';

/** The handbook page linked to a class, as one line (its current version's URL); null for none or a removed one. */
export const classSopLine = async ({ db, training, locale }: { db: Db; training: Pick<TrainingRow, 'sopId'>; locale: Locale }): Promise<string | null> => {
  if (!training.sopId) return null;
  const sop = await getSop({ db, sopId: training.sopId });
  if (!sop || sop.removedAt) return null;
  return t(locale, 'sops.task_link', { sop: sopName(sop), url: sop.url });
};
