import { z } from 'zod';
import type { PersonRow } from '../../identity.js';
import type { CheckVerdict, NoticeCheckContext } from '../../notices.js';
import { defineNoticeCheck } from '../../notices.js';
import { loadWorkingTime } from '../../recipient-time.js';
import { zoneOf, type View } from '../../view.js';
import { isAwayAt } from '../../working-time.js';
import { getPeople } from '../people/people.repository.js';
import { sopNoteOf } from '../sop/sop.links.js';
import { REMINDER_STEPS } from './tasks.jobs.js';
import { followingRung, nextRungIsNear } from './tasks.ladder.js';
import { assignmentMessage, occurrenceMessage, reminderMessage } from './tasks.messages.js';
import { assigneesOf, getTask, type TaskRow } from './tasks.repository.js';

/**
 * The re-checks of every message about a task, run by the outbox when the message falls due. A message is
 * written for one state of its task (open, due at one moment, with the recipient among its assignees); once
 * that state is gone the message is dropped, and one whose words depend on the clock is written again.
 */

const STATUSES = ['open', 'done', 'cancelled', 'missed'] as const;

type Loaded = { task: TaskRow; assignees: PersonRow[] };

/** The task as it is now, or why the message about it no longer holds. */
const load = async (ctx: NoticeCheckContext, taskId: number, expect: { status?: (typeof STATUSES)[number]; dueAt?: string | null; assignee?: boolean }): Promise<Loaded | { fresh: false; reason: string }> => {
  const task = await getTask({ db: ctx.db, taskId });
  if (!task) return { fresh: false, reason: 'task_gone' };
  if (expect.status && task.status !== expect.status) return { fresh: false, reason: `task_${task.status}` };
  if (expect.dueAt !== undefined && (task.dueAt?.toISOString() ?? null) !== expect.dueAt) return { fresh: false, reason: 'redated' };
  const assignees = (await assigneesOf({ db: ctx.db, taskIds: [task.id] })).get(task.id) ?? [];
  if (expect.assignee !== undefined && ctx.recipient) {
    const among = assignees.some((person) => person.id === ctx.recipient!.id);
    if (among !== expect.assignee) return { fresh: false, reason: expect.assignee ? 'not_assignee' : 'assignee_again' };
  }
  return { task, assignees };
};

const viewOf = (ctx: NoticeCheckContext): View => ({ locale: ctx.team.locale, zone: zoneOf(ctx.recipient ?? undefined, ctx.team), now: ctx.now });

/**
 * News about a task (re-dated, cancelled, reopened, moved off someone's list, a call for help): true while the
 * task is still in the state it announced, at the due moment it named, with the recipient (not) among its people.
 */
export const taskNews = defineNoticeCheck({
  name: 'tasks.news',
  args: z.object({ taskId: z.number().int(), status: z.enum(STATUSES).optional(), dueAt: z.string().nullable().optional(), assignee: z.boolean().optional() }),
  check: async ({ taskId, ...expect }, ctx): Promise<CheckVerdict> => {
    const loaded = await load(ctx, taskId, expect);
    return 'task' in loaded ? { fresh: true } : loaded;
  },
});

/**
 * A task put in front of its assignee (a new assignment, the next occurrence of a repeating task): true while
 * it is open and theirs; written again when sent, so a deadline moved in between shows as it is now.
 */
export const taskAssigned = defineNoticeCheck({
  name: 'tasks.assigned',
  args: z.object({ taskId: z.number().int(), assignerId: z.number().int().nullable(), missed: z.number().int().nullable() }),
  check: async ({ taskId, assignerId, missed }, ctx): Promise<CheckVerdict> => {
    const loaded = await load(ctx, taskId, { status: 'open', assignee: true });
    if (!('task' in loaded)) return loaded;
    const view = viewOf(ctx);
    if (assignerId === null) return { fresh: true, message: occurrenceMessage({ task: loaded.task, team: ctx.team, view, missed }) };
    const [assigner] = await getPeople({ db: ctx.db, ids: [assignerId] });
    const notes = await sopNoteOf({ db: ctx.db, taskId, locale: view.locale });
    return assigner ? { fresh: true, message: assignmentMessage({ task: loaded.task, assigner, team: ctx.team, view, notes }) } : { fresh: true };
  },
});

