import type { Clock } from '../../src/core/ports.js';
import { silentLogger } from '../../src/core/ports.js';
import type { Database } from '../../src/db/database.js';
import { mountFeeds } from '../../src/http/serve.js';
import { startHttpServer, type HttpServer } from '../../src/http/server.js';

/** The bot's HTTP server on a free local port with the calendar feeds mounted, ready (as main.ts starts it). */
export const startFeedServer = async ({ db, clock }: { db: Database; clock: Clock }): Promise<HttpServer> => {
  const http = await startHttpServer({ port: 0, host: '127.0.0.1', logger: silentLogger });
  mountFeeds(http, { db, clock });
  http.setReady(true);
  return http;
};
