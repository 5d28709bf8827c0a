import { date, boolean, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.js';
import { people } from './people.table.js';
import { projects } from './tasks.table.js';
import { teams } from './teams.table.js';

export const CALENDAR_KINDS = ['launch', 'campaign', 'promo', 'event', 'milestone', 'other'] as const;

/**
 * A date on a team's launch and marketing calendar. Removing one keeps the row (`status` removed) and bumps
 * `version`, so a calendar feed can show it as cancelled with a higher SEQUENCE, and reminders planned for
 * an older version know they no longer hold.
 */
export const calendarEntries = pgTable(
  'calendar_entries',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    kind: text('kind', { enum: CALENDAR_KINDS }).notNull().default('other'),
    // An all-day entry has its local date in the team's zone, and `startsAt` the start of that day there;
    // a timed entry has `localDate` null.
    allDay: boolean('all_day').notNull(),
    localDate: date('local_date', { mode: 'string' }),
    startsAt: instant('starts_at').notNull(),
    zone: text('zone').notNull(),
    ownerId: integer('owner_id').references(() => people.id, { onDelete: 'set null' }),
    creatorId: integer('creator_id').notNull().references(() => people.id),
    projectId: integer('project_id').references(() => projects.id, { onDelete: 'set null' }),
    // Working days before the entry to remind its owner; null is the default (3 and 1).
    remindDays: integer('remind_days'),
    status: text('status', { enum: ['active', 'removed'] }).notNull().default('active'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [uniqueIndex('calendar_entries_team_number_uq').on(table.teamId, table.number), index('calendar_entries_team_starts_idx').on(table.teamId, table.startsAt)],
);
