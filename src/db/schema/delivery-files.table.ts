import { sql } from 'drizzle-orm';
import { bigint, check, customType, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { deliveries } from './deliveries.table.js';

/**
 * bytea read back as a Uint8Array whichever driver reads it (postgres.js gives a Buffer, PGlite a
 * Uint8Array), written as a Buffer, which both send as binary.
 */
const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * The files of a queued message (a chart's PNG, an export's CSV), beside its delivery rather than inside
 * its JSON: the outbox reads every claimed row's message, re-words some in place, and scans the table for
 * order, so the message stays small; bytea holds the bytes as they are (base64 in JSON would be a third
 * larger and parsed at every read). Keyed by delivery, not by content: a delivery is already deduped by its
 * key, and its files go with it when it is deleted.
 */
export const deliveryFiles = pgTable(
  'delivery_files',
  {
    deliveryId: bigint('delivery_id', { mode: 'number' }).notNull().references(() => deliveries.id, { onDelete: 'cascade' }),
    // The file's place in the message's list: the order the reader sees them in.
    position: integer('position').notNull(),
    name: text('name').notNull(),
    mimeType: text('mime_type').notNull(),
    bytes: bytes('bytes').notNull(),
  },
  (table) => [primaryKey({ name: 'delivery_files_pk', columns: [table.deliveryId, table.position] }), check('delivery_files_position_ck', sql`${table.position} >= 0`)],
);
