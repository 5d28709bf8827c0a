import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.js';

/**
 * The scheduler processes working this database, each with a heartbeat. A delivery being sent names the
 * instance that claimed it, so a claim whose instance stopped beating (or was seen dead at a restart on its
 * host) is due again within seconds, instead of after its lease (see src/scheduler/instances.ts).
 */
export const instances = pgTable('instances', {
  id: text('id').primaryKey(),
  host: text('host').notNull(),
  pid: integer('pid').notNull(),
  startedAt: createdAt(),
  // Written with the database's clock (now()) and compared with it: hosts' clocks never meet here.
  heartbeatAt: instant('heartbeat_at').notNull().defaultNow(),
});
