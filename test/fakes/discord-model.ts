import { checkAttachments, type FakeAttachment } from './discord-files.js';
import { SCHEDULED_EVENT_ROUTES } from './discord-scheduled-events.js';

// The fake Discord's model: the shapes it stores and sends, and Discord's checks of what the bot posts.

export interface FakeUser {
  id: string;
  username: string;
  global_name?: string | null;
  bot?: boolean;
}

export interface FakeChannel {
  id: string;
  name: string;
  /** 0 a text channel, 11 a public thread. */
  type?: number;
}

export interface FakeGuild {
  id: string;
  name: string;
  channels: FakeChannel[];
  /** Members by user id, with their server nickname if any. */
  members: { user: FakeUser; nick?: string | null }[];
}

export interface DiscordCall {
  method: string;
  /** The path after /api/v10, e.g. /channels/123/messages. */
  path: string;
  /** The path with ids replaced by their names, e.g. /channels/:channel/messages. */
  route: string;
  query: Record<string, string>;
  body: any;
  auth: string | null;
}

export type DiscordFailure = { status: 429; retryAfter: number; global?: boolean } | { status: number; code: number; message?: string };

export interface FakeMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: any[];
  components: any[];
  flags?: number;
  nonce?: string | number;
  edited_timestamp: string | null;
  /** For a message answering an interaction: which interaction. */
  interaction_id?: string;
  /** Files uploaded with it (multipart `files[n]`), with their bytes (discord-files.ts). */
  attachments?: FakeAttachment[];
}

export interface InteractionRecord {
  id: string;
  token: string;
  /** The callbacks in order: { type, data }. */
  callbacks: { type: number; data?: any }[];
  /** The component's message, for a button or menu. */
  messageId?: string;
  channelId: string;
}

export const BOT_USER: FakeUser = { id: '900000000000000001', username: 'Righthand', bot: true };
export const APPLICATION_ID = '900000000000000001';
export const BOT_TOKEN = 'OTAwMDAwMDAwMDAwMDAwMDAx.GfAkE1.fake-discord-bot-token-for-tests-only';

/** Discord epoch 2015; ids made from the clock, as Discord makes them, so discord.js reads sane timestamps. */
let sequence = 0;
export const snowflake = (): string => String(((BigInt(Date.now()) - 1_420_070_400_000n) << 22n) | BigInt(++sequence % 4096));

const ROUTE_NAMES: [RegExp, string][] = [
  [/^\/interactions\/[^/]+\/[^/]+\/callback$/, '/interactions/:id/:token/callback'],
  [/^\/webhooks\/[^/]+\/[^/]+\/messages\/[^/]+$/, '/webhooks/:app/:token/messages/:message'],
  [/^\/webhooks\/[^/]+\/[^/]+$/, '/webhooks/:app/:token'],
  [/^\/channels\/[^/]+\/messages\/[^/]+\/threads$/, '/channels/:channel/messages/:message/threads'],
  [/^\/channels\/[^/]+\/messages\/[^/]+$/, '/channels/:channel/messages/:message'],
  [/^\/channels\/[^/]+\/messages$/, '/channels/:channel/messages'],
  [/^\/users\/@me\/channels$/, '/users/@me/channels'],
  [/^\/users\/[^/]+$/, '/users/:user'],
  [/^\/guilds\/[^/]+\/members\/[^/]+$/, '/guilds/:guild/members/:user'],
  [/^\/applications\/[^/]+\/guilds\/[^/]+\/commands$/, '/applications/:app/guilds/:guild/commands'],
  [/^\/applications\/[^/]+\/commands$/, '/applications/:app/commands'],
  [/^\/gateway\/bot$/, '/gateway/bot'],
  ...SCHEDULED_EVENT_ROUTES,
];
export const routeOf = (path: string) => ROUTE_NAMES.find(([pattern]) => pattern.test(path))?.[1] ?? path;

export const userObject = (user: FakeUser) => ({ id: user.id, username: user.username, global_name: user.global_name ?? null, discriminator: '0', avatar: null, ...(user.bot ? { bot: true } : {}) });
export const memberObject = (member: FakeGuild['members'][number]) => ({ user: userObject(member.user), nick: member.nick ?? null, roles: [], joined_at: '2026-01-04T20:21:10.139000+00:00', deaf: false, mute: false, flags: 0, pending: false, avatar: null });

