import { DiscordAPIError, GuildScheduledEventEntityType, GuildScheduledEventPrivacyLevel, GuildScheduledEventStatus, Routes, type REST } from 'discord.js';
import type { Logger, ScheduledEventFailure, ScheduledEventResult, ScheduledEventSpec, ScheduledEventsPort } from '../../src/core/ports.js';
import { sendResultOf } from './discord.outbound.js';

/**
 * Discord's Guild Scheduled Events for the events module's mirrors, over the outbox's REST client (no
 * waiting on a rate limit: a 429 comes back as a retry, and the job backs off). An occurrence is an
 * EXTERNAL event (entity type 3): no channel, the link or "online" as its location, an end time, visible
 * to the server's members only (privacy GUILD_ONLY). The core has clipped every field to Discord's limits.
 */

// https://discord.com/developers/docs/topics/opcodes-and-status-codes#json
const FORBIDDEN = new Set([
  50013, // Missing permissions: no Manage Events
  50001, // Missing access
]);
const LIMIT = 30038; // Maximum number of uncompleted guild scheduled events reached (100)
const GONE = 10070; // Unknown guild scheduled event

const failureOf = (error: unknown): ScheduledEventFailure => {
  if (error instanceof DiscordAPIError) {
    const code = Number(error.code);
    const text = `${error.status} ${code}: ${error.message}`;
    if (FORBIDDEN.has(code) || (error.status === 403 && code === 0)) return { ok: false, kind: 'forbidden', error: text };
    if (code === LIMIT) return { ok: false, kind: 'limit', error: text };
    if (code === GONE || (error.status === 404 && code === 0)) return { ok: false, kind: 'gone', error: text };
  }
  const result = sendResultOf(error);
  return result.kind === 'retry' ? { ok: false, kind: 'retry', error: result.error, ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {}) } : { ok: false, kind: 'invalid', error: result.error };
};

/** Every field Discord needs for an EXTERNAL event; on a PATCH it sets them all (a moved or edited class). */
export const scheduledEventBody = (event: ScheduledEventSpec) => ({
  name: event.name,
  // A description set once and removed later is cleared with an empty string (create leaves it out instead).
  description: event.description ?? '',
  scheduled_start_time: event.start.toISOString(),
  scheduled_end_time: event.end.toISOString(),
  entity_type: GuildScheduledEventEntityType.External,
  channel_id: null,
  entity_metadata: { location: event.location },
  privacy_level: GuildScheduledEventPrivacyLevel.GuildOnly,
});

interface ApiEvent {
  id: string;
  name: string;
  creator_id?: string | null;
  scheduled_start_time: string;
  status: number;
}

export const createDiscordScheduledEvents = ({ rest, botUserId, logger }: { rest: REST; botUserId: () => string; logger: Logger }): ScheduledEventsPort => {
  const attempt = async (what: string, guildId: string, call: () => Promise<unknown>): Promise<ScheduledEventResult> => {
    try {
      const event = (await call()) as ApiEvent | undefined;
      return { ok: true, eventId: event?.id ?? '' };
    } catch (error) {
      const failure = failureOf(error);
      logger.info({ guild: guildId, what, kind: failure.kind, error: failure.error }, 'discord scheduled event call failed');
      return failure;
    }
  };

  return {
    async listOwn({ workspaceExternalId: guildId }) {
      try {
        const events = (await rest.get(Routes.guildScheduledEvents(guildId))) as ApiEvent[];
        const me = botUserId();
        return {
          ok: true,
          events: events
            .filter((event) => event.creator_id === me)
            .map((event) => ({ eventId: event.id, name: event.name, start: new Date(event.scheduled_start_time), open: event.status === GuildScheduledEventStatus.Scheduled || event.status === GuildScheduledEventStatus.Active })),
        };
      } catch (error) {
        return failureOf(error);
      }
    },
    create: ({ workspaceExternalId: guildId, event }) =>
      attempt('create', guildId, () => {
        const body: Record<string, unknown> = scheduledEventBody(event);
        // Discord documents a description of 1-1000 characters: none at all rather than an empty one.
        if (!event.description) delete body.description;
        return rest.post(Routes.guildScheduledEvents(guildId), { body });
      }),
    update: ({ workspaceExternalId: guildId, eventId, event }) =>
      attempt('update', guildId, () => rest.patch(Routes.guildScheduledEvent(guildId, eventId), { body: scheduledEventBody(event) })),
    async cancel({ workspaceExternalId: guildId, eventId, mode }) {
      if (mode === 'delete') return attempt('delete', guildId, async () => (await rest.delete(Routes.guildScheduledEvent(guildId, eventId)), { id: eventId }));
      const cancelled = await attempt('cancel', guildId, () => rest.patch(Routes.guildScheduledEvent(guildId, eventId), { body: { status: GuildScheduledEventStatus.Canceled } }));
      // Begun (ACTIVE) or over meanwhile: only a deletion takes it off the list.
      if (!cancelled.ok && cancelled.kind === 'invalid') return attempt('delete', guildId, async () => (await rest.delete(Routes.guildScheduledEvent(guildId, eventId)), { id: eventId }));
      return cancelled.ok ? { ok: true, eventId } : cancelled;
    },
  };
};
