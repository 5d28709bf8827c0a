import { index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.js';
import { people } from './people.table.js';
import { teams } from './teams.table.js';

/** "Did you send the invoice?": asked of `personId` at `askAt` on behalf of `requesterId`. */
export const followups = pgTable(
  'followups',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    requesterId: integer('requester_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    personId: integer('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    what: text('what').notNull(),
    askAt: instant('ask_at').notNull(),
    // scheduled -> asked -> done | (not yet: scheduled again) | unanswered; or cancelled.
    status: text('status', { enum: ['scheduled', 'asked', 'done', 'unanswered', 'cancelled'] }).notNull().default('scheduled'),
    timesAsked: integer('times_asked').notNull().default(0),
    answeredAt: instant('answered_at'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('followups_team_number_uq').on(table.teamId, table.number), index('followups_person_idx').on(table.personId, table.status)],
);
