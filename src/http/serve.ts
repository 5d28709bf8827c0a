import type { Config } from '../config.js';
import type { Clock, Logger } from '../core/ports.js';
import { coreFeedSources } from '../core/modules/index.js';
import { serveFeed } from '../core/modules/feeds/feeds.usecases.js';
import type { FeedSource } from '../core/modules/feeds/feeds.types.js';
import type { Database } from '../db/database.js';
import { mountCalendarFeeds } from './calendar.js';
import { startHttpServer, type HttpServer } from './server.js';

/**
 * Whether this process runs the HTTP server, on which port: with Slack (its events and install pages), and
 * in every mode with PUBLIC_URL (the calendar feeds), so Discord alone and the console serve feeds too.
 */
export const httpPortOf = (config: Pick<Config, 'slack' | 'publicUrl' | 'port'>): number | null => (config.slack || config.publicUrl ? config.port : null);

/** The process's HTTP server when the configuration asks for one (see httpPortOf), else null. */
export const startConfiguredHttp = async ({ config, logger, host }: { config: Pick<Config, 'slack' | 'publicUrl' | 'port'>; logger: Logger; host?: string }): Promise<HttpServer | null> => {
  const port = httpPortOf(config);
  return port === null ? null : startHttpServer({ port, logger, ...(host ? { host } : {}) });
};

/** `GET /calendar/<token>.ics` on the server, read from the database at the clock's now. */
export const mountFeeds = (http: HttpServer, { db, clock, sources = coreFeedSources }: { db: Database; clock: Clock; sources?: readonly FeedSource[] }) =>
  mountCalendarFeeds(http, (token) => serveFeed({ db, token, now: clock.now(), sources }));
