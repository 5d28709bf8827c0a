import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.js';
import { people } from './people.table.js';
import { sops } from './sops.table.js';
import type { RecurrenceJson } from './tasks.table.js';
import { teams } from './teams.table.js';

/** A team's training settings: its class counter, its reminder offsets and the no-show task's working days. */
export const trainingSettings = pgTable('training_settings', {
  teamId: integer('team_id').primaryKey().references(() => teams.id, { onDelete: 'cascade' }),
  lastNumber: integer('last_number').notNull().default(0),
  // Minutes before the start; an empty list means reminders are off (the one at the start still goes).
  reminderOffsets: integer('reminder_offsets').array().notNull().default(sql`'{1440,60}'::integer[]`),
  noShowDays: integer('no_show_days').notNull().default(3),
});

/** A class, one-off or recurring: what each of its occurrences starts from. */
export const trainings = pgTable(
  'trainings',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    creatorId: integer('creator_id').notNull().references(() => people.id),
    durationMinutes: integer('duration_minutes').notNull().default(60),
    link: text('link'),
    // The handbook page to read before or after (shown with the class and in its reminders).
    sopId: integer('sop_id').references(() => sops.id, { onDelete: 'set null' }),
    maxSeats: integer('max_seats'),
    everyone: boolean('everyone').notNull().default(false),
    recurrence: jsonb('recurrence').$type<RecurrenceJson>(),
    status: text('status', { enum: ['active', 'cancelled'] }).notNull().default('active'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('trainings_team_number_uq').on(table.teamId, table.number)],
);

export const trainingInvitees = pgTable(
  'training_invitees',
  {
    trainingId: integer('training_id').notNull().references(() => trainings.id, { onDelete: 'cascade' }),
    personId: integer('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.trainingId, table.personId] })],
);

/**
 * One meeting of a class. A recurring class has one scheduled occurrence at a time: the next appears when
 * this one starts (`seq` makes that idempotent). Title, length, link and seats are copied from the class, so
 * "this one" edits stay on the occurrence.
 */
export const trainingOccurrences = pgTable(
  'training_occurrences',
  {
    id: serial('id').primaryKey(),
    trainingId: integer('training_id').notNull().references(() => trainings.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    startsAt: instant('starts_at').notNull(),
    // The series' slot this occurrence fills: the next one follows from it, whatever "this one" moves did.
    plannedAt: instant('planned_at').notNull(),
    title: text('title').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    link: text('link'),
    maxSeats: integer('max_seats'),
    status: text('status', { enum: ['scheduled', 'cancelled'] }).notNull().default('scheduled'),
    recordingUrl: text('recording_url'),
    materials: jsonb('materials').$type<{ url: string; note: string }[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('training_occurrences_seq_uq').on(table.trainingId, table.seq), index('training_occurrences_start_idx').on(table.startsAt)],
);

/** A person's answer to one occurrence; `waitlist` is a Going beyond the seats, in `answeredAt` order. */
export const trainingRsvps = pgTable(
  'training_rsvps',
  {
    occurrenceId: integer('occurrence_id').notNull().references(() => trainingOccurrences.id, { onDelete: 'cascade' }),
    personId: integer('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    answer: text('answer', { enum: ['going', 'maybe', 'cant', 'waitlist'] }).notNull(),
    answeredAt: instant('answered_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.occurrenceId, table.personId] })],
);

/** Who came to one occurrence (for the weekly digest): attended, or a no-show who said Going and got a task. */
export const trainingAttendance = pgTable(
  'training_attendance',
  {
    occurrenceId: integer('occurrence_id').notNull().references(() => trainingOccurrences.id, { onDelete: 'cascade' }),
    personId: integer('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    attended: boolean('attended').notNull(),
    source: text('source', { enum: ['self', 'manager', 'no_show'] }).notNull(),
    taskId: integer('task_id'),
    markedAt: instant('marked_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.occurrenceId, table.personId] })],
);
