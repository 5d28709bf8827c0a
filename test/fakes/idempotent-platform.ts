import { plainText } from '../../src/core/messages.js';
import type { ChatPort, Clock, OutboundMessage, Platform, SendResult } from '../../src/core/ports.js';

export interface PlatformCall {
  deliveryId: number;
  workspace: string;
  target: string;
  text: string;
  /** The scheduler clock when the message was handed over. */
  at: Date;
}

/**
 * A chat platform that honours an idempotency key the way Discord honours a message nonce: a message
 * with a key it has already accepted returns the first message instead of posting a second one.
 * `calls` is every hand-off (raw, duplicates included); `messages` is what people would see.
 * `respond` plays the platform's answer (a 429, closed DMs) before the dedupe, as a real API would.
 */
export const createIdempotentPlatform = ({ platform, clock, delayMs = 0 }: { platform: Platform; clock: Clock; delayMs?: number }) => {
  const calls: PlatformCall[] = [];
  const messages: PlatformCall[] = [];
  const accepted = new Map<number, string>();
  let respond: (message: OutboundMessage, call: PlatformCall) => SendResult | null = () => null;
  const port: ChatPort = {
    platform,
    send: async (message) => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const target = message.target.kind === 'dm' ? `dm:${message.target.userId}` : `channel:${message.target.channelId}`;
      const call: PlatformCall = { deliveryId: message.deliveryId, workspace: message.workspaceExternalId, target, text: plainText(message.message.text), at: clock.now() };
      calls.push(call);
      const answer = respond(message, call);
      if (answer && !answer.ok) return answer;
      const known = accepted.get(message.deliveryId);
      if (known) return { ok: true, platformMessageId: known };
      const platformMessageId = `msg-${accepted.size + 1}`;
      accepted.set(message.deliveryId, platformMessageId);
      messages.push(call);
      return { ok: true, platformMessageId };
    },
  };
  return {
    port,
    calls,
    messages,
    /** Return a failure to play it, or null to accept the message. */
    respondWith(fn: (message: OutboundMessage, call: PlatformCall) => SendResult | null) {
      respond = fn;
    },
    to: (workspace: string, target: string) => messages.filter((call) => call.workspace === workspace && call.target === target),
  };
};
