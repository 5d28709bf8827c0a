import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpServer } from './server.js';

/** What the route needs of the core: a feed by its token, or null when there is none (src/core/modules/feeds). */
export type FeedReader = (token: string) => Promise<{ body: string; etag: string; lastModified: Date | null } | null>;

const PREFIX = '/calendar/';
const SUFFIX = '.ics';

/**
 * The same answer for every token that is no feed's (unknown, reset, malformed) and for any other path under
 * /calendar: the body and headers reveal nothing, neither whether a feed ever existed.
 */
const notFound = (res: ServerResponse) => {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end('Not found\n');
};

/** Whether an If-None-Match header names this ETag (a list, weak or strong, or `*`). */
const matches = (header: string | undefined, etag: string): boolean => {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
};

/**
 * `GET /calendar/<token>.ics`: calendar apps poll a subscribed feed every few minutes to hours, so an
 * unchanged feed answers 304 to its ETag. The feed is private: `private` keeps shared caches from storing it,
 * and `max-age=300` lets an app skip a refetch for five minutes (Google and Outlook poll less often anyway).
 */
export const mountCalendarFeeds = (http: HttpServer, read: FeedReader) => {
  http.route('GET', `${PREFIX}*`, async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const token = path.startsWith(PREFIX) && path.endsWith(SUFFIX) ? path.slice(PREFIX.length, -SUFFIX.length) : '';
    const feed = token ? await read(token) : null;
    if (!feed) return notFound(res);
    const headers = { ETag: feed.etag, 'Cache-Control': 'private, max-age=300', ...(feed.lastModified ? { 'Last-Modified': feed.lastModified.toUTCString() } : {}) };
    if (matches(req.headers['if-none-match'], feed.etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'inline; filename="calendar.ics"' });
    res.end(feed.body);
  });
};