const idsKey = (ids: readonly number[]) => [...ids].sort((a, b) => a - b).join(',');

/**
 * A rung of the reminder ladder. Dropped once the task is closed, re-dated or no longer the recipient's (for
 * the managers and the owner: given to others than those it names), once a warning would come after the
 * deadline, once a manager chose the daily brief, or when the assignee's next rung reaches them within the
 * window anyway (it is the more relevant one). Otherwise written again at send time, so a rung held for the
 * night says how long ago the deadline was, never "due now" after it.
 */
export const taskReminder = defineNoticeCheck({
  name: 'tasks.reminder',
  args: z.object({ taskId: z.number().int(), step: z.enum(REMINDER_STEPS), dueAt: z.string(), audience: z.enum(['assignee', 'managers', 'owner']), assignees: z.array(z.number().int()).optional() }),
  check: async ({ taskId, step, dueAt, audience, assignees: named }, ctx): Promise<CheckVerdict> => {
    const loaded = await load(ctx, taskId, { status: 'open', dueAt, ...(audience === 'assignee' ? { assignee: true } : {}) });
    if (!('task' in loaded)) return loaded;
    const { task, assignees } = loaded;
    if ((step === 'before' || step === 'day_start') && ctx.now >= task.dueAt!) return { fresh: false, reason: 'deadline_passed' };
    if (audience === 'managers' && ctx.recipient?.alerts !== 'instant') return { fresh: false, reason: 'daily_brief' };
    if (named && idsKey(named) !== idsKey(assignees.map((person) => person.id))) return { fresh: false, reason: 'reassigned' };
    if (audience === 'assignee' && ctx.time && assignees[0]) {
      // The ladder is paced by the first assignee; another one's copy may be held until close to the next rung.
      const pace = assignees[0].id === ctx.recipient?.id ? ctx.time : await loadWorkingTime({ db: ctx.db, person: assignees[0], team: ctx.team, now: ctx.now });
      if (nextRungIsNear({ rung: followingRung({ step, due: task.dueAt!, time: pace, team: ctx.team, announcedAt: task.recurrence ? task.createdAt : null }), now: ctx.now, recipientTime: ctx.time, team: ctx.team })) return { fresh: false, reason: 'next_rung_near' };
    }
    const people = audience === 'assignee' && ctx.recipient ? [ctx.recipient] : assignees;
    return { fresh: true, message: reminderMessage({ step, task, assignees: people, team: ctx.team, view: viewOf(ctx), buttons: audience !== 'owner' }) };
  },
});

/** "Maria is away when #1 is due": true while the deadline stands, Maria still has the task and is still away then. */
export const assigneeAway = defineNoticeCheck({
  name: 'tasks.away',
  args: z.object({ taskId: z.number().int(), dueAt: z.string(), awayId: z.number().int() }),
  check: async ({ taskId, dueAt, awayId }, ctx): Promise<CheckVerdict> => {
    const loaded = await load(ctx, taskId, { status: 'open', dueAt });
    if (!('task' in loaded)) return loaded;
    const away = loaded.assignees.find((person) => person.id === awayId);
    if (!away) return { fresh: false, reason: 'not_assignee' };
    const time = await loadWorkingTime({ db: ctx.db, person: away, team: ctx.team, now: ctx.now });
    return isAwayAt(loaded.task.dueAt!, time) ? { fresh: true } : { fresh: false, reason: 'not_away' };
  },
});

export const tasksNotices = [taskNews.check, taskAssigned.check, taskReminder.check, assigneeAway.check];
