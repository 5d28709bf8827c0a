/**
 * Guild Scheduled Events for the fake Discord (discord-api.ts plugs these routes in): list, get, create,
 * modify and delete under /guilds/:guild/scheduled-events, with the checks Discord makes
 * (https://discord.com/developers/docs/resources/guild-scheduled-event): a name of 1-100 characters, a
 * description of at most 1,000, EXTERNAL events with no channel, a location of 1-100 and an end after the
 * start, no start in the past, privacy GUILD_ONLY, at most 100 SCHEDULED or ACTIVE events per guild (30038),
 * the valid status transitions only, and Manage Events (403 50013) unless the test withholds it.
 */

export interface FakeScheduledEvent {
  id: string;
  guild_id: string;
  channel_id: string | null;
  creator_id: string;
  name: string;
  description: string | null;
  scheduled_start_time: string;
  scheduled_end_time: string | null;
  privacy_level: number;
  /** 1 scheduled, 2 active, 3 completed, 4 canceled. */
  status: number;
  entity_type: number;
  entity_id: null;
  entity_metadata: { location?: string } | null;
  recurrence_rule: unknown;
  image: null;
}

export type Answer = { status: number; body?: unknown };

export const SCHEDULED_EVENT_ROUTES: [RegExp, string][] = [
  [/^\/guilds\/[^/]+\/scheduled-events\/[^/]+$/, '/guilds/:guild/scheduled-events/:event'],
  [/^\/guilds\/[^/]+\/scheduled-events$/, '/guilds/:guild/scheduled-events'],
];

const MAX_OPEN = 100;
const TRANSITIONS: Record<number, number[]> = { 1: [2, 4], 2: [3] };

