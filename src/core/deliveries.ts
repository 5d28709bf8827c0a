import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { deliveries, deliveryFiles } from '../db/schema/index.js';
import type { PersonRow, TeamRow } from './identity.js';
import { filesProblem, withoutFiles, type Message } from './messages.js';
import { heldUntil, type NoticeMeta } from './notices.js';
import type { DeliveryTarget } from './ports.js';
import { loadWorkingTime } from './recipient-time.js';

/**
 * The core's outbound vocabulary. The core never calls a platform: it queues deliveries here, in the same
 * transaction as the change a message is about, and the scheduler's outbox sends each once. The dedupe key
 * names the message (`dm:12:task-new:4`), so a retried invocation or job queues nothing more.
 * Every DM carries its notice metadata (src/core/notices.ts): it waits for the recipient's working time and
 * is re-checked when it falls due.
 */

/** Ordering is per conversation: a thread reply queues behind its channel's posts, so its parent goes first. */
export const targetKey = (target: DeliveryTarget): string => (target.kind === 'dm' ? `dm:${target.userId}` : `channel:${target.channelId}`);

export interface Delivery {
  db: Db;
  message: Message;
  dedupeKey: string;
  /** Not sent before this moment: now, or later for a planned message. */
  notBefore: Date;
}

const noticeColumns = (notice: NoticeMeta | undefined) =>
  notice ? { teamId: notice.teamId, subject: notice.subject, nature: notice.nature, rank: notice.rank ?? 0, urgent: notice.urgent ?? false, check: notice.check ?? null } : {};

/**
 * Queues a message for any target; returns false when the key was queued before. A message's files are
 * stored beside it (delivery_files), in the same transaction, only by the insert that queued it.
 */
export const enqueueDelivery = async ({ db, workspaceId, target, message, dedupeKey, notBefore, notice }: Delivery & { workspaceId: number; target: DeliveryTarget; notice?: NoticeMeta }): Promise<boolean> => {
  const problem = filesProblem(message);
  if (problem) throw new Error(`delivery ${dedupeKey}: ${problem}`);
  const inserted = await db
    .insert(deliveries)
    .values({ workspaceId, target, targetKey: `${workspaceId}:${targetKey(target)}`, message: withoutFiles(message), dedupeKey, notBefore, ...noticeColumns(notice) })
    .onConflictDoNothing({ target: deliveries.dedupeKey })
    .returning({ id: deliveries.id });
  const [row] = inserted;
  if (row && message.files?.length) {
    await db.insert(deliveryFiles).values(message.files.map((file, position) => ({ deliveryId: row.id, position, name: file.name, mimeType: file.mimeType, bytes: file.bytes })));
  }
  return inserted.length > 0;
};

/**
 * When a DM to this person queued now would reach them: now, or the start of their next working period
 * (null when at once). What a sender is told ("Maria gets it at 08:00 her time").
 */
export const arrivalOf = async ({ db, person, team, now, urgent = false }: { db: Db; person: PersonRow; team: TeamRow; now: Date; urgent?: boolean }): Promise<Date | null> =>
  heldUntil({ now, time: await loadWorkingTime({ db, person, team, now }), urgent });

/**
 * A direct message to one person, about something of one team. It is held until the person's working time
 * (unless urgent) from the start, so the outbox's order per person follows the moments they will read them.
 */
export const enqueueDm = async ({ person, team, notice, ...delivery }: Delivery & { person: PersonRow; team: TeamRow; notice: Omit<NoticeMeta, 'teamId'> }): Promise<boolean> => {
  const held = await arrivalOf({ db: delivery.db, person, team, now: delivery.notBefore, urgent: notice.urgent ?? false });
  return enqueueDelivery({
    ...delivery,
    notBefore: held ?? delivery.notBefore,
    workspaceId: person.workspaceId,
    target: { kind: 'dm', personId: person.id, userId: person.platformUserId },
    notice: { ...notice, teamId: team.id },
  });
};

/** A post in the team's channel, or a reply in the thread of another delivery (named by its key). */
export const enqueuePost = ({ team, threadOfKey, notice, ...delivery }: Delivery & { team: TeamRow; threadOfKey?: string; notice?: Omit<NoticeMeta, 'teamId'> }): Promise<boolean> =>
  enqueueDelivery({
    ...delivery,
    workspaceId: team.workspaceId,
    target: { kind: 'channel', channelId: team.channelId, ...(threadOfKey ? { threadOfKey } : {}) },
    ...(notice ? { notice: { ...notice, teamId: team.id } } : {}),
  });

/** Whether the delivery of this key is still waiting in the outbox (held for the recipient's hours, or queued behind another). */
export const isDeliveryPending = async ({ db, dedupeKey }: { db: Db; dedupeKey: string }): Promise<boolean> => {
  const [row] = await db.select({ status: deliveries.status }).from(deliveries).where(eq(deliveries.dedupeKey, dedupeKey));
  return row?.status === 'pending' || row?.status === 'sending';
};

/**
 * The latest moment a DM on this subject reached the person, or will: sent ones by when they went, waiting
 * ones by when they are due. What a module plans its next message on the subject from, one window later.
 */
export const lastDmOnSubject = async ({ db, person, subject }: { db: Db; person: PersonRow; subject: string }): Promise<Date | null> => {
  const key = `${person.workspaceId}:${targetKey({ kind: 'dm', personId: person.id, userId: person.platformUserId })}`;
  const rows = await db
    .select({ status: deliveries.status, sentAt: deliveries.sentAt, notBefore: deliveries.notBefore })
    .from(deliveries)
    .where(and(eq(deliveries.targetKey, key), eq(deliveries.subject, subject), inArray(deliveries.status, ['pending', 'sending', 'sent'])));
  const moments = rows.map((row) => (row.status === 'sent' ? (row.sentAt ?? row.notBefore) : row.notBefore).getTime());
  return moments.length === 0 ? null : new Date(Math.max(...moments));
};
