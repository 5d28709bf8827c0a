import { createHash } from 'node:crypto';
import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs, SlackEventMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction, webApi } from '@slack/bolt';
import type { Bot } from '../../src/core/bot.js';
import { mention } from '../../src/core/mentions.js';
import type { Invocation, InvocationInput } from '../../src/core/invocation.js';
import type { Logger, UserDirectory, UserInfo } from '../../src/core/ports.js';
import type { SlackDirectory, SlackUser } from './slack.directory.js';
import { decodeFormMetadata, fieldLabels, FORM_CALLBACK_ID, submittedValues, toModalView, viewErrors, type FormMetadata } from './slack.forms.js';
import type { DmChannels } from './slack.outbound.js';
import { actionIdOf, toHomeView, toSlackMessage, toSlackMessages } from './slack.render.js';
import { deliverReply, type ReplySink } from './slack.replies.js';
import type { WorkQueue } from './slack.work.js';
import type { SlackAccepted } from './slack.accepted.js';
import type { AcceptedWork } from '../../src/core/accepted.js';
import type { SlackRoute } from './slack.replies.js';
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
  bot: Pick<Bot, 'handle' | 'home' | 'accepted'>;
  /** Runs what was accepted before its ack, and answers it along its stored route. */
  durable: SlackAccepted;
  directory: SlackDirectory;
  dms: DmChannels;
  logger: Logger;
  /** Runs what comes after the ack (the core, then the reply). */
  work: WorkQueue;
  /** Righthand was uninstalled from a workspace, or its bot token revoked. */
  onUninstalled(team: { teamId?: string; enterpriseId?: string; isEnterpriseInstall: boolean }): Promise<void>;
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
type JoinArgs = SlackEventMiddlewareArgs<'member_joined_channel'> & AllMiddlewareArgs;
/** Slack writes a mention as `<@U123>` or `<@U123|maria>`; the core reads its own form. */
export const neutralMentions = (text: string): string => text.replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_whole, id: string) => mention(id));

type DmEvent = { channel: string; user: string; ts: string; text?: string };

/** An accepted invocation is stored without its directory; the adapter gives it one when it runs. */
const NO_DIRECTORY: UserDirectory = { lookup: async () => null };

/**
 * Every listener acks first (Slack's 3 seconds) and hands the rest to the work queue: the core, then the
 * reply through whatever the payload offers (see ReplySink).
 */
