import { createHash } from 'node:crypto';
import { ButtonStyle, ComponentType, Events, MessageFlags, Routes, type AutocompleteInteraction, type ChatInputCommandInteraction, type Client, type Interaction, type Message as DiscordJsMessage, type MessageComponentInteraction, type ModalSubmitInteraction } from 'discord.js';
import type { Bot } from '../../src/core/bot.js';
import { mention } from '../../src/core/mentions.js';
import type { Invocation, InvocationInput, Reply } from '../../src/core/invocation.js';
import type { Form, Message } from '../../src/core/messages.js';
import type { Logger, UserInfo } from '../../src/core/ports.js';
import { commandInputOf, focusedWhenOf, type CommandData } from './discord.commands.js';
import { keyOf, MODAL_PREFIX, modalCustomId, OPEN_FORM_PREFIX, openFormCustomId, pagesOf, submittedValues, toModal, type FormOrigin, type PendingForms } from './discord.forms.js';
import { guildDirectory, isMemberOf, userInfoOf, type DmWorkspaces } from './discord.people.js';
import { decodeCustomId, EMBED_COLOR, toDiscordMessage, toDiscordMessages, toPlain, type DiscordMessage } from './discord.render.js';
import { errorMessage } from '../../src/core/errors.js';

/**
 * Discord interactions and DMs -> core invocations, and the core's replies -> interaction responses.
 *
 * Discord wants every interaction answered within 3 seconds, and a modal can only be the *first* answer. So
 * the core runs first, raced against `deferAfterMs` (2 s by default, leaving room for the answer's own
 * trip): when it is done in time the reply goes as the first answer (a message, an update of the clicked
 * message, or a modal); when it is slow the interaction is deferred, and the reply follows:
 * - a slash command or modal is deferred ephemerally (Discord fixes a deferred reply's visibility at the
 *   defer, and errors and listings are ephemeral); a reply meant for the channel is then posted in the
 *   channel and the "thinking…" placeholder deleted;
 * - a button or menu is deferred as an update (nothing visible), then its message is edited or a follow-up
 *   sent;
 * - a form that comes after a defer cannot be a modal any more: a message with a button that opens it is
 *   sent instead (a click is a fresh interaction, whose first answer may be the modal).
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
}

type Channel = Invocation['channel'];
type Workspace = { guildId: string; guildName?: string };

const SLOW = Symbol('slow');

/** The value of `promise` if it settles within `ms`, else SLOW (the promise keeps running). */
const within = async <T>(promise: Promise<T>, ms: number): Promise<T | typeof SLOW> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<typeof SLOW>((resolve) => (timer = setTimeout(() => resolve(SLOW), ms)))]);
  } finally {
    clearTimeout(timer);
  }
};


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

/** discord.js message options from a rendered message. */
const optionsOf = (message: DiscordMessage) => ({ content: message.content, embeds: message.embeds, components: message.components, allowedMentions: { parse: [] as [] } });

const EXPIRED_TEXT = 'This form has expired. Run the command again.';
const WHICH_SERVER_TEXT = 'I could not tell which server this is about. Use a Righthand command (such as /obm help) in your server first, then answer here.';

