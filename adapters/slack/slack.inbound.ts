import { createHash } from 'node:crypto';
import type { AllMiddlewareArgs, App, BlockAction, RespondFn, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs, SlackEventMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction, webApi } from '@slack/bolt';
import type { Bot } from '../../src/core/bot.js';
import { mention } from '../../src/core/mentions.js';
import type { Invocation, InvocationInput } from '../../src/core/invocation.js';
import type { Logger, UserDirectory, UserInfo } from '../../src/core/ports.js';
import type { SlackDirectory, SlackUser } from './slack.directory.js';
import { decodeFormMetadata, fieldLabels, FORM_CALLBACK_ID, submittedValues, toModalView, viewErrors, type FormMetadata } from './slack.forms.js';
import type { DmChannels } from './slack.outbound.js';
import { actionIdOf, toHomeView, toSlackMessage, toSlackMessages } from './slack.render.js';
import { deliverReply, type ReplySink } from './slack.replies.js';
import { formErrorsMessage } from '../../src/core/replies.js';
import type { Reply } from '../../src/core/invocation.js';
import type { WorkQueue } from './slack.work.js';
import { errorMessage } from '../../src/core/errors.js';

type WebClient = webApi.WebClient;
type Channel = Invocation['channel'];

// ---- translation: Slack payloads -> core invocations (pure)

/** A channel id starting with D is a direct message; slash commands also say `directmessage`. */
export const channelOf = (id: string, name?: string): Channel => ({ id, isDm: id.startsWith('D') || name === 'directmessage' });

export const slackInvocation = ({ id, teamId, actor, channel, input, directory }: { id: string; teamId: string; actor: UserInfo; channel: Channel; input: InvocationInput; directory: UserDirectory }): Invocation => ({
  id,
  platform: 'slack',
  workspace: { externalId: teamId },
  actor,
  channel,
  input,
  directory,
});

const shortHash = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 16);

type ActionElement = { action_id: string; value?: string; selected_option?: { value?: string } | null; selected_user?: string | null };

export const actionValueOf = (action: ActionElement): string => action.value ?? action.selected_option?.value ?? action.selected_user ?? '';

/**
 * The same click, however often it reaches us, has the same id; so does a double click on one message.
 * Slack gives every click its own trigger and action ts, so the id is built from what was clicked instead:
 * the message (or view) and its current content, the button and its value. Once the core replaces the
 * message, its content (and so the id) changes, and a new click on the new message counts.
 */
export const actionInvocationId = (body: Pick<BlockAction, 'container' | 'message' | 'view' | 'trigger_id'>, teamId: string, action: ActionElement): string => {
  const what = `${action.action_id}:${actionValueOf(action)}`;
  const container = body.container as { type?: string; channel_id?: string; message_ts?: string };
  if (container.type === 'view' && body.view) return `action:${teamId}:view:${body.view.id}:${body.view.hash}:${what}`;
  if (container.channel_id && container.message_ts) {
    const version = body.message ? shortHash(JSON.stringify(body.message.blocks ?? body.message.text ?? '')) : 'ephemeral';
    return `action:${teamId}:${container.channel_id}:${container.message_ts}:${version}:${what}`;
  }
  return `action:${teamId}:trigger:${body.trigger_id}`;
};

/** The envelope's event_id is the same on every retry; an old payload without one falls back to channel and ts. */
export const messageInvocationId = (body: { event_id?: string }, event: { channel: string; ts: string }, teamId: string): string =>
  body.event_id ? `event:${body.event_id}` : `message:${teamId}:${event.channel}:${event.ts}`;

// ---- listeners

export interface InboundDeps {
  bot: Pick<Bot, 'handle' | 'home'>;
  directory: SlackDirectory;
  dms: DmChannels;
  logger: Logger;
  /** Runs what comes after the ack (the core, then the reply). */
  work: WorkQueue;
  /** Righthand was uninstalled from a workspace, or its bot token revoked. */
  onUninstalled(team: { teamId?: string; enterpriseId?: string; isEnterpriseInstall: boolean }): Promise<void>;
  /**
   * The core without the work queue's hold, for a modal's submission, whose answer goes in its own ack: the
   * queue holds new core work while any ack is pending, this one's included (see the view listener).
   */
  handleBeforeAck?: Bot['handle'];
  /** How long a modal's submission waits for the core before the ack closes it (see the view listener). */
  formAckWithinMs?: number;
}

