import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { eventMirrorAlerts, eventMirrors, teams, workspaces, type MirroredEvent } from '../../../db/schema/index.js';

export type EventMirrorRow = typeof eventMirrors.$inferSelect;
export type MirrorStatus = EventMirrorRow['status'];
export type AlertReason = (typeof eventMirrorAlerts.$inferSelect)['reason'];

/**
 * Records the desired state of a subject's event and returns the version to mirror, or null when nothing
 * changed (the same state asked again: a retried command, a no-op edit), so no job is scheduled for it.
 * One statement, so two requests at once each get their own version.
 */
export const upsertDesired = async ({ db, now, teamId, subjectKey, desired, cancelled }: { db: Db; now: Date; teamId: number; subjectKey: string; desired: MirroredEvent | null; cancelled: boolean }): Promise<{ id: number; version: number } | null> => {
  if (desired === null) {
    // A cancellation keeps the last spec (what a lost creation is found again by).
    const rows = await db
      .update(eventMirrors)
      .set({ cancelled: true, version: sql`${eventMirrors.version} + 1`, status: 'pending', lastError: null, updatedAt: now })
      .where(and(eq(eventMirrors.subjectKey, subjectKey), eq(eventMirrors.cancelled, false)))
      .returning({ id: eventMirrors.id, version: eventMirrors.version });
    return rows[0] ?? null;
  }
  const rows = await db
    .insert(eventMirrors)
    .values({ teamId, subjectKey, desired, cancelled, updatedAt: now })
    .onConflictDoUpdate({
      target: eventMirrors.subjectKey,
      set: { desired, cancelled, version: sql`${eventMirrors.version} + 1`, status: 'pending', lastError: null, updatedAt: now },
      setWhere: sql`${eventMirrors.desired} is distinct from excluded.desired or ${eventMirrors.cancelled} is distinct from excluded.cancelled`,
    })
    .returning({ id: eventMirrors.id, version: eventMirrors.version });
  return rows[0] ?? null;
};

/** Advisory lock namespace of the events module ("EVNT"), the second key being the workspace id. */
const WORKSPACE_LOCK = 0x45564e54;

/**
 * Serializes the mirror jobs of one workspace until the transaction ends. Without it two occurrences of one
 * class created at once could each see the other's event, not yet recorded, as a lost creation to adopt.
 * Taken before any mirror row, by every mirror job, so the two locks are always taken in the same order.
 */
export const lockWorkspaceMirrors = async ({ db, workspaceId }: { db: Db; workspaceId: number }) => {
  await db.execute(sql`select pg_advisory_xact_lock(${WORKSPACE_LOCK}::int, ${workspaceId}::int)`);
};

export const mirrorTeam = async ({ db, mirrorId }: { db: Db; mirrorId: number }): Promise<number | null> =>
  (await db.select({ teamId: eventMirrors.teamId }).from(eventMirrors).where(eq(eventMirrors.id, mirrorId)))[0]?.teamId ?? null;

/** The mirror, locked for the job that brings it in line (one platform call sequence per mirror at a time). */
export const lockMirror = async ({ db, mirrorId }: { db: Db; mirrorId: number }): Promise<EventMirrorRow | null> => {
  const [row] = await db.select().from(eventMirrors).where(eq(eventMirrors.id, mirrorId)).for('update');
  return row ?? null;
};

export const getMirror = async ({ db, subjectKey }: { db: Db; subjectKey: string }): Promise<EventMirrorRow | null> => {
  const [row] = await db.select().from(eventMirrors).where(eq(eventMirrors.subjectKey, subjectKey));
  return row ?? null;
};

export const markMirror = async ({ db, now, mirrorId, status, externalId, appliedVersion, lastError = null }: { db: Db; now: Date; mirrorId: number; status: MirrorStatus; externalId?: string | null; appliedVersion?: number; lastError?: string | null }) => {
  await db
    .update(eventMirrors)
    .set({ status, lastError, updatedAt: now, ...(externalId !== undefined ? { externalId } : {}), ...(appliedVersion !== undefined ? { appliedVersion } : {}) })
    .where(eq(eventMirrors.id, mirrorId));
};

/** Which of these platform event ids a mirror already holds (they cannot be adopted by another). */
export const heldExternalIds = async ({ db, ids }: { db: Db; ids: string[] }): Promise<Set<string>> => {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: eventMirrors.externalId }).from(eventMirrors).where(inArray(eventMirrors.externalId, ids));
  return new Set(rows.map((row) => row.id!));
};

/** The team with its workspace: which platform, and the platform's id of the server. */
export const teamWorkspace = async ({ db, teamId }: { db: Db; teamId: number }) => {
  const [row] = await db.select({ team: teams, workspace: workspaces }).from(teams).innerJoin(workspaces, eq(workspaces.id, teams.workspaceId)).where(eq(teams.id, teamId));
  return row ?? null;
};

/** Raises an alert; returns its start when it is new (the managers are to be told), null when it stood already. */
export const raiseAlert = async ({ db, now, teamId, reason }: { db: Db; now: Date; teamId: number; reason: AlertReason }): Promise<Date | null> => {
  const rows = await db.insert(eventMirrorAlerts).values({ teamId, reason, since: now }).onConflictDoNothing().returning({ since: eventMirrorAlerts.since });
  return rows[0]?.since ?? null;
};

/** Clears alerts after a success; returns the reasons that stood. */
export const clearAlerts = async ({ db, teamId, reasons }: { db: Db; teamId: number; reasons: AlertReason[] }): Promise<AlertReason[]> => {
  const rows = await db
    .delete(eventMirrorAlerts)
    .where(and(eq(eventMirrorAlerts.teamId, teamId), inArray(eventMirrorAlerts.reason, reasons)))
    .returning({ reason: eventMirrorAlerts.reason });
  return rows.map((row) => row.reason);
};

export const alertStands = async ({ db, teamId, reason, since }: { db: Db; teamId: number; reason: AlertReason; since: Date }): Promise<boolean> => {
  const [row] = await db.select({ since: eventMirrorAlerts.since }).from(eventMirrorAlerts).where(and(eq(eventMirrorAlerts.teamId, teamId), eq(eventMirrorAlerts.reason, reason)));
  return row !== undefined && row.since.getTime() === since.getTime();
};

/** The team's upcoming mirrors held back by `status` (the permission, the limit), to try again once it is lifted. */
export const heldBack = async ({ db, now, teamId, status }: { db: Db; now: Date; teamId: number; status: MirrorStatus }) =>
  db
    .select({ id: eventMirrors.id, version: eventMirrors.version })
    .from(eventMirrors)
    .where(and(eq(eventMirrors.teamId, teamId), eq(eventMirrors.status, status), eq(eventMirrors.cancelled, false), sql`(${eventMirrors.desired} ->> 'start')::timestamptz > ${now.toISOString()}::timestamptz`));
