import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, primaryKey, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.js';
import { people } from './people.table.js';
import { teams } from './teams.table.js';

/**
 * A calendar feed (iCalendar): a team's, or one person's across all their teams. One row per owner; a reset
 * replaces the token in place, so the old URL stops at once and the events keep their SEQUENCE history. Only
 * the token's SHA-256 is kept: the database never holds a working URL.
 */
export const feeds = pgTable(
  'feeds',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ['team', 'person'] }).notNull(),
    teamId: integer('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    personId: integer('person_id').references(() => people.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    resetAt: instant('reset_at'),
  },
  (table) => [
    uniqueIndex('feeds_token_hash_uq').on(table.tokenHash),
    uniqueIndex('feeds_team_uq').on(table.teamId).where(sql`${table.kind} = 'team'`),
    uniqueIndex('feeds_person_uq').on(table.personId).where(sql`${table.kind} = 'person'`),
    check('feeds_owner_ck', sql`(${table.kind} = 'team' AND ${table.teamId} IS NOT NULL AND ${table.personId} IS NULL) OR (${table.kind} = 'person' AND ${table.personId} IS NOT NULL AND ${table.teamId} IS NULL)`),
  ],
);

/** What a feed last said about one event, as iCalendar. */
export type FeedItemSnapshot = {
  summary: string;
  description: string | null;
  start: string;
  end: string | null;
  allDay: boolean;
  zone: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  url: string | null;
};

/**
 * Every event a feed ever served, by UID: SEQUENCE goes up each time its content changes, and an event its
 * source stops giving (deleted, reassigned away) stays, cancelled, so calendar apps remove it.
 */
export const feedItems = pgTable(
  'feed_items',
  {
    feedId: integer('feed_id').notNull().references(() => feeds.id, { onDelete: 'cascade' }),
    uid: text('uid').notNull(),
    hash: text('hash').notNull(),
    sequence: integer('sequence').notNull().default(0),
    snapshot: jsonb('snapshot').$type<FeedItemSnapshot>().notNull(),
    changedAt: instant('changed_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.feedId, table.uid] })],
);
