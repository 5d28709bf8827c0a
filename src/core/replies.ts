import type { Reply } from './invocation.js';
import { compose, type Form, type Message } from './messages.js';

type FormErrors = Extract<Reply, { kind: 'formErrors' }>;

/**
 * Where a reply can go from the surface a person used. Each adapter's inbound kinds (slash command, button,
 * modal, DM) build one from what their payload offers, and `deliverReply` is the same for every platform.
 */
export interface ReplySink {
  /** Shows a message to the person (ephemeral) or to the whole channel. */
  say(message: Message, visibility: 'ephemeral' | 'channel'): Promise<void>;
  /** Replaces the message whose button was clicked (or, with nothing clicked, shows the message to the person). */
  replace(message: Message): Promise<void>;
  /** Opens a form (a modal where the platform still allows one). */
  openForm(form: Form): Promise<void>;
  /** The core has nothing to say: acknowledges what must be answered all the same (Discord's interactions). */
  acknowledge?(): Promise<void>;
  /**
   * A submitted form was refused field by field: ask again with the values kept (Discord: a message and a
   * button that reopens the modal). Without it, the errors are said as a message (the form is gone).
   */
  formErrors?(reply: FormErrors): Promise<void>;
}

/**
 * The errors of a refused form as a message: the summary, then one line per field, named by its label where
 * the adapter knows it (its id otherwise).
 */
export const formErrorsMessage = (reply: FormErrors, labelOf: (field: string) => string | undefined = () => undefined): Message =>
  compose([
    { type: 'text', text: reply.summary },
    { type: 'text', text: reply.errors.map((error) => `• ${labelOf(error.field) ?? error.field}: ${error.message}`).join('\n') },
  ]);

export const deliverReply = async (reply: Reply, sink: ReplySink): Promise<void> => {
  switch (reply.kind) {
    case 'none':
      return sink.acknowledge?.();
    case 'message':
      return sink.say(reply.message, reply.visibility);
    case 'form':
      return sink.openForm(reply.form);
    case 'formErrors':
      return sink.formErrors ? sink.formErrors(reply) : sink.say(formErrorsMessage(reply), 'ephemeral');
    case 'update':
      await sink.replace(reply.message);
      if (reply.notice) await sink.say(reply.notice, 'ephemeral');
      return;
  }
};
