import type { FieldError, Form, Message } from './messages.js';
import type { Platform, UserDirectory, UserInfo } from './ports.js';

export type InvocationInput =
  // `options` carries already-structured input (Discord's typed options); otherwise `text` is parsed.
  | { kind: 'command'; command: string; text: string; options?: Record<string, unknown> }
  | { kind: 'action'; actionId: string; value: string }
  | { kind: 'form'; formId: string; privateValue: string; values: Record<string, string> }
  | { kind: 'message'; text: string }
  /** The platform says the actor joined the channel (Slack `member_joined_channel`): the core decides what it means. */
  | { kind: 'joined' };

/** One thing a person did on a platform, translated by an adapter. */
export interface Invocation {
  /** The platform's id for this event; the same id twice is handled once (retries, double clicks). */
  id: string;
  platform: Platform;
  workspace: { externalId: string; name?: string };
  actor: UserInfo;
  channel: { id: string; isDm: boolean };
  input: InvocationInput;
  directory: UserDirectory;
}

export type Reply =
  | { kind: 'message'; message: Message; visibility: 'ephemeral' | 'channel' }
  | { kind: 'form'; form: Form }
  /** Replaces the message whose button was clicked, so nobody clicks twice; `notice` is an extra ephemeral line. */
  | { kind: 'update'; message: Message; notice?: Message }
  /**
   * A submitted form refused for what some fields say; nothing it did was kept. The form stays open (or comes
   * back) with `values` as submitted and each error next to its field; `summary` and `retryLabel` are for
   * platforms that must ask again with a message and a button.
   */
  | { kind: 'formErrors'; errors: FieldError[]; values: Record<string, string>; summary: string; retryLabel: string }
  | { kind: 'none' };

export const ephemeral = (message: Message): Reply => ({ kind: 'message', message, visibility: 'ephemeral' });
export const inChannel = (message: Message): Reply => ({ kind: 'message', message, visibility: 'channel' });
export const noReply: Reply = { kind: 'none' };
