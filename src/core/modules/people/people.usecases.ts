import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { memberships, people, teams } from '../../../db/schema/index.js';
import { t } from '../../i18n/catalog.js';
import { compose } from '../../messages.js';
import { enqueueDm } from '../../deliveries.js';
import { managersOf } from '../../recipients.js';
import { stillUnreachable } from './people.notices.js';

/**
 * A DM failed for good (DMs closed, user gone). Flip the flag once; only the flip tells the managers,
 * so a person who stays unreachable never causes a stream of notices.
 */
export const markUnreachable = async ({ db, personId, now }: { db: Db; personId: number; now: Date }): Promise<void> => {
  const flipped = await db.update(people).set({ dmReachable: false }).where(and(eq(people.id, personId), eq(people.dmReachable, true))).returning();
  const person = flipped[0];
  if (!person) return;
  const teamRows = await db.select({ team: teams }).from(memberships).innerJoin(teams, eq(teams.id, memberships.teamId)).where(eq(memberships.personId, personId));
  for (const { team } of teamRows) {
    // Managers on the daily brief read it there; only those who chose instant alerts get a DM.
    for (const manager of await managersOf({ db, teamId: team.id, except: [personId] })) {
      if (manager.alerts !== 'instant') continue;
      await enqueueDm({
        db,
        person: manager,
        team,
        notice: { subject: `person:${personId}`, nature: 'news', check: stillUnreachable.spec({ personId }) },
        message: compose([{ type: 'text', text: t(team.locale, 'people.unreachable_notice', { person: person.displayName, team: team.clientName }) }]),
        dedupeKey: `unreachable:${personId}:${team.id}:${manager.id}:${now.toISOString()}`,
        notBefore: now,
      });
    }
  }
};

/** Scheduled work failed after every retry: the team's managers hear it once (the key is the job's). */
export const notifyJobFailed = async ({ db, now, teamId, jobId, kind }: { db: Db; now: Date; teamId: number; jobId: number; kind: string }): Promise<void> => {
  const [team] = await db.select().from(teams).where(eq(teams.id, teamId));
  if (!team) return;
  for (const person of await managersOf({ db, teamId })) {
    // Rare and about the bot itself: every manager hears it, in their working time.
    await enqueueDm({
      db,
      person,
      team,
      notice: { subject: `job:${jobId}`, nature: 'news' },
      message: compose([{ type: 'text', text: t(team.locale, 'people.job_failed_notice', { team: team.clientName, kind }) }]),
      dedupeKey: `job-failed:${jobId}:${person.id}`,
      notBefore: now,
    });
  }
};
