import { boolean, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { workspaces } from './workspaces.table.js';

/** A client team, bound to one channel of one workspace. */
export const teams = pgTable(
  'teams',
  {
    id: serial('id').primaryKey(),
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: text('channel_id').notNull(),
    clientName: text('client_name').notNull(),
    zone: text('zone').notNull().default('UTC'),
    locale: text('locale', { enum: ['en', 'nl'] }).notNull().default('en'),
    // ISO weekdays, 1 = Monday.
    workingDays: integer('working_days').array().notNull().default([1, 2, 3, 4, 5]),
    // Per-team task numbers (#1, #2...) are handed out by incrementing this row, under its row lock.
    lastTaskNumber: integer('last_task_number').notNull().default(0),
    lastFollowupNumber: integer('last_followup_number').notNull().default(0),
    // Task reminders: how long before a deadline the first nudge goes (0 = none), and whether the
    // escalation ladder ends with the client owner.
    reminderLeadHours: integer('reminder_lead_hours').notNull().default(24),
    escalateToOwner: boolean('escalate_to_owner').notNull().default(false),
    // At most one automatic message about one subject (a task, a follow-up, a standup) to one person per window.
    noticeWindowMinutes: integer('notice_window_minutes').notNull().default(120),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('teams_workspace_channel_uq').on(table.workspaceId, table.channelId)],
);
