import type { ChartRenderer } from '../../src/core/ports.js';
import { randomBytes } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { ApplicationCommandOptionType } from 'discord.js';
import { discordCommandsOf } from '../../adapters/discord/discord.commands.js';
import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/index.js';
import { discordMessageText } from '../../adapters/discord/discord.render.js';
import type { DiscordConfig } from '../../src/config.js';
import { createBot } from '../../src/core/bot.js';
import { createRegistry } from '../../src/core/commands.js';
import { createControllableClock } from '../../src/core/clock.js';
import { coreJobs, coreModules } from '../../src/core/modules/index.js';
import { silentLogger, type ChatPort, type Platform } from '../../src/core/ports.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { openPgliteCopy, queryRows } from '../helpers/database.js';
import { APPLICATION_ID, BOT_TOKEN, snowflake, startFakeDiscord, type FakeDiscord, type FakeGuild, type FakeMessage, type FakeUser, type InteractionRecord } from '../fakes/discord-api.js';
import { timeTravel } from '../helpers/time-travel.js';
import { trackBot } from '../helpers/tracked-bot.js';

/** Polls until `check` holds. */
export const waitFor = async <T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, what = 'condition', timeoutMs = 8_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

export const user = (id: string, username: string, global_name?: string): FakeUser => ({ id, username, global_name: global_name ?? null });

// The people of the tests: snowflake-shaped ids, as Discord's.
export const OLIVIA = user('310000000000000001', 'olivia', 'Olivia');
export const MARIA = user('310000000000000002', 'maria', 'Maria');
export const JO = user('310000000000000003', 'jo', 'Jo');
export const ACME_GUILD = '410000000000000001';
export const ACME_CHANNEL = '510000000000000001';
export const BETA_GUILD = '420000000000000002';
export const BETA_CHANNEL = '520000000000000002';

export const ACME: FakeGuild = { id: ACME_GUILD, name: 'Acme Community', channels: [{ id: ACME_CHANNEL, name: 'acme-team' }, { id: '510000000000000009', name: 'general' }], members: [{ user: OLIVIA }, { user: MARIA, nick: 'Maria (VA)' }, { user: JO }] };
export const BETA: FakeGuild = { id: BETA_GUILD, name: 'Beta Studio', channels: [{ id: BETA_CHANNEL, name: 'beta-team' }], members: [{ user: OLIVIA }, { user: JO }] };

export interface HarnessOptions {
  guilds?: FakeGuild[];
  start?: string;
  handle?: DatabaseHandle;
  deferAfterMs?: number;
  /** How often the adapter looks for interactions left unanswered (the adapter's option). */
  recoverEveryMs?: number;
  /** Another harness's fake Discord: a second instance of the bot on the same platform (left open on close). */
  fake?: FakeDiscord;
  /** PUBLIC_URL: the calendar feeds' URLs start with it. */
  publicUrl?: string;
  /** Draws the digest's chart (src/charts); none by default. */
  charts?: ChartRenderer | null;
}

/** Which option of a subcommand is which Discord type, from the generated command JSON (what Discord would send). */
const optionTypes = (() => {
  const commands = discordCommandsOf(createRegistry(coreModules).commands.values());
  const types = new Map<string, Map<string, number>>();
  for (const command of commands) {
    for (const option of command.options ?? []) {
      if (option.type === ApplicationCommandOptionType.Subcommand) types.set(`${command.name} ${option.name}`, new Map((option.options ?? []).map((leaf) => [leaf.name, leaf.type])));
    }
    types.set(command.name, new Map((command.options ?? []).filter((option) => option.type !== ApplicationCommandOptionType.Subcommand).map((leaf) => [leaf.name, leaf.type])));
  }
  return types;
})();


/**
 * The real bot, outbox and database behind the real Discord adapter (discord.js, its REST client and
 * gateway connection), talking to a local fake Discord. Helpers send what Discord sends: INTERACTION_CREATE
 * for slash commands, autocomplete, clicks and modal submissions, MESSAGE_CREATE for DMs.
 */
