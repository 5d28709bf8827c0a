import { boolean, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.js';
import { people } from './people.table.js';
import { teams } from './teams.table.js';

/**
 * A team's weekly digest setting. No row is the default: on, Monday 09:00 in the team's zone, no review.
 * `minutes` is after local midnight, so the moment is computed per date in the zone (DST-safe).
 */
export const digestSettings = pgTable('digest_settings', {
  teamId: integer('team_id').primaryKey().references(() => teams.id, { onDelete: 'cascade' }),
  // ISO weekday, 1 = Monday.
  weekday: integer('weekday').notNull().default(1),
  minutes: integer('minutes').notNull().default(540),
  enabled: boolean('enabled').notNull().default(true),
  review: boolean('review').notNull().default(false),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/**
 * One digest of a team per reported week (`2026-W48`): the unique key is what makes it go once, whatever
 * retries, restarts or reschedules happen. A draft waits for a manager's approval when review is on.
 */
export const digests = pgTable(
  'digests',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    periodKey: text('period_key').notNull(),
    status: text('status', { enum: ['draft', 'approved', 'posted'] }).notNull(),
    // When it is due to post: the schedule's moment when the draft was made.
    dueAt: instant('due_at').notNull(),
    note: text('note'),
    approvedBy: integer('approved_by').references(() => people.id, { onDelete: 'set null' }),
    approvedAt: instant('approved_at'),
    postedAt: instant('posted_at'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('digests_team_period_uq').on(table.teamId, table.periodKey), index('digests_status_idx').on(table.status)],
);
