import { pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/** A Slack workspace, a Discord guild, or the console's demo workspace. */
export const workspaces = pgTable(
  'workspaces',
  {
    id: serial('id').primaryKey(),
    platform: text('platform', { enum: ['console', 'slack', 'discord'] }).notNull(),
    externalId: text('external_id').notNull(),
    name: text('name').notNull().default(''),
    // Only for OAuth installs; AES-256-GCM ciphertext, never the token itself.
    botTokenEncrypted: text('bot_token_encrypted'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('workspaces_platform_external_uq').on(table.platform, table.externalId)],
);
