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

export interface Message {
  text: string;
  blocks?: Block[];
}

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
