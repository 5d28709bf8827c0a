import { createHash } from 'node:crypto';
import { Events, MessageFlags, type AutocompleteInteraction, type ChatInputCommandInteraction, type Client, type Interaction, type Message as DiscordJsMessage, type MessageComponentInteraction, type ModalSubmitInteraction } from 'discord.js';
import type { Bot } from '../../src/core/bot.js';
import { errorMessage } from '../../src/core/errors.js';
import { t } from '../../src/core/i18n/catalog.js';
import type { Invocation, InvocationInput } from '../../src/core/invocation.js';
import { mention } from '../../src/core/mentions.js';
import type { FieldError } from '../../src/core/messages.js';
import type { Logger, UserInfo } from '../../src/core/ports.js';
import { suggestZones } from '../../src/core/time/zone-names.js';
import type { DiscordAccepted, DiscordRoute } from './discord.accepted.js';
import { commandInputOf, focusedWhenOf, focusedZoneOf, type CommandData } from './discord.commands.js';
import { keyOf, MODAL_PREFIX, modalCustomId, OPEN_FORM_PREFIX, pagesOf, refilled, submittedValues, toModal, type FormOrigin, type PendingForms } from './discord.forms.js';
import { guildDirectory, isMemberOf, userInfoOf, type DmWorkspaces } from './discord.people.js';
import { decodeCustomId, DISCORD_CAPABILITIES } from './discord.render.js';
import { type Answerable, commandSink, componentSink, deliverReply, dmSink, isSlow, modalSink, notice, openFormMessage, optionsOf, postInChannel, refuse, within, type InteractionSink, type ReplyContext } from './discord.replies.js';

/**
 * Discord interactions and DMs -> core invocations. Their answers go out through `discord.replies.ts`: each
 * kind builds its reply sink (a slash command, a click, a modal, a DM), which owns Discord's deadline (defer
 * when the core is slow) and what each kind may answer with.
 */

export interface InboundDeps {
  client: Client;
  bot: Pick<Bot, 'handle' | 'preview' | 'registry'>;
  logger: Logger;
  forms: PendingForms;
  dms: DmWorkspaces;
  /** How long the core may take before the interaction is deferred. */
  deferAfterMs: number;
  /** How long a date preview may take before autocomplete answers with nothing (there is no deferring it). */
  autocompleteWithinMs: number;
  /** Work that outlives the event handler, so a stop can wait for it. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Keeps each interaction in the database until answered (discord.accepted.ts). */
  durable: DiscordAccepted;
}

type Channel = Invocation['channel'];
type Workspace = { guildId: string; guildName?: string };

const shortHash = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 16);

/** Discord writes a mention as `<@123>` or `<@!123>`; the core reads its own form. */
export const neutralMentions = (text: string): string => text.replace(/<@!?(\d{15,21})>/g, (_whole, id: string) => mention(id));

/**
 * A click has one effect however often it is made: Discord gives each click its own interaction id, so
 * the id is built from what was clicked instead: the message, its current content, the component (and
 * the option picked). Once the core replaces the message, its content (and so the id) changes, and a new
 * click on the new message counts.
 */
export const componentInvocationId = (message: Pick<MessageComponentInteraction['message'], 'id' | 'content' | 'embeds' | 'components'>, customId: string, values?: readonly string[]): string => {
  const version = shortHash(JSON.stringify({ c: message.content, e: message.embeds.map((embed) => embed.toJSON()), k: message.components.map((row) => row.toJSON()) }));
  return `component:${message.id}:${version}:${customId}${values ? `:${values.join(',')}` : ''}`;
};

/** The options of a slash command as the API sends them (discord.js keeps name, type, value, options, focused). */
const commandDataOf = (interaction: ChatInputCommandInteraction | AutocompleteInteraction): CommandData => ({ name: interaction.commandName, options: interaction.options.data as unknown as CommandData['options'] });

/** The users a USER option resolved (with their member), so the core's look-ups need no REST call. */
const resolvedPeople = (options: readonly { user?: { id: string; username: string; globalName: string | null; bot: boolean } | null; member?: unknown; options?: readonly unknown[] }[] | undefined, into = new Map<string, UserInfo>()) => {
  for (const option of options ?? []) {
    if (option.user) into.set(option.user.id, userInfoOf(option.user, (option.member as { nickname?: string | null; nick?: string | null } | null) ?? null));
    if (option.options) resolvedPeople(option.options as typeof options, into);
  }
  return into;
};

type PickedComponent = { users?: { values(): Iterable<{ id: string; username: string; globalName?: string | null; global_name?: string | null; bot?: boolean }> }; component?: PickedComponent; components?: PickedComponent[] };

