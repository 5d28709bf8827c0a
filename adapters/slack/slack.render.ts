import type { types } from '@slack/bolt';
import { compose, plainText, replaceTimeTokens, type Block, type Button, type Message } from '../../src/core/messages.js';

/** One Slack message: Block Kit plus the `text` Slack requires beside blocks (notifications, screen readers). */
export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

/**
 * Slack rejects a message of more than 50 blocks; a long list is cut into messages of at most this many,
 * well below the limit, so a block or two added later (a footer, a divider) never tips one over.
 */
export const MAX_BLOCKS_PER_MESSAGE = 40;
/** App Home views take up to 100 blocks. */
export const MAX_HOME_BLOCKS = 100;

// Slack's limits per element (https://docs.slack.dev/reference/block-kit/blocks).
const SECTION_TEXT_MAX = 3000;
const CONTEXT_TEXT_MAX = 2000;
const CONTEXT_ELEMENTS_MAX = 10;
const FIELD_TEXT_MAX = 2000;
const FIELDS_PER_SECTION = 10;
const HEADER_TEXT_MAX = 150;
const BUTTONS_PER_ACTIONS = 25;
const BUTTON_TEXT_MAX = 75;
const BUTTON_VALUE_MAX = 2000;
const MESSAGE_TEXT_MAX = 39_000;

/** `&`, `<` and `>` are control characters in mrkdwn; anything a person typed (a task title) is escaped. */
export const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Each reader sees the moment in their own zone; the fallback (the core's choice) shows where dates cannot render. */
const slackDate = (unixSeconds: number, fallback: string): string => `<!date^${unixSeconds}^{date_short_pretty} {time}|${fallback.replace(/\|/g, '/')}>`;

/** Core text as Slack mrkdwn: escaped, with time tokens as Slack date formatting. */
export const toMrkdwn = (text: string): string => replaceTimeTokens(escapeMrkdwn(text), slackDate);

/** Core text where Slack only takes plain text (headers, button labels, modal titles). */
export const toPlain = (text: string, max: number): string => truncate(plainText(text), max);

export const truncate = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * Cuts text into pieces of at most `max` characters, at line breaks where it can, so a long list stays
 * readable across blocks. Time tokens are never cut: the cut happens on core text, before rendering.
 */
export const splitText = (text: string, max: number): string[] => {
  const pieces: string[] = [];
  let current = '';
  const push = () => {
    if (current !== '') pieces.push(current);
    current = '';
  };
  for (const line of text.split('\n')) {
    const candidate = current === '' ? line : `${current}\n${line}`;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    push();
    let rest = line;
    while (rest.length > max) {
      pieces.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    current = rest;
  }
  push();
  return pieces.length > 0 ? pieces : [''];
};

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
};

/**
 * Block Kit wants action ids unique within a message, but a task list has a Done button per task, all
 * `task.done`. The button's position makes the id unique; `actionIdOf` takes it off again.
 */
const ACTION_SUFFIX = /#\d+$/;
export const slackActionId = (actionId: string, index: number): string => `${actionId}#${index}`;
export const actionIdOf = (slackId: string): string => slackId.replace(ACTION_SUFFIX, '');

// mrkdwn escaping lengthens text (& becomes &amp;); pieces are cut with room for it.
const ESCAPE_ROOM = 0.8;

const sections = (text: string): types.KnownBlock[] =>
  splitText(text, Math.floor(SECTION_TEXT_MAX * ESCAPE_ROOM)).map((piece) => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(toMrkdwn(piece || ' '), SECTION_TEXT_MAX) } }));

const contexts = (text: string): types.KnownBlock[] =>
  chunk(splitText(text, Math.floor(CONTEXT_TEXT_MAX * ESCAPE_ROOM)), CONTEXT_ELEMENTS_MAX).map((pieces) => ({
    type: 'context',
    elements: pieces.map((piece) => ({ type: 'mrkdwn', text: truncate(toMrkdwn(piece || ' '), CONTEXT_TEXT_MAX) })),
  }));

