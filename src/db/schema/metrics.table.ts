import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.js';
import { people } from './people.table.js';
import { teams } from './teams.table.js';

/**
 * A number a team logs per week or month (revenue, list size, leads). Removed metrics keep their rows and
 * values (the history stays readable); only metrics not removed hold their name.
 */
export const metrics = pgTable(
  'metrics',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // Free text as typed: €, $, %, count, hours; null for a bare number.
    unit: text('unit'),
    target: doublePrecision('target'),
    direction: text('direction', { enum: ['higher', 'lower'] }).notNull().default('higher'),
    cadence: text('cadence', { enum: ['weekly', 'monthly'] }).notNull().default('weekly'),
    ownerId: integer('owner_id').references(() => people.id, { onDelete: 'set null' }),
    createdBy: integer('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    removedAt: instant('removed_at'),
  },
  (table) => [uniqueIndex('metrics_team_name_uq').on(table.teamId, sql`lower(${table.name})`).where(sql`${table.removedAt} is null`)],
);

/**
 * The current value of a metric for one period: `2026-W48` (an ISO week in the team's zone) or `2026-11`.
 * Logging the period again replaces it; every log is also kept in `metric_value_history`.
 */
export const metricValues = pgTable(
  'metric_values',
  {
    id: serial('id').primaryKey(),
    metricId: integer('metric_id').notNull().references(() => metrics.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    value: doublePrecision('value').notNull(),
    loggedBy: integer('logged_by').references(() => people.id, { onDelete: 'set null' }),
    loggedAt: instant('logged_at').notNull(),
  },
  (table) => [uniqueIndex('metric_values_metric_period_uq').on(table.metricId, table.period)],
);

/** Every value ever logged, with the one it replaced: who changed a number, when, from what. */
export const metricValueHistory = pgTable(
  'metric_value_history',
  {
    id: serial('id').primaryKey(),
    metricId: integer('metric_id').notNull().references(() => metrics.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    value: doublePrecision('value').notNull(),
    previous: doublePrecision('previous'),
    loggedBy: integer('logged_by').references(() => people.id, { onDelete: 'set null' }),
    loggedAt: instant('logged_at').notNull(),
  },
  (table) => [index('metric_value_history_metric_idx').on(table.metricId, table.period)],
);
