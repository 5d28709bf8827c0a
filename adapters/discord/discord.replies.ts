import { ButtonStyle, ComponentType, MessageFlags, Routes, type ChatInputCommandInteraction, type Client, type MessageComponentInteraction, type ModalSubmitInteraction } from 'discord.js';
import { errorMessage } from '../../src/core/errors.js';
import { isLocale, t, type Locale, type MessageKey } from '../../src/core/i18n/catalog.js';
import type { Reply } from '../../src/core/invocation.js';
import { deliverReply, formErrorsMessage, type ReplySink as CoreSink } from '../../src/core/replies.js';
import type { Form, Message } from '../../src/core/messages.js';
import type { Logger } from '../../src/core/ports.js';
import { modalCustomId, openFormCustomId, pagesOf, toModal, type FormOrigin, type PendingForms } from './discord.forms.js';
import { EMBED_COLOR, toDiscordMessage, toDiscordMessages, toPlain, type DiscordMessage } from './discord.render.js';

/**
 * The core's replies -> Discord answers, one path for every entry point (as `slack.replies.ts` for Slack).
 * Each inbound kind builds a sink from what it has (an interaction and its kind, or a DM channel), and
 * `deliverReply` is the same for all of them.
 *
 * Discord wants every interaction answered within 3 seconds, and a modal can only be the *first* answer. So
 * the core runs first, raced against a deadline (`answerInTime`): when it is done in time the reply goes as
 * the first answer (a message, an update of the clicked message, or a modal); when it is slow the
 * interaction is deferred, and the reply follows:
 * - a slash command or modal is deferred ephemerally (Discord fixes a deferred reply's visibility at the
 *   defer, and errors and listings are ephemeral); a reply meant for the channel is then posted in the
 *   channel and the "thinking…" placeholder deleted;
 * - a button or menu is deferred as an update (nothing visible), then its message is edited or a follow-up
 *   sent;
 * - a form that comes after a defer cannot be a modal any more: a message with a button that opens it is
 *   sent instead (a click is a fresh interaction, whose first answer may be the modal).
 */

/** A Discord sink always acknowledges: every interaction must be answered, even when the core says nothing. */
export type ReplySink = CoreSink & Required<Pick<CoreSink, 'acknowledge'>>;

export { deliverReply };

/** What every sink needs: where to post, where open forms are kept, and where a reply's form belongs. */
export interface ReplyContext {
  client: Client;
  forms: PendingForms;
  logger: Logger;
  /** The guild (carried in the reply's buttons) and channel the reply is about; a form opened by it answers there. */
  origin: FormOrigin;
  /**
   * A modal's submission the core refused field by field: keeps the form (values as sent) to be opened again,
   * and returns its key and the form; absent, the errors are said as a message.
   */
  reopen?: (reply: Extract<Reply, { kind: 'formErrors' }>) => { key: string; form: Form };
}

// ---- rendering what is not a core message

/** discord.js message options from a rendered message. */
export const optionsOf = (message: DiscordMessage) => ({ content: message.content, embeds: message.embeds, components: message.components, allowed_mentions: { parse: [] as [] } });

/** One sentence in Righthand's embed, for what the adapter itself says (a form expired, no server known). */
export const notice = (text: string): DiscordMessage => ({ content: '', embeds: [{ color: EMBED_COLOR, description: text }], components: [], allowed_mentions: { parse: [] } });

/** A message with a button that opens page `page` of an open form (a click may answer with the modal). */
export const openFormMessage = (form: Form, key: string, page: number): DiscordMessage => {
  const pages = pagesOf(form).length;
  const label = toPlain(pages > 1 && page > 0 ? `${form.title} (${page + 1}/${pages})` : form.title, 80) || '…';
  return {
    content: '',
    embeds: [{ color: EMBED_COLOR, title: label }],
    components: [{ type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, label, custom_id: openFormCustomId(key) }] }],
    allowed_mentions: { parse: [] },
  };
};

/**
 * A refused form asked again: what is wrong, each field by its label, and a button that opens the form again
 * with the values as sent (a modal's submission cannot be answered with a modal).
 */
