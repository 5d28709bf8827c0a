import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackHarness, waitFor, type SlackHarness } from './harness.js';
import { blockAction, envelope, homeAction, viewSubmission } from './payloads.js';

const OLIVIA = 'U0OLIVIA1';
const MARIA = 'U0MARIA01';
const ACME = 'C0ACME001';
const TEAM = 'T0RIGHT01';

const taskRows = (h: SlackHarness) => h.rows<{ number: number; title: string; status: string }>(sql`select number, title, status from tasks order by number`);

describe('modals and buttons through the real Bolt HTTP receiver', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await createSlackHarness();
    h.fake.addUser({ id: OLIVIA, profile: { display_name: 'Olivia' }, tz: 'Europe/Amsterdam' });
    h.fake.addUser({ id: MARIA, profile: { display_name: 'Maria' }, tz: 'Asia/Manila' });
    await h.run(OLIVIA, ACME, '/obm setup Acme Co');
    await h.run(OLIVIA, ACME, `/obm team add <@${MARIA}> member`);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('/task new opens a modal with the trigger; its submission adds the task and answers in the channel', async () => {
    const opened = await h.run(OLIVIA, ACME, '/task new');
    expect(opened.reply.kind).toBe('form');
    const call = h.fake.callsTo('views.open').find((candidate) => candidate.params.trigger_id === opened.triggerId)!;
    const view = call.params.view;
    expect(view.type).toBe('modal');
    expect(JSON.parse(view.private_metadata)).toEqual({ f: 'task.new', p: '', c: ACME, d: false });
    expect(view.blocks.map((block: { block_id: string; element: { type: string } }) => `${block.block_id}:${block.element.type}`)).toEqual([
      'title:plain_text_input',
      'assignee:users_select',
      'due:plain_text_input',
      'priority:static_select',
      'project:plain_text_input',
    ]);

    h.fake.clear();
    const submitted = await h.interact(viewSubmission({ user: OLIVIA, teamId: TEAM, opened: call, answers: { title: 'Prepare the Q4 deck', assignee: MARIA, due: 'friday 17:00' } }));
    expect(submitted.status).toBe(200);
    expect(submitted.text).toBe('');
    const answer = await waitFor(() => h.fake.calls.find((candidate) => candidate.method === 'chat.postMessage' || candidate.method === 'chat.postEphemeral'), 'the answer');
    // Assigned to someone else: news for the channel.
    expect(answer.method).toBe('chat.postMessage');
    expect(answer.params.channel).toBe(ACME);
    expect(answer.params.text).toMatch(/^Added #1 Prepare the Q4 deck for Maria, due Fri 27 Nov, 17:00/);
    expect((await taskRows(h))).toEqual([{ number: 1, title: 'Prepare the Q4 deck', status: 'open' }]);
  });

  it('a form answered only to its author goes ephemeral (chat.postEphemeral)', async () => {
    const opened = await h.run(OLIVIA, ACME, '/task new');
    const call = h.fake.callsTo('views.open').find((candidate) => candidate.params.trigger_id === opened.triggerId)!;
    h.fake.clear();
    await h.interact(viewSubmission({ user: OLIVIA, teamId: TEAM, opened: call, answers: { title: 'Renew the domain' } }));
    const answer = await waitFor(() => h.fake.callsTo('chat.postEphemeral')[0], 'the ephemeral answer');
    expect(answer.params).toMatchObject({ channel: ACME, user: OLIVIA });
    expect(answer.params.text).toMatch(/^Added #2 Renew the domain/);
  });

  it('Done on the DM replaces the clicked message (chat.update, no buttons left) and adds an ephemeral notice; a double click does it once', async () => {
    h.fake.clear();
    await h.deliver();
    const dm = h.fake.callsTo('chat.postMessage').find((call) => call.params.channel === 'D0MARIA01')!;
    const ts = '1767000999.000100';
    h.fake.clear();
    const click = () => blockAction({ user: MARIA, teamId: TEAM, posted: dm as never, ts, actionId: 'task.done', responseUrl: h.fake.responseUrl() });
    const [first, second] = [click(), click()];
    const answers = await Promise.all([h.interact(first), h.interact(second)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    // The second click is the same id: accepted once (src/core/accepted.ts), acked with nothing more.
    await waitFor(() => h.handled.filter((entry) => entry.invocation.input.kind === 'action').length === 1, 'the click handled');
    const update = await waitFor(() => h.fake.callsTo('chat.update')[0], 'chat.update');
    expect(update.params).toMatchObject({ channel: 'D0MARIA01', ts });
    expect(update.params.blocks.some((block: { type: string }) => block.type === 'actions')).toBe(false);
    expect(update.params.text).toContain('#1 Prepare the Q4 deck');
    const notice = await waitFor(() => h.fake.callsTo('response_url')[0], 'the notice');
    expect(notice.params).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(notice.params.text).toBe('#1 Prepare the Q4 deck is done. Nice work, Maria!');
    // The second click had the same id: one update, one notice, one status change.
    expect(h.fake.callsTo('chat.update')).toHaveLength(1);
    expect(h.fake.callsTo('response_url')).toHaveLength(1);
    expect((await taskRows(h))[0]!.status).toBe('done');
    expect(h.handled.filter((entry) => entry.invocation.input.kind === 'action')).toHaveLength(1);
  });

  it('Snooze opens a modal on the click’s trigger', async () => {
    await h.run(OLIVIA, ACME, `/task add Call the printer <@${MARIA}>`);
    h.fake.clear();
    await h.deliver();
    const dm = h.fake.callsTo('chat.postMessage').find((call) => call.params.channel === 'D0MARIA01')!;
    const payload = blockAction({ user: MARIA, teamId: TEAM, posted: dm as never, ts: '1767001999.000100', actionId: 'task.snooze', responseUrl: h.fake.responseUrl() });
    await h.interact(payload);
    const opened = await waitFor(() => h.fake.callsTo('views.open').find((call) => call.params.trigger_id === payload.trigger_id), 'views.open');
    expect(JSON.parse(opened.params.view.private_metadata)).toMatchObject({ f: 'task.snooze', c: 'D0MARIA01', d: true });

    // Submitted from the DM: the answer is posted in that DM.
    h.fake.clear();
    const whenField = opened.params.view.blocks.find((block: { element: { type: string } }) => block.element.type === 'plain_text_input');
    await h.interact(viewSubmission({ user: MARIA, teamId: TEAM, opened, answers: { [whenField.element.action_id]: 'monday 10:00' } }));
    const answer = await waitFor(() => h.fake.callsTo('chat.postMessage')[0], 'the answer in the DM');
    expect(answer.params.channel).toBe('D0MARIA01');
    expect(h.fake.callsTo('chat.postEphemeral')).toHaveLength(0);
  });

  it('a button on an ephemeral message is replaced through its response_url (Slack keeps no copy to chat.update)', async () => {
    await h.run(OLIVIA, ACME, `/task add Water the plants <@${MARIA}>`);
    h.fake.clear();
    await h.deliver();
    const dm = h.fake.callsTo('chat.postMessage').find((call) => call.params.channel === 'D0MARIA01')!;
    h.fake.clear();
    await h.interact(blockAction({ user: MARIA, teamId: TEAM, posted: dm as never, ts: '1767002999.000100', actionId: 'task.done', responseUrl: h.fake.responseUrl(), ephemeral: true }));
    const [replaced, notice] = await waitFor(() => (h.fake.callsTo('response_url').length >= 2 ? h.fake.callsTo('response_url') : null), 'the replacement and the notice');
    expect(replaced!.params).toMatchObject({ replace_original: true });
    expect(replaced!.params.text).toContain('Water the plants');
    expect(notice!.params).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(h.fake.callsTo('chat.update')).toHaveLength(0);
  });

  it('the App Home shows my open tasks with Done buttons; Done there redraws the home and tells me in the DM', async () => {
    h.fake.clear();
    await h.event(envelope({ teamId: TEAM, event: { type: 'app_home_opened', user: MARIA, channel: 'D0MARIA01', tab: 'home', event_ts: '1767002000.000100' } }));
    const published = await waitFor(() => h.fake.callsTo('views.publish')[0], 'views.publish');
    expect(published.params.user_id).toBe(MARIA);
    const view = published.params.view;
    expect(view.type).toBe('home');
    const texts = JSON.stringify(view.blocks);
    expect(texts).toContain('Your open tasks');
    expect(texts).toContain('Call the printer');

    h.fake.clear();
    await h.interact(homeAction({ user: MARIA, teamId: TEAM, view, actionId: 'task.done' }));
    const republished = await waitFor(() => h.fake.callsTo('views.publish')[0], 'the home drawn again');
    expect(JSON.stringify(republished.params.view.blocks)).not.toContain('Call the printer');
    const notice = await waitFor(() => h.fake.callsTo('chat.postMessage')[0], 'the notice in the DM');
    expect(notice.params.channel).toBe('D0MARIA01');
    expect(notice.params.text).toContain('is done');
  });
});
