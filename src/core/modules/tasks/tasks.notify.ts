import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { deliveries } from '../../../db/schema/index.js';
import { enqueueDm } from '../../deliveries.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import type { Message } from '../../messages.js';
import type { NoticeCheckSpec } from '../../notices.js';
import { taskAssigned } from './tasks.notices.js';
import type { TaskRow } from './tasks.repository.js';

/**
 * Every DM about a task goes out here, so each says the same of itself: it is about `task:<id>` (one per
 * window to one person), news or a nudge of some rank, urgent when the task is `!urgent` (then it goes at
 * once, nights included), and how it is re-checked when it falls due (tasks.notices.ts).
 */
export const dmAboutTaskTo = ({ db, now, team, task, person, message, dedupeKey, nature = 'news', rank, check }: { db: Db; now: Date; team: TeamRow; task: TaskRow; person: PersonRow; message: Message; dedupeKey: string; nature?: 'news' | 'nudge'; rank?: number; check: NoticeCheckSpec }) =>
  enqueueDm({
    db,
    person,
    team,
    message,
    dedupeKey,
    notBefore: now,
    notice: { subject: `task:${task.id}`, nature, ...(rank === undefined ? {} : { rank }), urgent: task.priority === 'urgent', check },
  });

/**
 * Of these people, those whose DM putting the task in front of them has not gone yet (held for their working
 * time): it is written again when it goes, so it will already say what changed since.
 */
export const pendingAssignmentTo = async ({ db, task, people }: { db: Db; task: TaskRow; people: PersonRow[] }): Promise<Set<number>> => {
  if (people.length === 0) return new Set();
  const rows = await db
    .select({ target: deliveries.target })
    .from(deliveries)
    .where(and(eq(deliveries.subject, `task:${task.id}`), eq(deliveries.status, 'pending'), sql`${deliveries.check}->>'name' = ${taskAssigned.check.name}`));
  const ids = new Set(people.map((person) => person.id));
  return new Set(rows.flatMap(({ target }) => (target.kind === 'dm' && ids.has(target.personId) ? [target.personId] : [])));
};

/** Of these people, those who already have the task in front of them: news of a change is for them only. */
export const alreadyTold = async ({ db, task, people }: { db: Db; task: TaskRow; people: PersonRow[] }): Promise<PersonRow[]> => {
  const waiting = await pendingAssignmentTo({ db, task, people });
  return people.filter((person) => !waiting.has(person.id));
};
