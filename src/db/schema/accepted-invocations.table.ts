import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';

/**
 * What was acknowledged to a platform and not yet fully answered: written in one insert before the ack, keyed
 * like `inbound_events` (a second delivery of the same id conflicts and is acked with nothing more), claimed
 * and run like a job (src/core/accepted.ts). `reply_secret` is the platform's capability to answer (Slack's
 * response_url, Discord's interaction token): nulled once the reply is sent.
 */
export const acceptedInvocations = pgTable(
  'accepted_invocations',
  {
    platform: text('platform').notNull(),
    eventId: text('event_id').notNull(),
    /** The invocation as the core read it (cleaned), without its directory (behaviour, rebuilt by the adapter). */
    invocation: jsonb('invocation').$type<Record<string, unknown>>().notNull(),
    /** Where the answer goes, besides the secret: workspace, person, channel, the clicked message. */
    route: jsonb('route').$type<Record<string, unknown>>().notNull(),
    replySecret: text('reply_secret'),
    status: text('status', { enum: ['pending', 'running', 'done'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lockedBy: text('locked_by'),
    lockedUntil: instant('locked_until'),
    acceptedAt: instant('accepted_at').notNull(),
    /** The core's answer, stored in the transaction of its effects: sent (again) from here after a crash. */
    reply: jsonb('reply').$type<Record<string, unknown>>(),
    repliedAt: instant('replied_at'),
  },
  (table) => [primaryKey({ columns: [table.platform, table.eventId] }), index('accepted_invocations_open_idx').on(table.platform, table.status).where(sql`replied_at is null`)],
);
