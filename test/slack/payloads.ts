import { randomBytes } from 'node:crypto';
import type { SlackCall } from '../fakes/slack-web-api.js';

/**
 * Slack payloads in the shapes Slack sends (compare the recorded ones in
 * ../shared/conformance/recorded-payloads), built from what the bot posted to the fake.
 */

let counter = 0;
const unique = () => `${++counter}${randomBytes(3).toString('hex')}`;
export const triggerId = () => `${Date.now()}.${unique()}`;

type Posted = Pick<SlackCall, 'params'> & { params: { channel: string; text: string; blocks: any[] } };

/** The button with this core action id (`task.done`) in a posted message. */
export const buttonIn = (posted: Posted, actionId: string) => {
  for (const block of posted.params.blocks ?? []) {
    if (block.type !== 'actions') continue;
    const button = block.elements.find((element: any) => element.action_id.replace(/#\d+$/, '') === actionId);
    if (button) return { block, button };
  }
  throw new Error(`no ${actionId} button in ${JSON.stringify(posted.params.blocks)}`);
};

/** A click on a button of a message the bot posted (`ts` is what chat.postMessage answered). */
export const blockAction = ({ user, teamId, posted, ts, actionId, responseUrl, ephemeral = false }: { user: string; teamId: string; posted: Posted; ts: string; actionId: string; responseUrl: string; ephemeral?: boolean }) => {
  const { block, button } = buttonIn(posted, actionId);
  return {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: teamId },
    api_app_id: 'A0RIGHT01',
    token: 'verification-token',
    container: { type: 'message', message_ts: ts, channel_id: posted.params.channel, is_ephemeral: ephemeral },
    trigger_id: triggerId(),
    team: { id: teamId, domain: 'acme' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: posted.params.channel, name: posted.params.channel.startsWith('D') ? 'directmessage' : 'acme' },
    ...(ephemeral ? {} : { message: { type: 'message', user: 'U0RHBOT01', ts, text: posted.params.text, blocks: posted.params.blocks } }),
    state: { values: {} },
    response_url: responseUrl,
    actions: [{ type: 'button', block_id: block.block_id ?? 'b1', action_id: button.action_id, text: button.text, value: button.value, action_ts: `${Date.now() / 1000}` }],
  };
};

/** A click on a button of the App Home view. */
export const homeAction = ({ user, teamId, view, actionId }: { user: string; teamId: string; view: { blocks: any[] }; actionId: string }) => {
  const { block, button } = buttonIn({ params: { channel: '', text: '', blocks: view.blocks } }, actionId);
  return {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: teamId },
    api_app_id: 'A0RIGHT01',
    token: 'verification-token',
    container: { type: 'view', view_id: 'VHOME1' },
    trigger_id: triggerId(),
    team: { id: teamId, domain: 'acme' },
    view: { id: 'VHOME1', type: 'home', team_id: teamId, blocks: view.blocks, hash: `h${unique()}`, private_metadata: '', callback_id: '', state: { values: {} } },
    actions: [{ type: 'button', block_id: block.block_id ?? 'b1', action_id: button.action_id, text: button.text, value: button.value, action_ts: `${Date.now() / 1000}` }],
  };
};

type ViewValue = { type: string; value?: string | null; selected_user?: string | null; selected_option?: { value: string } | null };

/**
 * The submission of a modal the bot opened: `answers` by field id, filled into the state the way Slack
 * reports each element type.
 */
export const viewSubmission = ({ user, teamId, opened, answers }: { user: string; teamId: string; opened: SlackCall; answers: Record<string, string> }) => {
  const view = opened.params.view as { blocks: any[]; private_metadata: string; callback_id: string; title: unknown };
  const values: Record<string, Record<string, ViewValue>> = {};
  for (const block of view.blocks) {
    if (block.type !== 'input') continue;
    const element = block.element;
    const answer = answers[element.action_id];
    const state: ViewValue =
      element.type === 'users_select'
        ? { type: 'users_select', selected_user: answer ?? null }
        : element.type === 'static_select'
          ? { type: 'static_select', selected_option: answer ? { value: answer } : (element.initial_option ?? null) }
          : { type: element.type, value: answer ?? element.initial_value ?? null };
    values[block.block_id] = { [element.action_id]: state };
  }
  return {
    type: 'view_submission',
    team: { id: teamId, domain: 'acme' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: teamId },
    api_app_id: 'A0RIGHT01',
    token: 'verification-token',
    trigger_id: triggerId(),
    view: {
      id: `V${unique()}`,
      team_id: teamId,
      type: 'modal',
      blocks: view.blocks,
      private_metadata: view.private_metadata,
      callback_id: view.callback_id,
      state: { values },
      hash: `h${unique()}`,
      title: view.title,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
};

/** An Events API envelope; `eventId` is what Slack repeats on a retry. */
export const envelope = ({ teamId, event, eventId = `Ev${unique()}`.toUpperCase() }: { teamId: string; event: Record<string, unknown>; eventId?: string }) => ({
  token: 'verification-token',
  team_id: teamId,
  api_app_id: 'A0RIGHT01',
  event,
  type: 'event_callback',
  event_id: eventId,
  event_time: Math.floor(Date.now() / 1000),
  authorizations: [{ enterprise_id: null, team_id: teamId, user_id: 'U0RHBOT01', is_bot: true, is_enterprise_install: false }],
  is_ext_shared_channel: false,
});

export const dmMessage = ({ user, channel, text }: { user: string; channel: string; text: string }) => {
  const ts = `${Math.floor(Date.now() / 1000)}.${String(++counter).padStart(6, '0')}`;
  return { type: 'message', user, ts, text, channel, event_ts: ts, channel_type: 'im' };
};
