import { index, integer, pgTable, primaryKey, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.js';
import { people } from './people.table.js';
import { tasks } from './tasks.table.js';
import { teams } from './teams.table.js';

/** A standard operating procedure of one team: its current version's link, with the older ones in sop_versions. */
export const sops = pgTable(
  'sops',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    // Per team (#1, #2 …), handed out under the team row's lock.
    number: integer('number').notNull(),
    title: text('title').notNull(),
    tags: text('tags').array().notNull().default([]),
    url: text('url').notNull(),
    version: integer('version').notNull().default(1),
    creatorId: integer('creator_id').notNull().references(() => people.id),
    // A removed SOP keeps its row (read history, links from old tasks); it is no longer listed or found.
    removedAt: instant('removed_at'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [uniqueIndex('sops_team_number_uq').on(table.teamId, table.number)],
);

export const sopVersions = pgTable(
  'sop_versions',
  {
    id: serial('id').primaryKey(),
    sopId: integer('sop_id').notNull().references(() => sops.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    url: text('url').notNull(),
    note: text('note').notNull().default(''),
    authorId: integer('author_id').references(() => people.id),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('sop_versions_sop_version_uq').on(table.sopId, table.version)],
);

/** Who has read which version: one row per person and version, so a click twice stores one read. */
export const sopReads = pgTable(
  'sop_reads',
  {
    sopId: integer('sop_id').notNull().references(() => sops.id, { onDelete: 'cascade' }),
    personId: integer('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    readAt: instant('read_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.sopId, table.personId, table.version] }), index('sop_reads_person_idx').on(table.personId)],
);

/** A task that points at an SOP (`/task add … sop 3`, a "Read <title>" task): at most one SOP per task. */
export const taskSops = pgTable(
  'task_sops',
  {
    taskId: integer('task_id').primaryKey().references(() => tasks.id, { onDelete: 'cascade' }),
    sopId: integer('sop_id').notNull().references(() => sops.id, { onDelete: 'cascade' }),
    // 'read': the task is to read the SOP, and reading it closes the task.
    purpose: text('purpose', { enum: ['read', 'link'] }).notNull().default('link'),
  },
  (table) => [index('task_sops_sop_idx').on(table.sopId)],
);

/** A step of a team's onboarding path: an SOP to read, a task to do (a class, once trainings exist), on a day. */
export const onboardingSteps = pgTable(
  'onboarding_steps',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    kind: text('kind', { enum: ['sop', 'task', 'class'] }).notNull(),
    sopId: integer('sop_id').references(() => sops.id, { onDelete: 'cascade' }),
    // The trainings module's class, once it exists (see sop.onboarding.classes.ts).
    classRef: text('class_ref'),
    title: text('title'),
    // 1 = the newcomer's first working day.
    day: integer('day').notNull(),
    creatorId: integer('creator_id').notNull().references(() => people.id),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('onboarding_steps_team_number_uq').on(table.teamId, table.number)],
);

/** Someone's onboarding in one team, started once: joining again finds this row and creates nothing. */
export const onboardings = pgTable(
  'onboardings',
  {
    teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    personId: integer('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    joinedAt: instant('joined_at').notNull(),
    // How they joined: 'event' (the platform said so), 'added' (/obm team add), 'command' (their first command).
    via: text('via').notNull(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.personId] })],
);

/** The task each step gave each newcomer: the unique key is team + person + step. */
export const onboardingItems = pgTable(
  'onboarding_items',
  {
    teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    personId: integer('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    stepId: integer('step_id').notNull().references(() => onboardingSteps.id, { onDelete: 'cascade' }),
    taskId: integer('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    dueAt: instant('due_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.personId, table.stepId] })],
);
