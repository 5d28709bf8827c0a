import { and, eq, like, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { jobs, memberships, people } from '../../../db/schema/index.js';
import type { PersonRow } from '../../identity.js';
import { briefJob, briefKeyPrefix } from './briefs.jobs.js';

/** The brief's own state on a person (their alert choice, how far the last brief went) and its pending jobs. */

export type Alerts = PersonRow['alerts'];

/** Locks the person's row: two runs of one person's brief (a retry beside a re-plan) serialise on it. */
export const getPersonForUpdate = async ({ db, personId }: { db: Db; personId: number }): Promise<PersonRow | null> =>
  (await db.select().from(people).where(eq(people.id, personId)).for('update'))[0] ?? null;

export const setAlerts = async ({ db, personId, alerts }: { db: Db; personId: number; alerts: Alerts }): Promise<PersonRow> =>
  (await db.update(people).set({ alerts }).where(eq(people.id, personId)).returning())[0]!;

export const markBriefed = async ({ db, personId, at }: { db: Db; personId: number; at: Date }) => {
  await db.update(people).set({ lastBriefAt: at }).where(eq(people.id, personId));
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** A brief planned and not yet run (a running one does not count: it is the one asking). */
export const hasPendingBrief = async ({ db, personId }: { db: Db; personId: number }): Promise<boolean> => {
  const rows = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.kind, briefJob.kind), eq(jobs.status, 'pending'), like(jobs.dedupeKey, `${escapeLike(briefKeyPrefix(personId))}%`)))
    .limit(1);
  return rows.length > 0;
};

/** Whether the person manages any team at all (the brief's re-check, and the end of a chain). */
export const isManager = async ({ db, personId }: { db: Db; personId: number }): Promise<boolean> =>
  (await db.select({ teamId: memberships.teamId }).from(memberships).where(and(eq(memberships.personId, personId), eq(memberships.role, 'manager'))).limit(1)).length > 0;

/** Managers with no brief pending: those from before the brief existed, or whose chain broke. */
export const managersWithoutBrief = async ({ db }: { db: Db }): Promise<number[]> => {
  const rows = await db
    .selectDistinct({ personId: memberships.personId })
    .from(memberships)
    .where(
      and(
        eq(memberships.role, 'manager'),
        notExists(
          db
            .select({ id: jobs.id })
            .from(jobs)
            .where(and(eq(jobs.kind, briefJob.kind), eq(jobs.status, 'pending'), like(jobs.dedupeKey, sql`'brief:' || ${memberships.personId} || ':%'`))),
        ),
      ),
    );
  return rows.map((row) => row.personId);
};
