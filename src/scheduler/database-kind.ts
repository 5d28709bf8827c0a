import type { Database } from '../db/database.js';

export interface DatabaseKind {
  driver: 'postgres' | 'pglite';
  /** Connections the pool may open: the most transactions that can be open at once. */
  maxConnections: number;
}

/**
 * Tells a postgres.js pool from PGlite by the client drizzle wraps. PGlite has one connection and runs one
 * transaction at a time (a query outside an open transaction waits for it), so the scheduler keeps to one
 * job at a time there; on PostgreSQL up to 8 at once, keeping two connections of the pool for the outbox
 * and the bot's own invocations.
 */
export const databaseKind = (db: Database): DatabaseKind => {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (typeof client === 'function') {
    const max = (client as { options?: { max?: number } }).options?.max;
    return { driver: 'postgres', maxConnections: typeof max === 'number' && max > 0 ? max : 10 };
  }
  return { driver: 'pglite', maxConnections: 1 };
};

export const defaultJobConcurrency = (kind: DatabaseKind): number => (kind.driver === 'pglite' ? 1 : Math.max(1, Math.min(8, kind.maxConnections - 2)));
