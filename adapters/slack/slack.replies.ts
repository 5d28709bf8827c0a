import type { Reply } from '../../src/core/invocation.js';
import type { Form, Message } from '../../src/core/messages.js';

/**
 * Where a reply can go from the surface a person used. Each inbound kind (slash command, button, modal,
 * DM) builds one from what its payload offers (a response_url, a trigger, the clicked message), and
 * `deliverReply` is the same for all of them.
 */
export interface ReplySink {
  /** Shows a message to the person (ephemeral) or to the whole channel. */
  say(message: Message, visibility: 'ephemeral' | 'channel'): Promise<void>;
  /** Replaces the message whose button was clicked (or, with nothing clicked, shows the message to the person). */
  replace(message: Message): Promise<void>;
  /** Opens a modal (needs the trigger of the last 3 seconds). */
  openForm(form: Form): Promise<void>;
}

export const deliverReply = async (reply: Reply, sink: ReplySink): Promise<void> => {
  switch (reply.kind) {
    case 'none':
      return;
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
