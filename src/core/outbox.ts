import type { Db } from '../db/database.js';
import { deliveries } from '../db/schema/index.js';
import type { Message } from './messages.js';
import type { DeliveryTarget } from './ports.js';

/** Ordering is per conversation: a thread reply queues behind its channel's posts, so its parent goes first. */
export const targetKey = (target: DeliveryTarget): string => (target.kind === 'dm' ? `dm:${target.userId}` : `channel:${target.channelId}`);

/**
 * Queues a message for sending. The core never calls a platform: it writes here, in the same transaction
 * as the change the message is about, and the outbox worker sends it once.
 */
export const enqueueDelivery = async ({ db, workspaceId, target, message, dedupeKey, notBefore }: { db: Db; workspaceId: number; target: DeliveryTarget; message: Message; dedupeKey: string; notBefore: Date }): Promise<boolean> => {
  const inserted = await db
    .insert(deliveries)
    .values({ workspaceId, target, targetKey: `${workspaceId}:${targetKey(target)}`, message, dedupeKey, notBefore })
    .onConflictDoNothing({ target: deliveries.dedupeKey })
    .returning({ id: deliveries.id });
  return inserted.length > 0;
};
