import type { Bot } from '../../src/core/bot.js';
import type { ControllableClock } from '../../src/core/clock.js';
import type { ChatPort, DeliveryTarget, Platform, UserInfo } from '../../src/core/ports.js';

/**
 * What the contract suite (chat-port.contract.test.ts) needs of one platform: its real ChatPort, built by
 * its adapter against a local fake of the platform (or, for the console, its terminal output), a way to see
 * what the platform received, and ways to make the platform answer badly. A platform that genuinely cannot
 * answer some way (the console has no rate limits) says so with `{ absent: reason }`, and the suite skips
 * that scenario with the reason in its name.
 */

/** A capability the platform has, or the reason it has not. */
export type Capability<T> = T | { absent: string };

export const isAbsent = <T>(capability: Capability<T>): capability is { absent: string } =>
  typeof capability === 'object' && capability !== null && !Array.isArray(capability) && 'absent' in capability;

/** One message as the platform shows it to people. */
export interface Received {
  to: { kind: 'dm'; userId: string } | { kind: 'channel'; channelId: string; /** The platform message id of the post whose thread it is in. */ inThreadOf?: string };
  /** Its plain text, as the platform shows it (Slack's fallback text, Discord's content and embeds, the console's line). */
  text: string;
  /** The platform's id for it, in the form the port reports (`platformMessageId`). */
  id: string;
}

/** A file as the platform holds it: where it went, under which name, its bytes, and whether it is shown as the message's picture. */
export interface ReceivedFile {
  to: Received['to'];
  name: string;
  bytes: Uint8Array;
  image: boolean;
}

/** The four people of the scenarios, as the platform's directory knows them: a manager and three members. */
export interface People {
  manager: UserInfo;
  maria: UserInfo;
  jo: UserInfo;
  /** A member nobody has written to yet: the outbox scenario makes the platform refuse her DMs. */
  ann: UserInfo;
}

/** A running platform: its port and what it received. */
export interface LiveDriver {
  port: ChatPort;
  workspace: { externalId: string; name: string };
  /** A channel the bot can post in. */
  channel: string;
  people: People;
  /** What the platform accepted since the last `clear`, in order. */
  received(): Received[];
  /** The files that came with those messages, in order. */
  files(): ReceivedFile[];
  clear(): void;
  close(): Promise<void>;
}

/** A way to make the platform fail one send; `arrange` returns where to send so that it fails. */
export interface FailureCase<L extends LiveDriver> {
  /** What the platform says, for the test's name. */
  name: string;
  arrange(live: L): DeliveryTarget | Promise<DeliveryTarget>;
  /** The `error` the port reports for it (Slack's code, Discord's status and code). */
  error: RegExp;
  /** Discord's global rate limit: the port asks for a pause of some length. */
  retryAfter?: 'any';
  /** Runs after the send, pass or fail (a global rate limit is waited out so later sends are not held). */
  after?(live: L): Promise<void>;
}

export interface PlatformDriver<L extends LiveDriver> {
  platform: Platform;
  /** Builds the port (the adapter's own, not started: no inbound side is needed) on the platform's fake. */
  start(deps: { bot: Bot; clock: ControllableClock }): Promise<L>;
  /** What a platform message id looks like (`channel:ts` on Slack, a snowflake on Discord, a counter on the console). */
  messageId: RegExp;
  /** Whether a message too long for one post goes as several (the console shows any length at once). */
  splitsLongMessages: boolean;
  /** Message posts the platform saw since `clear`, accepted or refused: a 429 retried silently would show here. */
  postAttempts: Capability<(live: L) => number>;
  rateLimit: Capability<{
    /** The next message post is answered 429 with Retry-After `seconds`. */
    next(live: L, seconds: number): void;
    /** What the client library adds to Retry-After (discord.js: its 50 ms offset). */
    marginMs: number;
    /** Waits until the platform's own bucket has reset in real time, if the client library keeps one. */
    waitOut(seconds: number): Promise<void>;
  }>;
  /** From now on the platform refuses DMs to this person, with this error. */
  closedDms: Capability<{ close(live: L, userId: string): void; error: RegExp }>;
  /** Each answers permanent 'unreachable'. */
  unreachable: Capability<FailureCase<L>[]>;
  /** Each answers permanent 'channel_gone'. */
  channelGone: Capability<FailureCase<L>[]>;
  /** A message the platform will never accept: permanent 'other'. */
  refused: Capability<FailureCase<L>[]>;
  /** A passing failure: 'retry' (with no pause unless `retryAfter`). */
  transient: Capability<FailureCase<L>[]>;
  /** The same adapter's port with the platform's API unreachable over the network. */
  offline: Capability<(live: L) => Promise<{ port: ChatPort; close(): Promise<void> }>>;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
