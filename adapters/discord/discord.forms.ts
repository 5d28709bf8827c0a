import { mention, userIdOf } from '../../src/core/mentions.js';
import { randomBytes } from 'node:crypto';
import { ComponentType, TextInputStyle, type APIModalInteractionResponseCallbackData } from 'discord.js';
import type { FieldError, Form, FormField } from '../../src/core/messages.js';
import { toPlain, truncate } from './discord.render.js';

/**
 * Core forms as Discord modals. A modal holds at most 5 components, so each field is one Label holding a
 * text input, a user select (a person field: Discord's own member picker) or a string select (at most 25
 * options). A form of more than 5 fields (the standup settings, a standup of 10 questions) is asked in
 * pages of 5: submitting a page answers with a "continue" button that opens the next (a modal cannot open
 * another modal), and the core gets every page's values at once when the last is sent.
 */

export const FIELDS_PER_MODAL = 5;
const TITLE_MAX = 45;
const LABEL_MAX = 45;
const DESCRIPTION_MAX = 100;
const PLACEHOLDER_MAX = 100;
const TEXT_VALUE_MAX = 4000;
const OPTION_MAX = 100;
const SELECT_OPTIONS_MAX = 25;

/** Where a form was opened, and the guild (workspace) it belongs to: its answer goes back there. */
export interface FormOrigin {
  guildId: string;
  guildName?: string;
  channel: { id: string; isDm: boolean };
}

/** An open form: which page is next, and what the earlier pages answered. */
export interface PendingForm {
  form: Form;
  origin: FormOrigin;
  page: number;
  values: Record<string, string>;
}

export const pagesOf = (form: Form): FormField[][] => {
  const pages: FormField[][] = [];
  for (let index = 0; index < form.fields.length; index += FIELDS_PER_MODAL) pages.push(form.fields.slice(index, index + FIELDS_PER_MODAL));
  return pages.length > 0 ? pages : [[]];
};

/** A mention or a bare snowflake as a user id, for a user select's default. */
export const initialUserOf = (value: string): string | null => {
  const id = userIdOf(value);
  return /^\d{15,21}$/.test(id) ? id : null;
};

const componentOf = (field: FormField) => {
  const required = field.required;
  const placeholder = field.placeholder ? { placeholder: truncate(toPlain(field.placeholder, PLACEHOLDER_MAX), PLACEHOLDER_MAX) } : {};
  switch (field.kind) {
    case 'person': {
      const initial = field.initial ? initialUserOf(field.initial) : null;
      return { type: ComponentType.UserSelect, custom_id: field.id, required, min_values: required ? 1 : 0, max_values: 1, ...placeholder, ...(initial ? { default_values: [{ id: initial, type: 'user' }] } : {}) };
    }
    case 'select': {
      const options = (field.options ?? []).slice(0, SELECT_OPTIONS_MAX).map((option) => ({
        label: toPlain(option.label, OPTION_MAX) || option.value,
        value: option.value.slice(0, OPTION_MAX),
        ...(option.value === field.initial ? { default: true } : {}),
      }));
      return { type: ComponentType.StringSelect, custom_id: field.id, required, min_values: required ? 1 : 0, max_values: 1, options, ...placeholder };
    }
    case 'text':
    case 'when':
    case 'number':
    case 'textarea':
      return {
        type: ComponentType.TextInput,
        custom_id: field.id,
        style: field.kind === 'textarea' ? TextInputStyle.Paragraph : TextInputStyle.Short,
        required,
        max_length: field.kind === 'textarea' ? TEXT_VALUE_MAX : 1000,
        ...placeholder,
        ...(field.initial ? { value: field.initial.slice(0, TEXT_VALUE_MAX) } : {}),
      };
  }
};

/**
 * One page of a form as a modal. A label longer than Discord's 45 characters (a standup question) is cut,
 * and shown whole in the label's description below it.
 */
export const toModal = (form: Form, page: number, customId: string): APIModalInteractionResponseCallbackData => {
  const pages = pagesOf(form);
  const fields = pages[page] ?? [];
  const title = pages.length > 1 ? `${toPlain(form.title, TITLE_MAX - 6)} (${page + 1}/${pages.length})` : toPlain(form.title, TITLE_MAX);
  return {
    custom_id: customId,
    title: title || '…',
    components: fields.map((field) => {
      const label = plainLabel(field.label);
      return {
        type: ComponentType.Label,
        label: truncate(label, LABEL_MAX),
        ...(label.length > LABEL_MAX ? { description: truncate(label, DESCRIPTION_MAX) } : {}),
        component: componentOf(field),
      };
    }),
  } as APIModalInteractionResponseCallbackData;
};

