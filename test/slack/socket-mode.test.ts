import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackHarness, waitFor, type SlackHarness } from './harness.js';
import { dmMessage, envelope } from './payloads.js';

const TEAM = 'T0RIGHT01';

describe('Socket Mode against a local fake socket', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await createSlackHarness({ mode: 'socket' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('opens the connection with the app token (apps.connections.open on SLACK_API_URL), after hello', async () => {
    const open = h.fake.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.token).toBe('xapp-fake');
    expect(h.fake.socket.connections()).toBe(1);
  });

  it('acks a slash command envelope, then answers it on the response_url', async () => {
    const responseUrl = h.fake.responseUrl();
    h.fake.socket.send({
      envelope_id: 'env-command-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: { token: 't', team_id: TEAM, team_domain: 'acme', channel_id: 'C0ACME001', channel_name: 'acme', user_id: 'U0OLIVIA1', user_name: 'olivia', command: '/obm', text: 'setup Acme Co', api_app_id: 'A0RIGHT01', response_url: responseUrl, trigger_id: '9.9.socket' },
    });
    const ack = await waitFor(() => h.fake.socket.acks.find((candidate) => candidate.envelope_id === 'env-command-1'), 'the ack');
    expect(ack).toEqual({ envelope_id: 'env-command-1', payload: {} });
    const answer = await waitFor(() => h.responsesTo(responseUrl)[0], 'the answer');
    expect(answer.params).toMatchObject({ response_type: 'in_channel' });
    expect(answer.params.text).toMatch(/^Acme Co is set up in this channel/);
  });

  it('acks an Events API envelope and answers a DM; a redelivery (retry_attempt) has no second effect', async () => {
    const event = envelope({ teamId: TEAM, event: dmMessage({ user: 'U0MARIA01', channel: 'D0MARIA01', text: 'hello' }) });
    h.fake.clear();
    h.fake.socket.send({ envelope_id: 'env-event-1', type: 'events_api', accepts_response_payload: false, payload: event });
    h.fake.socket.send({ envelope_id: 'env-event-2', type: 'events_api', accepts_response_payload: false, payload: event, retry_attempt: 1 });
    await waitFor(() => ['env-event-1', 'env-event-2'].every((id) => h.fake.socket.acks.some((ack) => ack.envelope_id === id)), 'both acks');
    await waitFor(() => h.handled.filter((entry) => entry.invocation.id === `event:${event.event_id}`).length === 2, 'both handled');
    await waitFor(() => h.fake.callsTo('chat.postMessage')[0], 'the answer');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage')[0]!.params.channel).toBe('D0MARIA01');
  });

  it('does not serve /slack/events over HTTP in Socket Mode (the health check still answers)', async () => {
    expect((await fetch(`${h.http.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${h.http.url}/healthz`)).status).toBe(200);
  });
});
