import { ButtonStyle, ComponentType, escapeMarkdown, type APIActionRowComponent, type APIComponentInMessageActionRow, type APIEmbed, type APIEmbedField } from 'discord.js';
import { plainText, replaceTimeTokens, type Block, type Button, type Message } from '../../src/core/messages.js';
import type { Capabilities } from '../../src/core/ports.js';

/**
 * One Discord message as the REST API takes it (POST /channels/:id/messages, interaction callbacks,
 * webhook edits): embeds for the text, action rows for buttons and menus, and never a ping.
 */
export interface DiscordMessage {
  /** Plain text; empty when the embeds carry everything (notifications show the embed's title). */
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Core text is what people typed (a task titled "@everyone" stays text): nothing in it notifies anybody. */
  allowed_mentions: { parse: [] };
}

// Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits and
// .../components/reference): a message holds 5 action rows of 5 buttons or 1 menu, and 10 embeds of at
// most 6,000 characters in all.
export const MAX_ROWS = 5;
export const MAX_BUTTONS_PER_ROW = 5;
/**
 * Discord's pickers: an autocomplete answers with at most 25 choices and a select menu holds 25 options,
 * each named and valued in at most 100 characters. The core's date preview is built to fit them.
 */
export const DISCORD_CAPABILITIES: Capabilities = { maxChoices: 25, maxChoiceLabel: 100 };
export const MAX_SELECT_OPTIONS = DISCORD_CAPABILITIES.maxChoices;
const MAX_EMBEDS = 10;
const EMBED_TOTAL_MAX = 6000;
const TITLE_MAX = 256;
const DESCRIPTION_MAX = 4096;
const FIELDS_PER_EMBED = 25;
const FIELD_NAME_MAX = 256;
const FIELD_VALUE_MAX = 1024;
const BUTTON_LABEL_MAX = 80;
const CUSTOM_ID_MAX = 100;
const PLACEHOLDER_MAX = 150;
const OPTION_TEXT_MAX = DISCORD_CAPABILITIES.maxChoiceLabel;
/** Righthand's colour on the embed's edge, so its messages are recognisable in a busy channel. */
export const EMBED_COLOR = 0x3b6ea5;

export const truncate = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * A moment as Discord timestamps: the full date and the relative time, each rendered in the reader's own
 * zone by their client. The core's fallback is not needed: every Discord client renders them.
 */
export const discordTime = (unixSeconds: number): string => `<t:${unixSeconds}:F> (<t:${unixSeconds}:R>)`;

/**
 * Core text as Discord markdown: what people typed is escaped (a title with `*` or `_` stays itself), then
 * time tokens become timestamps. Escaping first keeps the timestamps' own syntax intact.
 */
export const toMarkdown = (text: string): string => replaceTimeTokens(escapeMarkdown(text), (unix) => discordTime(unix));

/** Where Discord takes no markdown (titles of modals, labels): the core's plain fallback. */
export const toPlain = (text: string, max: number): string => truncate(plainText(text), max);

// ---- custom ids: what a click must bring back, in at most 100 characters

/**
 * A button or menu carries its action, its value and, for a DM (which has no guild), the guild the message
 * is about: a click in a DM must reach that guild's workspace. The position makes ids unique within a
 * message, as Discord requires (a list may have a Done button per task). The value is last, so it may
 * hold the separator.
 */
export interface ComponentAction {
  guildId: string | null;
  actionId: string;
  value: string;
}

const ACTION_PREFIX = 'rh1';

export const encodeCustomId = ({ guildId, actionId, value }: ComponentAction, index: number): string => {
  const id = `${ACTION_PREFIX}|${guildId ?? ''}|${actionId}|${index}|${value}`;
  // The core's values are short ids (a task, an answer, a zone); one that does not fit is a bug to see at once.
  if (id.length > CUSTOM_ID_MAX) throw new Error(`discord custom id for ${actionId} is ${id.length} characters; Discord allows ${CUSTOM_ID_MAX}`);
  return id;
};

