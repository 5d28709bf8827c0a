import { asc } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { deliveryFiles } from '../db/schema/index.js';
import type { FileAttachment, Message } from '../core/messages.js';
import type { DeliveryRow } from './outbox.js';
import { idIn } from './sql-ids.js';

/**
 * The files of claimed deliveries, by delivery id, in their message's order: read when they are sent, not
 * when they are claimed or scanned, so only a message about to go carries its bytes.
 */
export const loadDeliveryFiles = async ({ db, rows }: { db: Database; rows: DeliveryRow[] }): Promise<Map<number, FileAttachment[]>> => {
  const byDelivery = new Map<number, FileAttachment[]>();
  if (rows.length === 0) return byDelivery;
  const files = await db.select().from(deliveryFiles).where(idIn(deliveryFiles.deliveryId, rows.map((row) => row.id))).orderBy(asc(deliveryFiles.deliveryId), asc(deliveryFiles.position));
  for (const file of files) byDelivery.set(file.deliveryId, [...(byDelivery.get(file.deliveryId) ?? []), { name: file.name, mimeType: file.mimeType, bytes: file.bytes }]);
  return byDelivery;
};

/** The stored message with its files back. */
export const withFiles = (message: Message, files: FileAttachment[] | undefined): Message => (files?.length ? { ...message, files } : message);
