import { index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.js';
import { people } from './people.table.js';

/**
 * One OBM across workspaces and platforms: people rows (one per workspace) tied into one identity. A person
 * is in at most one group; `group_id` is the id of a person of the group (the first to link). A person with
 * no row is linked to no one, which is everyone by default.
 */
export const identityLinks = pgTable(
  'identity_links',
  {
    personId: integer('person_id').primaryKey().references(() => people.id, { onDelete: 'cascade' }),
    groupId: integer('group_id').notNull(),
    linkedAt: instant('linked_at').notNull().defaultNow(),
  },
  (table) => [index('identity_links_group_idx').on(table.groupId)],
);

/** A one-time linking code: only its SHA-256 is stored; single use, 15 minutes. */
export const linkCodes = pgTable(
  'link_codes',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('link_codes_hash_uq').on(table.codeHash)],
);

/** Wrong codes entered by a person: five lock their linking for an hour. */
export const linkAttempts = pgTable('link_attempts', {
  personId: integer('person_id').primaryKey().references(() => people.id, { onDelete: 'cascade' }),
  failures: integer('failures').notNull().default(0),
  firstFailureAt: instant('first_failure_at'),
  lockedUntil: instant('locked_until'),
});
