import { MessageFlags, Routes, type Client } from 'discord.js';
import type { AcceptedAnswer, AcceptedWork } from '../../src/core/accepted.js';
import { createAcceptedPickup } from '../../src/core/accepted-pickup.js';
import type { Bot } from '../../src/core/bot.js';
import { errorMessage } from '../../src/core/errors.js';
import type { Invocation } from '../../src/core/invocation.js';
import type { Message } from '../../src/core/messages.js';
import type { Logger } from '../../src/core/ports.js';
import { formErrorsMessage } from '../../src/core/replies.js';
import type { PendingForms } from './discord.forms.js';
import { guildDirectory } from './discord.people.js';
import { toDiscordMessage, toDiscordMessages, type DiscordMessage } from './discord.render.js';
import { deliverReply, isSlow, openFormMessage, optionsOf, postInChannel, within, type InteractionSink, type ReplySink } from './discord.replies.js';

/**
 * Discord interactions kept until answered (src/core/accepted.ts): accepted before anything is sent back, then
 * run as the live process always did (answered at once, or deferred and followed up). What a dead or stopped
 * instance left is run by the next one and answered through the interaction's webhook while its token lives
 * (15 minutes: the deferred "thinking…" is edited), otherwise in the channel (for everyone) or the DM.
 */
export interface DiscordRoute {
  /** 'reply': the interaction's answer is a message of its own; 'update': it is the clicked message. */
  answers: 'reply' | 'update';
  guildId: string;
  channel: { id: string; isDm: boolean };
  userId: string;
  applicationId: string;
}

/** An interaction token lives 15 minutes; past this age the answer is posted instead. */
export const TOKEN_FOR_MS = 14 * 60_000;

export interface DiscordAcceptedDeps {
  bot: Pick<Bot, 'accepted'>;
  client: Client;
  logger: Logger;
  forms: PendingForms;
  everyMs?: number;
}

