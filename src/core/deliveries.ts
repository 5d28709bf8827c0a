import type { Db } from '../db/database.js';
import { deliveries } from '../db/schema/index.js';
import type { PersonRow, TeamRow } from './identity.js';
import type { Message } from './messages.js';
import type { DeliveryTarget } from './ports.js';

/**
 * The core's outbound vocabulary. The core never calls a platform: it queues deliveries here, in the same
 * transaction as the change a message is about, and the scheduler's outbox sends each once. The dedupe key
 * names the message (`dm:12:task-new:4`), so a retried invocation or job queues nothing more.
 */

/** Ordering is per conversation: a thread reply queues behind its channel's posts, so its parent goes first. */
export const targetKey = (target: DeliveryTarget): string => (target.kind === 'dm' ? `dm:${target.userId}` : `channel:${target.channelId}`);

export interface Delivery {
  db: Db;
  message: Message;
  dedupeKey: string;
  /** Not sent before this moment: now, or a held message's working moment. */
  notBefore: Date;
}

/** Queues a message for any target; returns false when the key was queued before. */
export const enqueueDelivery = async ({ db, workspaceId, target, message, dedupeKey, notBefore }: Delivery & { workspaceId: number; target: DeliveryTarget }): Promise<boolean> => {
  const inserted = await db
    .insert(deliveries)
    .values({ workspaceId, target, targetKey: `${workspaceId}:${targetKey(target)}`, message, dedupeKey, notBefore })
    .onConflictDoNothing({ target: deliveries.dedupeKey })
    .returning({ id: deliveries.id });
  return inserted.length > 0;
};

/** A direct message to one person of the workspace. */
export const enqueueDm = ({ person, ...delivery }: Delivery & { person: PersonRow }): Promise<boolean> =>
  enqueueDelivery({ ...delivery, workspaceId: person.workspaceId, target: { kind: 'dm', personId: person.id, userId: person.platformUserId } });

/** A post in the team's channel, or a reply in the thread of another delivery (named by its key). */
export const enqueuePost = ({ team, threadOfKey, ...delivery }: Delivery & { team: TeamRow; threadOfKey?: string }): Promise<boolean> =>
  enqueueDelivery({ ...delivery, workspaceId: team.workspaceId, target: { kind: 'channel', channelId: team.channelId, ...(threadOfKey ? { threadOfKey } : {}) } });