export const createFakeScheduledEvents = ({ botUser, snowflake, isGuild }: { botUser: { id: string; username: string }; snowflake: () => string; isGuild: (id: string) => boolean }) => {
  const events = new Map<string, FakeScheduledEvent>();
  const withheld = new Set<string>();
  let now = () => new Date();

  const error = (status: number, code: number, message: string): Answer => ({ status, body: { message, code } });
  const invalid = (problem: string) => error(400, 50035, `Invalid Form Body: ${problem}`);
  const object = (event: FakeScheduledEvent) => ({ ...event, creator: { id: botUser.id, username: botUser.username, global_name: null, discriminator: '0', avatar: null, bot: true }, user_count: 0 });
  const openIn = (guildId: string) => [...events.values()].filter((event) => event.guild_id === guildId && (event.status === 1 || event.status === 2));

  /** The event as it would be after the change: what Discord checks. */
  const check = (event: FakeScheduledEvent, startChanged: boolean): string | null => {
    if (typeof event.name !== 'string' || event.name.length < 1 || event.name.length > 100) return 'name: must be 1-100 characters';
    if (event.description !== null && (typeof event.description !== 'string' || event.description.length > 1000)) return 'description: at most 1000 characters';
    if (event.privacy_level !== 2) return 'privacy_level: must be GUILD_ONLY (2)';
    if (Number.isNaN(Date.parse(event.scheduled_start_time))) return 'scheduled_start_time: not a timestamp';
    if (startChanged && Date.parse(event.scheduled_start_time) <= now().getTime()) return 'scheduled_start_time: Cannot schedule event in the past';
    if (event.entity_type === 3) {
      if (event.channel_id !== null) return 'channel_id: must be null for EXTERNAL events';
      const location = event.entity_metadata?.location;
      if (typeof location !== 'string' || location.length < 1 || location.length > 100) return 'entity_metadata.location: required, 1-100 characters';
      if (!event.scheduled_end_time || Number.isNaN(Date.parse(event.scheduled_end_time))) return 'scheduled_end_time: required for EXTERNAL events';
      if (Date.parse(event.scheduled_end_time) <= Date.parse(event.scheduled_start_time)) return 'scheduled_end_time: must be after the start';
    } else if (![1, 2].includes(event.entity_type)) return 'entity_type: unknown';
    return null;
  };

  /** Answers a scheduled-events route, or null for any other path. */
  const handle = (method: string, path: string, body: any): Answer | null => {
    const match = /^\/guilds\/([^/]+)\/scheduled-events(?:\/([^/]+))?$/.exec(path);
    if (!match) return null;
    const [, guildId = '', eventId] = match;
    if (!isGuild(guildId)) return error(404, 10004, 'Unknown Guild');
    if (method === 'GET' && !eventId) return { status: 200, body: [...events.values()].filter((event) => event.guild_id === guildId).map(object) };
    const existing = eventId ? events.get(eventId) : undefined;
    if (eventId && (!existing || existing.guild_id !== guildId)) return error(404, 10070, 'Unknown Guild Scheduled Event');
    if (method === 'GET') return { status: 200, body: object(existing!) };
    // Reading needs no more than seeing the server; every change needs Manage Events.
    if (withheld.has(guildId)) return error(403, 50013, 'Missing Permissions');

    if (method === 'POST' && !eventId) {
      const event: FakeScheduledEvent = {
        id: snowflake(),
        guild_id: guildId,
        channel_id: body?.channel_id ?? null,
        creator_id: botUser.id,
        name: body?.name,
        description: body?.description ?? null,
        scheduled_start_time: body?.scheduled_start_time,
        scheduled_end_time: body?.scheduled_end_time ?? null,
        privacy_level: body?.privacy_level,
        status: 1,
        entity_type: body?.entity_type,
        entity_id: null,
        entity_metadata: body?.entity_metadata ?? null,
        recurrence_rule: body?.recurrence_rule ?? null,
        image: null,
      };
      const problem = check(event, true);
      if (problem) return invalid(problem);
      if (openIn(guildId).length >= MAX_OPEN) return error(400, 30038, 'Maximum number of uncompleted guild scheduled events reached (100)');
      events.set(event.id, event);
      return { status: 200, body: object(event) };
    }
    if (method === 'PATCH' && existing) {
      if (existing.status === 3 || existing.status === 4) return invalid('status: a completed or canceled event can no longer be modified');
      if (body?.status !== undefined && body.status !== existing.status && !(TRANSITIONS[existing.status] ?? []).includes(body.status)) return invalid(`status: cannot go from ${existing.status} to ${body.status}`);
      const fields = ['channel_id', 'name', 'description', 'scheduled_start_time', 'scheduled_end_time', 'privacy_level', 'entity_type', 'entity_metadata', 'status', 'recurrence_rule'] as const;
      const next: FakeScheduledEvent = { ...existing };
      for (const field of fields) if (body && field in body) (next as any)[field] = field === 'description' && body[field] === '' ? null : body[field];
      const problem = check(next, body?.scheduled_start_time !== undefined && body.scheduled_start_time !== existing.scheduled_start_time);
      if (problem) return invalid(problem);
      events.set(next.id, next);
      return { status: 200, body: object(next) };
    }
    if (method === 'DELETE' && existing) {
      events.delete(existing.id);
      return { status: 204 };
    }
    return error(405, 0, '405: Method Not Allowed');
  };

  return {
    handle,
    events,
    /** The guild's events, as Discord lists them. */
    eventsIn: (guildId: string) => [...events.values()].filter((event) => event.guild_id === guildId),
    /** The bot loses (or never had) Manage Events in the guild: every change answers 403 50013. */
    withholdPermission: (guildId: string) => withheld.add(guildId),
    grantPermission: (guildId: string) => withheld.delete(guildId),
    /** What "now" is for the past-start check (the harness's clock). */
    setClock: (clock: () => Date) => (now = clock),
    /** An event made by someone else (or filling the guild), open unless said otherwise. */
    add: (guildId: string, fields: Partial<FakeScheduledEvent> = {}) => {
      const start = new Date(now().getTime() + 86_400_000);
      const event: FakeScheduledEvent = { id: snowflake(), guild_id: guildId, channel_id: null, creator_id: '1', name: 'Community meetup', description: null, scheduled_start_time: start.toISOString(), scheduled_end_time: new Date(start.getTime() + 3_600_000).toISOString(), privacy_level: 2, status: 1, entity_type: 3, entity_id: null, entity_metadata: { location: 'online' }, recurrence_rule: null, image: null, ...fields };
      events.set(event.id, event);
      return event;
    },
    /** A person starts the event on Discord (it becomes ACTIVE). */
    start: (eventId: string) => {
      const event = events.get(eventId);
      if (event) event.status = 2;
    },
  };
};

export type FakeScheduledEvents = ReturnType<typeof createFakeScheduledEvents>;
