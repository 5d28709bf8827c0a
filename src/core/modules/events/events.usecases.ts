import type { Db } from '../../../db/database.js';
import type { MirroredEvent } from '../../../db/schema/index.js';
import { scheduleJob, type JobContext } from '../../jobs.js';
import type { ScheduledEventFailure, ScheduledEventResult, ScheduledEventSpec, ScheduledEventsPort } from '../../ports.js';
import { eventMirrorJob, mirrorJobKey } from './events.jobs.js';
import { eventMirrorSpecSchema, mirroredEventOf, type EventMirrorSpec } from './events.limits.js';
import { notifyAlert } from './events.notices.js';
import { clearAlerts, heldBack, heldExternalIds, lockMirror, lockWorkspaceMirrors, markMirror, mirrorTeam, raiseAlert, teamWorkspace, upsertDesired, type EventMirrorRow } from './events.repository.js';

/** How long a mirror held back by a missing permission waits before it asks the platform again. */
export const RECHECK_AFTER_MS = 6 * 3_600_000;

/**
 * Asks for the subject's event on the team's platform to match `spec` (created, moved, edited) or to be
 * cancelled (`{ cancelled: true }`), and schedules the job that does it, in the caller's transaction.
 * Generic: the subject key is the caller's (`training:<id>:<start-iso>`, one per occurrence). Asking for the
 * same state again changes nothing; cancelling a subject never mirrored does nothing. Returns the version
 * to be mirrored, or null when there was nothing to do. On a platform without scheduled events the job
 * records the mirror as `unsupported` and nothing else happens.
 */
export const requestEventMirror = async ({ db, now, teamId, subjectKey, spec }: { db: Db; now: Date; teamId: number; subjectKey: string; spec: EventMirrorSpec }): Promise<{ mirrorId: number; version: number } | null> => {
  const parsed = eventMirrorSpecSchema.parse(spec);
  const cancelled = 'cancelled' in parsed;
  const changed = await upsertDesired({ db, now, teamId, subjectKey, desired: cancelled ? null : mirroredEventOf(parsed), cancelled });
  if (!changed) return null;
  await scheduleJob({ db, job: eventMirrorJob, payload: { mirrorId: changed.id, version: changed.version }, runAt: now, dedupeKey: mirrorJobKey(changed.id, changed.version) });
  return { mirrorId: changed.id, version: changed.version };
};

const specOf = (desired: MirroredEvent): ScheduledEventSpec => ({ name: desired.name, description: desired.description, start: new Date(desired.start), end: new Date(desired.end), location: desired.location });

/** A failure the job cannot settle by itself: thrown, so the queue retries it with its backoff. */
class PlatformRetry extends Error {}

/**
 * Brings the platform in line with the mirror's current version; runs in the job's transaction, which
 * commits what the platform answered (the event's id) together with the job's completion.
 *
 * Exactly once across a crash between the platform's answer and that commit: a creation is never trusted
 * to have failed. Before creating, the bot's own open events on the server are listed, and one that no
 * mirror holds and carries the same name (the same start first) is adopted and set to the spec instead of
 * creating another. The event id is unique across mirrors, so two mirrors can never hold one event, and the
 * mirror jobs of one workspace take turns (an advisory lock), so an unrecorded event is only ever a lost one.
 */
export const mirrorNow = async ({ mirrorId, version }: { mirrorId: number; version: number }, ctx: JobContext): Promise<void> => {
  const { db, now } = ctx;
  const teamId = await mirrorTeam({ db, mirrorId });
  const found = teamId === null ? null : await teamWorkspace({ db, teamId });
  // Gone with its team.
  if (!found) return;
  await lockWorkspaceMirrors({ db, workspaceId: found.workspace.id });
  const row = await lockMirror({ db, mirrorId });
  // A newer version's job is on its way.
  if (!row || row.version !== version) return;
  // Already in line (a recheck or a lifted alert's retry after the mirror went through another way).
  if (row.appliedVersion === version && row.status !== 'forbidden' && row.status !== 'limit') return;
  const port = ctx.ports?.get(found.workspace.platform)?.scheduledEvents;
  if (!port) return markMirror({ db, now, mirrorId, status: 'unsupported', appliedVersion: version });
  const server = found.workspace.externalId;
  const spec = specOf(row.desired);

  if (row.cancelled) {
    const eventId = row.externalId ?? (await findLost({ db, port, server, row }));
    if (!eventId) return markMirror({ db, now, mirrorId, status: 'cancelled', appliedVersion: version });
    // An event that has begun can no longer be cancelled on Discord, only deleted.
    const result = await port.cancel({ workspaceExternalId: server, eventId, mode: spec.start.getTime() <= now.getTime() ? 'delete' : 'cancel' });
    if (result.ok || result.kind === 'gone') {
      await succeeded({ ctx, row, create: false });
      return markMirror({ db, now, mirrorId, status: 'cancelled', externalId: null, appliedVersion: version });
    }
    return failed({ ctx, row, result, server });
  }

  // Discord refuses an event that starts in the past; an occurrence already begun is left as it is.
  if (spec.start.getTime() <= now.getTime()) return markMirror({ db, now, mirrorId, status: 'past', appliedVersion: version });

  let result: ScheduledEventResult;
  let created = false;
  if (row.externalId) {
    result = await port.update({ workspaceExternalId: server, eventId: row.externalId, event: spec });
    // Deleted on the platform by a person: the class still stands, so it gets its event again.
    if (!result.ok && result.kind === 'gone') ({ result, created } = await createOrAdopt({ db, port, server, row, spec }));
  } else {
    ({ result, created } = await createOrAdopt({ db, port, server, row, spec }));
  }
  if (!result.ok) return failed({ ctx, row, result, server });
  await succeeded({ ctx, row, create: created });
  return markMirror({ db, now, mirrorId, status: 'mirrored', externalId: result.eventId, appliedVersion: version });
};