export const createDiscordHarness = async (options: HarnessOptions = {}) => {
  const guilds = options.guilds ?? [ACME];
  const fake: FakeDiscord = options.fake ?? (await startFakeDiscord({ guilds }));
  const handle = options.handle ?? (await openPgliteCopy());
  const clock = createControllableClock({ start: new Date(options.start ?? '2026-11-23T09:00:00Z'), frozen: true });
  const bot = createBot({ db: handle.db, clock, logger: silentLogger, modules: coreModules, jobs: coreJobs, charts: options.charts ?? null, publicUrl: options.publicUrl ?? null });
  // Interactions are accepted first and run through `accepted`: recorded like `handle` once they ran.
  const { handled, slow, handle: handleTracked, accepted } = trackBot(bot);
  const tracked = { registry: bot.registry, preview: bot.preview, handle: handleTracked, accepted };
  const config: DiscordConfig = { token: BOT_TOKEN, applicationId: APPLICATION_ID, apiUrl: fake.apiUrl, shards: null };
  const adapter: DiscordAdapter = createDiscordAdapter({ bot: tracked, config, logger: silentLogger, clientOptions: { waitGuildTimeout: 200 }, ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}), ...(options.recoverEveryMs ? { recoverEveryMs: options.recoverEveryMs } : {}) });
  const ports = new Map<Platform, ChatPort>([['discord', adapter.port]]);
  const scheduler = createScheduler({ db: handle.db, bot, clock, logger: silentLogger, ports });
  await adapter.start();

  const guildOf = (channelId: string) => guilds.find((guild) => guild.channels.some((channel) => channel.id === channelId)) ?? null;
  const memberOf = (guild: FakeGuild, userId: string) => guild.members.find((member) => member.user.id === userId) ?? null;
  const userById = (userId: string) => guilds.flatMap((guild) => guild.members).find((member) => member.user.id === userId)?.user ?? user(userId, `user${userId.slice(-4)}`);

  /** The fields every INTERACTION_CREATE has, in a guild channel or in the DM. */
  const base = (actor: FakeUser, channelId: string, type: number, data: unknown, extra: Record<string, unknown> = {}) => {
    const id = snowflake();
    const token = `tok-${randomBytes(12).toString('base64url')}`;
    const guild = guildOf(channelId);
    const where = guild
      ? {
          guild_id: guild.id,
          guild: { id: guild.id, features: [], locale: 'en-US' },
          guild_locale: 'en-US',
          channel: { id: channelId, type: 0, name: guild.channels.find((channel) => channel.id === channelId)!.name, guild_id: guild.id, flags: 0, permissions: '2248473465835073', last_message_id: null, rate_limit_per_user: 0, parent_id: null, position: 0, nsfw: false, topic: null },
          member: { ...fake.memberObject(memberOf(guild, actor.id) ?? { user: actor }), permissions: '2248473465835073', communication_disabled_until: null, premium_since: null, banner: null, collectibles: null, display_name_styles: null },
          authorizing_integration_owners: { '0': guild.id },
          context: 0,
        }
      : // In the bot's DM the guild-install owner is "0" (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-authorizing-integration-owners-object).
        { channel: { id: channelId, type: 1, flags: 0, last_message_id: null }, user: fake.userObject(actor), authorizing_integration_owners: { '0': '0' }, context: 1 };
    return { id, token, payload: { id, application_id: APPLICATION_ID, type, data, channel_id: channelId, token, version: 1, app_permissions: '2248473465835073', locale: 'en-US', entitlements: [], entitlement_sku_ids: [], attachment_size_limit: 10485760, ...where, ...extra } };
  };

  /** Dispatches an interaction and waits until the adapter has answered it completely (first answer and any follow-ups). */
  const interact = async (built: ReturnType<typeof base>, messageId?: string): Promise<InteractionRecord> => {
    const record = fake.expectInteraction({ id: built.id, token: built.token, channelId: built.payload.channel_id, ...(messageId ? { messageId } : {}) });
    fake.dispatch('INTERACTION_CREATE', built.payload);
    await waitFor(() => record.callbacks.length > 0, `an answer to interaction ${built.id}`);
    await adapter.idle();
    return record;
  };

  /** The options of `/family sub` as Discord sends them, typed from the generated commands; USER options resolved. */
  const commandData = (line: string, values: Record<string, string | number>, focused?: string) => {
    const [family = '', sub] = line.replace(/^\//, '').split(' ');
    const types = optionTypes.get(sub ? `${family} ${sub}` : family) ?? new Map<string, number>();
    const leaves = Object.entries(values).map(([name, value]) => {
      const type = types.get(name) ?? ApplicationCommandOptionType.String;
      return { name, type, value: type === ApplicationCommandOptionType.Integer ? Number(value) : String(value), ...(name === focused ? { focused: true } : {}) };
    });
    const users = leaves.filter((leaf) => leaf.type === ApplicationCommandOptionType.User).map((leaf) => String(leaf.value));
    const resolved = users.length > 0 ? { resolved: { users: Object.fromEntries(users.map((id) => [id, fake.userObject(userById(id))])), members: Object.fromEntries(users.flatMap((id) => { const guild = guilds.find((candidate) => memberOf(candidate, id)); const member = guild ? memberOf(guild, id) : null; return member ? [[id, { nick: member.nick ?? null, roles: [], joined_at: '2026-01-04T20:21:10.139000+00:00', permissions: '2248473465835073', flags: 0, pending: false, avatar: null, deaf: false, mute: false }]] : []; })) } } : {};
    const options = sub ? [{ name: sub, type: ApplicationCommandOptionType.Subcommand, options: leaves }] : leaves;
    return { id: snowflake(), name: family, type: 1, options, ...resolved };
  };

  /**
   * A slash command, e.g. command(OLIVIA, ACME_CHANNEL, '/task add', { title: 'Send the report', assignee: MARIA.id });
   * `extra` overrides fields of the interaction (`{ locale: 'nl' }`: the person's Discord is in Dutch).
   */
  const command = async (actor: FakeUser, channelId: string, line: string, values: Record<string, string | number> = {}, extra: Record<string, unknown> = {}) => {
    const before = handled.length;
    const record = await interact(base(actor, channelId, 2, commandData(line, values), extra));
    return { record, handled: handled.slice(before), answer: answerOf(record) };
  };

  /** An autocomplete interaction while `focused` is being typed; resolves with the choices Discord would show. */
  const autocomplete = async (actor: FakeUser, channelId: string, line: string, values: Record<string, string | number>, focused: string) => {
    const record = await interact(base(actor, channelId, 4, commandData(line, values, focused)));
    return { record, choices: (record.callbacks[0]!.data?.choices ?? []) as { name: string; value: string }[] };
  };

  /** The bot's message in a channel (or DM) whose text has `text`, newest first. */
  const messageWith = (channelId: string, text: string | RegExp) =>
    [...fake.messagesIn(channelId)].reverse().find((message) => (typeof text === 'string' ? discordMessageText(message).includes(text) : text.test(discordMessageText(message)))) ?? null;

  const componentsOf = (message: FakeMessage) => message.components.flatMap((row: { components: any[] }) => row.components);

  /** A click on the button labelled `label` (or whose custom id has the action) of a message the bot posted. */
  const click = async (actor: FakeUser, message: FakeMessage, label: string) => {
    const button = componentsOf(message).find((component) => component.type === 2 && (component.label === label || String(component.custom_id).includes(`|${label}|`)));
    if (!button) throw new Error(`no button ${label} on the message: ${JSON.stringify(componentsOf(message).map((component) => component.label))}`);
    const before = handled.length;
    const record = await interact(base(actor, message.channel_id, 3, { component_type: 2, custom_id: button.custom_id, id: 1 }, { message: fake.messageObject(message) }), message.id);
    return { record, handled: handled.slice(before), answer: answerOf(record) };
  };

  /** Two clicks on the same button at once (a double click): two interactions. */
  const doubleClick = async (actor: FakeUser, message: FakeMessage, label: string) => {
    const button = componentsOf(message).find((component) => component.type === 2 && component.label === label)!;
    const built = [0, 1].map(() => base(actor, message.channel_id, 3, { component_type: 2, custom_id: button.custom_id, id: 1 }, { message: fake.messageObject(message) }));
    const records = built.map((one) => fake.expectInteraction({ id: one.id, token: one.token, channelId: message.channel_id, messageId: message.id }));
    for (const one of built) fake.dispatch('INTERACTION_CREATE', one.payload);
    await waitFor(() => records.every((record) => record.callbacks.length > 0), 'both clicks answered');
    await adapter.idle();
    return records;
  };

  /** A pick from the select menu of a message. */
  const pick = async (actor: FakeUser, message: FakeMessage, value: string) => {
    const menu = componentsOf(message).find((component) => component.type === 3);
    if (!menu) throw new Error('no select menu on the message');
    const before = handled.length;
    const record = await interact(base(actor, message.channel_id, 3, { component_type: 3, custom_id: menu.custom_id, values: [value], id: 1 }, { message: fake.messageObject(message) }), message.id);
    return { record, handled: handled.slice(before), answer: answerOf(record) };
  };

  /**
   * Submits the modal an interaction opened (its type 9 callback), answering fields by custom id: text as
   * typed, a select's value, a user select's user id. `from` is the message the modal was opened from.
   */
  const submit = async (actor: FakeUser, opened: InteractionRecord, answers: Record<string, string>, from?: FakeMessage) => {
    const modal = opened.callbacks.find((callback) => callback.type === 9)?.data;
    if (!modal) throw new Error(`interaction ${opened.id} opened no modal: ${JSON.stringify(opened.callbacks)}`);
    const users: Record<string, unknown> = {};
    const components = modal.components.map((label: any, index: number) => {
      const inner = label.component;
      const answer = answers[inner.custom_id];
      if (inner.type === 4) return { type: 18, id: index + 1, component: { type: 4, id: index + 100, custom_id: inner.custom_id, value: answer ?? inner.value ?? '' } };
      if (inner.type === 5 && answer) users[answer] = fake.userObject(userById(answer));
      const picked = answer ?? (inner.type === 3 ? inner.options.find((option: { default?: boolean }) => option.default)?.value : undefined);
      return { type: 18, id: index + 1, component: { type: inner.type, id: index + 100, custom_id: inner.custom_id, values: picked ? [picked] : [] } };
    });
    const data = { custom_id: modal.custom_id, components, ...(Object.keys(users).length > 0 ? { resolved: { users } } : {}) };
    const before = handled.length;
    const record = await interact(base(actor, opened.channelId, 5, data, from ? { message: fake.messageObject(from) } : {}), from?.id);
    return { record, handled: handled.slice(before), answer: answerOf(record) };
  };

  /** Any interaction of `type` with `data` as Discord sends it (`extra` overrides its fields), answered completely. */
  const interaction = async (actor: FakeUser, channelId: string, type: number, data: unknown, extra: Record<string, unknown> = {}) => {
    const record = await interact(base(actor, channelId, type, data, extra));
    return { record, answer: answerOf(record) };
  };

  /**
   * A message typed in the actor's DM with the bot. With `reachesCore: false` (the adapter answers it itself,
   * say when it cannot tell the server) it waits for the bot's answer in the DM instead.
   */
  const dm = async (actor: FakeUser, text: string, { reachesCore = true }: { reachesCore?: boolean } = {}) => {
    const channelId = fake.openDm(actor.id);
    const before = handled.length;
    const posted = fake.messagesIn(channelId).length;
    const id = snowflake();
    fake.dispatch('MESSAGE_CREATE', { id, channel_id: channelId, channel_type: 1, type: 0, content: text, author: fake.userObject(actor), timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], components: [], pinned: false, flags: 0, nonce: id });
    if (reachesCore) await waitFor(() => handled.length > before, `the bot to handle the DM "${text}"`);
    else await waitFor(() => fake.messagesIn(channelId).length > posted, `the bot to answer the DM "${text}"`);
    await adapter.idle();
    return { channelId, handled: handled.slice(before) };
  };

  /**
   * What the person saw as the interaction's answer: the first answer's message (a type 4 reply, the update
   * of a type 7, or the deferred reply as edited), and the follow-ups after it.
   */
  const answerOf = (record: InteractionRecord) => {
    const first = record.callbacks[0]!;
    const own = [...fake.messages.values()].filter((message) => message.interaction_id === record.id);
    const original = first.type === 4 || first.type === 5 ? (own[0] ?? null) : record.messageId ? fake.message(record.messageId) : null;
    const followUps = own.filter((message) => message !== original);
    return { type: first.type, data: first.data, ephemeral: Boolean((first.data?.flags ?? 0) & 64), original, followUps, text: original ? discordMessageText(original) : '' };
  };

  return {
    fake,
    handle,
    db: handle.db,
    bot,
    clock,
    scheduler,
    adapter,
    handled,
    slow,
    command,
    interaction,
    autocomplete,
    click,
    doubleClick,
    pick,
    submit,
    dm,
    messageWith,
    componentsOf,
    answerOf,
    text: discordMessageText,
    /** Rows of a raw query, on either driver. */
    rows: <T>(statement: SQL) => queryRows<T>(handle, statement),
    ...timeTravel({ clock, scheduler }),
    close: async () => {
      await adapter.stop();
      if (!options.fake) await fake.close();
      if (!options.handle) await handle.close();
    },
  };
};

export type DiscordHarness = Awaited<ReturnType<typeof createDiscordHarness>>;

/** Olivia sets up Acme Co in its channel, with Maria and Jo as members: where most tests start. */
export const setUpAcmeTeam = async (h: DiscordHarness) => {
  await h.command(OLIVIA, ACME_CHANNEL, '/obm setup', { client: 'Acme Co' });
  await h.command(OLIVIA, ACME_CHANNEL, '/obm team-add', { person: MARIA.id, role: 'member' });
  await h.command(OLIVIA, ACME_CHANNEL, '/obm team-add', { person: JO.id, role: 'member' });
};
