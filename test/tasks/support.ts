import { and, asc, eq, like, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '../../src/db/database.js';
import { deliveries, people } from '../../src/db/schema/index.js';
import { plainText } from '../../src/core/messages.js';

/**
 * What the outbox did with the DMs about tasks (subject `task:…`) to one person: other modules' messages
 * (the daily brief, standups) are left out, so these tests see only what the tasks module queued.
 */
export const taskDeliveriesTo = async (db: Db, userId: string) =>
  (
    await db
      .select()
      .from(deliveries)
      .where(and(like(deliveries.subject, 'task:%'), sql`${deliveries.target}->>'userId' = ${userId}`))
      .orderBy(sql`${deliveries.sentAt} asc nulls last`, asc(deliveries.id))
  ).map((row) => ({ ...row, text: plainText(row.message.text) }));

/** The task DMs that reached one person, as "local time in their zone: first line". */
export const taskDmsTo = async (db: Db, userId: string, zone: string) =>
  (await taskDeliveriesTo(db, userId)).filter((row) => row.status === 'sent').map((row) => `${DateTime.fromJSDate(row.sentAt!, { zone }).toFormat('ccc d LLL HH:mm')}: ${row.text.split('\n')[0]}`);

/** The person's choice between the daily brief and instant alerts, set as `/obm me alerts` would. */
export const setAlerts = async (db: Db, userId: string, alerts: 'daily' | 'instant') => {
  await db.update(people).set({ alerts }).where(eq(people.platformUserId, userId));
};
