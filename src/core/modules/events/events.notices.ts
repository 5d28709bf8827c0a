import { z } from 'zod';
import type { Db } from '../../../db/database.js';
import { enqueueDm } from '../../deliveries.js';
import { t } from '../../i18n/catalog.js';
import { compose } from '../../messages.js';
import { defineNoticeCheck } from '../../notices.js';
import { managersOf } from '../../recipients.js';
import { alertStands, teamWorkspace, type AlertReason } from './events.repository.js';

/** Still true when it goes: the alert it tells of still stands (a permission granted meanwhile drops it). */
export const alertCheck = defineNoticeCheck({
  name: 'events.alert',
  args: z.object({ teamId: z.number().int(), reason: z.enum(['permission', 'limit']), since: z.iso.datetime() }),
  check: async ({ teamId, reason, since }, { db }) =>
    (await alertStands({ db, teamId, reason, since: new Date(since) })) ? { fresh: true } : { fresh: false, reason: 'alert_lifted' },
});

/** Tells every manager of the team, once per alert, in the team's language and their working time. */
export const notifyAlert = async ({ db, now, teamId, reason, since, server, name }: { db: Db; now: Date; teamId: number; reason: AlertReason; since: Date; server: string; name: string }): Promise<void> => {
  const found = await teamWorkspace({ db, teamId });
  if (!found) return;
  const { team, workspace } = found;
  const text =
    reason === 'permission'
      ? t(team.locale, 'events.permission_notice', { team: team.clientName, server: workspace.name || server })
      : t(team.locale, 'events.limit_notice', { team: team.clientName, server: workspace.name || server, name });
  for (const person of await managersOf({ db, teamId })) {
    await enqueueDm({
      db,
      person,
      team,
      notice: { subject: `events:${teamId}`, nature: 'news', check: alertCheck.spec({ teamId, reason, since: since.toISOString() }) },
      message: compose([{ type: 'text', text }]),
      dedupeKey: `events-alert:${teamId}:${reason}:${since.toISOString()}:${person.id}`,
      notBefore: now,
    });
  }
};
