import { loadConfig } from '../src/config.js';
import { describeDatabaseUrl, openDatabase } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';

/** Applies migrations/ to the configured database without starting the bot. */
const config = loadConfig(process.env);
const handle = config.databaseUrl ? await openDatabase({ driver: 'postgres', url: config.databaseUrl }) : await openDatabase({ driver: 'pglite', dataDir: config.dataDir });
try {
  await runMigrations(handle);
  console.log(`Migrations applied to ${config.databaseUrl ? describeDatabaseUrl(config.databaseUrl) : `PGlite in ${config.dataDir}`}.`);
} finally {
  await handle.close();
}
