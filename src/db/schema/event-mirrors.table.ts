import { boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.js';
import { teams } from './teams.table.js';

/** What the platform's event should look like, within the platform's limits (see events.limits.ts). */
export interface MirroredEvent {
  name: string;
  description: string | null;
  start: string;
  end: string;
  location: string;
}

/**
 * One subject (a class occurrence, `training:12:2026-12-01T10:00:00.000Z`) mirrored as a native platform
 * event (a Discord Guild Scheduled Event). The row holds the desired state and a version; every change bumps
 * the version and schedules one job for it, which brings the platform in line. A cancelled mirror keeps its
 * last spec, so an event whose creation went unrecorded can still be found and cancelled.
 */
export const eventMirrors = pgTable(
  'event_mirrors',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    subjectKey: text('subject_key').notNull(),
    // The platform's id of the event; unique, so two mirrors can never hold (adopt) the same event.
    externalId: text('external_id'),
    desired: jsonb('desired').$type<MirroredEvent>().notNull(),
    cancelled: boolean('cancelled').notNull().default(false),
    version: integer('version').notNull().default(1),
    // The version the platform was last brought in line with (null: never).
    appliedVersion: integer('applied_version'),
    // pending: a job is on its way; mirrored / cancelled: the platform agrees; unsupported: the platform has no
    // such events (Slack, console); forbidden: the bot lacks the permission; limit: the server is full;
    // past: the occurrence began before it could be mirrored; failed: the platform refused it for good.
    status: text('status', { enum: ['pending', 'mirrored', 'cancelled', 'unsupported', 'forbidden', 'limit', 'past', 'failed'] }).notNull().default('pending'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [uniqueIndex('event_mirrors_subject_uq').on(table.subjectKey), uniqueIndex('event_mirrors_external_uq').on(table.externalId), index('event_mirrors_team_idx').on(table.teamId, table.status)],
);

/**
 * A problem the team's managers were told about once (the permission is missing, the server holds its 100
 * events): while the row exists, later attempts stay quiet; the next success removes it.
 */
export const eventMirrorAlerts = pgTable(
  'event_mirror_alerts',
  {
    teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    reason: text('reason', { enum: ['permission', 'limit'] }).notNull(),
    since: instant('since').notNull(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.reason] })],
);