/** Null for a component that is not one of Righthand's (another app's buttons, an old format). */
export const decodeCustomId = (customId: string): ComponentAction | null => {
  const parts = customId.split('|');
  if (parts.length < 5 || parts[0] !== ACTION_PREFIX) return null;
  const [, guildId = '', actionId = '', , ...value] = parts;
  if (!actionId) return null;
  return { guildId: guildId || null, actionId, value: value.join('|') };
};

// ---- blocks -> embeds and components

const STYLES: Record<NonNullable<Button['style']> | 'default', ButtonStyle.Primary | ButtonStyle.Danger | ButtonStyle.Secondary> = {
  primary: ButtonStyle.Primary,
  danger: ButtonStyle.Danger,
  default: ButtonStyle.Secondary,
};

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
};

/** Cuts text at line breaks into pieces of at most `max` characters (time tokens are on core text, never cut). */
export const splitText = (text: string, max: number): string[] => {
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const candidate = current === '' ? line : `${current}\n${line}`;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current !== '') pieces.push(current);
    let rest = line;
    while (rest.length > max) {
      pieces.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    current = rest;
  }
  if (current !== '') pieces.push(current);
  return pieces;
};

const rowsOf = (block: Block, guildId: string | null, nextIndex: () => number): Row[] => {
  if (block.type === 'buttons') {
    return chunk(block.buttons, MAX_BUTTONS_PER_ROW).map((buttons) => ({
      type: ComponentType.ActionRow,
      components: buttons.map((button) => ({
        type: ComponentType.Button,
        style: STYLES[button.style ?? 'default'],
        label: toPlain(button.label, BUTTON_LABEL_MAX) || '…',
        custom_id: encodeCustomId({ guildId, actionId: button.actionId, value: button.value }, nextIndex()),
      })),
    }));
  }
  if (block.type === 'select') {
    return [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.StringSelect,
            custom_id: encodeCustomId({ guildId, actionId: block.actionId, value: '' }, nextIndex()),
            placeholder: toPlain(block.placeholder, PLACEHOLDER_MAX),
            options: block.options.slice(0, MAX_SELECT_OPTIONS).map((option) => ({ label: toPlain(option.label, OPTION_TEXT_MAX) || option.value, value: option.value.slice(0, OPTION_TEXT_MAX) })),
          },
        ],
      },
    ];
  }
  return [];
};

/** Accumulates text blocks into embeds, in order: fields after text go into that embed, text after fields starts the next. */
class EmbedWriter {
  readonly embeds: APIEmbed[] = [];
  private current: APIEmbed | null = null;

  private open(): APIEmbed {
    if (!this.current) {
      this.current = { color: EMBED_COLOR };
      this.embeds.push(this.current);
    }
    return this.current;
  }

  close() {
    this.current = null;
  }

  title(text: string) {
    if (this.current && (this.current.title || this.current.description || this.current.fields)) this.close();
    this.open().title = truncate(plainText(text), TITLE_MAX);
  }

  line(markdown: string) {
    if (this.current?.fields) this.close();
    for (const piece of splitText(markdown, DESCRIPTION_MAX)) {
      const embed = this.open();
      const joined = embed.description ? `${embed.description}\n${piece}` : piece;
      if (joined.length <= DESCRIPTION_MAX) {
        embed.description = joined;
      } else {
        this.close();
        this.open().description = piece;
      }
    }
  }

  fields(fields: APIEmbedField[]) {
    for (const field of fields) {
      const embed = this.open();
      if ((embed.fields?.length ?? 0) >= FIELDS_PER_EMBED) {
        this.close();
        this.open().fields = [field];
      } else {
        (embed.fields ??= []).push(field);
      }
    }
  }
}

const embedSize = (embed: APIEmbed) => (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);

const writeBlock = (writer: EmbedWriter, block: Block) => {
  switch (block.type) {
    case 'header':
      return writer.title(block.text);
    case 'text':
      return writer.line(toMarkdown(block.text));
    case 'context':
      // Discord's subtext: small grey print, as Slack's context block.
      return writer.line(splitText(block.text, DESCRIPTION_MAX - 10).map((line) => `-# ${toMarkdown(line)}`).join('\n'));
    case 'fields':
      return writer.fields(
        block.fields.map((field) => ({ name: truncate(plainText(field.label), FIELD_NAME_MAX) || '​', value: truncate(toMarkdown(field.value), FIELD_VALUE_MAX) || '​', inline: field.value.length <= 40 })),
      );
    case 'divider':
      return writer.close();
    case 'buttons':
    case 'select':
      return;
  }
};