export const registerInbound = (app: App, deps: InboundDeps): void => {
  const { bot, directory, dms, logger, work, durable } = deps;

  const actorOf = async (people: UserDirectory, userId: string, name?: string): Promise<UserInfo> => (await people.lookup(userId)) ?? { userId, displayName: name || userId };

  /**
   * Accepts the work before the ack (one insert, src/core/accepted.ts): the work when it is new. A second delivery of
   * the same id is acked with nothing more; a database that cannot take it fails the request (Slack says so)
   * rather than acking what would be lost.
   */
  const accept = (invocation: Invocation, route: SlackRoute, responseUrl: string | undefined): Promise<AcceptedWork | null> => durable.accept(invocation, route, responseUrl || null);

  /** Who did it, as far as the payload says: the directory's look-up (users.info) waits until after the ack. */
  const actorNamed = (userId: string, name?: string): UserInfo => ({ userId, displayName: name || userId });

  /** A slash command: every command goes to the core, which knows its commands (and answers unknown ones). */
  const acceptCommand = async ({ command, context }: Pick<CommandArgs, 'command' | 'context'>): Promise<AcceptedWork | null> => {
    const teamId = teamOf(context, command.team_id);
    const channel = channelOf(command.channel_id, command.channel_name);
    const invocation = slackInvocation({
      id: `command:${command.trigger_id}`,
      teamId,
      actor: actorNamed(command.user_id, command.user_name),
      channel,
      input: { kind: 'command', command: command.command, text: neutralMentions(command.text ?? '') },
      directory: NO_DIRECTORY,
    });
    const route: SlackRoute = { kind: 'command', teamId, userId: command.user_id, channel, triggerId: command.trigger_id };
    return accept(invocation, route, command.response_url);
  };

  /** A button (or any block action), on a message or on the App Home. */
  const acceptAction = async ({ body, action, context }: Pick<ActionArgs, 'body' | 'action' | 'context'>): Promise<AcceptedWork | null> => {
    const teamId = teamOf(context, body.team?.id ?? body.user.team_id);
    const container = body.container as { type?: string; channel_id?: string; message_ts?: string; is_ephemeral?: boolean };
    const channelId = body.channel?.id ?? container.channel_id;
    const channel: Channel = channelId ? channelOf(channelId) : { id: `home:${body.user.id}`, isDm: true };
    const element = action as ActionElement;
    const invocation = slackInvocation({
      id: actionInvocationId(body, teamId, element),
      teamId,
      actor: actorNamed(body.user.id, body.user.name ?? body.user.username),
      channel,
      input: { kind: 'action', actionId: actionIdOf(element.action_id), value: actionValueOf(element) },
      directory: NO_DIRECTORY,
    });
    const route: SlackRoute = {
      kind: 'action',
      teamId,
      userId: body.user.id,
      channel,
      triggerId: body.trigger_id,
      ...(container.message_ts && channelId ? { message: { channelId, ts: container.message_ts, ephemeral: Boolean(container.is_ephemeral) } } : {}),
      ...(container.type === 'view' && body.view?.type === 'home' ? { onHome: true } : {}),
    };
    // Bolt types response_url as always there; a payload without one has none.
    return accept(invocation, route, (body as { response_url?: string }).response_url);
  };

  /** A modal submitted: answered along the channel it was opened from once the ack closed the modal. */
  const acceptForm = async ({ body, view, context }: Pick<ViewArgs, 'body' | 'view' | 'context'>, metadata: FormMetadata): Promise<AcceptedWork | null> => {
    const teamId = teamOf(context, body.team?.id ?? view.team_id);
    const { channel } = metadata;
    const invocation = slackInvocation({
      id: `view:${view.id}`,
      teamId,
      actor: actorNamed(body.user.id, body.user.name),
      channel,
      input: { kind: 'form', formId: metadata.formId, privateValue: metadata.privateValue, values: submittedValues(view.state) },
      directory: NO_DIRECTORY,
    });
    const route: SlackRoute = { kind: 'form', teamId, userId: body.user.id, channel, triggerId: body.trigger_id, labels: Object.fromEntries(fieldLabels(view)) };
    return accept(invocation, route, undefined);
  };

  const publishHome = async (client: WebClient, teamId: string, actor: UserInfo, people: UserDirectory) => {
    const message = await bot.home({ platform: 'slack', workspace: { externalId: teamId }, actor, directory: people });
    await client.views.publish({ user_id: actor.userId, view: toHomeView(message) });
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

  /**
   * Someone joined a channel: told to the core as a `joined` invocation, which decides what it means (a team
   * channel's newcomer is welcomed and onboarded). Deduped by the envelope's event id, like every event.
   */
  const announceJoined = async ({ event, body, client, context }: Pick<JoinArgs, 'event' | 'body' | 'client' | 'context'>) => {
    const teamId = teamOf(context, body.team_id);
    const people = directory.forTeam(teamId, client);
    const actor = await actorOf(people, event.user);
    if (actor.isBot) return;
    await bot.handle(
      slackInvocation({
        id: body.event_id ? `event:${body.event_id}` : `joined:${teamId}:${event.channel}:${event.user}:${event.event_ts}`,
        teamId,
        actor,
        channel: { id: event.channel, isDm: false },
        input: { kind: 'joined' },
        directory: people,
      }),
    );
  };

  const showHome = async ({ event, client, context }: Pick<HomeArgs, 'event' | 'client' | 'context'>) => {
    const teamId = teamOf(context);
    const people = directory.forTeam(teamId, client);
    await publishHome(client, teamId, await actorOf(people, event.user), people);
  };

  // The work after the ack keeps only what it uses: not `ack`, which holds the whole HTTP request and response.
  app.command(/^\/.+/, async ({ ack, command, client, context }: CommandArgs) => {
    const accepted = await acceptCommand({ command, context });
    await ack();
    if (accepted) durable.runNow(accepted, client);
  });

  app.action({ type: 'block_actions' }, async ({ ack, body, action, client, context }: ActionArgs) => {
    const accepted = await acceptAction({ body, action, context });
    await ack();
    if (accepted) durable.runNow(accepted, client);
  });

  /**
   * Unlike every other listener, a submission runs the core before the ack: only the ack's own body can keep the
   * modal open with an error next to a field (`response_action: errors`), and a refused form changed nothing, so
   * it can be sent again as it is (its accepted row goes with the refusal). The wait is bounded
   * (`formAckWithinMs`): a slower core gets a plain ack (the modal closes) and its answer follows as usual,
   * field errors as a message. Not through `work.limit`, which holds new core work while an ack is pending,
   * this one's included. Accepted first, like the rest: a crash after the ack leaves it for the next instance.
   */
  app.view({ type: 'view_submission' }, async ({ ack, body, view, client, context }: ViewArgs) => {
    const metadata = view.callback_id === FORM_CALLBACK_ID ? decodeFormMetadata(view.private_metadata) : null;
    if (!metadata) {
      await ack();
      logger.warn({ view: view.id }, 'slack modal without Righthand metadata ignored');
      return;
    }
    const accepted = await acceptForm({ body, view, context }, metadata);
    if (!accepted) {
      await ack();
      return;
    }
    const answered = durable.runForAck(accepted, client);
    const quick = await settledWithin(answered, deps.formAckWithinMs ?? FORM_ACK_WITHIN_MS);
    const reply = quick?.answer.reply;
    const errors = reply && reply.kind === 'formErrors' ? viewErrors(reply.errors, view) : null;
    if (errors && quick) {
      await ack({ response_action: 'errors', errors });
      await bot.accepted.replied(quick.answer);
      return;
    }
    await ack();
    work.run('form', async () => (await answered)?.send());
  });

  // Events are acked by Bolt before the listener runs.
  app.event('message', async ({ event, body, client, context }: MessageArgs) => {
    if (event.channel_type !== 'im' || event.subtype !== undefined || event.bot_id) return;
    work.run('message', () => answerDm({ event, body, client, context }));
  });

  app.event('member_joined_channel', async ({ event, body, client, context }: JoinArgs) => {
    work.run('joined', () => announceJoined({ event, body, client, context }));
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