export const createDiscordAccepted = (deps: DiscordAcceptedDeps) => {
  const { bot, client, logger, forms } = deps;
  const pickup = createAcceptedPickup({ platform: 'discord', ...(deps.everyMs !== undefined ? { everyMs: deps.everyMs } : {}), pass: () => recover() });
  const { workerId } = pickup;

  /** Runs the interaction the listener accepted: the core in the claim's transaction, then the live sink's answer. */
  const answer = async (sink: InteractionSink, invocation: Invocation, route: DiscordRoute, token: string, deferAfterMs: number): Promise<void> => {
    const claimed = await bot.accepted.accept(invocation, { route: route as unknown as Record<string, unknown>, secret: token }, { workerId });
    // The same click again (its id is what was clicked): acknowledged, nothing more.
    if (!claimed) return sink.acknowledge();
    const ran = pickup.stopping() ? bot.accepted.release(claimed).then(() => null) : bot.accepted.run(claimed, { directory: invocation.directory });
    const quick = await within(ran, deferAfterMs);
    let done: AcceptedAnswer | null;
    if (isSlow(quick)) {
      await sink.defer();
      done = await ran;
    } else {
      done = quick;
      // Left for another attempt (see accepted.ts): deferred, so the webhook can answer it later.
      if (!done) return sink.defer();
    }
    if (!done) return;
    await deliverReply(done.reply, sink);
    await bot.accepted.replied(done);
  };

  /** Where a recovered answer goes: the interaction's webhook while the token lives, else the channel or the DM. */
  const recoverySink = (claimed: AcceptedWork, route: DiscordRoute, fresh: boolean): ReplySink => {
    const token = fresh ? claimed.secret : null;
    const render = (message: Message) => toDiscordMessages(message, { guildId: route.guildId });
    const inDm = async (parts: DiscordMessage[]) => {
      const dm = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: route.userId } })) as { id: string };
      await postInChannel(client, dm.id, parts);
    };
    const posted = async (parts: DiscordMessage[], ephemeral: boolean) => {
      if (!ephemeral && !route.channel.isDm) return postInChannel(client, route.channel.id, parts);
      return inDm(parts);
    };
    const viaWebhook = async (parts: DiscordMessage[], ephemeral: boolean): Promise<boolean> => {
      if (!token) return false;
      try {
        const [first, ...rest] = parts;
        if (route.answers === 'reply' && ephemeral) await client.rest.patch(Routes.webhookMessage(route.applicationId, token, '@original'), { body: optionsOf(first!), auth: false });
        else {
          // The deferred placeholder (ephemeral) cannot turn public, and a deferred click has no message of its own.
          if (route.answers === 'reply') await client.rest.delete(Routes.webhookMessage(route.applicationId, token, '@original'), { auth: false }).catch(() => {});
          if (!ephemeral) return false;
          await client.rest.post(Routes.webhook(route.applicationId, token), { body: { ...optionsOf(first!), flags: MessageFlags.Ephemeral }, auth: false });
        }
        for (const part of rest) await client.rest.post(Routes.webhook(route.applicationId, token), { body: { ...optionsOf(part), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) }, auth: false });
        return true;
      } catch (error) {
        // Never deferred (the instance died within Discord's 3 s), or the token ran out: post it instead.
        logger.info({ invocation: claimed.id, err: errorMessage(error) }, 'discord: a recovered answer is posted instead of through the interaction');
        return false;
      }
    };
    const send = async (parts: DiscordMessage[], ephemeral: boolean) => {
      if (!(await viaWebhook(parts, ephemeral))) await posted(parts, ephemeral);
    };
    return {
      say: (message, visibility) => send(render(message), visibility === 'ephemeral'),
      async replace(message) {
        const part = toDiscordMessage(message, { guildId: route.guildId });
        if (token && route.answers === 'update') {
          try {
            await client.rest.patch(Routes.webhookMessage(route.applicationId, token, '@original'), { body: optionsOf(part), auth: false });
            return;
          } catch (error) {
            logger.info({ invocation: claimed.id, err: errorMessage(error) }, 'discord: the clicked message could not be replaced; the answer is posted');
          }
        }
        await send([part], true);
      },
      openForm: (form) => send([openFormMessage(form, forms.open({ form, origin: { guildId: route.guildId, channel: route.channel }, page: 0, values: {} }), 0)], true),
      formErrors: (reply) => send(render(formErrorsMessage(reply)), true),
      acknowledge: async () => {
        if (token && route.answers === 'reply') await client.rest.delete(Routes.webhookMessage(route.applicationId, token, '@original'), { auth: false }).catch(() => {});
      },
    };
  };

  const recoverOne = async (claimed: AcceptedWork) => {
    if (pickup.stopping()) return bot.accepted.release(claimed);
    const route = claimed.route as unknown as DiscordRoute;
    const done = await bot.accepted.run(claimed, { directory: guildDirectory({ client, guildId: route.guildId, logger }) });
    if (!done) return;
    const fresh = done.now.getTime() - claimed.acceptedAt.getTime() < TOKEN_FOR_MS;
    await deliverReply(done.reply, recoverySink(claimed, route, fresh));
    await bot.accepted.replied(done);
  };

  const recover = async () => {
    if (!client.isReady()) return;
    try {
      await bot.accepted.extend({ platform: 'discord', workerId });
      const batch = await bot.accepted.claim({ platform: 'discord', workerId, limit: 20 });
      for (const claimed of batch) await recoverOne(claimed).catch((error: unknown) => logger.error({ invocation: claimed.id, err: errorMessage(error) }, 'discord: accepted work failed'));
    } catch (error) {
      logger.error({ err: errorMessage(error) }, 'discord: could not pick up accepted work');
    }
  };

  return {
    answer,
    start: pickup.start,
    stop: pickup.stop,
  };
};

export type DiscordAccepted = ReturnType<typeof createDiscordAccepted>;
