import type { webApi } from '@slack/bolt';
import { errorMessage } from '../../src/core/errors.js';
import type { Message } from '../../src/core/messages.js';
import type { Logger } from '../../src/core/ports.js';
import { formErrorsMessage, type ReplySink } from '../../src/core/replies.js';
import { toModalView } from './slack.forms.js';
import type { DmChannels } from './slack.outbound.js';
import { toSlackMessage, toSlackMessages } from './slack.render.js';

/** Slack's replies go through the core's one reply path; each inbound kind's route builds its sink here. */
export { deliverReply, type ReplySink } from '../../src/core/replies.js';

type WebClient = webApi.WebClient;

/**
 * Where the answer to an accepted command, click or submission goes, stored with it (src/core/accepted.ts) so
 * that any instance can answer it. The response_url is not here: it is the route's secret, kept apart.
 */
export interface SlackRoute {
  kind: 'command' | 'action' | 'form';
  teamId: string;
  userId: string;
  channel: { id: string; isDm: boolean };
  /** The trigger (3 s) for a modal the answer opens; a later answer cannot open one. */
  triggerId?: string;
  /** A click on a message: which one, so the answer can replace it. */
  message?: { channelId: string; ts: string; ephemeral: boolean };
  /** A click on the App Home: its answers go to the DM and the home is drawn again. */
  onHome?: boolean;
  /** A submission's field labels, for errors said as a message once the modal closed. */
  labels?: Record<string, string>;
}

/** A response_url is valid 30 minutes; past this age an answer goes by DM (or to the channel) instead. */
export const RESPONSE_URL_FOR_MS = 29 * 60_000;

export interface RouteSinkDeps {
  route: SlackRoute;
  /** The response_url, while young enough to use (see RESPONSE_URL_FOR_MS). */
  responseUrl: string | null;
  /** It had one, now too old: the person hears by DM (an ephemeral in the channel may be long scrolled away). */
  expired: boolean;
  client: WebClient;
  dms: DmChannels;
  logger: Logger;
  /** Draws the App Home again (a click on it). */
  publishHome(): Promise<void>;
}

/** Posts to a response_url (what Bolt's `respond` does); the URL is a capability, so no error names it. */
const respondVia = async (url: string, body: Record<string, unknown>) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`slack.response_url_refused: HTTP ${response.status}`);
};

export const routeSink = ({ route, responseUrl, expired, client, dms, logger, publishHome }: RouteSinkDeps): ReplySink => {
  const { channel, userId } = route;
  const inDm = async (message: Message) => {
    const dm = await dms.open(client, route.teamId, userId);
    for (const part of toSlackMessages(message)) await client.chat.postMessage({ channel: dm, ...part });
  };
  /** No response_url (expired, or none came): the channel for all to see, the person's DM for them alone. */
  const direct = async (message: Message, visibility: 'ephemeral' | 'channel') => {
    const inChannel = !channel.isDm && !channel.id.startsWith('home:');
    if (visibility === 'channel' && inChannel) {
      for (const part of toSlackMessages(message)) await client.chat.postMessage({ channel: channel.id, ...part });
    } else if (!expired && inChannel) {
      for (const part of toSlackMessages(message)) await client.chat.postEphemeral({ channel: channel.id, user: userId, ...part });
    } else await inDm(message);
  };
  const openForm: ReplySink['openForm'] = async (form) => {
    try {
      if (!route.triggerId) throw new Error('no trigger');
      await client.views.open({ trigger_id: route.triggerId, view: toModalView(form, channel) });
    } catch (error) {
      // The trigger lives 3 s: an answer after a restart cannot open a modal.
      logger.warn({ form: form.formId, err: errorMessage(error) }, 'slack: the modal could not be opened (its trigger expired)');
    }
  };

  if (route.kind === 'form') {
    const say: ReplySink['say'] = async (message, visibility) => {
      try {
        for (const part of toSlackMessages(message)) {
          if (visibility === 'channel' || channel.isDm) await client.chat.postMessage({ channel: channel.id, ...part });
          else await client.chat.postEphemeral({ channel: channel.id, user: userId, ...part });
        }
      } catch (error) {
        // Not in that channel (a DM between two people, a channel the bot left): the person's DM instead.
        logger.info({ channel: channel.id, err: errorMessage(error) }, 'slack form answer goes to the DM instead');
        await inDm(message);
      }
    };
    const labels = new Map(Object.entries(route.labels ?? {}));
    return { say, replace: (message) => say(message, 'ephemeral'), openForm, formErrors: (refused) => say(formErrorsMessage(refused, (field) => labels.get(field)), 'ephemeral') };
  }

  if (route.kind === 'action' && (route.onHome || !route.message)) {
    const say: ReplySink['say'] = (message) => inDm(message);
    return { say, replace: route.onHome ? () => publishHome() : (message) => say(message, 'ephemeral'), openForm };
  }

  const say: ReplySink['say'] = async (message, visibility) => {
    if (!responseUrl) return direct(message, visibility);
    for (const part of toSlackMessages(message)) await respondVia(responseUrl, { response_type: visibility === 'channel' ? 'in_channel' : 'ephemeral', ...(route.kind === 'action' ? { replace_original: false } : {}), ...part });
  };
  const clicked = route.message;
  const replace: ReplySink['replace'] = async (message) => {
    if (!clicked) return say(message, 'ephemeral');
    const part = toSlackMessage(message);
    if (!clicked.ephemeral) await client.chat.update({ channel: clicked.channelId, ts: clicked.ts, ...part });
    else if (responseUrl) await respondVia(responseUrl, { replace_original: true, ...part });
    else await say(message, 'ephemeral');
  };
  return { say, replace, openForm };
};