/** A message the bot posts: Discord's own checks that a broken payload would fail. */
export const checkMessage = (body: any): string | null => {
  const embeds = body.embeds ?? [];
  const components = body.components ?? [];
  if (!body.content && embeds.length === 0 && components.length === 0) return 'Cannot send an empty message';
  if (embeds.length > 10) return 'embeds: at most 10';
  const total = embeds.reduce((sum: number, embed: any) => sum + (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.fields ?? []).reduce((s: number, f: any) => s + f.name.length + f.value.length, 0), 0);
  if (total > 6000) return 'embeds: more than 6000 characters';
  for (const embed of embeds) {
    if ((embed.description?.length ?? 0) > 4096) return 'embed description over 4096';
    if ((embed.fields?.length ?? 0) > 25) return 'embed: at most 25 fields';
  }
  if (components.length > 5) return 'components: at most 5 action rows';
  const ids = new Set<string>();
  for (const row of components) {
    if (row.type !== 1) return 'components: top level must be action rows';
    if (row.components.length > 5) return 'action row: at most 5 components';
    for (const component of row.components) {
      if (component.custom_id && component.custom_id.length > 100) return 'custom_id over 100 characters';
      if (component.custom_id && ids.has(component.custom_id)) return 'duplicate custom_id';
      if (component.custom_id) ids.add(component.custom_id);
      if (component.type === 2 && (!component.label || component.label.length > 80)) return 'button label 1-80 characters';
      if (component.type === 3 && (component.options.length < 1 || component.options.length > 25)) return 'select: 1-25 options';
    }
  }
  if (body.nonce !== undefined && String(body.nonce).length > 25) return 'nonce over 25 characters';
  return checkAttachments(body);
};

export const checkModal = (data: any): string | null => {
  if (!data.custom_id || data.custom_id.length > 100) return 'modal custom_id 1-100';
  if (!data.title || data.title.length > 45) return 'modal title 1-45';
  if (!Array.isArray(data.components) || data.components.length < 1 || data.components.length > 5) return 'modal: 1-5 components';
  for (const label of data.components) {
    if (label.type !== 18) return 'modal components are labels';
    if (!label.label || label.label.length > 45) return 'label 1-45 characters';
    if (label.description && label.description.length > 100) return 'label description over 100';
    const inner = label.component;
    if (![3, 4, 5].includes(inner?.type)) return 'label holds a text input or a select';
    if (inner.type === 4 && inner.label) return 'a text input in a label has no label of its own';
    if (inner.type === 3 && (inner.options.length < 1 || inner.options.length > 25)) return 'select: 1-25 options';
  }
  return null;
};

/** What the gateway sends for a guild on IDENTIFY. */
export const guildCreate = (guild: FakeGuild) => ({
  id: guild.id,
  name: guild.name,
  icon: null,
  splash: null,
  discovery_splash: null,
  owner_id: guild.members[0]?.user.id ?? BOT_USER.id,
  afk_channel_id: null,
  afk_timeout: 300,
  verification_level: 0,
  default_message_notifications: 0,
  explicit_content_filter: 0,
  roles: [{ id: guild.id, name: '@everyone', color: 0, hoist: false, position: 0, permissions: '2248473465835073', managed: false, mentionable: false, flags: 0 }],
  emojis: [],
  stickers: [],
  features: [],
  mfa_level: 0,
  application_id: null,
  system_channel_id: null,
  system_channel_flags: 0,
  rules_channel_id: null,
  vanity_url_code: null,
  description: null,
  banner: null,
  premium_tier: 0,
  preferred_locale: 'en-US',
  public_updates_channel_id: null,
  nsfw_level: 0,
  premium_progress_bar_enabled: false,
  joined_at: '2026-01-04T20:39:45.451000+00:00',
  large: false,
  unavailable: false,
  member_count: guild.members.length + 1,
  voice_states: [],
  members: [],
  channels: guild.channels.map((channel, position) => ({ id: channel.id, type: channel.type ?? 0, name: channel.name, guild_id: guild.id, position, permission_overwrites: [], parent_id: null, nsfw: false, topic: null, last_message_id: null, rate_limit_per_user: 0, flags: 0 })),
  threads: [],
  presences: [],
  stage_instances: [],
  guild_scheduled_events: [],
  soundboard_sounds: [],
});

/** An INTERACTION_CREATE for a slash command in a guild channel, with the fields discord.js requires. */
export const slashCommandPayload = ({ fake, id, token, guild, channel, user, data }: { fake: { memberObject: typeof memberObject }; id: string; token: string; guild: FakeGuild; channel: string; user: FakeUser; data: { name: string; options: unknown[] } }) => {
  const permissions = '2248473465835073';
  return {
    id,
    application_id: APPLICATION_ID,
    type: 2,
    token,
    version: 1,
    data: { id: snowflake(), type: 1, ...data },
    guild_id: guild.id,
    channel_id: channel,
    channel: { id: channel, type: 0, guild_id: guild.id, name: guild.channels.find((candidate) => candidate.id === channel)?.name ?? 'channel', permissions },
    member: { ...fake.memberObject({ user }), permissions },
    app_permissions: permissions,
    locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': guild.id },
    context: 0,
  };
};
