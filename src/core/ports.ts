import type { Message } from './messages.js';

export type Platform = 'console' | 'slack' | 'discord';
export const PLATFORMS: readonly Platform[] = ['console', 'slack', 'discord'];

/** Where a delivery goes. `userId`/`channelId` are the platform's own ids. */
export type DeliveryTarget =
  | { kind: 'dm'; personId: number; userId: string }
  | {
      kind: 'channel';
      channelId: string;
      threadId?: string;
      /**
       * Reply in the thread of another delivery (named by its dedupe key), e.g. a standup answer under the
       * day's parent post: the outbox sends the parent first and fills in `threadId` from its platform id.
       */
      threadOfKey?: string;
    };

export interface OutboundMessage {
  deliveryId: number;
  workspaceExternalId: string;
  target: DeliveryTarget;
  message: Message;
  /**
   * Set when the platform already holds the first parts of this message (a crash between the parts of a
   * long one): the port posts only the parts from `postedParts` on, and reports `platformMessageId`.
   */
  resume?: { postedParts: number; platformMessageId: string };
}

/** A delivery whose outcome is unknown, to look up on the platform: posted by us since `since`? */
export interface DeliveredQuery {
  deliveryId: number;
  workspaceExternalId: string;
  target: DeliveryTarget;
  since: Date;
}

export type DeliveredLookup =
  // The platform holds it: all of it (`complete`), or its first `postedParts` parts.
  | { kind: 'found'; platformMessageId: string; complete: boolean; postedParts: number }
  | { kind: 'absent' }
  // The platform cannot tell (the bot lacks the scope to read the conversation): sent again, as before.
  | { kind: 'unknown'; error: string };

export type SendResult =
  | { ok: true; platformMessageId?: string }
  // Try again later; `retryAfterMs` pauses the whole workspace (a platform rate limit), not just this message.
  | {
      ok: false;
      kind: 'retry';
      error: string;
      retryAfterMs?: number;
      /**
       * The platform holds part of the message already (a long message's first posts, the text before its
       * files): it is looked up before it is sent again, even after a rate limit, so that part is not repeated.
       */
      partlyPosted?: boolean;
    }
  // Never retry: DMs closed, user gone, bot removed from the channel.
  | { ok: false; kind: 'permanent'; error: string; reason: 'unreachable' | 'channel_gone' | 'other' };

/** Outbound side of an adapter: the only way a message leaves the bot, called by the outbox. */
export interface ChatPort {
  readonly platform: Platform;
  send(message: OutboundMessage): Promise<SendResult>;
  /**
   * Optional: finds a message this bot posted for a delivery, for a platform with no idempotency key of its
   * own (Slack). The outbox asks before it sends again a delivery whose outcome is unknown; a rejection
   * means "ask again later" (the message is not sent meanwhile).
   */
  findDelivered?(query: DeliveredQuery): Promise<DeliveredLookup>;
  /**
   * Optional: the platform's native scheduled events (Discord's Guild Scheduled Events), which the events
   * module mirrors classes into. A platform without them (Slack, the console) leaves it out, and mirrors are
   * recorded as unsupported there.
   */
  scheduledEvents?: ScheduledEventsPort;
}

/** One event as the core asks for it: already within the platform's limits (src/core/modules/events/events.limits.ts). */
export interface ScheduledEventSpec {
  name: string;
  description: string | null;
  start: Date;
  end: Date;
  /** Where it happens: a link, or "online". */
  location: string;
}

/** An event this bot created, as the platform lists it: what a lost creation is found again by. */
export interface OwnScheduledEvent {
  eventId: string;
  name: string;
  start: Date;
  /** Still upcoming or running (neither completed nor cancelled). */
  open: boolean;
}

export type ScheduledEventFailure =
  // The bot may not manage events here (Discord: no Manage Events permission).
  | { ok: false; kind: 'forbidden'; error: string }
  // The server holds as many upcoming events as the platform allows (Discord: 100).
  | { ok: false; kind: 'limit'; error: string }
  // The event is no longer there (deleted by a person).
  | { ok: false; kind: 'gone'; error: string }
  // Refused for good (a field the platform will never accept, the server gone).
  | { ok: false; kind: 'invalid'; error: string }
  // Try again later (a rate limit, a 5xx, the network).
  | { ok: false; kind: 'retry'; error: string; retryAfterMs?: number };

