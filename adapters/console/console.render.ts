import { buttonsOf, plainText, type Block, type FieldError, type Form, type Message } from '../../src/core/messages.js';
import type { WrittenFile } from './console.files.js';

/**
 * Who sees a message. `person` on a channel audience makes it ephemeral (only they see it); a DM is
 * between one person and the bot.
 */
export type Audience = { kind: 'dm'; person: string } | { kind: 'channel'; channel: string; person?: string; thread?: string };

/** Something the console shows: a message (delivered, replied or updated in place) or an open form. */
export type Shown =
  | { kind: 'message'; at: Date; to: Audience; message: Message; ephemeral: boolean; updated?: boolean; /** Its files, as written under DATA_DIR. */ files?: WrittenFile[] }
  /** `errors`: the form came back after a refused submit, each error shown under its field. */
  | { kind: 'form'; at: Date; to: Audience; form: Form; errors?: { summary: string; fields: FieldError[] } };

const BOT_NAME = 'Righthand';

export type Select = Extract<Block, { type: 'select' }>;

/** The menus of a message (a zone question): `:pick` chooses one of their options. */
export const selectsOf = (message: Message): Select[] => (message.blocks ?? []).flatMap((block) => (block.type === 'select' ? [block] : []));

const audienceJson = (to: Audience) =>
  to.kind === 'dm'
    ? { kind: 'dm', person: to.person }
    : { kind: 'channel', channel: to.channel, ...(to.person ? { person: to.person } : {}), ...(to.thread ? { thread: to.thread } : {}) };

/** One JSON object per line for `--json`: keys in a fixed order, so transcripts diff cleanly. */
export const toJsonLine = (shown: Shown): string => {
  const at = shown.at.toISOString();
  const to = audienceJson(shown.to);
  if (shown.kind === 'form') {
    const { formId, title, fields } = shown.form;
    return JSON.stringify({
      at,
      to,
      form: { formId, title, fields: fields.map(({ id, label, kind, required }) => ({ id, label, kind, required })) },
      text: shown.errors ? shown.errors.summary : title,
      // Only a form that came back refused carries the key, so transcripts of everything else stay as they were.
      ...(shown.errors ? { errors: shown.errors.fields.map(({ field, message }) => ({ field, message })) } : {}),
      buttons: [],
      ephemeral: true,
    });
  }
  const selects = selectsOf(shown.message);
  return JSON.stringify({
    at,
    to,
    text: plainText(shown.message.text),
    buttons: buttonsOf(shown.message).map(({ label, actionId, value }) => ({ label, actionId, value })),
    // Only messages with a menu carry the key, so transcripts of everything else stay as they were.
    ...(selects.length > 0 ? { selects: selects.map(({ actionId, placeholder, options }) => ({ actionId, placeholder, options: options.map(({ label, value }) => ({ label, value })) })) } : {}),
    ephemeral: shown.ephemeral,
    ...(shown.updated ? { updated: true } : {}),
    // Only messages with files carry the key, so transcripts of everything else stay as they were.
    ...(shown.files?.length ? { files: shown.files.map(({ name, mimeType, path, image }) => ({ name, mimeType, path, ...(image ? { image: true } : {}) })) } : {}),
  });
};

/** `[#acme]`, `[DM to maria]`, or `(only you)` for what only one person sees; `viewer` is who is typing. */
const prefixOf = (to: Audience, ephemeral: boolean, viewer: string): string => {
  if (ephemeral) {
    const person = to.kind === 'dm' ? to.person : (to.person ?? viewer);
    return person === viewer ? '(only you)' : `(only ${person})`;
  }
  if (to.kind === 'dm') return `[DM to ${to.person}]`;
  return to.thread ? `[#${to.channel} thread ${to.thread}]` : `[#${to.channel}]`;
};

const INDENT = '  ';

/** First line after the prefix, later lines indented under it, so a multi-line message reads as one block. */
const block = (head: string, lines: readonly string[]): string =>
  [`${head}${lines[0] ?? ''}`, ...lines.slice(1).map((line) => (line === '' ? '' : `${INDENT}${line}`))].join('\n');

export const renderButtons = (message: Message): string | null => {
  const buttons = buttonsOf(message);
  return buttons.length === 0 ? null : buttons.map((button) => `[${button.label}]`).join(' ');
};

/** A menu as one line: its placeholder, then the options to `:pick` from. */
export const renderSelects = (message: Message): string[] =>
  selectsOf(message).map((select) => `[${select.placeholder} ▾] ${select.options.map((option) => option.label).join(' | ')}`);

const renderForm = (form: Form, errors?: Extract<Shown, { kind: 'form' }>['errors']): string[] => {
  const fields = form.fields.flatMap((field) => {
    const traits = [field.kind, ...(field.required ? ['required'] : [])].join(', ');
    const options = field.options?.length ? ` one of: ${field.options.map((option) => option.value).join(' | ')}` : '';
    const initial = field.initial ? ` [now: ${field.initial}]` : '';
    const refused = (errors?.fields ?? []).filter((error) => error.field === field.id).map((error) => `${INDENT}${INDENT}! ${error.message}`);
    return [`${INDENT}${field.id}: ${field.label} (${traits})${options}${initial}`, ...refused];
  });
  const hint = form.fields.map((field) => `${field.id}=${field.kind === 'textarea' || field.kind === 'text' ? '"..."' : '...'}`).join(' ');
  return [`Form: ${form.title}`, ...(errors ? [`${INDENT}${errors.summary}`] : []), ...fields, `${INDENT}Answer with :submit ${hint}`.trimEnd()];
};

/** Terminal text: compact, one block per message, buttons on their own line. */
export const toHumanText = (shown: Shown, { viewer }: { viewer: string }): string => {
  if (shown.kind === 'form') {
    const [title, ...rest] = renderForm(shown.form, shown.errors);
    return [`${prefixOf(shown.to, true, viewer)} ${title}`, ...rest].join('\n');
  }
  const lines = plainText(shown.message.text).split('\n');
  const buttons = renderButtons(shown.message);
  const head = `${prefixOf(shown.to, shown.ephemeral, viewer)} ${BOT_NAME}${shown.updated ? ' (updated)' : ''}: `;
  const files = (shown.files ?? []).map((file) => (file.image ? `Image: ${file.path}${shown.message.image?.alt ? ` (${shown.message.image.alt})` : ''}` : `File: ${file.path}`));
  return block(head, [...lines, ...files, ...renderSelects(shown.message), ...(buttons ? [buttons] : [])]);
};
