import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/database.js';
import { eventMirrors, teams } from '../../src/db/schema/index.js';
import { requestEventMirror } from '../../src/core/modules/events/events.usecases.js';
import type { EventMirrorSpec } from '../../src/core/modules/events/events.limits.js';

/**
 * For tests of modules that mirror their subjects (trainings): asks for a mirror in its own transaction, as
 * a use case does in the command's, then runs what fell due. `requestEventMirror` itself is the API.
 */
export const requestMirror = async ({ db, now, scheduler, teamId, subjectKey, spec }: { db: Database; now: Date; scheduler: { runDue(now: Date): Promise<void> }; teamId: number; subjectKey: string; spec: EventMirrorSpec }) => {
  const requested = await db.transaction((tx) => requestEventMirror({ db: tx, now, teamId, subjectKey, spec }));
  await scheduler.runDue(now);
  return requested;
};

/** The mirror of a subject as stored (status, platform event id, versions). */
export const mirrorOf = async (db: Database, subjectKey: string) => (await db.select().from(eventMirrors).where(eq(eventMirrors.subjectKey, subjectKey)))[0] ?? null;

/** The id of the team bound to a channel. */
export const teamIdOf = async (db: Database, channelId: string): Promise<number> => {
  const [row] = await db.select({ id: teams.id }).from(teams).where(eq(teams.channelId, channelId));
  if (!row) throw new Error(`no team in channel ${channelId}`);
  return row.id;
};
