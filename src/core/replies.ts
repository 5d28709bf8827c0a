import type { Reply } from './invocation.js';
import type { Form, Message } from './messages.js';

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
}

export const deliverReply = async (reply: Reply, sink: ReplySink): Promise<void> => {
  switch (reply.kind) {
    case 'none':
      return sink.acknowledge?.();
    case 'message':
      return sink.say(reply.message, reply.visibility);
    case 'form':
      return sink.openForm(reply.form);
    case 'update':
      await sink.replace(reply.message);
      if (reply.notice) await sink.say(reply.notice, 'ephemeral');
      return;
  }
};