const notice = (text: string): DiscordMessage => ({ content: '', embeds: [{ color: EMBED_COLOR, description: text }], components: [], allowed_mentions: { parse: [] } });

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

  // ---- answering

  const openFormMessage = (form: Form, key: string, page: number): DiscordMessage => {
    const pages = pagesOf(form).length;
    const label = toPlain(pages > 1 && page > 0 ? `${form.title} (${page + 1}/${pages})` : form.title, 80) || '…';
    return {
      content: '',
      embeds: [{ color: EMBED_COLOR, title: label }],
      components: [{ type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, label, custom_id: openFormCustomId(key) }] }],
      allowed_mentions: { parse: [] },
    };
  };

  const openForm = (form: Form, origin: FormOrigin) => forms.open({ form, origin, page: 0, values: {} });

  type Answerable = ChatInputCommandInteraction | MessageComponentInteraction | ModalSubmitInteraction;

  /** Posts in a channel as the bot: a channel reply after an ephemeral defer, an answer in the DM. */
  const postInChannel = async (channelId: string, parts: DiscordMessage[]) => {
    for (const part of parts) await client.rest.post(Routes.channelMessages(channelId), { body: part });
  };

  const followUps = async (interaction: Answerable, parts: DiscordMessage[], ephemeral: boolean) => {
    for (const part of parts) await interaction.followUp({ ...optionsOf(part), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
  };

  /** The first answer, when the core was quick. */
  const respondNow = async (interaction: Answerable, reply: Reply, origin: FormOrigin) => {
    const updating = interaction.isMessageComponent() || (interaction.isModalSubmit() && interaction.isFromMessage());
    const render = (message: Message) => toDiscordMessages(message, { guildId: origin.guildId });
    switch (reply.kind) {
      case 'none':
        if (updating) await (interaction as MessageComponentInteraction).deferUpdate();
        else {
          await interaction.deferReply({ flags: MessageFlags.Ephemeral });
          await interaction.deleteReply();
        }
        return;
      case 'message': {
        const ephemeral = reply.visibility === 'ephemeral';
        const [first, ...rest] = render(reply.message);
        await interaction.reply({ ...optionsOf(first!), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
        await followUps(interaction, rest, ephemeral);
        return;
      }
      case 'form': {
        const key = openForm(reply.form, origin);
        if (interaction.isModalSubmit()) await interaction.reply({ ...optionsOf(openFormMessage(reply.form, key, 0)), flags: MessageFlags.Ephemeral });
        else await interaction.showModal(toModal(reply.form, 0, modalCustomId(key)));
        return;
      }
      case 'update': {
        const replaced = toDiscordMessage(reply.message, { guildId: origin.guildId });
        if (updating) await (interaction as MessageComponentInteraction).update(optionsOf(replaced));
        else await interaction.reply({ ...optionsOf(replaced), flags: MessageFlags.Ephemeral });
        if (reply.notice) await followUps(interaction, render(reply.notice), true);
        return;
      }
    }
  };

  /** The answer after a defer: `mode` says which defer ('reply' is an ephemeral "thinking…", 'update' nothing visible). */
  const respondLater = async (interaction: Answerable, reply: Reply, origin: FormOrigin, mode: 'reply' | 'update', channelId: string) => {
    const render = (message: Message) => toDiscordMessages(message, { guildId: origin.guildId });
    switch (reply.kind) {
      case 'none':
        if (mode === 'reply') await interaction.deleteReply();
        return;
      case 'message': {
        const ephemeral = reply.visibility === 'ephemeral';
        const parts = render(reply.message);
        if (mode === 'update') return followUps(interaction, parts, ephemeral);
        if (!ephemeral) {
          try {
            await postInChannel(channelId, parts);
            await interaction.deleteReply();
            return;
          } catch (error) {
            // The bot may not post there (a channel without its permission): the person still gets the answer.
            logger.info({ channel: channelId, err: errorMessage(error) }, 'discord channel reply goes to the person instead');
          }
        }
        const [first, ...rest] = parts;
        await interaction.editReply(optionsOf(first!));
        return followUps(interaction, rest, true);
      }
      case 'form': {
        const key = openForm(reply.form, origin);
        const message = optionsOf(openFormMessage(reply.form, key, 0));
        if (mode === 'reply') await interaction.editReply(message);
        else await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
        return;
      }
      case 'update':
        await interaction.editReply(optionsOf(toDiscordMessage(reply.message, { guildId: origin.guildId })));
        if (reply.notice) await followUps(interaction, render(reply.notice), true);
        return;
    }
  };

  /** Runs the core for an interaction and answers it within Discord's deadline. */
  const answer = async (interaction: Answerable, invocation: Invocation, origin: FormOrigin) => {
    const reply = bot.handle(invocation);
    const quick = await within(reply, deps.deferAfterMs);
    if (quick !== SLOW) return respondNow(interaction, quick, origin);
    const updating = interaction.isMessageComponent() || (interaction.isModalSubmit() && interaction.isFromMessage());
    if (updating) await (interaction as MessageComponentInteraction).deferUpdate();
    else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    return respondLater(interaction, await reply, origin, updating ? 'update' : 'reply', interaction.channelId!);
  };

  const refuse = async (interaction: Answerable, text: string) => {
    await interaction.reply({ ...optionsOf(notice(text)), flags: MessageFlags.Ephemeral });
  };

  // ---- interaction kinds

  const onCommand = async (interaction: ChatInputCommandInteraction) => {
    const workspace = await workspaceOf(interaction);
    if (!workspace) return refuse(interaction, WHICH_SERVER_TEXT);
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
    await answer(interaction, invocation, { guildId: workspace.guildId, channel });
  };

  const onAutocomplete = async (interaction: AutocompleteInteraction) => {
    const focused = focusedWhenOf(commandDataOf(interaction), commands());
    const workspace = focused ? await workspaceOf(interaction) : null;
    if (!focused || !workspace) return interaction.respond([]);
    const person = invocationOf({ id: `autocomplete:${interaction.id}`, workspace, actor: userInfoOf(interaction.user, interaction.member as never), channel: channelOf(interaction), input: { kind: 'message', text: '' }, resolved: resolvedPeople(interaction.options.data as never) });
    const { phrase, forUserId, kind } = focused;
    const choices = await within(bot.preview(person, { phrase, kind, ...(forUserId ? { forUserId } : {}) }), deps.autocompleteWithinMs);
    await interaction.respond(choices === SLOW ? [] : choices.slice(0, 25).map((choice) => ({ name: choice.label, value: choice.value })));
  };

  const onComponent = async (interaction: MessageComponentInteraction) => {
    const formKey = keyOf(interaction.customId, OPEN_FORM_PREFIX);
    if (formKey !== null) {
      const pending = forms.get(formKey);
      if (!pending) return refuse(interaction, EXPIRED_TEXT);
      return interaction.showModal(toModal(pending.form, pending.page, modalCustomId(formKey)));
    }
    const action = decodeCustomId(interaction.customId);
    const workspace = await workspaceOf(interaction, action?.guildId);
    if (!workspace) return refuse(interaction, WHICH_SERVER_TEXT);
    const picked = interaction.isStringSelectMenu() ? interaction.values : undefined;
    // Not one of Righthand's components (an older format): the core says it does not know the action.
    const input: InvocationInput = { kind: 'action', actionId: action?.actionId ?? interaction.customId, value: picked ? (picked[0] ?? '') : (action?.value ?? '') };
    const channel = channelOf(interaction);
    const invocation = invocationOf({ id: componentInvocationId(interaction.message, interaction.customId, picked), workspace, actor: userInfoOf(interaction.user, interaction.member as never), channel, input });
    await answer(interaction, invocation, { guildId: workspace.guildId, channel });
  };

  const onModal = async (interaction: ModalSubmitInteraction) => {
    const key = keyOf(interaction.customId, MODAL_PREFIX);
    const pending = key ? forms.get(key) : null;
    if (!key || !pending) return refuse(interaction, EXPIRED_TEXT);
    const values = submittedValues(interaction.components as never);
    if (pending.page < pagesOf(pending.form).length - 1) {
      // More pages to go: keep this page's answers and offer the next (a modal cannot open a modal).
      const next = forms.advance(key, values)!;
      return interaction.reply({ ...optionsOf(openFormMessage(next.form, key, next.page)), flags: MessageFlags.Ephemeral });
    }
    forms.close(key);
    const { origin } = pending;
    const resolved = usersPicked(interaction.components as never);
    const invocation = invocationOf({
      id: `modal:${interaction.id}`,
      workspace: { guildId: origin.guildId, ...(origin.guildName ? { guildName: origin.guildName } : {}) },
      actor: userInfoOf(interaction.user, interaction.member as never),
      channel: origin.channel,
      input: { kind: 'form', formId: pending.form.formId, privateValue: pending.form.privateValue, values: { ...pending.values, ...values } },
      resolved,
    });
    await answer(interaction, invocation, origin);
  };

  /** A message typed in the DM with the bot (a standup answer, a reply to a question). */
  const onDm = async (message: DiscordJsMessage) => {
    const post = (parts: DiscordMessage[]) => postInChannel(message.channelId, parts);
    const guildId = await dms.resolve(message.author.id, message.channelId);
    if (!guildId) return post([notice(WHICH_SERVER_TEXT)]);
    const channel: Channel = { id: message.channelId, isDm: true };
    const reply = await bot.handle(invocationOf({ id: `message:${message.id}`, workspace: { guildId }, actor: userInfoOf(message.author), channel, input: { kind: 'message', text: neutralMentions(message.content) } }));
    const render = (core: Message) => toDiscordMessages(core, { guildId });
    switch (reply.kind) {
      case 'none':
        return;
      case 'message':
        return post(render(reply.message));
      case 'update':
        await post(render(reply.message));
        if (reply.notice) await post(render(reply.notice));
        return;
      case 'form': {
        // A typed message brings no interaction to open a modal with: a button opens it.
        const key = openForm(reply.form, { guildId, channel });
        return post([openFormMessage(reply.form, key, 0)]);
      }
    }
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
