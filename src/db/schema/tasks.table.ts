import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.js';
import { people } from './people.table.js';
import { teams } from './teams.table.js';

export type RecurrenceJson = { unit: 'day' | 'week' | 'month'; interval: number; weekdays?: number[] };

export const projects = pgTable(
  'projects',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    dueAt: instant('due_at'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('projects_team_name_uq').on(table.teamId, sql`lower(${table.name})`)],
);

export const tasks = pgTable(
  'tasks',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    creatorId: integer('creator_id').notNull().references(() => people.id),
    dueAt: instant('due_at'),
    priority: text('priority', { enum: ['urgent', 'high', 'normal', 'low'] }).notNull().default('normal'),
    projectId: integer('project_id').references(() => projects.id, { onDelete: 'set null' }),
    // 'missed': a repeating occurrence still open when the next one fell due; closed, kept in the history.
    status: text('status', { enum: ['open', 'done', 'cancelled', 'missed'] }).notNull().default('open'),
    recurrence: jsonb('recurrence').$type<RecurrenceJson>(),
    // A recurring task has at most one successor: the unique index makes "create the next one" idempotent
    // whether it is triggered by Done, by the due time passing, or by both at once.
    previousId: integer('previous_id'),
    completedAt: instant('completed_at'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('tasks_team_number_uq').on(table.teamId, table.number),
    uniqueIndex('tasks_previous_uq').on(table.previousId),
    index('tasks_team_status_idx').on(table.teamId, table.status),
  ],
);

export const taskAssignees = pgTable(
  'task_assignees',
  {
    taskId: integer('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
    personId: integer('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.taskId, table.personId] }), index('task_assignees_person_idx').on(table.personId)],
);

export const taskEvents = pgTable(
  'task_events',
  {
    id: serial('id').primaryKey(),
    taskId: integer('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id').references(() => people.id),
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    at: instant('at').notNull(),
  },
  (table) => [index('task_events_task_idx').on(table.taskId)],
);