export const reaskMessage = (reply: Extract<Reply, { kind: 'formErrors' }>, reopened: { key: string; form: Form }): DiscordMessage => {
  const labels = new Map(reopened.form.fields.map((field) => [field.id, toPlain(field.label, 100)]));
  const text = formErrorsMessage(reply, (field) => labels.get(field)).text;
  return {
    content: '',
    embeds: [{ color: EMBED_COLOR, description: toPlain(text, 4000) }],
    components: [{ type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, label: toPlain(reply.retryLabel, 80) || '…', custom_id: openFormCustomId(reopened.key) }] }],
    allowed_mentions: { parse: [] },
  };
};

/** Posts in a channel as the bot: a channel reply after an ephemeral defer, an answer in the DM. */
export const postInChannel = async (client: Client, channelId: string, parts: DiscordMessage[]): Promise<void> => {
  for (const part of parts) await client.rest.post(Routes.channelMessages(channelId), { body: part });
};

/** The catalog's locale for a Discord locale ('nl', 'en-US', 'pt-BR'): its language when Righthand speaks it, else English. */
export const localeOf = (discordLocale: string | null | undefined): Locale => {
  const language = (discordLocale ?? '').split('-')[0]!.toLowerCase();
  return isLocale(language) ? language : 'en';
};

// ---- interactions

export type Answerable = ChatInputCommandInteraction | MessageComponentInteraction | ModalSubmitInteraction;

/** Answers an interaction the core never sees (a form that expired, no server known), in the person's language. */
export const refuse = async (interaction: Answerable, key: Extract<MessageKey, 'bot.form_expired' | 'bot.which_server'>): Promise<void> => {
  await interaction.reply({ ...optionsOf(notice(t(localeOf(interaction.locale), key))), flags: MessageFlags.Ephemeral });
};

export interface InteractionSink extends ReplySink {
  /** Acknowledges the interaction before the reply is known, so Discord's 3 seconds do not run out. */
  defer(): Promise<void>;
}

/**
 * How an interaction kind answers: `answers: 'reply'` with a message of its own (a slash command, a modal a
 * command opened), `'update'` on the message that was clicked (a button or menu, a modal opened from a
 * message's button); `modals` says whether its first answer may be a modal (a modal's submission may not).
 */
interface Style {
  answers: 'reply' | 'update';
  modals: boolean;
}

const ephemeralFlag = { flags: MessageFlags.Ephemeral } as const;

const interactionSink = (interaction: Answerable, ctx: ReplyContext, style: Style): InteractionSink => {
  const { client, forms, logger, origin } = ctx;
  const render = (message: Message) => toDiscordMessages(message, { guildId: origin.guildId });
  const openForm = (form: Form) => forms.open({ form, origin, page: 0, values: {} });
  const updatable = () => interaction as MessageComponentInteraction;
  /** 'fresh': nothing sent yet; 'deferred': acknowledged by `defer`; 'answered': the first answer is given, more are follow-ups. */
  let stage: 'fresh' | 'deferred' | 'answered' = 'fresh';

  const followUps = async (parts: DiscordMessage[], ephemeral: boolean) => {
    for (const part of parts) await interaction.followUp({ ...optionsOf(part), ...(ephemeral ? ephemeralFlag : {}) });
  };

  /** Parts of one answer, as the first answer or after it, wherever this stage allows. */
  const send = async (parts: DiscordMessage[], ephemeral: boolean): Promise<void> => {
    const was = stage;
    stage = 'answered';
    if (was === 'fresh') {
      const [first, ...rest] = parts;
      await interaction.reply({ ...optionsOf(first!), ...(ephemeral ? ephemeralFlag : {}) });
      return followUps(rest, ephemeral);
    }
    if (was === 'deferred' && style.answers === 'reply') {
      // The placeholder is ephemeral: a reply for the channel is posted there instead, and the placeholder goes.
      if (!ephemeral) {
        const channelId = interaction.channelId!;
        try {
          await postInChannel(client, channelId, parts);
          await interaction.deleteReply();
          return;
        } catch (error) {
          // The bot may not post there (a channel without its permission): the person still gets the answer.
          logger.info({ channel: channelId, err: errorMessage(error) }, 'discord channel reply goes to the person instead');
        }
      }
      const [first, ...rest] = parts;
      await interaction.editReply(optionsOf(first!));
      return followUps(rest, true);
    }
    return followUps(parts, ephemeral);
  };

  return {
    async defer() {
      if (style.answers === 'update') await updatable().deferUpdate();
      else await interaction.deferReply(ephemeralFlag);
      stage = 'deferred';
    },

    async acknowledge() {
      if (stage === 'fresh') {
        if (style.answers === 'update') await updatable().deferUpdate();
        else {
          await interaction.deferReply(ephemeralFlag);
          await interaction.deleteReply();
        }
      } else if (stage === 'deferred' && style.answers === 'reply') {
        await interaction.deleteReply();
      }
      stage = 'answered';
    },

    say: (message, visibility) => send(render(message), visibility === 'ephemeral'),

    async formErrors(reply) {
      const reopened = ctx.reopen?.(reply);
      if (!reopened) return send(render(formErrorsMessage(reply)), true);
      return send([reaskMessage(reply, reopened)], true);
    },

    async replace(message) {
      const replaced = optionsOf(toDiscordMessage(message, { guildId: origin.guildId }));
      if (stage !== 'fresh') await interaction.editReply(replaced);
      else if (style.answers === 'update') await updatable().update(replaced);
      else await interaction.reply({ ...replaced, ...ephemeralFlag });
      stage = 'answered';
    },

    async openForm(form) {
      const key = openForm(form);
      const was = stage;
      stage = 'answered';
      if (was === 'fresh' && style.modals) {
        await (interaction as ChatInputCommandInteraction | MessageComponentInteraction).showModal(toModal(form, 0, modalCustomId(key)));
        return;
      }
      const message = optionsOf(openFormMessage(form, key, 0));
      if (was === 'fresh') await interaction.reply({ ...message, ...ephemeralFlag });
      else if (style.answers === 'reply') await interaction.editReply(message);
      else await interaction.followUp({ ...message, ...ephemeralFlag });
    },
  };
};

