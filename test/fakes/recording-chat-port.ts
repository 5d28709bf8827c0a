import { plainText } from '../../src/core/messages.js';
import type { ChatPort, OutboundMessage, Platform, SendResult } from '../../src/core/ports.js';

export interface RecordedSend extends OutboundMessage {
  text: string;
  /** The clock's time at hand-off, when the port was given a clock. */
  at: Date | null;
}

/**
 * A ChatPort that records what the outbox hands it. `respond` decides the platform's answer per call,
 * so tests can play a rate limit or closed DMs.
 */
export const createRecordingPort = (platform: Platform = 'console', now?: () => Date) => {
  const sent: RecordedSend[] = [];
  let respond: (message: OutboundMessage) => SendResult = () => ({ ok: true });
  const port: ChatPort = {
    platform,
    send: async (message) => {
      const result = respond(message);
      if (result.ok) sent.push({ ...message, text: plainText(message.message.text), at: now ? now() : null });
      return result.ok ? { ok: true, platformMessageId: `m${sent.length}` } : result;
    },
  };
  return {
    port,
    sent,
    respondWith(fn: (message: OutboundMessage) => SendResult) {
      respond = fn;
    },
    dmsTo: (userId: string) => sent.filter((item) => item.target.kind === 'dm' && item.target.userId === userId),
    clear: () => void sent.splice(0),
  };
};