export type ScheduledEventResult = { ok: true; eventId: string } | ScheduledEventFailure;

export interface ScheduledEventsPort {
  /** The events of the workspace that this bot created. */
  listOwn(query: { workspaceExternalId: string }): Promise<{ ok: true; events: OwnScheduledEvent[] } | ScheduledEventFailure>;
  create(query: { workspaceExternalId: string; event: ScheduledEventSpec }): Promise<ScheduledEventResult>;
  /** Sets every field of the event to the spec (a moved or edited occurrence). */
  update(query: { workspaceExternalId: string; eventId: string; event: ScheduledEventSpec }): Promise<ScheduledEventResult>;
  /** `cancel`: marked cancelled (an upcoming event); `delete`: removed (one already begun, which can no longer be cancelled). */
  cancel(query: { workspaceExternalId: string; eventId: string; mode: 'cancel' | 'delete' }): Promise<ScheduledEventResult>;
}

/**
 * What a platform's pickers can hold: an autocomplete's list of choices, a menu's options. The core builds
 * such lists without knowing any platform; an adapter passes its own capabilities where the core builds a
 * list for it (a date preview), and its renderer clips a menu to them.
 */
export interface Capabilities {
  /** The most choices one list shows. */
  maxChoices: number;
  /** The longest a choice's label (and the value it sends) may be, in characters. */
  maxChoiceLabel: number;
}

/** What a platform knows about a user, looked up when a command mentions someone new. */
export interface UserInfo {
  userId: string;
  displayName: string;
  zone?: string;
  isBot?: boolean;
}

export interface UserDirectory {
  lookup(userId: string): Promise<UserInfo | null>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

type LogFn = (fields: Record<string, unknown>, message: string) => void;
export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/**
 * Where an adapter keeps a workspace's sealed credentials (an OAuth installation). Sealing is the
 * adapter's; the store only ever sees ciphertext. The composition root hands the database's implementation
 * to the adapter, so no adapter touches the database itself.
 */
export interface WorkspaceSecrets {
  save(input: { platform: 'slack' | 'discord'; externalId: string; name: string; sealed: string }): Promise<void>;
  load(input: { platform: 'slack' | 'discord'; externalId: string }): Promise<string | null>;
  /** Forgets the credentials, not the workspace: its teams, people and tasks stay for a reinstall. */
  clear(input: { platform: 'slack' | 'discord'; externalId: string }): Promise<void>;
}

/**
 * What the composition root and the console drive; implemented in src/scheduler/scheduler.ts. A port, so an
 * adapter that drives time (the console) needs nothing of the scheduler itself.
 */
export interface Scheduler {
  /**
   * Runs every job and sends every delivery due at or before `now`, earliest first batch by batch (jobs of
   * one batch run concurrently; messages to one target always go in the order they were written), until
   * none is left.
   */
  runDue(now: Date): Promise<void>;
  /** The earliest pending job `run_at` or delivery `not_before`, or null when nothing is pending. */
  nextDueAt(): Promise<Date | null>;
  /** Starts ticking on the real clock (node-cron) every `tickSeconds`. */
  start(): void;
  /** Stops ticking and waits for the tick in progress. */
  stop(): Promise<void>;
}

/**
 * A line chart in neutral terms: what the digest draws (an 8-week trend per headline metric), with no
 * charting library's vocabulary. `values` line up with `labels`; a null is a period without a value (a gap).
 */
export interface ChartSpec {
  title?: string;
  labels: string[];
  /**
   * With `panels`, `target` is the series' own target (a dashed line in its panel) and `labels` its own x
   * labels (a monthly metric beside weekly ones).
   */
  series: { name: string; values: (number | null)[]; target?: number; labels?: string[] }[];
  /** A horizontal line the series aim for (a metric's target). */
  target?: { name: string; value: number };
  /**
   * Each series in a small chart of its own, stacked, each with its own scale (the digest: revenue in euros
   * and tasks done do not share an axis). The height grows with the panels when not given.
   */
  panels?: boolean;
  /** Pixels; 800 x 400 when absent. */
  width?: number;
  height?: number;
}

/** Draws charts on the server (src/charts/). The PNG is what messages attach; the SVG is its source, for tests. */
export interface ChartRenderer {
  svg(spec: ChartSpec): string;
  png(spec: ChartSpec): Promise<Uint8Array>;
}