/** A slash command: answered with a message of its own, or a modal. */
export const commandSink = (interaction: ChatInputCommandInteraction, ctx: ReplyContext): InteractionSink => interactionSink(interaction, ctx, { answers: 'reply', modals: true });

/** A button or menu: answered on the clicked message, or with a modal. */
export const componentSink = (interaction: MessageComponentInteraction, ctx: ReplyContext): InteractionSink => interactionSink(interaction, ctx, { answers: 'update', modals: true });

/** A modal's submission: on the message it was opened from, if any; never with another modal. */
export const modalSink = (interaction: ModalSubmitInteraction, ctx: ReplyContext): InteractionSink =>
  interactionSink(interaction, ctx, { answers: interaction.isFromMessage() ? 'update' : 'reply', modals: false });

const SLOW = Symbol('slow');

/** The value of `promise` if it settles within `ms`, else SLOW (the promise keeps running). */
export const within = async <T>(promise: Promise<T>, ms: number): Promise<T | typeof SLOW> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<typeof SLOW>((resolve) => (timer = setTimeout(() => resolve(SLOW), ms)))]);
  } finally {
    clearTimeout(timer);
  }
};

export const isSlow = (value: unknown): value is typeof SLOW => value === SLOW;

/** Answers an interaction with the core's reply: as its first answer when the reply comes within `deferAfterMs`, else after a defer. */
export const answerInTime = async (sink: InteractionSink, reply: Promise<Reply>, deferAfterMs: number): Promise<void> => {
  const quick = await within(reply, deferAfterMs);
  if (quick !== SLOW) return deliverReply(quick, sink);
  await sink.defer();
  return deliverReply(await reply, sink);
};

// ---- the DM

/** A message typed in the DM: there is no interaction, so every answer is a message posted in the DM. */
export const dmSink = (channelId: string, ctx: ReplyContext): ReplySink => {
  const post = (parts: DiscordMessage[]) => postInChannel(ctx.client, channelId, parts);
  const render = (message: Message) => toDiscordMessages(message, { guildId: ctx.origin.guildId });
  return {
    say: (message) => post(render(message)),
    replace: (message) => post(render(message)),
    // A typed message brings no interaction to open a modal with: a button opens it.
    openForm: (form) => post([openFormMessage(form, ctx.forms.open({ form, origin: ctx.origin, page: 0, values: {} }), 0)]),
    acknowledge: async () => {},
  };
};
