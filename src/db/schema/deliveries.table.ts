import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { DeliveryTarget } from '../../core/ports.js';
import type { Message } from '../../core/messages.js';
import type { NoticeCheckSpec } from '../../core/notice-types.js';
import { createdAt, instant } from './columns.js';
import { teams } from './teams.table.js';
import { workspaces } from './workspaces.table.js';

/** The outbox: every message the bot sends, once, in order per target. */
export const deliveries = pgTable(
  'deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    target: jsonb('target').$type<DeliveryTarget>().notNull(),
    // Ordering and rate limits are per target; this is the target as one comparable string.
    targetKey: text('target_key').notNull(),
    message: jsonb('message').$type<Message>().notNull(),
    dedupeKey: text('dedupe_key').notNull().unique('deliveries_dedupe_key_uq'),
    // 'superseded': re-checked when it was due and no longer true, or given way to another; never sent.
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed', 'superseded'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    notBefore: instant('not_before').notNull(),
    lockedUntil: instant('locked_until'),
    // The scheduler instance (instances.id) holding the claim, and when it claimed: a claim of an instance
    // that is gone is due again at once, and what it may have sent is looked up from the claim time.
    claimedBy: text('claimed_by'),
    claimedAt: instant('claimed_at'),
    // Set when a claim ended without a known outcome (its instance died mid-send, or the platform's answer was
    // lost): the platform may hold the message already, so it is looked up before it is sent again.
    inDoubtSince: instant('in_doubt_since'),
    platformMessageId: text('platform_message_id'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: instant('sent_at'),
    // The notice discipline (src/core/notices.ts): what the message is about, to whom, and how it is re-checked.
    teamId: integer('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    subject: text('subject'),
    nature: text('nature', { enum: ['news', 'nudge'] }).notNull().default('news'),
    rank: integer('rank').notNull().default(0),
    urgent: boolean('urgent').notNull().default(false),
    check: jsonb('check').$type<NoticeCheckSpec>(),
    droppedReason: text('dropped_reason'),
  },
  (table) => [
    index('deliveries_pending_idx').on(table.status, table.notBefore),
    // The per-target order check looks only at unsent rows; this keeps it off the sent history.
    // The window looks up the latest message on one subject to one target.
    index('deliveries_target_subject_idx').on(table.targetKey, table.subject, table.id).where(sql`${table.subject} is not null`),
    index('deliveries_target_unsent_idx').on(table.targetKey, table.id).where(sql`${table.status} in ('pending', 'sending')`),
  ],
);