/** Core text is cut with room for what rendering adds (escapes, timestamps are longer than their tokens). */
const TEXT_PIECE_MAX = 3000;

/**
 * The message's blocks, each small enough for one embed: a long text becomes several text blocks (cut at
 * line breaks), many fields several fields blocks. Messages are then cut between blocks.
 */
const coreBlocksOf = (message: Message): Block[] =>
  (message.blocks && message.blocks.length > 0 ? message.blocks : [{ type: 'text' as const, text: message.text }]).flatMap((block): Block[] => {
    if ((block.type === 'text' || block.type === 'context') && block.text.length > TEXT_PIECE_MAX) return splitText(block.text, TEXT_PIECE_MAX).map((text) => ({ ...block, text }));
    if (block.type === 'fields' && block.fields.length > FIELDS_PER_EMBED) return chunk(block.fields, FIELDS_PER_EMBED).map((fields) => ({ type: 'fields', fields }));
    return [block];
  });

const messageOf = (embeds: APIEmbed[], components: Row[]): DiscordMessage => ({ content: '', embeds, components, allowed_mentions: { parse: [] } });

export interface RenderOptions {
  /** The guild the message is about, carried in its buttons (needed when it goes to a DM). */
  guildId: string | null;
}

/**
 * A core message as Discord messages: usually one. A long list becomes several, each within Discord's
 * limits (10 embeds, 6,000 characters, 5 action rows); a core block is never split from its buttons'
 * message. There are no markdown tables: fields become embed fields, which Discord lays out itself.
 */
export const toDiscordMessages = (message: Message, { guildId }: RenderOptions): DiscordMessage[] => {
  let index = 0;
  const nextIndex = () => index++;
  const parts: DiscordMessage[] = [];
  let writer = new EmbedWriter();
  let rows: Row[] = [];
  const flush = () => {
    if (writer.embeds.length > 0 || rows.length > 0) parts.push(messageOf(writer.embeds, rows));
    writer = new EmbedWriter();
    rows = [];
  };
  for (const block of coreBlocksOf(message)) {
    const blockRows = rowsOf(block, guildId, nextIndex);
    if (blockRows.length > 0) {
      for (const row of blockRows) {
        if (rows.length >= MAX_ROWS) flush();
        rows.push(row);
      }
      continue;
    }
    // Discord draws components under all embeds, so text after buttons stays in this message, above them.
    // A block that would tip this message over Discord's limits starts the next one.
    const alone = new EmbedWriter();
    writeBlock(alone, block);
    const size = (embeds: APIEmbed[]) => embeds.reduce((sum, embed) => sum + embedSize(embed), 0);
    if (writer.embeds.length + alone.embeds.length > MAX_EMBEDS || size(writer.embeds) + size(alone.embeds) > EMBED_TOTAL_MAX) flush();
    writeBlock(writer, block);
  }
  flush();
  return parts.length > 0 ? parts : [messageOf([{ color: EMBED_COLOR, description: toMarkdown(message.text) || '…' }], [])];
};

/** Exactly one Discord message, where only one fits (replacing a clicked message): what does not fit ends in "…". */
export const toDiscordMessage = (message: Message, options: RenderOptions): DiscordMessage => {
  const [first, ...rest] = toDiscordMessages(message, options);
  if (rest.length === 0) return first!;
  const components = [...first!.components, ...rest.flatMap((part) => part.components)].slice(0, MAX_ROWS);
  return { ...first!, embeds: [...first!.embeds.slice(0, MAX_EMBEDS - 1), { color: EMBED_COLOR, description: '…' }], components };
};

/** The text a reader sees, for logs and tests: titles, descriptions and fields, in order. */
export const discordMessageText = (message: Pick<DiscordMessage, 'content' | 'embeds'>): string =>
  [message.content, ...message.embeds.flatMap((embed) => [embed.title ?? '', embed.description ?? '', ...(embed.fields ?? []).map((field) => `${field.name}: ${field.value}`)])].filter((part) => part !== '').join('\n');