const button = (item: Button, index: number): types.Button => ({
  type: 'button',
  text: { type: 'plain_text', text: toPlain(item.label, BUTTON_TEXT_MAX), emoji: true },
  action_id: slackActionId(item.actionId, index),
  value: item.value.slice(0, BUTTON_VALUE_MAX),
  ...(item.style ? { style: item.style } : {}),
});

/** One core block as one or more Slack blocks; `nextButton` numbers buttons across the whole message. */
const renderBlock = (block: Block, nextButton: () => number): types.KnownBlock[] => {
  switch (block.type) {
    case 'header':
      return [{ type: 'header', text: { type: 'plain_text', text: toPlain(block.text, HEADER_TEXT_MAX) || ' ', emoji: true } }];
    case 'text':
      return sections(block.text);
    case 'context':
      return contexts(block.text);
    case 'fields':
      return chunk(block.fields, FIELDS_PER_SECTION).map((fields) => ({
        type: 'section',
        fields: fields.map((field) => ({ type: 'mrkdwn', text: truncate(`*${toMrkdwn(field.label)}*\n${toMrkdwn(field.value)}`, FIELD_TEXT_MAX) })),
      }));
    case 'buttons':
      return chunk(block.buttons, BUTTONS_PER_ACTIONS).map((buttons) => ({ type: 'actions', elements: buttons.map((item) => button(item, nextButton())) }));
    case 'select':
      return [
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              action_id: slackActionId(block.actionId, nextButton()),
              placeholder: { type: 'plain_text', text: toPlain(block.placeholder, BUTTON_TEXT_MAX) || ' ', emoji: true },
              options: block.options.slice(0, 100).map((option) => ({ text: { type: 'plain_text', text: toPlain(option.label, BUTTON_TEXT_MAX), emoji: true }, value: option.value.slice(0, BUTTON_VALUE_MAX) })),
            },
          ],
        },
      ];
    case 'divider':
      return [{ type: 'divider' }];
  }
};

const coreBlocksOf = (message: Message): Block[] => (message.blocks && message.blocks.length > 0 ? message.blocks : [{ type: 'text', text: message.text }]);

const fallbackText = (text: string): string => truncate(toMrkdwn(text), MESSAGE_TEXT_MAX) || ' ';

/**
 * A core message as Slack messages: usually one; a long list becomes several of at most
 * MAX_BLOCKS_PER_MESSAGE blocks, each with its own text fallback. A core block is never split across two
 * messages (its buttons stay with its text).
 */
export const toSlackMessages = (message: Message, maxBlocks = MAX_BLOCKS_PER_MESSAGE): SlackMessage[] => {
  let buttons = 0;
  const nextButton = () => buttons++;
  const groups: { core: Block[]; blocks: types.KnownBlock[] }[] = [];
  for (const block of coreBlocksOf(message)) {
    const rendered = renderBlock(block, nextButton);
    for (const part of chunk(rendered, maxBlocks)) {
      const last = groups.at(-1);
      if (last && last.blocks.length + part.length <= maxBlocks) {
        last.core.push(block);
        last.blocks.push(...part);
      } else {
        groups.push({ core: [block], blocks: [...part] });
      }
    }
  }
  if (groups.length === 1) return [{ text: fallbackText(message.text), blocks: groups[0]!.blocks }];
  return groups.map((group) => ({ text: fallbackText(compose(group.core).text), blocks: group.blocks }));
};

/**
 * A core message as exactly one Slack message, for the places that take one (replacing a clicked message):
 * what does not fit ends in a short "…".
 */
export const toSlackMessage = (message: Message, maxBlocks = MAX_BLOCKS_PER_MESSAGE): SlackMessage => {
  const [first, ...rest] = toSlackMessages(message, maxBlocks);
  if (rest.length === 0) return first!;
  return { text: fallbackText(message.text), blocks: [...first!.blocks.slice(0, maxBlocks - 1), { type: 'context', elements: [{ type: 'mrkdwn', text: '…' }] }] };
};

/** The App Home tab: one view of at most 100 blocks. */
export const toHomeView = (message: Message): types.HomeView => ({ type: 'home', blocks: toSlackMessage(message, MAX_HOME_BLOCKS).blocks });
