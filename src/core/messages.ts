/**
 * The platform-neutral message model. Adapters render it (Block Kit, Discord embeds and components,
 * terminal text); the core never knows how. `text` is always a complete plain rendering, because Slack
 * requires it beside blocks and because notifications and the console show it.
 */
export interface Button {
  label: string;
  actionId: string;
  value: string;
  style?: 'primary' | 'danger';
}

export type Block =
  | { type: 'header'; text: string }
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'context'; text: string }
  | { type: 'buttons'; buttons: Button[] }
  /**
   * A menu of choices (a time zone); picking one is an action with the chosen `value`. Each renderer shows
   * as many options as its platform's menu holds (the first ones), so keep the list short and the likely
   * picks first.
   */
  | { type: 'select'; actionId: string; placeholder: string; options: { label: string; value: string }[] }
  | { type: 'divider' };

export type FormFieldKind = 'text' | 'textarea' | 'person' | 'when' | 'select' | 'number';

export interface FormField {
  id: string;
  label: string;
  kind: FormFieldKind;
  required: boolean;
  initial?: string;
  placeholder?: string;
  options?: { label: string; value: string }[];
}

/** A modal. `privateValue` comes back untouched on submit (which task, which answer). */
export interface Form {
  formId: string;
  title: string;
  submitLabel: string;
  privateValue: string;
  fields: FormField[];
}

/** A form's field answered in a way the core refuses: shown next to that field, in the team's language. */
export interface FieldError {
  /** The field's id (`FormField.id`). */
  field: string;
  message: string;
}

/**
 * A file that travels with a message: a chart's PNG, an export's CSV. `name` is what the reader sees and
 * downloads (and the console's file name), so it is a plain file name, unique within the message.
 */
export interface FileAttachment {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

export interface Message {
  text: string;
  blocks?: Block[];
  /**
   * Files attached to the message. The outbox keeps their bytes beside the delivery (delivery_files), not in
   * the stored message, and hands them back to the port when it sends.
   */
  files?: FileAttachment[];
  /** The one file shown as the message's picture (the digest's chart), by name; the rest are downloads. */
  image?: { file: string; alt: string };
}

// Within every platform's limits: Discord takes 10 files per message and 10 MiB per file for a bot.
export const MAX_FILES = 10;
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Why a message's files cannot be sent, or null: a name that is not a plain file name (it becomes a path on
 * the console and an `attachment://` URL on Discord), two files of one name, too many or too large files,
 * an image naming no file. A programming error in the module that built the message, not the user's.
 */
export const filesProblem = (message: Message): string | null => {
  const files = message.files ?? [];
  if (files.length > MAX_FILES) return `a message holds at most ${MAX_FILES} files`;
  const names = new Set<string>();
  for (const file of files) {
    if (!FILE_NAME.test(file.name) || file.name.includes('..')) return `not a plain file name: ${JSON.stringify(file.name)}`;
    if (names.has(file.name)) return `two files named ${file.name}`;
    if (file.bytes.byteLength > MAX_FILE_BYTES) return `${file.name} is over ${MAX_FILE_BYTES} bytes`;
    names.add(file.name);
  }
  if (message.image && !names.has(message.image.file)) return `the image names no attached file: ${message.image.file}`;
  return null;
};

/** The message as the outbox stores it: everything but the files' bytes, which are kept beside it. */
export const withoutFiles = ({ files: _files, ...message }: Message): Message => message;

/** The file a message shows as its picture, if any. */
export const imageOf = (message: Message): FileAttachment | undefined =>
  message.image ? message.files?.find((file) => file.name === message.image!.file) : undefined;

/**
 * A moment inside message text. Adapters replace the token with their native date rendering
 * (Slack `<!date^…>`, Discord `<t:…:F>`) so each reader sees their own zone; the fallback is
 * the time in the zone the core chose (the recipient's) and is what plain renderers show.
 */
const TIME_TOKEN = /⟦t:(-?\d+)\|([^⟧]*)⟧/g;

export const timeToken = (instant: Date, fallback: string): string =>
  `⟦t:${Math.floor(instant.getTime() / 1000)}|${fallback}⟧`;

export const replaceTimeTokens = (text: string, render: (unixSeconds: number, fallback: string) => string): string =>
  text.replace(TIME_TOKEN, (_whole, unix: string, fallback: string) => render(Number(unix), fallback));

export const plainText = (text: string): string => replaceTimeTokens(text, (_unix, fallback) => fallback);

export const buttonsOf = (message: Message): Button[] =>
  (message.blocks ?? []).flatMap((block) => (block.type === 'buttons' ? block.buttons : []));

/** A message of one paragraph. */
/** Text cut to `max` characters at a word boundary, with "…", so a form title never ends mid-word ("Daily check-in, Mon 7 De"). */
export const fitText = (text: string, max: number): string => {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 0 ? cut.slice(0, space) : cut).replace(/[\s,.;:·–-]+$/, '')}…`;
};

export const textMessage = (text: string): Message => ({ text, blocks: [{ type: 'text', text }] });

/** Builds a message whose `text` fallback is derived from its blocks, so the two never disagree. */
export const compose = (blocks: Block[]): Message => ({ text: blocksToText(blocks), blocks });

const blocksToText = (blocks: Block[]): string =>
  blocks
    .flatMap((block): string[] => {
      switch (block.type) {
        case 'header':
        case 'text':
        case 'context':
          return [block.text];
        case 'fields':
          return block.fields.map((field) => `${field.label}: ${field.value}`);
        case 'buttons':
        case 'select':
        case 'divider':
          return [];
      }
    })
    .join('\n');
