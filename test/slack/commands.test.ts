import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/core/commands.js';
import { coreModules } from '../../src/core/modules/index.js';
import { DEFAULT_TEAM } from '../fakes/slack-web-api.js';
import { createSlackHarness, waitFor, type SlackHarness } from './harness.js';

const OLIVIA = 'U0OLIVIA1';
const MARIA = 'U0MARIA01';
const ACME = 'C0ACME001';

const textOf = (call: { params: { text?: string } }) => call.params.text ?? '';

describe('slash commands through the real Bolt HTTP receiver', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await createSlackHarness();
    h.fake.addUser({ id: OLIVIA, name: 'olivia', profile: { display_name: 'Olivia' }, tz: 'Europe/Amsterdam' });
    h.fake.addUser({ id: MARIA, name: 'maria', profile: { display_name: 'Maria', real_name: 'Maria Santos' }, tz: 'Asia/Manila' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('acks at once and answers on the response_url: /obm setup in the channel, for everyone', async () => {
    const setup = await h.run(OLIVIA, ACME, '/obm setup Acme Co');
    expect(setup.status).toBe(200);
    expect(setup.text).toBe('');
    expect(setup.responses).toHaveLength(1);
    expect(setup.responses[0]!.params.response_type).toBe('in_channel');
    expect(textOf(setup.responses[0]!)).toMatch(/^Acme Co is set up in this channel, and you are its manager\./);
    expect(setup.responses[0]!.params.blocks[0]).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } });
  });

  it('gives the actor their Slack display name and IANA zone (users.info, asked once)', async () => {
    await h.run(OLIVIA, ACME, '/obm setup zone Europe/Amsterdam');
    const actors = h.handled.filter((entry) => entry.invocation.actor.userId === OLIVIA).map((entry) => entry.invocation.actor);
    expect(actors.at(-1)).toEqual({ userId: OLIVIA, displayName: 'Olivia', zone: 'Europe/Amsterdam' });
    expect(h.fake.callsTo('users.info').filter((call) => call.params.user === OLIVIA)).toHaveLength(1);
  });

  it('/obm team add reads a Slack mention (<@U…|name>) and looks the person up', async () => {
    const added = await h.run(OLIVIA, ACME, `/obm team add <@${MARIA}|maria> member`);
    expect(textOf(added.responses[0]!)).toBe('Maria is now a member of Acme Co.');
  });

  it('/task add for someone else: in the channel, and a DM to them through the outbox (conversations.open, then blocks + text)', async () => {
    h.fake.clear();
    const added = await h.run(OLIVIA, ACME, `/task add Send the weekly report <@${MARIA}> due friday 17:00 !high`);
    expect(added.responses[0]!.params.response_type).toBe('in_channel');
    expect(textOf(added.responses[0]!)).toMatch(/^Added #1 Send the weekly report for Maria, due Fri 27 Nov, 17:00 \(Asia\/Manila\)/);
    await h.deliver();
    expect(h.fake.methods()).toEqual(['conversations.open', 'chat.postMessage']);
    const dm = h.fake.callsTo('chat.postMessage')[0]!;
    expect(dm.params.channel).toBe('D0MARIA01');
    expect(dm.token).toBe(DEFAULT_TEAM.token);
    expect(textOf(dm)).toContain('Olivia gave you a task in Acme Co:');
    // The due time is Slack date formatting: each reader sees it in their own zone.
    expect(textOf(dm)).toMatch(/Due <!date\^\d+\^\{date_short_pretty\} \{time\}\|Fri 27 Nov, 17:00 \(Asia\/Manila\)>/);
    const actions = dm.params.blocks.find((block: { type: string }) => block.type === 'actions');
    expect(actions.elements.map((button: { text: { text: string } }) => button.text.text)).toEqual(['Done', 'Snooze', 'Need help']);
  });

  it('a personal to-do and a list are ephemeral', async () => {
    const mine = await h.run(OLIVIA, ACME, '/task add Book the venue');
    expect(mine.responses[0]!.params.response_type).toBe('ephemeral');
    const list = await h.run(OLIVIA, ACME, '/task list all');
    expect(list.responses[0]!.params.response_type).toBe('ephemeral');
    expect(textOf(list.responses[0]!)).toContain('#2 Book the venue');
  });

  it('/followup ask schedules a question and says so, only to the asker', async () => {
    const asked = await h.run(OLIVIA, ACME, `/followup ask <@${MARIA}> did you send the invoice? tomorrow 10:00`);
    expect(asked.responses[0]!.params.response_type).toBe('ephemeral');
    expect(textOf(asked.responses[0]!)).toContain('Maria');
    expect(textOf(asked.responses[0]!)).toContain('did you send the invoice?');
  });

  it('every registered command answers', async () => {
    const registry = createRegistry(coreModules);
    for (const command of registry.commands.values()) {
      const answer = await h.run(OLIVIA, ACME, `/${command.name}`);
      const text = textOf(answer.responses[0] ?? { params: {} });
      expect(text).not.toContain('I do not know the command');
    }
    const unknown = await h.run(OLIVIA, ACME, '/nonsense');
    expect(textOf(unknown.responses[0]!)).toBe('I do not know the command /nonsense. Type /obm help to see what I can do.');
  });

  it('a list longer than a Slack message goes as several, each well below 50 blocks and each with text', async () => {
    for (let number = 0; number < 44; number++) await h.command(OLIVIA, ACME, `/task add Chore ${number + 1}`);
    await waitFor(() => h.handled.filter((entry) => entry.invocation.input.kind === 'command' && entry.invocation.input.text.startsWith('add Chore')).length === 44, 'the chores');
    const list = await h.run(OLIVIA, ACME, '/task list all');
    const parts = await waitFor(() => (h.responsesTo(list.responseUrl).length >= 2 ? h.responsesTo(list.responseUrl) : null), 'both parts');
    expect(parts.length).toBe(2);
    for (const part of parts) {
      expect(part.params.blocks.length).toBeLessThanOrEqual(40);
      expect(textOf(part).length).toBeGreaterThan(0);
    }
    expect(parts.flatMap((part) => part.params.blocks).length).toBeGreaterThan(45);
  });

  it('reports healthy once started', async () => {
    const health = await fetch(`${h.http.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
  });
});
