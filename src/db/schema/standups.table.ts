import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.js';
import { people } from './people.table.js';
import { tasks } from './tasks.table.js';
import { teams } from './teams.table.js';

/** One question of a standup: free text, a 1-5 scale or yes/no; one of them is the blocker question. */
export type StandupQuestionJson = { text: string; kind: 'text' | 'scale' | 'yesno'; blocker?: boolean };

/**
 * A recurring async standup of a team. Times are minutes after local midnight in each participant's own
 * zone; `days` null means the team's working days; `participantIds` null means every member (not owners).
 */
export const standups = pgTable(
  'standups',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    // Per team: /standup show #2. Removed standups keep their number (their history stays).
    number: integer('number').notNull(),
    name: text('name'),
    time: integer('time').notNull(),
    deadline: integer('deadline').notNull(),
    // Minutes before the deadline for the one reminder; 0 = none.
    nudgeMinutes: integer('nudge_minutes').notNull().default(60),
    days: integer('days').array(),
    questions: jsonb('questions').$type<StandupQuestionJson[]>().notNull(),
    participantIds: integer('participant_ids').array(),
    reportStyle: text('report_style', { enum: ['thread', 'digest'] }).notNull().default('thread'),
    status: text('status', { enum: ['active', 'paused', 'removed'] }).notNull().default('active'),
    createdBy: integer('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [uniqueIndex('standups_team_number_uq').on(table.teamId, table.number)],
);

/** One standup day (a local date, which each participant lives in their own zone); reported once. */
export const standupRuns = pgTable(
  'standup_runs',
  {
    id: serial('id').primaryKey(),
    standupId: integer('standup_id').notNull().references(() => standups.id, { onDelete: 'cascade' }),
    localDate: date('local_date', { mode: 'string' }).notNull(),
    reportedAt: instant('reported_at'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('standup_runs_standup_date_uq').on(table.standupId, table.localDate)],
);

/**
 * One participant on one standup day: asked (answers may be partial while they reply in the DM), answered
 * (on time or late), missed, skipped or away. `questions` is what they were asked, so later edits of the
 * standup never rewrite history.
 */
export const standupAnswers = pgTable(
  'standup_answers',
  {
    id: serial('id').primaryKey(),
    runId: integer('run_id').notNull().references(() => standupRuns.id, { onDelete: 'cascade' }),
    personId: integer('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['asked', 'answered', 'missed', 'skipped', 'away'] }).notNull(),
    awayReason: text('away_reason', { enum: ['absent', 'holiday'] }),
    questions: jsonb('questions').$type<StandupQuestionJson[]>().notNull(),
    answers: jsonb('answers').$type<string[]>().notNull().default([]),
    deadlineAt: instant('deadline_at').notNull(),
    askedAt: instant('asked_at'),
    submittedAt: instant('submitted_at'),
    late: boolean('late').notNull().default(false),
    // Bumped on every submission: names the report post and blocker DMs of each version.
    revision: integer('revision').notNull().default(0),
    blocker: text('blocker'),
    blockerTaskId: integer('blocker_task_id').references(() => tasks.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('standup_answers_run_person_uq').on(table.runId, table.personId),
    index('standup_answers_person_idx').on(table.personId, table.status),
    // The digest's blockers-resolved joins answers to the tasks made of them; without it every digest read all answers.
    index('standup_answers_blocker_task_idx').on(table.blockerTaskId).where(sql`${table.blockerTaskId} is not null`),
  ],
);