/** The bot's open event on the server that no mirror holds and that this mirror's lost creation would be. */
const findLost = async ({ db, port, server, row }: { db: Db; port: ScheduledEventsPort; server: string; row: EventMirrorRow }): Promise<string | null> => {
  const listed = await port.listOwn({ workspaceExternalId: server });
  if (!listed.ok) {
    if (listed.kind === 'retry') throw new PlatformRetry(listed.error);
    return null;
  }
  const open = listed.events.filter((event) => event.open && event.name === row.desired.name);
  if (open.length === 0) return null;
  const held = await heldExternalIds({ db, ids: open.map((event) => event.eventId) });
  const free = open.filter((event) => !held.has(event.eventId) && event.eventId !== row.externalId);
  const start = new Date(row.desired.start).getTime();
  return (free.find((event) => event.start.getTime() === start) ?? free[0])?.eventId ?? null;
};

const createOrAdopt = async ({ db, port, server, row, spec }: { db: Db; port: ScheduledEventsPort; server: string; row: EventMirrorRow; spec: ScheduledEventSpec }): Promise<{ result: ScheduledEventResult; created: boolean }> => {
  const lost = await findLost({ db, port, server, row });
  if (lost) return { result: await port.update({ workspaceExternalId: server, eventId: lost, event: spec }), created: false };
  return { result: await port.create({ workspaceExternalId: server, event: spec }), created: true };
};

/**
 * The platform took a call for this team: the permission is there (again). A creation also proves there is
 * room. What a lifted alert held back is tried again now, each mirror once for its current version.
 */
const succeeded = async ({ ctx, row, create }: { ctx: JobContext; row: EventMirrorRow; create: boolean }) => {
  const lifted = await clearAlerts({ db: ctx.db, teamId: row.teamId, reasons: create ? ['permission', 'limit'] : ['permission'] });
  for (const reason of lifted) {
    for (const other of await heldBack({ db: ctx.db, now: ctx.now, teamId: row.teamId, status: reason === 'permission' ? 'forbidden' : 'limit' })) {
      if (other.id === row.id) continue;
      await scheduleJob({ db: ctx.db, job: eventMirrorJob, payload: { mirrorId: other.id, version: other.version }, runAt: ctx.now, dedupeKey: `${mirrorJobKey(other.id, other.version)}:lifted:${ctx.now.toISOString()}` });
    }
  }
};

/**
 * A refusal, as the team hears it: a missing permission or a full server is told to the managers once (the
 * alert row keeps later ones quiet) and the mirror waits; a mirror held back by the permission asks again
 * later by itself, until its class begins. Transient failures go back to the queue.
 */
const failed = async ({ ctx, row, result, server }: { ctx: JobContext; row: EventMirrorRow; result: ScheduledEventFailure; server: string }): Promise<void> => {
  const { db, now } = ctx;
  if (result.kind === 'retry') throw new PlatformRetry(result.error);
  ctx.logger.info({ mirror: row.id, team: row.teamId, kind: result.kind, error: result.error }, 'scheduled event not mirrored');
  if (result.kind === 'forbidden' || result.kind === 'limit') {
    const reason = result.kind === 'forbidden' ? 'permission' : 'limit';
    const since = await raiseAlert({ db, now, teamId: row.teamId, reason });
    if (since) await notifyAlert({ db, now, teamId: row.teamId, reason, since, server, name: row.desired.name });
    await markMirror({ db, now, mirrorId: row.id, status: result.kind === 'forbidden' ? 'forbidden' : 'limit', lastError: result.error, appliedVersion: row.version });
    const recheckAt = new Date(now.getTime() + RECHECK_AFTER_MS);
    if (result.kind === 'forbidden' && recheckAt.getTime() < new Date(row.desired.start).getTime()) {
      await scheduleJob({ db, job: eventMirrorJob, payload: { mirrorId: row.id, version: row.version }, runAt: recheckAt, dedupeKey: `${mirrorJobKey(row.id, row.version)}:recheck:${recheckAt.toISOString()}` });
    }
    return;
  }
  await markMirror({ db, now, mirrorId: row.id, status: 'failed', lastError: result.error, appliedVersion: row.version });
};
