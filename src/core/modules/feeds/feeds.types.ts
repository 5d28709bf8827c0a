import type { Db } from '../../../db/database.js';
import type { Locale, MessageKey } from '../../i18n/catalog.js';
import type { PersonRow, TeamRow } from '../../identity.js';

/**
 * The contract between the calendar feeds and whatever puts dates in them (task deadlines, project due
 * dates, classes, launch-calendar entries). A source only reads; the feed keeps the history (SEQUENCE, the
 * cancelled events), so a source returns what is true now and nothing else. This file imports no module,
 * so any module may implement a source without an import cycle.
 */
export interface FeedEvent {
  /** Stable across every change and every feed: `task-<id>@righthand`. */
  uid: string;
  summary: string;
  description?: string | null;
  start: Date;
  /** Null or absent: an instant (a deadline), no duration. */
  end?: Date | null;
  /** A whole day (start and end are read as local dates in the zone). */
  allDay?: boolean;
  status: 'confirmed' | 'tentative' | 'cancelled';
  url?: string | null;
  /** The zone the event is shown in; absent: the feed's (the team's, or the person's). */
  zone?: string;
}

export type FeedOwner = { kind: 'team'; team: TeamRow } | { kind: 'person'; person: PersonRow };

export interface FeedSourceContext {
  db: Db;
  now: Date;
  locale: Locale;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
}

/** One kind of dated thing. A source that has nothing for one kind of feed leaves that method out. */
export interface FeedSource {
  name: string;
  /** A team's feed: everything dated of the team. */
  team?: (team: TeamRow, ctx: FeedSourceContext) => Promise<FeedEvent[]>;
  /** A person's feed: what is theirs, across all their teams. */
  person?: (person: PersonRow, ctx: FeedSourceContext) => Promise<FeedEvent[]>;
}
