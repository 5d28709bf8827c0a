import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { postgresOptions, type DatabaseHandle } from './client.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

// Any constant works; it only has to be the same in every Righthand process.
const MIGRATION_LOCK = 727_001;
// Another instance migrating holds the lock for seconds; one that hung with it must not hold this start-up forever.
const LOCK_WAIT = '60s';

/** Applies migrations/. Several processes starting at once on one PostgreSQL take turns. */
export const runMigrations = async (handle: DatabaseHandle): Promise<void> => {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (handle.driver === 'pglite') {
    await migratePglite(handle.db as never, config);
    return;
  }
  // One dedicated connection, so the session lock and the migration are on the same backend.
  const client = postgres(handle.url!, { ...postgresOptions(), max: 1 });
  try {
    await client`select set_config('lock_timeout', ${LOCK_WAIT}, false)`;
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await client`select set_config('lock_timeout', '0', false)`;
    await migratePostgres(drizzlePostgres(client), config);
  } finally {
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    await client.end({ timeout: 5 });
  }
};
