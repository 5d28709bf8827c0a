import { boolean, date, integer, jsonb, pgTable, primaryKey, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.js';
import { teams } from './teams.table.js';
import { workspaces } from './workspaces.table.js';

export const people = pgTable(
  'people',
  {
    id: serial('id').primaryKey(),
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    platformUserId: text('platform_user_id').notNull(),
    displayName: text('display_name').notNull(),
    // IANA name; null means "the team's zone until they set their own".
    zone: text('zone'),
    // Minutes after local midnight.
    workStart: integer('work_start').notNull().default(9 * 60),
    workEnd: integer('work_end').notNull().default(17 * 60),
    // Hours as set with `/obm me hours`, which may cross midnight or differ per weekday
    // ([{ days?: [1..7], start, end }], minutes; see src/core/time/working-hours.ts). Null: work_start-work_end
    // on every working day, as rows from before this column have it.
    hours: jsonb('hours').$type<{ days?: number[]; start: number; end: number }[]>(),
    // ISO 3166-1 alpha-2, for public holidays.
    country: text('country'),
    dmReachable: boolean('dm_reachable').notNull().default(true),
    // A manager's alerts: one daily brief at the start of their day, or each one as it happens.
    alerts: text('alerts', { enum: ['daily', 'instant'] }).notNull().default('daily'),
    // The moment the last daily brief covered up to; the next one starts there.
    lastBriefAt: instant('last_brief_at'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('people_workspace_user_uq').on(table.workspaceId, table.platformUserId)],
);

export const memberships = pgTable(
  'memberships',
  {
    teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    personId: integer('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['manager', 'member', 'owner'] }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.personId] })],
);

/** Inclusive local dates in the person's zone. */
export const absences = pgTable('absences', {
  id: serial('id').primaryKey(),
  personId: integer('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
  fromDate: date('from_date', { mode: 'string' }).notNull(),
  toDate: date('to_date', { mode: 'string' }).notNull(),
  reason: text('reason').notNull().default(''),
  createdAt: createdAt(),
});
