import type { Bot } from '../../src/core/bot.js';
import type { Invocation, Reply } from '../../src/core/invocation.js';

/**
 * The bot as an adapter harness hands it to the adapter: every invocation it handles (directly, or as
 * accepted work once it ran) is recorded with its reply, and `slow.ms` makes the core that much slower (a
 * genuinely slow handler, for the defer and late-ack paths). `slow.until` holds it until the test lets go: a
 * stall that must outlast something else (another instance's claim) cannot be a fixed time on a busy machine.
 * `slow.settled` counts accepted runs that returned, taken over or not.
 */
export const trackBot = (bot: Bot) => {
  const handled: { invocation: Invocation; reply: Reply }[] = [];
  const slow: { ms: number; until: Promise<unknown> | null; settled: number } = { ms: 0, until: null, settled: 0 };
  const pause = () => (slow.until ? slow.until : slow.ms > 0 ? new Promise((resolve) => setTimeout(resolve, slow.ms)) : Promise.resolve());
  const handle = async (invocation: Invocation) => {
    await pause();
    const reply = await bot.handle(invocation);
    handled.push({ invocation, reply });
    return reply;
  };
  const accepted = {
    ...bot.accepted,
    run: async (...args: Parameters<Bot['accepted']['run']>) => {
      await pause();
      const answer = await bot.accepted.run(...args).finally(() => (slow.settled += 1));
      const [work, { directory, actor }] = args;
      if (answer) handled.push({ invocation: { ...work.invocation, actor: actor ?? work.invocation.actor, directory }, reply: answer.reply });
      return answer;
    },
  };
  return { handled, slow, handle, accepted };
};
