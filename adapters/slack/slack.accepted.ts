import type { webApi } from '@slack/bolt';
import type { AcceptedAnswer, AcceptedWork } from '../../src/core/accepted.js';
import { createAcceptedPickup } from '../../src/core/accepted-pickup.js';
import type { Bot } from '../../src/core/bot.js';
import type { Invocation } from '../../src/core/invocation.js';
import { errorMessage } from '../../src/core/errors.js';
import type { Logger, UserInfo } from '../../src/core/ports.js';
import type { SlackDirectory } from './slack.directory.js';
import type { DmChannels } from './slack.outbound.js';
import { toHomeView } from './slack.render.js';
import { deliverReply, RESPONSE_URL_FOR_MS, routeSink, type SlackRoute } from './slack.replies.js';
import type { WorkQueue } from './slack.work.js';

type WebClient = webApi.WebClient;

/**
 * Runs what was accepted before its ack (src/core/accepted.ts) and answers it along its stored route: at once
 * in the live process (the work queue, as any work after an ack), and, for what a dead or stopped instance
 * left, at start and every `everyMs`. A stopping instance starts nothing new: what it has not begun stays for
 * the next one.
 */
export interface SlackAccepted {
  /** Accepts an invocation before its ack, claimed by this instance; null for a duplicate. */
  accept(invocation: Invocation, route: SlackRoute, responseUrl: string | null): Promise<AcceptedWork | null>;
  /** The work the listener just accepted, run now (through the work queue). */
  runNow(work: AcceptedWork, client: WebClient): void;
  /** Runs now, without the queue's hold, and hands back the answer before sending it (a modal's ack needs it). */
  runForAck(work: AcceptedWork, client: WebClient): Promise<{ answer: AcceptedAnswer; send(): Promise<void> } | null>;
  /** Starts picking up what other instances left, now and every `everyMs`. */
  start(): void;
  /** Stops taking work; what is running may finish, the rest is released for the next instance. */
  stop(): void;
}

export interface SlackAcceptedDeps {
  bot: Pick<Bot, 'accepted' | 'home'>;
  directory: SlackDirectory;
  dms: DmChannels;
  logger: Logger;
  work: WorkQueue;
  clientFor(teamId: string): Promise<WebClient | null>;
  everyMs?: number;
}

const RECOVER_BATCH = 50;

export const createSlackAccepted = (deps: SlackAcceptedDeps): SlackAccepted => {
  const { bot, directory, dms, logger, work } = deps;
  const pickup = createAcceptedPickup({ platform: 'slack', ...(deps.everyMs !== undefined ? { everyMs: deps.everyMs } : {}), pass: () => recover() });
  const { workerId } = pickup;

  const actorOf = async (claimed: AcceptedWork, client: WebClient): Promise<UserInfo> => {
    const stored = claimed.invocation.actor;
    return (await directory.forTeam(String(claimed.route.teamId), client).lookup(stored.userId)) ?? stored;
  };

  /** Runs claimed work (or takes its stored reply) without sending it; null when there is nothing to send. */
  const runClaimed = async (claimed: AcceptedWork, client: WebClient, limited: boolean): Promise<{ answer: AcceptedAnswer; send(): Promise<void> } | null> => {
    const actor = await actorOf(claimed, client);
    const people = directory.forTeam(String(claimed.route.teamId), client);
    const go = async () => {
      if (pickup.stopping()) {
        await bot.accepted.release(claimed);
        return null;
      }
      return bot.accepted.run(claimed, { directory: people, actor });
    };
    const answer = await (limited ? work.limit(go) : go());
    if (!answer) return null;
    const route = claimed.route as unknown as SlackRoute;
    const young = answer.now.getTime() - claimed.acceptedAt.getTime() < RESPONSE_URL_FOR_MS;
    const send = async () => {
      const sink = routeSink({
        route,
        responseUrl: young ? claimed.secret : null,
        expired: !young && claimed.secret !== null,
        client,
        dms,
        logger,
        publishHome: async () => {
          const message = await bot.home({ platform: 'slack', workspace: { externalId: route.teamId }, actor, directory: people });
          await client.views.publish({ user_id: actor.userId, view: toHomeView(message) });
        },
      });
      await deliverReply(answer.reply, sink);
      await bot.accepted.replied(answer);
    };
    return { answer, send };
  };

  const runAndSend = async (claimed: AcceptedWork, client: WebClient) => {
    const ran = await runClaimed(claimed, client, true);
    await ran?.send();
  };

  const recover = async () => {
    try {
      await bot.accepted.extend({ platform: 'slack', workerId });
      for (;;) {
        const batch = await bot.accepted.claim({ platform: 'slack', workerId, limit: RECOVER_BATCH });
        for (const claimed of batch) {
          const client = await deps.clientFor(String(claimed.route.teamId));
          if (!client) {
            logger.warn({ team: claimed.route.teamId }, 'slack: accepted work of a workspace without an installation waits');
            continue;
          }
          work.run('accepted', () => runAndSend(claimed, client));
        }
        if (batch.length < RECOVER_BATCH || pickup.stopping()) break;
        await work.idle();
      }
    } catch (error) {
      logger.error({ err: errorMessage(error) }, 'slack: could not pick up accepted work');
    }
  };

  return {
    accept: (invocation, route, responseUrl) => bot.accepted.accept(invocation, { route: route as unknown as Record<string, unknown>, secret: responseUrl }, { workerId }),
    runNow(claimed, client) {
      work.run('accepted', () => runAndSend(claimed, client));
    },
    runForAck: (claimed, client) => runClaimed(claimed, client, false),
    start: pickup.start,
    stop: pickup.stop,
  };
};
