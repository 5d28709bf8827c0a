import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/database.js';
import { ACME_CHANNEL, MARIA as D_MARIA, OLIVIA as D_OLIVIA, type DiscordHarness } from '../discord/harness.js';
import { waitFor, type SlackHarness } from '../slack/harness.js';
import { blockAction } from '../slack/payloads.js';
import { ACME, S_OLIVIA, closeTwoPlatforms, linkOlivia, openTwoPlatforms } from './two-platforms.js';

const TEAM = 'T0RIGHT01';
const S_JO = 'U0JOJOJO1';
const DM = 'D0OLIVIA1';

/** Olivia's tasks on Slack (Acme Co) and on Discord (Beta Studio), listed and acted on from one DM once linked. */
describe.each(testDatabases())('my work across clients on $driver', ({ open }) => {
  let slack: SlackHarness;
  let discord: DiscordHarness;
  const taskId = async (title: string) => (await slack.rows<{ id: number }>(sql`select id from tasks where title = ${title}`))[0]!.id;
  const statusOf = async (title: string) => (await slack.rows<{ status: string }>(sql`select status from tasks where title = ${title}`))[0]!.status;

  beforeAll(async () => {
    const handle = await open();
    ({ slack, discord } = await openTwoPlatforms(handle, '2026-12-01T08:00:00Z'));
    slack.fake.addUser({ id: S_JO, name: 'jo', profile: { display_name: 'Jo' }, tz: 'America/New_York' });
    await slack.run(S_OLIVIA, ACME, '/obm setup Acme Co');
    await slack.run(S_OLIVIA, ACME, '/task add Write the launch email due 2026-12-04 12:00');
    await slack.run(S_JO, ACME, '/task add Jo’s own thing due 2026-12-04 12:00');
    await discord.command(D_OLIVIA, ACME_CHANNEL, '/obm setup', { client: 'Beta Studio', zone: 'Europe/Amsterdam' });
    await discord.command(D_OLIVIA, ACME_CHANNEL, '/obm team-add', { person: D_MARIA.id, role: 'member' });
    await discord.command(D_OLIVIA, ACME_CHANNEL, '/task add', { title: 'Record the course intro', due: '2026-12-02 17:00' });
    await discord.command(D_OLIVIA, ACME_CHANNEL, '/task add', { title: 'Edit the podcast', assignee: D_MARIA.id, due: '2026-12-02 12:00' });
    await slack.advanceTo('2026-12-03T08:00:00Z');
    await discord.advanceTo('2026-12-03T08:00:00Z');
  });
  afterAll(async () => {
    await closeTwoPlatforms({ slack, discord });
  });

  const listIn = async (user: string, channel: string, line: string) => {
    const { responses } = await slack.run(user, channel, line);
    expect(responses[0]!.params.response_type).toBe('ephemeral');
    return responses[0]!.params as { text: string; blocks: any[] };
  };
  const click = async (user: string, blocks: any[], id: number) => {
    const block = blocks.find((candidate) => candidate.type === 'actions' && candidate.elements.some((element: any) => element.value === String(id)));
    const url = slack.fake.responseUrl();
    await slack.interact(blockAction({ user, teamId: TEAM, posted: { params: { channel: DM, text: '', blocks: [block] } } as never, ts: '1767003999.000100', actionId: 'task.done', responseUrl: url, ephemeral: true }));
    return waitFor(() => slack.fake.callsTo('response_url').find((call) => url.endsWith(`/response/${call.params.responseId}`)), 'the answer to the click');
  };

  it('lists the person’s own tasks in a DM, only this identity’s until linked, then across clients grouped by client', async () => {
    const before = await listIn(S_OLIVIA, DM, '/task list');
    expect(before.text).toContain('Write the launch email');
    expect(before.text).not.toContain('Record the course intro');
    expect(before.text).not.toContain('Jo’s own thing');

    await linkOlivia({ slack, discord });
    const after = await listIn(S_OLIVIA, DM, '/task list');
    const lines = after.text.split('\n');
    expect(lines[0]).toBe('Your open tasks, all clients');
    // The overdue Discord task first, under its client; then the Slack one under its own.
    expect(lines.indexOf('Beta Studio · Discord · Acme Community')).toBeLessThan(lines.findIndex((line) => line.includes('Record the course intro')));
    expect(lines.findIndex((line) => line.includes('Record the course intro'))).toBeLessThan(lines.indexOf('Acme Co · Slack'));
    expect(lines.findIndex((line) => line.includes('Write the launch email'))).toBeGreaterThan(lines.indexOf('Acme Co · Slack'));
    expect(after.text).not.toContain('Edit the podcast');
    expect(after.text).not.toContain('Jo’s own thing');
  });

  it('acts on a task of another client in its own team, as the linked identity there; an unlinked person cannot', async () => {
    const { blocks } = await listIn(S_OLIVIA, DM, '/task list');
    const id = await taskId('Record the course intro');
    await click(S_OLIVIA, blocks, id);
    expect(await statusOf('Record the course intro')).toBe('done');
    const [event] = await slack.rows<{ platform: string }>(sql`select w.platform from task_events e join people p on p.id = e.actor_id join workspaces w on w.id = p.workspace_id where e.task_id = ${id} and e.kind = 'done'`);
    expect(event!.platform).toBe('discord');

    // Jo linked nothing: the same button on Maria's Discord task does nothing to it.
    const podcast = await taskId('Edit the podcast');
    const forged = [{ type: 'actions', block_id: 'b1', elements: [{ type: 'button', action_id: 'task.done', value: String(podcast), text: { type: 'plain_text', text: 'Done' } }] }];
    await click(S_JO, forged, podcast);
    expect(await statusOf('Edit the podcast')).toBe('open');
  });

  it('lists what is overdue in the teams the person manages on any platform, and refuses other lists in a DM', async () => {
    const overdue = await listIn(S_OLIVIA, DM, '/task list overdue');
    expect(overdue.text).toContain('Edit the podcast');
    expect(overdue.text).not.toContain('Write the launch email');
    expect((await listIn(S_JO, 'D0JOJOJO1', '/task list overdue')).text).toBe('Only managers list what is overdue; /task list shows your own tasks.');
    expect((await listIn(S_OLIVIA, DM, '/task list all')).text).toBe('In a DM, /task list shows your tasks across clients and /task list overdue what is late in your teams; the other lists work in a team channel.');
  });
});
