import type { webApi } from '@slack/bolt';
import type { ChatPort, Logger, OutboundMessage, SendResult } from '../../src/core/ports.js';
import { toSlackMessages } from './slack.render.js';
import { errorMessage } from '../../src/core/errors.js';

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
 * The ChatPort the outbox calls: a DM is conversations.open then chat.postMessage; a channel post is
 * chat.postMessage, in the thread when the target has one. A long message goes as several in order; the
 * first one's `channel:ts` is the platform message id.
 */
export const createSlackPort = ({ clientFor, dms, logger }: { clientFor: ClientForTeam; dms: DmChannels; logger: Logger }): ChatPort => ({
  platform: 'slack',
  async send({ deliveryId, workspaceExternalId, target, message }: OutboundMessage): Promise<SendResult> {
    const client = await clientFor(workspaceExternalId).catch((error: unknown) => {
      logger.warn({ team: workspaceExternalId, err: errorMessage(error) }, 'slack client unavailable');
      return null;
    });
    if (!client) return { ok: false, kind: 'permanent', error: `not installed in Slack workspace ${workspaceExternalId}`, reason: 'other' };
    try {
      const channel = target.kind === 'dm' ? await dms.open(client, workspaceExternalId, target.userId) : target.channelId;
      const thread = target.kind === 'channel' && target.threadId ? { thread_ts: threadTsOf(target.threadId) } : {};
      let first: string | null = null;
      for (const part of toSlackMessages(message)) {
        const posted = await client.chat.postMessage({ channel, ...thread, text: part.text, blocks: part.blocks, unfurl_links: false });
        first ??= `${posted.channel ?? channel}:${posted.ts ?? ''}`;
      }
      return { ok: true, ...(first ? { platformMessageId: first } : {}) };
    } catch (error) {
      const result = sendResultOf(error);
      logger.info({ delivery: deliveryId, team: workspaceExternalId, error: result.error, kind: result.kind }, 'slack send failed');
      return result;
    }
  },
});