/** The people chosen in a modal's user selects (discord.js resolves them), for the core's look-ups. */
const usersPicked = (components: readonly PickedComponent[] | undefined, into = new Map<string, UserInfo>()) => {
  for (const component of components ?? []) {
    for (const user of component.users?.values() ?? []) into.set(user.id, userInfoOf({ id: user.id, username: user.username, globalName: user.globalName ?? user.global_name ?? null, bot: Boolean(user.bot) }));
    if (component.component) usersPicked([component.component], into);
    if (component.components) usersPicked(component.components, into);
  }
  return into;
};

export const registerInbound = (deps: InboundDeps): void => {
  const { client, bot, logger, forms, dms } = deps;
  const commands = () => bot.registry.commands.values();

  /** A thread of a team channel counts as the channel: the team is the channel's. */
  const channelOf = (interaction: { channel: Interaction['channel'] | DiscordJsMessage['channel'] | null; channelId: string | null; guildId: string | null }): Channel => {
    const channel = interaction.channel;
    const id = channel && 'isThread' in channel && channel.isThread() && channel.parentId ? channel.parentId : interaction.channelId!;
    return { id, isDm: !interaction.guildId };
  };

  const guildName = (guildId: string) => client.guilds.cache.get(guildId)?.name;

  const invocationOf = ({ id, workspace, actor, channel, input, resolved }: { id: string; workspace: Workspace; actor: UserInfo; channel: Channel; input: InvocationInput; resolved?: Map<string, UserInfo> }): Invocation => {
    const name = workspace.guildName ?? guildName(workspace.guildId);
    return {
      id,
      platform: 'discord',
      workspace: { externalId: workspace.guildId, ...(name ? { name } : {}) },
      actor,
      channel,
      input,
      directory: guildDirectory({ client, guildId: workspace.guildId, logger, ...(resolved ? { resolved } : {}) }),
    };
  };

  /** The guild of an interaction: its own; in a DM, the one the clicked button or open form names, else the DM's. */
  const workspaceOf = async (interaction: Pick<Interaction, 'guildId' | 'user' | 'channelId'>, named?: string | null): Promise<Workspace | null> => {
    if (interaction.guildId) {
      dms.remember(interaction.user.id, interaction.guildId);
      return { guildId: interaction.guildId };
    }
    // A DM: a guild named in a custom id counts only for one of its members (nothing crosses between guilds).
    if (named && (await isMemberOf(client, named, interaction.user.id))) {
      dms.remember(interaction.user.id, named);
      return { guildId: named };
    }
    const guildId = await dms.resolve(interaction.user.id, interaction.channelId!);
    return guildId ? { guildId } : null;
  };

  /** What every reply needs besides its origin. */
  const replyContext = (origin: FormOrigin): ReplyContext => ({ client, forms, logger, origin });

  /**
   * Accepts the interaction (kept until answered, so another instance can finish it), runs the core and answers
   * it within Discord's deadline.
   */
  const answer = (sink: InteractionSink, invocation: Invocation, interaction: Answerable, answers: DiscordRoute['answers']) =>
    deps.durable.answer(sink, invocation, { answers, guildId: invocation.workspace.externalId, channel: invocation.channel, userId: interaction.user.id, applicationId: interaction.applicationId }, interaction.token, deps.deferAfterMs);

  // ---- interaction kinds

  const onCommand = async (interaction: ChatInputCommandInteraction) => {
    const workspace = await workspaceOf(interaction);
    if (!workspace) return refuse(interaction, 'bot.which_server');
    const input = commandInputOf(commandDataOf(interaction), commands()) ?? { kind: 'command' as const, command: `/${interaction.commandName}`, text: '' };
    const channel = channelOf(interaction);
    const invocation = invocationOf({
      id: `command:${interaction.id}`,
      workspace,
      actor: userInfoOf(interaction.user, interaction.member as never),
      channel,
      input,
      resolved: resolvedPeople(interaction.options.data as never),
    });
    await answer(commandSink(interaction, replyContext({ guildId: workspace.guildId, channel })), invocation, interaction, 'reply');
  };

  const onAutocomplete = async (interaction: AutocompleteInteraction) => {
    const zoneQuery = focusedZoneOf(commandDataOf(interaction), commands());
    // A zone is looked up in the IANA database and its aliases, not in anyone's data: no workspace needed.
    // The offsets shown are today's (the clock of the machine; a label only, the value is the IANA name).
    if (zoneQuery !== null) return interaction.respond(suggestZones(zoneQuery, new Date(), DISCORD_CAPABILITIES.maxChoices).map((choice) => ({ name: choice.label.slice(0, 100), value: choice.value })));
    const focused = focusedWhenOf(commandDataOf(interaction), commands());
    const workspace = focused ? await workspaceOf(interaction) : null;
    if (!focused || !workspace) return interaction.respond([]);
    const person = invocationOf({ id: `autocomplete:${interaction.id}`, workspace, actor: userInfoOf(interaction.user, interaction.member as never), channel: channelOf(interaction), input: { kind: 'message', text: '' }, resolved: resolvedPeople(interaction.options.data as never) });
    const { phrase, forUserId, kind } = focused;
    const choices = await within(bot.preview(person, { phrase, kind, ...(forUserId ? { forUserId } : {}) }, DISCORD_CAPABILITIES), deps.autocompleteWithinMs);
    await interaction.respond(isSlow(choices) ? [] : choices.slice(0, DISCORD_CAPABILITIES.maxChoices).map((choice) => ({ name: choice.label, value: choice.value })));
  };

  const onComponent = async (interaction: MessageComponentInteraction) => {
    const formKey = keyOf(interaction.customId, OPEN_FORM_PREFIX);
    if (formKey !== null) {
      const pending = forms.get(formKey);
      if (!pending) return refuse(interaction, 'bot.form_expired');
      return interaction.showModal(toModal(pending.form, pending.page, modalCustomId(formKey)));
    }
    const action = decodeCustomId(interaction.customId);
    const workspace = await workspaceOf(interaction, action?.guildId);
    if (!workspace) return refuse(interaction, 'bot.which_server');
    const picked = interaction.isStringSelectMenu() ? interaction.values : undefined;
    // Not one of Righthand's components (an older format): the core says it does not know the action.
    const input: InvocationInput = { kind: 'action', actionId: action?.actionId ?? interaction.customId, value: picked ? (picked[0] ?? '') : (action?.value ?? '') };
    const channel = channelOf(interaction);
    const invocation = invocationOf({ id: componentInvocationId(interaction.message, interaction.customId, picked), workspace, actor: userInfoOf(interaction.user, interaction.member as never), channel, input });
    await answer(componentSink(interaction, replyContext({ guildId: workspace.guildId, channel })), invocation, interaction, 'update');
  };

  const onModal = async (interaction: ModalSubmitInteraction) => {
    const key = keyOf(interaction.customId, MODAL_PREFIX);
    const pending = key ? forms.get(key) : null;
    if (!key || !pending) return refuse(interaction, 'bot.form_expired');
    const values = submittedValues(interaction.components as never);
    if (pending.page < pagesOf(pending.form).length - 1) {
      // More pages to go: keep this page's answers and offer the next (a modal cannot open a modal).
      const next = forms.advance(key, values)!;
      return interaction.reply({ ...optionsOf(openFormMessage(next.form, key, next.page)), flags: MessageFlags.Ephemeral });
    }
    forms.close(key);
    const { origin } = pending;
    const sent = { ...pending.values, ...values };
    const resolved = usersPicked(interaction.components as never);
    const invocation = invocationOf({
      id: `modal:${interaction.id}`,
      workspace: { guildId: origin.guildId, ...(origin.guildName ? { guildName: origin.guildName } : {}) },
      actor: userInfoOf(interaction.user, interaction.member as never),
      channel: origin.channel,
      input: { kind: 'form', formId: pending.form.formId, privateValue: pending.form.privateValue, values: sent },
      resolved,
    });
    // Refused field by field: the form is kept again, filled in as sent, for the button that reopens it.
    const reopen = (reply: { errors: FieldError[] }) => {
      const entry = refilled(pending, sent, reply.errors);
      return { key: forms.open(entry), form: entry.form };
    };
    await answer(modalSink(interaction, { ...replyContext(origin), reopen }), invocation, interaction, interaction.isFromMessage() ? 'update' : 'reply');
  };

  /** A message typed in the DM with the bot (a standup answer, a reply to a question). */
  const onDm = async (message: DiscordJsMessage) => {
    const guildId = await dms.resolve(message.author.id, message.channelId);
    // A typed message carries no locale, and without a server there is no team to take one from.
    if (!guildId) return postInChannel(client, message.channelId, [notice(t('en', 'bot.which_server'))]);
    const channel: Channel = { id: message.channelId, isDm: true };
    const reply = await bot.handle(invocationOf({ id: `message:${message.id}`, workspace: { guildId }, actor: userInfoOf(message.author), channel, input: { kind: 'message', text: neutralMentions(message.content) } }));
    await deliverReply(reply, dmSink(message.channelId, replyContext({ guildId, channel })));
  };

  client.on(Events.InteractionCreate, (interaction) => {
    const work = (async () => {
      if (interaction.isChatInputCommand()) return onCommand(interaction);
      if (interaction.isAutocomplete()) return onAutocomplete(interaction);
      if (interaction.isMessageComponent()) return onComponent(interaction);
      if (interaction.isModalSubmit()) return onModal(interaction);
    })();
    void deps.track(work).catch((error: unknown) => logger.error({ interaction: interaction.id, type: interaction.type, err: errorMessage(error) }, 'discord interaction failed'));
  });

  client.on(Events.MessageCreate, (message) => {
    // Only DMs to the bot: no privileged message-content intent, and channel chatter is not for Righthand.
    if (message.guildId || message.author.bot || message.system || message.content.trim() === '') return;
    void deps.track(onDm(message)).catch((error: unknown) => logger.error({ message: message.id, err: errorMessage(error) }, 'discord DM failed'));
  });
};
