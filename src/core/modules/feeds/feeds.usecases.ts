import { createHash } from 'node:crypto';
import type { Database, Db } from '../../../db/database.js';
import type { FeedItemSnapshot } from '../../../db/schema/index.js';
import { botError } from '../../errors.js';
import { isLocale, t, type Locale } from '../../i18n/catalog.js';
import { getPeople, localeOfPerson } from '../people/people.repository.js';
import { getTeam } from '../teams/teams.repository.js';
import { renderCalendar } from './feeds.ical.js';
import { findFeed, findFeedByHash, firstTeamZone, insertFeed, listFeedItems, replaceFeedToken, storeFeedItem, type FeedKey, type FeedRow } from './feeds.repository.js';
import { hashFeedToken, isFeedTokenShaped, newFeedToken, sameFeedHash } from './feeds.tokens.js';
import type { FeedEvent, FeedOwner, FeedSource, FeedSourceContext } from './feeds.types.js';

export type ServedFeed = { body: string; etag: string; lastModified: Date | null };

/** The feed's URL for a token; the token is only ever in this string and in the reply that shows it. */
export const feedUrl = (publicUrl: string, token: string): string => `${publicUrl}/calendar/${token}.ics`;

/**
 * `/obm calendar`, `/obm me calendar`: the first ask makes the feed and shows its URL. Only the token's hash
 * is kept, so a later ask cannot show the URL again: it says since when the feed exists and how to get a new
 * one (`reset`), like an API key.
 */
export const openFeed = async ({ db, key, publicUrl, now }: { db: Db; key: FeedKey; publicUrl: string | null; now: Date }): Promise<{ kind: 'created'; url: string } | { kind: 'exists'; feed: FeedRow }> => {
  if (!publicUrl) throw botError('feeds.no_public_url');
  const existing = await findFeed({ db, key });
  if (existing) return { kind: 'exists', feed: existing };
  const token = newFeedToken();
  const created = await insertFeed({ db, key, tokenHash: hashFeedToken(token), now });
  if (!created) return { kind: 'exists', feed: (await findFeed({ db, key }))! };
  return { kind: 'created', url: feedUrl(publicUrl, token) };
};

/** `reset`: a new token (the feed is made if there was none); the old URL answers 404 from now on. */
export const resetFeed = async ({ db, key, publicUrl, now }: { db: Db; key: FeedKey; publicUrl: string | null; now: Date }): Promise<{ url: string; replaced: boolean }> => {
  if (!publicUrl) throw botError('feeds.no_public_url');
  const token = newFeedToken();
  const existing = await findFeed({ db, key });
  if (existing) {
    await replaceFeedToken({ db, feedId: existing.id, tokenHash: hashFeedToken(token), now });
    return { url: feedUrl(publicUrl, token), replaced: true };
  }
  const created = await insertFeed({ db, key, tokenHash: hashFeedToken(token), now });
  if (!created) throw botError('feeds.busy');
  return { url: feedUrl(publicUrl, token), replaced: false };
};

const ownerOf = async (db: Db, feed: FeedRow): Promise<{ owner: FeedOwner; zone: string; locale: Locale; name: string } | null> => {
  if (feed.kind === 'team') {
    const team = feed.teamId === null ? null : await getTeam({ db, teamId: feed.teamId });
    if (!team) return null;
    const locale: Locale = isLocale(team.locale) ? team.locale : 'en';
    return { owner: { kind: 'team', team }, zone: team.zone, locale, name: t(locale, 'feeds.team_name', { team: team.clientName }) };
  }
  const person = feed.personId === null ? undefined : (await getPeople({ db, ids: [feed.personId] }))[0];
  if (!person) return null;
  const locale = await localeOfPerson({ db, personId: person.id });
  const zone = person.zone ?? (await firstTeamZone({ db, personId: person.id })) ?? 'UTC';
  return { owner: { kind: 'person', person }, zone, locale, name: t(locale, 'feeds.person_name', { person: person.displayName }) };
};

const snapshotOf = (event: FeedEvent, zone: string): FeedItemSnapshot => ({
  summary: event.summary,
  description: event.description ?? null,
  start: event.start.toISOString(),
  end: event.end ? event.end.toISOString() : null,
  allDay: event.allDay ?? false,
  zone: event.zone ?? zone,
  status: event.status,
  url: event.url ?? null,
});

// Keys in a fixed order, so the same content always hashes the same.
const hashOf = (snapshot: FeedItemSnapshot): string =>
  createHash('sha256')
    .update(JSON.stringify([snapshot.summary, snapshot.description, snapshot.start, snapshot.end, snapshot.allDay, snapshot.zone, snapshot.status, snapshot.url]))
    .digest('hex');

/**
 * `GET /calendar/<token>.ics`: null for a token that is no feed's (unknown, reset, malformed: the caller
 * answers 404 alike). Brings the stored events up to date with the sources first: a changed event's SEQUENCE
 * goes up, and one a source no longer gives (deleted, reassigned away) is kept, cancelled, so calendar apps
 * remove it. Then renders only what is stored, so an unchanged feed is the same bytes and the same ETag.
 */
export const serveFeed = async ({ db, token, now, sources }: { db: Database; token: string; now: Date; sources: readonly FeedSource[] }): Promise<ServedFeed | null> => {
  if (!isFeedTokenShaped(token)) return null;
  const presented = hashFeedToken(token);
  return db.transaction(async (tx) => {
    const feed = await findFeedByHash({ db: tx, tokenHash: presented });
    if (!feed || !sameFeedHash(feed.tokenHash, presented)) return null;
    const found = await ownerOf(tx, feed);
    if (!found) return null;
    const ctx: FeedSourceContext = { db: tx, now, locale: found.locale, t: (key, params) => t(found.locale, key, params) };
    const events: FeedEvent[] = [];
    for (const source of sources) {
      const read = found.owner.kind === 'team' ? source.team?.(found.owner.team, ctx) : source.person?.(found.owner.person, ctx);
      if (read) events.push(...(await read));
    }
    const stored = new Map((await listFeedItems({ db: tx, feedId: feed.id })).map((item) => [item.uid, item]));
    const current = new Map(events.map((event) => [event.uid, snapshotOf(event, found.zone)]));
    for (const [uid, item] of stored) {
      if (!current.has(uid)) current.set(uid, { ...item.snapshot, status: 'cancelled' });
    }
    for (const [uid, snapshot] of current) {
      const hash = hashOf(snapshot);
      if (stored.get(uid)?.hash !== hash) await storeFeedItem({ db: tx, feedId: feed.id, uid, hash, snapshot, now });
    }
    const items = await listFeedItems({ db: tx, feedId: feed.id });
    const body = renderCalendar({ name: found.name, items });
    const lastModified = items.reduce<Date | null>((latest, item) => (!latest || item.changedAt > latest ? item.changedAt : latest), null);
    return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, lastModified };
  });
};
