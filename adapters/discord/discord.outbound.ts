import { DiscordAPIError, HTTPError, RateLimitError, Routes, type REST } from 'discord.js';
import { plainText } from '../../src/core/messages.js';
import type { ChatPort, Logger, OutboundMessage, SendResult } from '../../src/core/ports.js';
import { toDiscordMessages, truncate, type DiscordMessage } from './discord.render.js';
import { errorMessage } from '../../src/core/errors.js';
import { withFiles, type DiscordUpload } from './discord.files.js';

/**
 * A user's DM channel with the bot, opened once (POST /users/@me/channels) and remembered: it never changes,
 * and every reminder to that person goes there. DMs are not per guild on Discord: one channel per user.
 */
export interface DmChannels {
  open(rest: REST, userId: string): Promise<string>;
}

export const createDmChannels = (): DmChannels => {
  const known = new Map<string, string>();
  return {
    async open(rest, userId) {
      const cached = known.get(userId);
      if (cached) return cached;
      const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
      known.set(userId, channel.id);
      return channel.id;
    },
  };
};

// Discord's JSON error codes (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json),
// by what the outbox should do about them (DESIGN.md section 6).
const UNREACHABLE = new Set([
  50007, // Cannot send messages to this user: DMs closed, or no shared server
  10013, // Unknown user
  50033, // Invalid recipient
  50278, // Cannot send messages to this user (blocked the app)
]);
const CHANNEL_GONE = new Set([
  10003, // Unknown channel
  50001, // Missing access
  50013, // Missing permissions
  10004, // Unknown guild
  50083, // Operation on an archived thread
]);
const TRANSIENT = new Set([
  40003, // Opening direct messages too fast
  130000, // API resource overloaded
]);

/**
 * A failed REST call as the outbox understands it. A rate limit (discord.js rejects instead of waiting,
 * see index.ts) pauses the workspace for the time Discord asked; a user with DMs closed or gone is
 * unreachable (the outbox marks them and tells the managers once); a channel the bot cannot post in any more
 * is gone; Discord's 5xx and the network are retried; any other 4xx is a message Discord will never accept.
 */
export const sendResultOf = (error: unknown): Extract<SendResult, { ok: false }> => {
  if (error instanceof RateLimitError) {
    return { ok: false, kind: 'retry', error: error.global ? 'ratelimited (global)' : 'ratelimited', retryAfterMs: Math.max(error.retryAfter, error.sublimitTimeout ?? 0, 0) || 1000 };
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    const text = `${error.status} ${code}: ${error.message}`;
    if (UNREACHABLE.has(code)) return { ok: false, kind: 'permanent', error: text, reason: 'unreachable' };
    if (CHANNEL_GONE.has(code)) return { ok: false, kind: 'permanent', error: text, reason: 'channel_gone' };
    if (TRANSIENT.has(code) || error.status >= 500 || error.status === 429) return { ok: false, kind: 'retry', error: text };
    return { ok: false, kind: 'permanent', error: text, reason: 'other' };
  }
  if (error instanceof HTTPError) return { ok: false, kind: 'retry', error: `http ${error.status}` };
  return { ok: false, kind: 'retry', error: errorMessage(error) };
};

const apiCode = (error: unknown) => (error instanceof DiscordAPIError ? Number(error.code) : null);

/** Discord's thread names are 1-100 characters. */
const THREAD_NAME_MAX = 100;
const THREAD_ARCHIVE_MINUTES = 1440;

/**
 * A nonce is at most 25 characters. With `enforce_nonce: true` Discord checks it for uniqueness over the
 * past few minutes (its documentation gives no exact figure): a second post with the same nonce by the same
 * author returns the first message instead of creating one. A resend within that window (the answer was
 * lost, the process died before recording it, and a restart took the delivery over within seconds) is
 * therefore not posted twice. Past the window Discord posts it again; the outbox makes that rare (the
 * outcome is recorded per message the moment Discord answers, and a dead instance's claims are due again
 * within seconds), but a delivery retried after a longer outage can appear twice on Discord.
 */
export const nonceOf = (deliveryId: number, part: number): string => (part === 0 ? `rh${deliveryId}` : `rh${deliveryId}.${part}`);

export interface DiscordPortOptions {
  rest: REST;
  dms: DmChannels;
  logger: Logger;
  /** A DM went out about a guild: a reply typed in that DM belongs to it (see discord.people.ts). */
  onDmSent?(userId: string, guildId: string): void;
}

/**
 * The ChatPort the outbox calls. A DM is POST /users/@me/channels then a message; a channel post is a
 * message in the channel; a thread reply goes in the thread of the parent post (on Discord a thread started
 * from a message has the message's id), which is started on the first reply. Each message carries the
 * delivery as its nonce, enforced, so a retry after a lost answer is not posted twice. A long message goes
 * as several, in order; the first one's id is the platform message id.
 */
export const createDiscordPort = ({ rest, dms, logger, onDmSent }: DiscordPortOptions): ChatPort => {
  const startedThreads = new Set<string>();

  const post = (channelId: string, { body, files }: DiscordUpload, nonce: string) =>
    rest.post(Routes.channelMessages(channelId), { body: { ...body, nonce, enforce_nonce: true }, ...(files.length > 0 ? { files } : {}) }) as Promise<{ id: string }>;

  /** The thread of a parent post, started when it has none yet. */
  const threadFor = async (channelId: string, parentId: string, first: DiscordMessage): Promise<string> => {
    if (startedThreads.has(parentId)) return parentId;
    try {
      const parent = (await rest.get(Routes.channelMessage(channelId, parentId))) as { content?: string; embeds?: { title?: string; description?: string }[] };
      const name = truncate(plainText(parent.embeds?.[0]?.title || parent.content || parent.embeds?.[0]?.description || first.embeds[0]?.title || 'Replies').split('\n')[0]!, THREAD_NAME_MAX);
      await rest.post(Routes.threads(channelId, parentId), { body: { name, auto_archive_duration: THREAD_ARCHIVE_MINUTES } });
    } catch (error) {
      // 160004: a thread was already started from this message (by us before a restart, or by a person).
      if (apiCode(error) !== 160004) throw error;
    }
    startedThreads.add(parentId);
    return parentId;
  };

  return {
    platform: 'discord',
    async send({ deliveryId, workspaceExternalId, target, message }: OutboundMessage): Promise<SendResult> {
      const parts = toDiscordMessages(message, { guildId: workspaceExternalId });
      try {
        let channelId: string;
        if (target.kind === 'dm') {
          channelId = await dms.open(rest, target.userId);
          onDmSent?.(target.userId, workspaceExternalId);
        } else {
          channelId = target.threadId && target.threadId !== target.channelId ? await threadFor(target.channelId, target.threadId, parts[0]!) : target.channelId;
        }
        let first: string | null = null;
        for (const [index, part] of parts.entries()) {
          // The files go with the last post, so the picture comes after the text.
          const upload = index === parts.length - 1 ? withFiles(part, message) : { body: part, files: [] };
          const posted = await post(channelId, upload, nonceOf(deliveryId, index));
          first ??= posted.id;
        }
        return { ok: true, ...(first ? { platformMessageId: first } : {}) };
      } catch (error) {
        const result = sendResultOf(error);
        logger.info({ delivery: deliveryId, guild: workspaceExternalId, error: result.error, kind: result.kind }, 'discord send failed');
        return result;
      }
    },
  };
};
