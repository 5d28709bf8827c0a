import type { webApi } from '@slack/bolt';
import type { ChatPort, DeliveredLookup, DeliveredQuery, Logger, OutboundMessage, SendResult } from '../../src/core/ports.js';
import { toSlackMessages } from './slack.render.js';
import { errorMessage } from '../../src/core/errors.js';
import { findFileShare, shareFiles, type SeenMessage } from './slack.files.js';

type WebClient = webApi.WebClient;

/**
 * A user's DM with the bot, opened once (conversations.open) and remembered: the channel id of a DM never
 * changes, and every reminder to that person goes there.
 */
export interface DmChannels {
  open(client: Pick<WebClient, 'conversations'>, teamId: string, userId: string): Promise<string>;
  forget(teamId: string): void;
}

export const createDmChannels = (): DmChannels => {
  const known = new Map<string, string>();
  return {
    async open(client, teamId, userId) {
      const key = `${teamId}:${userId}`;
      const cached = known.get(key);
      if (cached) return cached;
      const result = await client.conversations.open({ users: userId });
      const channel = result.channel?.id;
      if (!channel) throw new Error('conversations.open returned no channel');
      known.set(key, channel);
      return channel;
    },
    forget(teamId) {
      for (const key of known.keys()) if (key.startsWith(`${teamId}:`)) known.delete(key);
    },
  };
};

