import { aliasedTable, and, asc, eq, gte, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import {
  calendarEntries,
  metrics,
  metricValues,
  people,
  projects,
  standupAnswers,
  standupRuns,
  standups,
  taskAssignees,
  taskEvents,
  tasks,
  trainingAttendance,
  trainingOccurrences,
  trainingRsvps,
  trainings,
} from '../../../db/schema/index.js';

/**
 * The rows of one team's export. Every query is bounded by the team's id at its root (a task's events through
 * the team's tasks, answers through the team's standups), so no other team's row can reach a file. `window`
 * is [from, to) as instants and as local dates (runs and periods are dated on the team's wall clock).
 */
export interface ExportWindow {
  teamId: number;
  from: Date | null;
  to: Date | null;
  fromDate: string | null;
  toDate: string | null;
}

const within = (column: Parameters<typeof gte>[0], window: ExportWindow): SQL | undefined =>
  and(window.from ? gte(column, window.from) : undefined, window.to ? lt(column, window.to) : undefined);

const creator = aliasedTable(people, 'creator');
const actor = aliasedTable(people, 'actor');

export const exportTasks = async ({ db, window }: { db: Db; window: ExportWindow }) => {
  // A task belongs to the window when it was created in it or anything happened to it in it.
  const touched = db.select({ id: taskEvents.taskId }).from(taskEvents).innerJoin(tasks, eq(tasks.id, taskEvents.taskId)).where(and(eq(tasks.teamId, window.teamId), within(taskEvents.at, window)));
  const rows = await db
    .select({ task: tasks, project: projects.name, creator: creator.displayName })
    .from(tasks)
    .innerJoin(creator, eq(creator.id, tasks.creatorId))
    .leftJoin(projects, eq(projects.id, tasks.projectId))
    .where(and(eq(tasks.teamId, window.teamId), window.from || window.to ? or(within(tasks.createdAt, window), inArray(tasks.id, touched)) : undefined))
    .orderBy(asc(tasks.number));
  const ids = rows.map((row) => row.task.id);
  const assignees = ids.length === 0 ? [] : await db.select({ taskId: taskAssignees.taskId, name: people.displayName }).from(taskAssignees).innerJoin(people, eq(people.id, taskAssignees.personId)).where(inArray(taskAssignees.taskId, ids)).orderBy(asc(people.displayName));
  const events = ids.length === 0 ? [] : await db
    .select({ taskId: taskEvents.taskId, kind: taskEvents.kind, data: taskEvents.data, at: taskEvents.at, actor: actor.displayName })
    .from(taskEvents)
    .leftJoin(actor, eq(actor.id, taskEvents.actorId))
    .where(and(inArray(taskEvents.taskId, ids), within(taskEvents.at, window)))
    .orderBy(asc(taskEvents.at), asc(taskEvents.id));
  const namesOf = new Map<number, string[]>();
  for (const row of assignees) namesOf.set(row.taskId, [...(namesOf.get(row.taskId) ?? []), row.name]);
  const numberOf = new Map(rows.map((row) => [row.task.id, row.task.number]));
  return {
    tasks: rows.map((row) => ({ ...row, assignees: namesOf.get(row.task.id) ?? [] })),
    events: events.map((event) => ({ ...event, number: numberOf.get(event.taskId)! })),
  };
};

export const exportAnswers = async ({ db, window }: { db: Db; window: ExportWindow }) =>
  db
    .select({ date: standupRuns.localDate, standup: standups.name, standupNumber: standups.number, person: people.displayName, answer: standupAnswers })
    .from(standupAnswers)
    .innerJoin(standupRuns, eq(standupRuns.id, standupAnswers.runId))
    .innerJoin(standups, eq(standups.id, standupRuns.standupId))
    .innerJoin(people, eq(people.id, standupAnswers.personId))
    .where(and(eq(standups.teamId, window.teamId), window.fromDate ? gte(standupRuns.localDate, window.fromDate) : undefined, window.toDate ? lt(standupRuns.localDate, window.toDate) : undefined))
    .orderBy(asc(standupRuns.localDate), asc(standups.number), asc(people.displayName));

export const exportAttendance = async ({ db, window }: { db: Db; window: ExportWindow }) => {
  const occurrences = await db
    .select({ id: trainingOccurrences.id, title: trainingOccurrences.title, startsAt: trainingOccurrences.startsAt, status: trainingOccurrences.status, number: trainings.number })
    .from(trainingOccurrences)
    .innerJoin(trainings, eq(trainings.id, trainingOccurrences.trainingId))
    .where(and(eq(trainings.teamId, window.teamId), within(trainingOccurrences.startsAt, window)))
    .orderBy(asc(trainingOccurrences.startsAt));
  const ids = occurrences.map((occurrence) => occurrence.id);
  if (ids.length === 0) return [];
  const rsvps = await db.select({ occurrenceId: trainingRsvps.occurrenceId, personId: trainingRsvps.personId, answer: trainingRsvps.answer, name: people.displayName }).from(trainingRsvps).innerJoin(people, eq(people.id, trainingRsvps.personId)).where(inArray(trainingRsvps.occurrenceId, ids));
  const marks = await db.select({ occurrenceId: trainingAttendance.occurrenceId, personId: trainingAttendance.personId, attended: trainingAttendance.attended, source: trainingAttendance.source, name: people.displayName }).from(trainingAttendance).innerJoin(people, eq(people.id, trainingAttendance.personId)).where(inArray(trainingAttendance.occurrenceId, ids));
  return occurrences.flatMap((occurrence) => {
    const byPerson = new Map<number, { name: string; rsvp: string; attended: boolean | null; source: string }>();
    for (const rsvp of rsvps.filter((row) => row.occurrenceId === occurrence.id)) byPerson.set(rsvp.personId, { name: rsvp.name, rsvp: rsvp.answer, attended: null, source: '' });
    for (const mark of marks.filter((row) => row.occurrenceId === occurrence.id)) byPerson.set(mark.personId, { name: mark.name, rsvp: byPerson.get(mark.personId)?.rsvp ?? '', attended: mark.attended, source: mark.source });
    return [...byPerson.values()].sort((a, b) => a.name.localeCompare(b.name)).map((person) => ({ occurrence, ...person }));
  });
};

export const exportMetricValues = async ({ db, teamId }: { db: Db; teamId: number }) =>
  db
    .select({ metric: metrics.name, unit: metrics.unit, cadence: metrics.cadence, period: metricValues.period, value: metricValues.value, loggedAt: metricValues.loggedAt, loggedBy: people.displayName })
    .from(metricValues)
    .innerJoin(metrics, eq(metrics.id, metricValues.metricId))
    .leftJoin(people, eq(people.id, metricValues.loggedBy))
    .where(eq(metrics.teamId, teamId))
    .orderBy(asc(metrics.name), asc(metricValues.period));

export const exportCalendar = async ({ db, window }: { db: Db; window: ExportWindow }) =>
  db
    .select({ entry: calendarEntries, owner: people.displayName })
    .from(calendarEntries)
    .leftJoin(people, eq(people.id, calendarEntries.ownerId))
    .where(and(eq(calendarEntries.teamId, window.teamId), eq(calendarEntries.status, 'active'), within(calendarEntries.startsAt, window)))
    .orderBy(asc(calendarEntries.startsAt), asc(calendarEntries.number));
