import type { z } from 'zod';
import { BotError, type ErrorParams } from './errors.js';
import { isMessageKey, t, type Locale, type MessageKey } from './i18n/catalog.js';
import type { Reply } from './invocation.js';
import type { FieldError } from './messages.js';

/**
 * Refusals of a submitted form that one of its fields can fix. Thrown from a form's run (or made by the bot
 * from the form's input schema and its `refusals`), they roll the invocation back like any refusal, but the
 * answer is a `formErrors` reply: the form stays open with the error next to the field.
 */
export interface FieldRefusal {
  field: string;
  code: MessageKey;
  params: ErrorParams;
}

export class FieldRefusals extends Error {
  readonly refusals: readonly FieldRefusal[];

  constructor(refusals: readonly FieldRefusal[]) {
    super(`form.field_refused: ${refusals.map((refusal) => `${refusal.field}=${refusal.code}`).join(', ')}`);
    this.name = 'FieldRefusals';
    this.refusals = refusals;
  }
}

export const isFieldRefusals = (error: unknown): error is FieldRefusals => error instanceof FieldRefusals;

/** One field refused: `throw refuseField('q2', 'standups.retry_scale')`. */
export const refuseField = (field: string, code: MessageKey, params: ErrorParams = {}): FieldRefusals => new FieldRefusals([{ field, code, params }]);

/**
 * Which field owns a refusal a form's run throws from code shared with the commands (a date that does not
 * read, a person not on the team), by error code: each entry is a code, or the start of codes (`time.`).
 */
export type FormRefusals = Readonly<Record<string, readonly string[]>>;

export const fieldOf = (refusals: FormRefusals | undefined, code: string): string | null => {
  for (const [field, codes] of Object.entries(refusals ?? {})) {
    if (codes.some((entry) => code === entry || code.startsWith(entry))) return field;
  }
  return null;
};

/** A form run's failure as field refusals, when a field owns it; null when it is not the fields' business. */
export const asFieldRefusals = (error: unknown, refusals: FormRefusals | undefined): FieldRefusals | null => {
  if (isFieldRefusals(error)) return error;
  if (!(error instanceof BotError)) return null;
  const field = fieldOf(refusals, error.code);
  return field ? refuseField(field, error.code, error.params) : null;
};

/**
 * The input schema's issues, one per field (the first), their messages catalog keys as everywhere; null when
 * an issue is about no field (the form as a whole), which the bot answers as before.
 */
export const fromZodIssues = (error: z.ZodError): FieldRefusals | null => {
  const refusals: FieldRefusal[] = [];
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field !== 'string') return null;
    if (refusals.some((refusal) => refusal.field === field)) continue;
    const code = isMessageKey(issue.message) ? issue.message : 'forms.invalid';
    refusals.push({ field, code, params: (issue as { params?: ErrorParams }).params ?? {} });
  }
  return refusals.length > 0 ? new FieldRefusals(refusals) : null;
};

/** A refusal as it reads next to its field: the short `forms.<code>` sentence where there is one, else the code's own. */
export const fieldMessage = (locale: Locale, refusal: Pick<FieldRefusal, 'code' | 'params'>): string => {
  const short = `forms.${refusal.code}`;
  return t(locale, isMessageKey(short) ? short : refusal.code, refusal.params);
};

export const formErrorsReply = (refusals: FieldRefusals, values: Record<string, string>, locale: Locale): Reply => ({
  kind: 'formErrors',
  errors: refusals.refusals.map((refusal): FieldError => ({ field: refusal.field, message: fieldMessage(locale, refusal) })),
  values,
  summary: t(locale, 'forms.not_saved'),
  retryLabel: t(locale, 'forms.fix'),
});