const plainLabel = (text: string) => toPlain(text, 1000) || '…';

/** What a submitted modal's components look like after discord.js read them (labels, or legacy action rows). */
type SubmittedComponent = { type: number; customId?: string; value?: string | null; values?: readonly string[]; component?: SubmittedComponent; components?: SubmittedComponent[] };

/**
 * The submitted values, one string per field answered: text as typed, a chosen option's value, a chosen
 * person as a mention (which the core reads as it reads a typed mention). Empty answers are left
 * out, as the Slack and console adapters leave them out.
 */
export const submittedValues = (components: readonly SubmittedComponent[] | undefined): Record<string, string> => {
  const values: Record<string, string> = {};
  const visit = (component: SubmittedComponent) => {
    if (component.component) return visit(component.component);
    if (component.components) return component.components.forEach(visit);
    if (!component.customId) return;
    const value = component.type === ComponentType.UserSelect ? (component.values?.[0] ? mention(component.values[0]) : '') : component.values ? (component.values[0] ?? '') : (component.value ?? '');
    if (value !== '') values[component.customId] = value;
  };
  for (const component of components ?? []) visit(component);
  return values;
};

/**
 * A form the core refused, to be asked again (a modal cannot answer a modal): every field filled in as it was
 * sent, opening at the page of the first refused field; the pages before it keep their answers, the pages
 * from it on are answered again (a field emptied there counts as emptied).
 */
export const refilled = (pending: PendingForm, sent: Record<string, string>, errors: readonly FieldError[]): PendingForm => {
  const pages = pagesOf(pending.form);
  const refusedPage = pages.findIndex((fields) => fields.some((field) => errors.some((error) => error.field === field.id)));
  const page = refusedPage === -1 ? 0 : refusedPage;
  const before = new Set(pages.slice(0, page).flat().map((field) => field.id));
  return {
    form: { ...pending.form, fields: pending.form.fields.map((field) => (sent[field.id] !== undefined ? { ...field, initial: sent[field.id]! } : field)) },
    origin: pending.origin,
    page,
    values: Object.fromEntries(Object.entries(sent).filter(([id]) => before.has(id))),
  };
};

// ---- open forms, between a modal's opening and its submission

/**
 * Open forms by a short key, which is what a modal's custom id (and a "continue" button's) carries: a form
 * and its origin do not fit in Discord's 100 characters. Kept in memory for an hour (an interaction's token
 * lasts 15 minutes; a modal left open longer is answered with "run the command again"). A restart forgets
 * them the same way.
 */
export interface PendingForms {
  open(entry: PendingForm): string;
  get(key: string): PendingForm | null;
  /** Stores a page's values and moves to the next page; returns the entry, or null when the key is gone. */
  advance(key: string, values: Record<string, string>): PendingForm | null;
  close(key: string): void;
}

const FORM_TTL_MS = 60 * 60_000;
const MAX_OPEN_FORMS = 10_000;

export const createPendingForms = ({ ttlMs = FORM_TTL_MS, now = Date.now }: { ttlMs?: number; now?: () => number } = {}): PendingForms => {
  const entries = new Map<string, { entry: PendingForm; at: number }>();
  const sweep = () => {
    const cutoff = now() - ttlMs;
    for (const [key, { at }] of entries) if (at < cutoff) entries.delete(key);
    while (entries.size >= MAX_OPEN_FORMS) entries.delete(entries.keys().next().value!);
  };
  const live = (key: string) => {
    const found = entries.get(key);
    if (!found || found.at < now() - ttlMs) return null;
    return found;
  };
  return {
    open(entry) {
      sweep();
      const key = randomBytes(9).toString('base64url');
      entries.set(key, { entry, at: now() });
      return key;
    },
    get: (key) => live(key)?.entry ?? null,
    advance(key, values) {
      const found = live(key);
      if (!found) return null;
      found.entry = { ...found.entry, page: found.entry.page + 1, values: { ...found.entry.values, ...values } };
      found.at = now();
      return found.entry;
    },
    close: (key) => void entries.delete(key),
  };
};

/** A modal's custom id, and the "open the form" button's. */
export const MODAL_PREFIX = 'rhm|';
export const OPEN_FORM_PREFIX = 'rho|';
export const modalCustomId = (key: string) => `${MODAL_PREFIX}${key}`;
export const openFormCustomId = (key: string) => `${OPEN_FORM_PREFIX}${key}`;
export const keyOf = (customId: string, prefix: string): string | null => (customId.startsWith(prefix) ? customId.slice(prefix.length) : null);
