import { and, asc, desc, eq, exists, gt, inArray, isNotNull, isNull, lt, lte, ne, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../../db/database.js';
import { followups, memberships, people, standupAnswers, standupRuns, standups, taskAssignees, taskEvents, tasks } from '../../../db/schema/index.js';

/**
 * What a daily brief reads of one team, straight from the tables the other modules write (tasks and their
 * events, follow-ups, standup answers): plain rows, no rules. Two kinds of section: what happened since the
 * last brief (done, moved, missed) and what is still true now (overdue, unanswered, blocked).
 */

// A brief is a summary: more than this many lines of one kind say "and N more" instead.
const ROWS = 100;

export interface TaskLine {
  id: number;
  number: number;
  title: string;
  dueAt: Date | null;
  assignees: string[];
}

export interface ActedLine extends TaskLine {
  /** Who did it (done, moved); null for the bot's own doing. */
  actor: string | null;
  /** How many times it happened in the period (a deadline moved twice). */
  times: number;
}

export interface FollowupLine {
  number: number;
  what: string;
  person: string;
  requester: string;
  askAt: Date;
}

export interface BlockerLine {
  person: string;
  blocker: string;
  standup: string | null;
  localDate: string;
}

type Window = { db: Db; teamId: number; since: Date; now: Date };

const assigneeNames = async ({ db, taskIds }: { db: Db; taskIds: number[] }): Promise<Map<number, string[]>> => {
  const byTask = new Map<number, string[]>();
  if (taskIds.length === 0) return byTask;
  const rows = await db
    .select({ taskId: taskAssignees.taskId, name: people.displayName })
    .from(taskAssignees)
    .innerJoin(people, eq(people.id, taskAssignees.personId))
    .where(inArray(taskAssignees.taskId, taskIds))
    .orderBy(asc(people.id));
  for (const row of rows) byTask.set(row.taskId, [...(byTask.get(row.taskId) ?? []), row.name]);
  return byTask;
};

type TaskCore = { id: number; number: number; title: string; dueAt: Date | null };

const withAssignees = async <T extends TaskCore>(db: Db, rows: T[]): Promise<(T & { assignees: string[] })[]> => {
  const names = await assigneeNames({ db, taskIds: rows.map((row) => row.id) });
  return rows.map((row) => ({ ...row, assignees: names.get(row.id) ?? [] }));
};

const taskColumns = { id: tasks.id, number: tasks.number, title: tasks.title, dueAt: tasks.dueAt };

/** Open tasks past their deadline, the longest overdue first. */
export const overdueTasks = async ({ db, teamId, now }: { db: Db; teamId: number; now: Date }): Promise<TaskLine[]> =>
  withAssignees(
    db,
    await db
      .select(taskColumns)
      .from(tasks)
      .where(and(eq(tasks.teamId, teamId), eq(tasks.status, 'open'), isNotNull(tasks.dueAt), lt(tasks.dueAt, now)))
      .orderBy(asc(tasks.dueAt), asc(tasks.number))
      .limit(ROWS),
  );

/** Events of some kinds on the team's tasks in the period, one line per task (its latest actor, and a count). */
const actedOn = async ({ db, teamId, since, now, kinds, status, except, byAssignee }: Window & { kinds: string[]; status: 'open' | 'done' | 'missed'; except: number; byAssignee: boolean }): Promise<ActedLine[]> => {
  const rows = await db
    .select({ ...taskColumns, actor: people.displayName })
    .from(taskEvents)
    .innerJoin(tasks, eq(tasks.id, taskEvents.taskId))
    .leftJoin(people, eq(people.id, taskEvents.actorId))
    .where(
      and(
        eq(tasks.teamId, teamId),
        eq(tasks.status, status),
        // A task done in the window was last done (its completed_at) at or after the window began: this
        // keeps the join from reading the events of every task the team ever finished.
        status === 'done' ? or(isNull(tasks.completedAt), gt(tasks.completedAt, since)) : undefined,
        inArray(taskEvents.kind, kinds),
        gt(taskEvents.at, since),
        lte(taskEvents.at, now),
        // Nobody is told of their own doing.
        or(isNull(taskEvents.actorId), ne(taskEvents.actorId, except)),
        byAssignee
          ? exists(db.select({ taskId: taskAssignees.taskId }).from(taskAssignees).where(and(eq(taskAssignees.taskId, taskEvents.taskId), eq(taskAssignees.personId, taskEvents.actorId))))
          : undefined,
      ),
    )
    // Newest first, so a long period keeps its latest events.
    .orderBy(desc(taskEvents.at), desc(taskEvents.id))
    .limit(ROWS * 4);
  const byTask = new Map<number, ActedLine>();
  for (const row of rows) {
    const seen = byTask.get(row.id);
    // The latest event names the actor; the earlier ones only count.
    byTask.set(row.id, seen ? { ...seen, times: seen.times + 1 } : { ...row, assignees: [], times: 1 });
  }
  // Shown in the order things happened (by each task's latest event).
  return withAssignees(db, [...byTask.values()].slice(0, ROWS).reverse());
};

/** Tasks marked done in the period (and still done), by whoever did it. */
export const doneTasks = (window: Window & { except: number }) => actedOn({ ...window, kinds: ['done'], status: 'done', byAssignee: false });

/** Open tasks whose deadline an assignee moved (a new due date or a snooze) in the period. */
export const movedTasks = (window: Window & { except: number }) => actedOn({ ...window, kinds: ['due_changed', 'snoozed'], status: 'open', byAssignee: true });

/** Repeating occurrences closed as missed in the period (the next one fell due while they were open). */
export const missedTasks = (window: Window & { except: number }) => actedOn({ ...window, kinds: ['missed'], status: 'missed', byAssignee: false });

const requester = alias(people, 'requester');

/** Follow-ups asked and not answered by their answer-by moment, oldest first, until answered or cancelled. */
export const unansweredFollowups = async ({ db, teamId }: { db: Db; teamId: number }): Promise<FollowupLine[]> =>
  db
    .select({ number: followups.number, what: followups.what, person: people.displayName, requester: requester.displayName, askAt: followups.askAt })
    .from(followups)
    .innerJoin(people, eq(people.id, followups.personId))
    .innerJoin(requester, eq(requester.id, followups.requesterId))
    .where(and(eq(followups.teamId, teamId), eq(followups.status, 'unanswered')))
    .orderBy(asc(followups.askAt), asc(followups.number))
    .limit(ROWS);

/**
 * Blockers nobody has acted on: the participant's latest answer to a standup still names one and it was not
 * made a task (a task is the manager's way of taking it on; a later answer without a blocker clears it).
 */
export const openBlockers = async ({ db, teamId }: { db: Db; teamId: number }): Promise<BlockerLine[]> => {
  // Each participant's latest answered answer per standup, in one sort of the team's answers: asking "is there
  // a later one?" of every blocker answer cost a lookup per earlier run (measured by the digest bench).
  const latest = db
    .selectDistinctOn([standupAnswers.personId, standupRuns.standupId], {
      personId: standupAnswers.personId,
      blocker: standupAnswers.blocker,
      blockerTaskId: standupAnswers.blockerTaskId,
      standup: standups.name,
      localDate: standupRuns.localDate,
    })
    .from(standupAnswers)
    .innerJoin(standupRuns, eq(standupRuns.id, standupAnswers.runId))
    .innerJoin(standups, eq(standups.id, standupRuns.standupId))
    .where(and(eq(standups.teamId, teamId), ne(standups.status, 'removed'), eq(standupAnswers.status, 'answered')))
    .orderBy(standupAnswers.personId, standupRuns.standupId, desc(standupRuns.localDate))
    .as('latest');
  return (
    await db
      .select({ person: people.displayName, blocker: latest.blocker, standup: latest.standup, localDate: latest.localDate })
      .from(latest)
      .innerJoin(people, eq(people.id, latest.personId))
      .innerJoin(memberships, and(eq(memberships.teamId, teamId), eq(memberships.personId, latest.personId)))
      .where(and(isNotNull(latest.blocker), isNull(latest.blockerTaskId)))
      .orderBy(asc(latest.localDate), asc(people.displayName))
      .limit(ROWS)
  ).map((row) => ({ ...row, blocker: row.blocker! }));
};