/** Slack waits 3 s for a view_submission's answer; what is left after this goes to the network. */
export const FORM_ACK_WITHIN_MS = 2_000;


const teamOf = (context: AllMiddlewareArgs['context'], fallback?: string | null): string => {
  const team = context.teamId ?? context.enterpriseId ?? fallback;
  if (!team) throw new Error('a Slack payload without a team id');
  return team;
};

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type MessageArgs = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;
type HomeArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;
/** Slack writes a mention as `<@U123>` or `<@U123|maria>`; the core reads its own form. */
export const neutralMentions = (text: string): string => text.replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_whole, id: string) => mention(id));

type DmEvent = { channel: string; user: string; ts: string; text?: string };

/**
 * Every listener acks first (Slack's 3 seconds) and hands the rest to the work queue: the core, then the
 * reply through whatever the payload offers (see ReplySink).
 */
export const registerInbound = (app: App, deps: InboundDeps): void => {
  const { bot, directory, dms, logger, work } = deps;

  const actorOf = async (people: UserDirectory, userId: string, name?: string): Promise<UserInfo> => (await people.lookup(userId)) ?? { userId, displayName: name || userId };

  /** Posts to the person's DM with the bot: where answers go when there is no better place. */
  const sayInDm = async (client: WebClient, teamId: string, userId: string, message: Parameters<ReplySink['say']>[0]) => {
    const channel = await dms.open(client, teamId, userId);
    for (const part of toSlackMessages(message)) await client.chat.postMessage({ channel, ...part });
  };

  const openModal = (client: WebClient, triggerId: string, channel: Channel): ReplySink['openForm'] => async (form) => {
    await client.views.open({ trigger_id: triggerId, view: toModalView(form, channel) });
  };

  const publishHome = async (client: WebClient, teamId: string, actor: UserInfo, people: UserDirectory) => {
    const message = await bot.home({ platform: 'slack', workspace: { externalId: teamId }, actor, directory: people });
    await client.views.publish({ user_id: actor.userId, view: toHomeView(message) });
  };

  /** A slash command: every command goes to the core, which knows its commands (and answers unknown ones). */
  const answerCommand = async ({ command, respond, client, context }: Pick<CommandArgs, 'command' | 'respond' | 'client' | 'context'>) => {
    const teamId = teamOf(context, command.team_id);
    const people = directory.forTeam(teamId, client);
    const channel = channelOf(command.channel_id, command.channel_name);
    const invocation = slackInvocation({
      id: `command:${command.trigger_id}`,
      teamId,
      actor: await actorOf(people, command.user_id, command.user_name),
      channel,
      input: { kind: 'command', command: command.command, text: neutralMentions(command.text ?? '') },
      directory: people,
    });
    const say: ReplySink['say'] = async (message, visibility) => {
      for (const part of toSlackMessages(message)) await respond({ response_type: visibility === 'channel' ? 'in_channel' : 'ephemeral', ...part });
    };
    await deliverReply(await bot.handle(invocation), { say, replace: (message) => say(message, 'ephemeral'), openForm: openModal(client, command.trigger_id, channel) });
  };

  /** A button (or any block action), on a message or on the App Home. */
  const answerAction = async ({ body, action, respond, client, context }: Pick<ActionArgs, 'body' | 'action' | 'respond' | 'client' | 'context'>) => {
    const teamId = teamOf(context, body.team?.id ?? body.user.team_id);
    const people = directory.forTeam(teamId, client);
    const actor = await actorOf(people, body.user.id, body.user.name ?? body.user.username);
    const container = body.container as { type?: string; channel_id?: string; message_ts?: string; is_ephemeral?: boolean };
    const channelId = body.channel?.id ?? container.channel_id;
    const channel: Channel = channelId ? channelOf(channelId) : { id: `home:${actor.userId}`, isDm: true };
    const element = action as ActionElement;
    const reply = await bot.handle(
      slackInvocation({
        id: actionInvocationId(body, teamId, element),
        teamId,
        actor,
        channel,
        input: { kind: 'action', actionId: actionIdOf(element.action_id), value: actionValueOf(element) },
        directory: people,
      }),
    );
    const openForm = openModal(client, body.trigger_id, channel);
    if (!container.message_ts || !channelId) {
      // A button on a view (the App Home): answers go to the DM, and the home is drawn again.
      const say: ReplySink['say'] = (message) => sayInDm(client, teamId, actor.userId, message);
      const onHome = container.type === 'view' && body.view?.type === 'home';
      const replace: ReplySink['replace'] = onHome ? () => publishHome(client, teamId, actor, people) : (message) => say(message, 'ephemeral');
      await deliverReply(reply, { say, replace, openForm });
      return;
    }
    // Bolt types `respond` as always there; a payload without a response_url has none.
    const viaUrl = respond as RespondFn | undefined;
    const say: ReplySink['say'] = async (message, visibility) => {
      for (const part of toSlackMessages(message)) {
        if (viaUrl) await viaUrl({ response_type: visibility === 'channel' ? 'in_channel' : 'ephemeral', replace_original: false, ...part });
        else if (visibility === 'channel') await client.chat.postMessage({ channel: channelId, ...part });
        else await client.chat.postEphemeral({ channel: channelId, user: actor.userId, ...part });
      }
    };
    const replace: ReplySink['replace'] = async (message) => {
      const part = toSlackMessage(message);
      if (!container.is_ephemeral) await client.chat.update({ channel: channelId, ts: container.message_ts!, ...part });
      else if (viaUrl) await viaUrl({ replace_original: true, ...part });
      else await say(message, 'ephemeral');
    };
    await deliverReply(reply, { say, replace, openForm });
  };

  /**
   * A modal submitted: the core's answer, and how to deliver it once the ack closed the modal: to the channel it
   * was opened from.
   */
  const answerForm = async ({ body, view, client, context }: Pick<ViewArgs, 'body' | 'view' | 'client' | 'context'>, metadata: FormMetadata): Promise<{ reply: Reply; deliver: () => Promise<void> }> => {
    const teamId = teamOf(context, body.team?.id ?? view.team_id);
    const people = directory.forTeam(teamId, client);
    const actor = await actorOf(people, body.user.id, body.user.name);
    const { channel } = metadata;
    const reply = await (deps.handleBeforeAck ?? bot.handle)(
      slackInvocation({
        id: `view:${view.id}`,
        teamId,
        actor,
        channel,
        input: { kind: 'form', formId: metadata.formId, privateValue: metadata.privateValue, values: submittedValues(view.state) },
        directory: people,
      }),
    );
    const say: ReplySink['say'] = async (message, visibility) => {
      try {
        for (const part of toSlackMessages(message)) {
          if (visibility === 'channel' || channel.isDm) await client.chat.postMessage({ channel: channel.id, ...part });
          else await client.chat.postEphemeral({ channel: channel.id, user: actor.userId, ...part });
        }
      } catch (error) {
        // Not in that channel (a DM between two people, a channel the bot left): the person's DM instead.
        logger.info({ channel: channel.id, err: errorMessage(error) }, 'slack form answer goes to the DM instead');
        await sayInDm(client, teamId, actor.userId, message);
      }
    };
    // Field errors that came too late for the modal (it closed): said as a message, each field by its label.
    const labels = fieldLabels(view);
    const deliver = () =>
      deliverReply(reply, {
        say,
        replace: (message) => say(message, 'ephemeral'),
        openForm: openModal(client, body.trigger_id, channel),
        formErrors: (refused) => say(formErrorsMessage(refused, (field) => labels.get(field)), 'ephemeral'),
      });
    return { reply, deliver };
  };

  /** A reply typed in the DM with the bot. */
  const answerDm = async ({ event, body, client, context }: Pick<MessageArgs, 'body' | 'client' | 'context'> & { event: DmEvent }) => {
    const teamId = teamOf(context, body.team_id);
    const people = directory.forTeam(teamId, client);
    const reply = await bot.handle(
      slackInvocation({
        id: messageInvocationId(body, event, teamId),
        teamId,
        actor: await actorOf(people, event.user),
        channel: { id: event.channel, isDm: true },
        input: { kind: 'message', text: neutralMentions(event.text ?? '') },
        directory: people,
      }),
    );
    const say: ReplySink['say'] = async (message) => {
      for (const part of toSlackMessages(message)) await client.chat.postMessage({ channel: event.channel, ...part });
    };
    await deliverReply(reply, {
      say,
      replace: (message) => say(message, 'ephemeral'),
      openForm: async (form) => logger.warn({ form: form.formId }, 'a DM message cannot open a Slack modal (no trigger); form dropped'),
    });
  };

  const showHome = async ({ event, client, context }: Pick<HomeArgs, 'event' | 'client' | 'context'>) => {
    const teamId = teamOf(context);
    const people = directory.forTeam(teamId, client);
    await publishHome(client, teamId, await actorOf(people, event.user), people);
  };

  // The queued work keeps only what it uses: not `ack`, which holds the whole HTTP request and response.
  app.command(/^\/.+/, async ({ ack, command, respond, client, context }: CommandArgs) => {
    await ack();
    work.run('command', () => answerCommand({ command, respond, client, context }));
  });

  app.action({ type: 'block_actions' }, async ({ ack, body, action, respond, client, context }: ActionArgs) => {
    await ack();
    work.run('action', () => answerAction({ body, action, respond, client, context }));
  });

  /**
   * Unlike every other listener, a submission runs the core before the ack: only the ack's own body can keep the
   * modal open with an error next to a field (`response_action: errors`), and a refused form changed nothing, so
   * it can be sent again as it is. The wait is bounded (`formAckWithinMs`): a slower core gets a plain ack (the
   * modal closes) and its answer follows as usual, field errors as a message. Not through `work.limit`
   * (`handleBeforeAck`), which holds new core work while an ack is pending, this one's included.
   */
  app.view({ type: 'view_submission' }, async ({ ack, body, view, client, context }: ViewArgs) => {
    const metadata = view.callback_id === FORM_CALLBACK_ID ? decodeFormMetadata(view.private_metadata) : null;
    if (!metadata) {
      await ack();
      logger.warn({ view: view.id }, 'slack modal without Righthand metadata ignored');
      return;
    }
    const answered = answerForm({ body, view, client, context }, metadata);
    const quick = await settledWithin(answered, deps.formAckWithinMs ?? FORM_ACK_WITHIN_MS);
    const errors = quick && quick.reply.kind === 'formErrors' ? viewErrors(quick.reply.errors, view) : null;
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    work.run('form', async () => (await answered).deliver());
  });

  // Events are acked by Bolt before the listener runs.
  app.event('message', async ({ event, body, client, context }: MessageArgs) => {
    if (event.channel_type !== 'im' || event.subtype !== undefined || event.bot_id) return;
    work.run('message', () => answerDm({ event, body, client, context }));
  });

  app.event('app_home_opened', async ({ event, client, context }: HomeArgs) => {
    if (event.tab === 'home') work.run('home', () => showHome({ event, client, context }));
  });

  app.event('user_change', async ({ event, context }: SlackEventMiddlewareArgs<'user_change'> & AllMiddlewareArgs) => {
    directory.update(teamOf(context), event.user as SlackUser);
  });

  app.event('app_uninstalled', async ({ context }: SlackEventMiddlewareArgs<'app_uninstalled'> & AllMiddlewareArgs) => {
    await deps.onUninstalled(context);
  });

  app.event('tokens_revoked', async ({ event, context }: SlackEventMiddlewareArgs<'tokens_revoked'> & AllMiddlewareArgs) => {
    // Only the bot token matters: Righthand asks for no user tokens.
    if ((event.tokens.bot ?? []).length > 0) await deps.onUninstalled(context);
  });
};

/** The value of `promise` if it resolves within `ms`; null when it is slower or fails (its failure is someone else's to log). */
const settledWithin = async <T>(promise: Promise<T>, ms: number): Promise<T | null> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise.catch(() => null), new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))]);
  } finally {
    clearTimeout(timer);
  }
};
