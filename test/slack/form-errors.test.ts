import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackHarness, waitFor, type SlackHarness } from './harness.js';
import { viewSubmission } from './payloads.js';

const OLIVIA = 'U0OLIVIA1';
const ACME = 'C0ACME001';
const TEAM = 'T0RIGHT01';

const taskTitles = async (h: SlackHarness) => (await h.rows<{ title: string }>(sql`select title from tasks order by number`)).map((row) => row.title);

describe('a modal answered with a mistake stays open (response_action: errors)', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await createSlackHarness();
    h.fake.addUser({ id: OLIVIA, profile: { display_name: 'Olivia' }, tz: 'Europe/Amsterdam' });
    await h.run(OLIVIA, ACME, '/obm setup Acme Co');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers the submission itself with the error on the field’s block, changes nothing, and takes the fixed form', async () => {
    const opened = await h.run(OLIVIA, ACME, '/task new');
    const call = h.fake.callsTo('views.open').find((candidate) => candidate.params.trigger_id === opened.triggerId)!;
    h.fake.clear();
    const wrong = viewSubmission({ user: OLIVIA, teamId: TEAM, opened: call, answers: { title: 'Renew the domain', due: 'someday maybe' } });
    const refused = await h.interact(wrong);
    expect(refused.status).toBe(200);
    expect(JSON.parse(refused.text)).toEqual({ response_action: 'errors', errors: { due: 'That is not a date or time I can read: “someday maybe”.' } });
    expect(await taskTitles(h)).toEqual([]);
    // The modal stayed open: nothing was posted anywhere.
    expect(h.fake.calls.filter((candidate) => candidate.method.startsWith('chat.'))).toEqual([]);

    // Fixed and sent again: the same view (its id is the invocation's), so it must count now.
    const fixed = viewSubmission({ user: OLIVIA, teamId: TEAM, opened: call, answers: { title: 'Renew the domain', due: 'friday 17:00' } });
    fixed.view.id = wrong.view.id;
    const accepted = await h.interact(fixed);
    expect(accepted.text).toBe('');
    const answer = await waitFor(() => h.fake.callsTo('chat.postEphemeral')[0], 'the answer');
    expect(answer.params.text).toMatch(/^Added #1 Renew the domain, due Fri 27 Nov, 17:00/);
    expect(await taskTitles(h)).toEqual(['Renew the domain']);
  });

  it('marks the title block when the title is blank', async () => {
    const opened = await h.run(OLIVIA, ACME, '/task new');
    const call = h.fake.callsTo('views.open').find((candidate) => candidate.params.trigger_id === opened.triggerId)!;
    const refused = await h.interact(viewSubmission({ user: OLIVIA, teamId: TEAM, opened: call, answers: { title: '   ' } }));
    expect(JSON.parse(refused.text)).toEqual({ response_action: 'errors', errors: { title: 'Give the task a title.' } });
  });
});

describe('a core slower than the ack allows', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    // The core takes longer than the ack may wait, as when it would miss Slack's 3 seconds: the modal closes.
    h = await createSlackHarness({ formAckWithinMs: 50 });
    h.fake.addUser({ id: OLIVIA, profile: { display_name: 'Olivia' }, tz: 'Europe/Amsterdam' });
    await h.run(OLIVIA, ACME, '/obm setup Acme Co');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('closes the modal and says what was wrong, each field by its label', async () => {
    const opened = await h.run(OLIVIA, ACME, '/task new');
    const call = h.fake.callsTo('views.open').find((candidate) => candidate.params.trigger_id === opened.triggerId)!;
    h.fake.clear();
    h.slow.ms = 300;
    const late = await h.interact(viewSubmission({ user: OLIVIA, teamId: TEAM, opened: call, answers: { title: 'Renew the domain', due: 'someday maybe' } }));
    expect(late.text).toBe('');
    const answer = await waitFor(() => h.fake.callsTo('chat.postEphemeral')[0], 'the errors as a message');
    expect(answer.params.text).toBe('Not saved yet: fix this and send the form again.\n• Due (e.g. friday 17:00): That is not a date or time I can read: “someday maybe”.');
    expect(await taskTitles(h)).toEqual([]);
  });
});