// Slack's error codes, by what the outbox should do about them (DESIGN.md section 6).
const UNREACHABLE = new Set(['cannot_dm_bot', 'user_not_found', 'user_disabled', 'account_inactive', 'user_not_visible']);
const CHANNEL_GONE = new Set(['channel_not_found', 'not_in_channel', 'is_archived']);
const TRANSIENT = new Set(['ratelimited', 'rate_limited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

const errorCodeOf = (error: unknown): string | null => {
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : null;
};

const retryAfterOf = (headers: Record<string, string> | undefined): number | undefined => {
  const seconds = Number(headers?.['retry-after']);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
};

/**
 * A failed Web API call as the outbox understands it: a rate limit pauses the workspace for Retry-After;
 * a person Slack cannot reach, or a channel the bot is no longer in, is permanent (never retried); the
 * network and Slack's own hiccups are retried; any other platform error is a message Slack will never
 * accept (invalid blocks, a revoked token), permanent too.
 */
export const sendResultOf = (error: unknown): Extract<SendResult, { ok: false }> => {
  const code = (error as { code?: unknown }).code;
  if (code === 'slack_webapi_rate_limited_error') {
    const seconds = (error as { retryAfter?: number }).retryAfter ?? 1;
    return { ok: false, kind: 'retry', error: 'ratelimited', retryAfterMs: seconds * 1000 };
  }
  if (code === 'slack_webapi_http_error') {
    const status = (error as { statusCode?: number }).statusCode ?? 0;
    const retryAfterMs = retryAfterOf((error as { headers?: Record<string, string> }).headers);
    if (status === 429) return { ok: false, kind: 'retry', error: 'ratelimited', retryAfterMs: retryAfterMs ?? 1000 };
    return { ok: false, kind: 'retry', error: `http ${status}`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  const slackError = errorCodeOf(error);
  if (code === 'slack_webapi_platform_error' && slackError) {
    if (UNREACHABLE.has(slackError)) return { ok: false, kind: 'permanent', error: slackError, reason: 'unreachable' };
    if (CHANNEL_GONE.has(slackError)) return { ok: false, kind: 'permanent', error: slackError, reason: 'channel_gone' };
    if (TRANSIENT.has(slackError)) return { ok: false, kind: 'retry', error: slackError };
    return { ok: false, kind: 'permanent', error: slackError, reason: 'other' };
  }
  return { ok: false, kind: 'retry', error: errorMessage(error) };
};

/**
 * A thread is named by its parent's platform message id, which this port records as `channel:ts` (below);
 * Slack's `thread_ts` is the ts alone (a bare ts passes through unchanged).
 */
const threadTsOf = (threadId: string): string => threadId.slice(threadId.lastIndexOf(':') + 1);

/** The bot's Web API client for a workspace, or null when Righthand is not installed there (any more). */
export type ClientForTeam = (teamId: string) => Promise<WebClient | null>;

/**
 * Slack's chat.postMessage has no idempotency key, so every message the bot posts carries its delivery id
 * (and which part of the delivery it is) in message metadata. A delivery whose outcome is unknown is looked
 * up there before it is sent again. Metadata is visible to any app in the conversation: it holds ids only.
 */
export const DELIVERY_EVENT_TYPE = 'righthand_delivery';
/**
 * `parts` counts a message's files as one last part (their file message, slack.files.ts); `files` says how
 * many there are, which is how the lookup recognizes that file message.
 */
const metadataOf = (deliveryId: number, part: number, parts: number, files: number) => ({
  event_type: DELIVERY_EVENT_TYPE,
  event_payload: { delivery_id: deliveryId, part, parts, ...(files > 0 ? { files } : {}) },
});

// The lookup reads the conversation from shortly before the claim: messages to one target go one at a
// time, so what we look for is among the newest few (the person's replies may be between). A few small
// pages, then we give up and send, rather than read a whole busy channel.
const HISTORY_PAGE = 30;
const HISTORY_PAGES = 4;

type Metadata = { event_type?: string; event_payload?: Record<string, unknown> } | undefined;

/**
 * The ChatPort the outbox calls: a DM is conversations.open then chat.postMessage; a channel post is
 * chat.postMessage, in the thread when the target has one. A long message goes as several in order; the
 * first one's `channel:ts` is the platform message id. `findDelivered` reads the conversation's recent
 * history (conversations.history, or conversations.replies in a thread) with metadata.
 */
export const createSlackPort = ({ clientFor, dms, logger }: { clientFor: ClientForTeam; dms: DmChannels; logger: Logger }): ChatPort => ({
  platform: 'slack',
  async send({ deliveryId, workspaceExternalId, target, message, resume }: OutboundMessage): Promise<SendResult> {
    const client = await clientFor(workspaceExternalId).catch((error: unknown) => {
      logger.warn({ team: workspaceExternalId, err: errorMessage(error) }, 'slack client unavailable');
      return null;
    });
    if (!client) return { ok: false, kind: 'permanent', error: `not installed in Slack workspace ${workspaceExternalId}`, reason: 'other' };
    let partlyPosted = false;
    try {
      const channel = target.kind === 'dm' ? await dms.open(client, workspaceExternalId, target.userId) : target.channelId;
      const thread = target.kind === 'channel' && target.threadId ? { thread_ts: threadTsOf(target.threadId) } : {};
      const parts = toSlackMessages(message);
      const files = message.files?.length ?? 0;
      const total = parts.length + (files > 0 ? 1 : 0);
      let first: string | null = resume?.platformMessageId ?? null;
      partlyPosted = (resume?.postedParts ?? 0) > 0;
      for (const [index, part] of parts.entries()) {
        // Parts already on Slack (found by findDelivered after a crash between them) are not posted again.
        if (resume && index < resume.postedParts) continue;
        const posted = await client.chat.postMessage({ channel, ...thread, text: part.text, blocks: part.blocks, unfurl_links: false, metadata: metadataOf(deliveryId, index, total, files) });
        first ??= `${posted.channel ?? channel}:${posted.ts ?? ''}`;
        partlyPosted = true;
      }
      if (files > 0 && !(resume && resume.postedParts >= total)) await shareFiles(client, { channel, ...(thread.thread_ts ? { threadTs: thread.thread_ts } : {}), message });
      return { ok: true, ...(first ? { platformMessageId: first } : {}) };
    } catch (error) {
      const result = sendResultOf(error);
      logger.info({ delivery: deliveryId, team: workspaceExternalId, error: result.error, kind: result.kind, partlyPosted }, 'slack send failed');
      // Some of it is on Slack (earlier parts, the text before the files): the retry looks it up first.
      return result.kind === 'retry' && partlyPosted ? { ...result, partlyPosted: true } : result;
    }
  },

  async findDelivered({ deliveryId, workspaceExternalId, target, since }: DeliveredQuery): Promise<DeliveredLookup> {
    const client = await clientFor(workspaceExternalId);
    if (!client) return { kind: 'unknown', error: `not installed in Slack workspace ${workspaceExternalId}` };
    try {
      const channel = target.kind === 'dm' ? await dms.open(client, workspaceExternalId, target.userId) : target.channelId;
      const threadTs = target.kind === 'channel' && target.threadId ? threadTsOf(target.threadId) : null;
      const oldest = (since.getTime() / 1000).toFixed(6);
      const found = new Map<number, string>();
      const seen: SeenMessage[] = [];
      let total = 1;
      let files = 0;
      let botId: string | undefined;
      let cursor: string | undefined;
      for (let page = 0; page < HISTORY_PAGES; page += 1) {
        const query = { channel, oldest, limit: HISTORY_PAGE, include_all_metadata: true, ...(cursor ? { cursor } : {}) };
        const answer = threadTs ? await client.conversations.replies({ ...query, ts: threadTs }) : await client.conversations.history(query);
        for (const posted of answer.messages ?? []) {
          seen.push(posted as SeenMessage);
          const metadata = (posted as { metadata?: Metadata }).metadata;
          if (metadata?.event_type !== DELIVERY_EVENT_TYPE || Number(metadata.event_payload?.delivery_id) !== deliveryId || !posted.ts) continue;
          found.set(Number(metadata.event_payload?.part ?? 0), posted.ts);
          total = Number(metadata.event_payload?.parts ?? 1);
          files = Number(metadata.event_payload?.files ?? 0);
          botId = posted.bot_id ?? botId;
        }
        cursor = answer.response_metadata?.next_cursor || undefined;
        if (!answer.has_more || !cursor) break;
      }
      let postedParts = 0;
      while (found.has(postedParts)) postedParts += 1;
      // All the text is there: is the file message after it? (It is the last part.)
      if (files > 0 && postedParts === total - 1) {
        const share = findFileShare(seen, { after: found.get(postedParts - 1)!, count: files, botId });
        if (share) found.set(postedParts++, share);
      }
      if (postedParts === 0) return { kind: 'absent' };
      return { kind: 'found', platformMessageId: `${channel}:${found.get(0)!}`, complete: postedParts >= total, postedParts };
    } catch (error) {
      const result = sendResultOf(error);
      // Slack will not let us look (a workspace installed before the history scopes, a channel we left):
      // the outbox sends as it did before the lookup existed. A hiccup or a rate limit: ask again later.
      if (result.kind === 'permanent') return { kind: 'unknown', error: result.error };
      throw Object.assign(new Error(`slack history lookup failed: ${result.error}`), { retryAfterMs: result.retryAfterMs });
    }
  },
});
