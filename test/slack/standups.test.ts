import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackCall } from '../fakes/slack-web-api.js';
import { createSlackHarness, waitFor, type SlackHarness } from './harness.js';
import { blockAction, dmMessage, envelope, viewSubmission } from './payloads.js';

const OLIVIA = 'U0OLIVIA1';
const MARIA = 'U0MARIA01';
const JO = 'U0JO00001';
const ACME = 'C0ACME001';
const TEAM = 'T0RIGHT01';
const DM = { olivia: 'D0OLIVIA1', maria: 'D0MARIA01', jo: 'D0JO00001' };

/** Slack's date tokens (`<!date^…|fallback>`) as their fallback: the time in the recipient's zone. */
const plain = (text: string) => text.replace(/<!date\^\d+\^[^|]*\|([^>]*)>/g, '$1');

type Posted = SlackCall & { params: { channel: string; text: string; blocks: any[]; thread_ts?: string } };

const actionIds = (call: SlackCall): string[] =>
  (call.params.blocks ?? []).flatMap((block: { type: string; elements?: { action_id: string }[] }) => (block.type === 'actions' ? block.elements!.map((element) => element.action_id.replace(/#\d+$/, '')) : []));

/**
 * A daily standup answered on Slack end to end: the real Bolt app against the fake Slack, the real scheduler
 * and outbox on a controllable clock. From Sunday 22 Nov 2026: Olivia (Amsterdam) manages Acme Co; Maria is in
 * Manila and Jo in New York, as users.info tells (Slack shares zones, so nobody is asked for theirs).
 */
describe('a daily standup answered on Slack, through the real Bolt app', () => {
  let h: SlackHarness;
  const posts = (channel: string) => h.fake.callsTo('chat.postMessage').filter((call) => call.params.channel === channel) as Posted[];
  const questionsTo = (channel: string) => posts(channel).filter((call) => actionIds(call).includes('standup.answer') && call.params.text.startsWith('Hi '));
  /** A DM reply typed in the IM channel, and the bot's answer to it there. */
  const say = async (user: string, channel: string, text: string): Promise<string> => {
    const before = posts(channel).length;
    const answer = await h.event(envelope({ teamId: TEAM, event: dmMessage({ user, channel, text }) }));
    expect(answer.status).toBe(200);
    return plain((await waitFor(() => posts(channel)[before], `the answer to “${text}”`)).params.text);
  };
  /** Clicks a button of a message the bot posted, then waits for the modal it opens on that click's trigger. */
  const openFrom = async (user: string, posted: Posted, actionId: string, ts: string) => {
    const click = blockAction({ user, teamId: TEAM, posted, ts, actionId, responseUrl: h.fake.responseUrl() });
    expect((await h.interact(click)).status).toBe(200);
    return waitFor(() => h.fake.callsTo('views.open').find((call) => call.params.trigger_id === click.trigger_id), `the modal of ${actionId}`);
  };
  const parentTs = async () => {
    const [parent] = await h.rows<{ platform_message_id: string }>(sql`select platform_message_id from deliveries where dedupe_key like 'standup-parent:%' and status = 'sent'`);
    // The Slack port records `channel:ts`; a thread names the parent by its ts alone.
    return parent!.platform_message_id.split(':')[1]!;
  };

  beforeAll(async () => {
    h = await createSlackHarness({ start: '2026-11-22T12:00:00Z' });
    h.fake.addUser({ id: OLIVIA, profile: { display_name: 'Olivia' }, tz: 'Europe/Amsterdam' });
    h.fake.addUser({ id: MARIA, profile: { display_name: 'Maria' }, tz: 'Asia/Manila' });
    h.fake.addUser({ id: JO, profile: { display_name: 'Jo' }, tz: 'America/New_York' });
    await h.run(OLIVIA, ACME, '/obm setup Acme Co');
    await h.run(OLIVIA, ACME, '/obm setup zone Europe/Amsterdam');
    await h.run(OLIVIA, ACME, `/obm team add <@${MARIA}> member`);
    await h.run(OLIVIA, ACME, `/obm team add <@${JO}> member`);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a manager sets the standup up in one slash command', async () => {
    const { responses } = await h.run(OLIVIA, ACME, '/standup setup at 09:00 deadline 12:00');
    expect(responses[0]!.params.response_type).toBe('in_channel');
    expect(responses[0]!.params.text).toMatch(/^Set up Standup #1\. Each participant gets the questions by DM at 09:00 in their own time zone, on their working days\./);
  });

  it('asks Maria at 09:00 in Manila, with an Answer button, and nobody else yet', async () => {
    await h.advanceTo('2026-11-23T00:59:00Z');
    expect(questionsTo(DM.maria)).toEqual([]);
    await h.advanceTo('2026-11-23T01:00:00Z');
    const [question] = questionsTo(DM.maria);
    expect(question!.params.text.split('\n')[0]).toBe('Hi Maria! Standup for Acme Co, Mon 23 Nov.');
    expect(actionIds(question!)).toEqual(['standup.answer', 'standup.skip']);
    expect([...questionsTo(DM.olivia), ...questionsTo(DM.jo)]).toEqual([]);
  });

  it('Maria answers by DM replies, question by question; her answer goes to the day’s thread, her blocker waits for Olivia’s day', async () => {
    await h.advanceTo('2026-11-23T01:30:00Z');
    expect(await say(MARIA, DM.maria, 'Sent the invoices')).toBe('2/3 · What will you do today?');
    expect(await say(MARIA, DM.maria, 'Update the CRM')).toBe('3/3 · Anything blocking you?');
    expect(await say(MARIA, DM.maria, 'Waiting for the client’s logins')).toBe(
      'Thanks, Maria! Your answers are in. You can change them until Mon 23 Nov, 12:00 (Asia/Manila) with Edit answers. I told Olivia about your blocker. Olivia gets it Mon 23 Nov, 09:00 (Europe/Amsterdam).',
    );
    await h.advanceTo('2026-11-23T01:30:10Z');
    const [parent, answer, ...more] = posts(ACME);
    expect(more).toEqual([]);
    expect(parent!.params.text).toBe('Standup, Mon 23 Nov');
    expect(parent!.params.thread_ts).toBeUndefined();
    expect(answer!.params.text).toBe('Maria\nWhat did you finish yesterday? Sent the invoices\nWhat will you do today? Update the CRM\n🚧 Anything blocking you? Waiting for the client’s logins');
    expect(answer!.params.thread_ts).toBe(await parentTs());
    // 02:30 in Amsterdam: nothing reaches Olivia in her night.
    expect(posts(DM.olivia)).toEqual([]);
  });

  it('asks Olivia at 09:00 in Amsterdam, where Maria’s blocker reaches her too', async () => {
    await h.advanceTo('2026-11-23T07:59:00Z');
    expect(posts(DM.olivia)).toEqual([]);
    // Two DMs to one conversation: Slack's pacing sends the second a second later.
    await h.advanceTo('2026-11-23T08:00:05Z');
    const blocker = posts(DM.olivia).find((call) => call.params.text.startsWith('🚧'))!;
    expect(blocker.params.text).toBe('🚧 Maria is blocked (Standup, Acme Co, Mon 23 Nov): Waiting for the client’s logins');
    expect(actionIds(blocker)).toEqual(['standup.make_task']);
    const [question] = questionsTo(DM.olivia);
    expect(question!.params.text.split('\n')[0]).toBe('Hi Olivia! Standup for Acme Co, Mon 23 Nov.');
  });

  it('Olivia turns the blocker into one task with Make it a task and its modal; Jo gets it at the start of his day', async () => {
    const blocker = posts(DM.olivia).find((call) => call.params.text.startsWith('🚧'))!;
    const opened = await openFrom(OLIVIA, blocker, 'standup.make_task', '1767100000.000100');
    expect(JSON.parse(opened.params.view.private_metadata)).toMatchObject({ f: 'standup.make_task', c: DM.olivia, d: true });
    const before = posts(DM.olivia).length;
    await h.interact(viewSubmission({ user: OLIVIA, teamId: TEAM, opened, answers: { assignee: JO, due: 'tuesday 17:00' } }));
    const added = await waitFor(() => posts(DM.olivia)[before], 'the answer to the form');
    expect(plain(added.params.text)).toBe('Added #1 Blocker: Waiting for the client’s logins for Jo, from Maria’s standup answer of Mon 23 Nov.\nJo gets the message Mon 23 Nov, 09:00 (America/New_York).');
    const tasks = await h.rows<{ number: number; title: string; assignee: string }>(
      sql`select t.number, t.title, p.platform_user_id as assignee from tasks t join task_assignees a on a.task_id = t.id join people p on p.id = a.person_id`,
    );
    expect(tasks).toEqual([{ number: 1, title: 'Blocker: Waiting for the client’s logins', assignee: JO }]);
    // 03:00 in New York: the DM waits for Jo's day (see the last test).
    await h.deliver();
    expect(posts(DM.jo)).toEqual([]);

    // Clicking the same button on the same message again is the same click: no modal, no second task.
    const before2 = h.handled.length;
    const again = blockAction({ user: OLIVIA, teamId: TEAM, posted: blocker, ts: '1767100000.000100', actionId: 'standup.make_task', responseUrl: h.fake.responseUrl() });
    expect((await h.interact(again)).status).toBe(200);
    // The same id was accepted before (src/core/accepted.ts): acked with nothing more, never run again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.handled.length).toBe(before2);
    expect(h.fake.callsTo('views.open').filter((call) => call.params.trigger_id === again.trigger_id)).toEqual([]);
    expect((await h.rows<{ n: number }>(sql`select count(*)::int as n from tasks`))[0]!.n).toBe(1);
  });

  it('Olivia answers by Answer and the modal, into the same thread', async () => {
    const [question] = questionsTo(DM.olivia);
    await h.advanceTo('2026-11-23T08:15:00Z');
    const opened = await openFrom(OLIVIA, question!, 'standup.answer', '1767100100.000100');
    const view = opened.params.view;
    expect(view.type).toBe('modal');
    expect(view.blocks.map((block: { block_id: string; label: { text: string } }) => `${block.block_id}: ${block.label.text}`)).toEqual([
      'q1: What did you finish yesterday?',
      'q2: What will you do today?',
      'q3: Anything blocking you?',
    ]);
    const before = posts(DM.olivia).length;
    await h.interact(viewSubmission({ user: OLIVIA, teamId: TEAM, opened, answers: { q1: 'Weekly report', q2: 'Client call', q3: 'none' } }));
    const thanks = await waitFor(() => posts(DM.olivia)[before], 'the thanks');
    expect(plain(thanks.params.text)).toBe('Thanks, Olivia! Your answers are in. You can change them until Mon 23 Nov, 12:00 (Europe/Amsterdam) with Edit answers.');
    // The deadline is a Slack date, so each reader sees it in their own zone.
    expect(thanks.params.text).toContain(`<!date^${Date.parse('2026-11-23T11:00:00Z') / 1000}^`);
    await h.advanceTo('2026-11-23T08:15:10Z');
    const reply = posts(ACME).at(-1)!;
    expect(reply.params.text).toBe('Olivia\nWhat did you finish yesterday? Weekly report\nWhat will you do today? Client call\nAnything blocking you? none');
    expect(reply.params.thread_ts).toBe(await parentTs());
    // "none" is no blocker: nobody hears of one.
    expect(h.fake.callsTo('chat.postMessage').filter((call) => call.params.text.startsWith('🚧'))).toHaveLength(1);
  });

  it('asks Jo at 09:00 in New York, and summarises the day in the thread at the last deadline, without mentions', async () => {
    await h.advanceTo('2026-11-23T13:59:00Z');
    expect(questionsTo(DM.jo)).toEqual([]);
    await h.advanceTo('2026-11-23T14:00:05Z');
    expect(questionsTo(DM.jo)).toHaveLength(1);
    // The task Olivia gave him at 03:00 his time came at 09:00, just before the question.
    expect(plain(posts(DM.jo)[0]!.params.text)).toBe('Olivia gave you a task in Acme Co:\n#1 Blocker: Waiting for the client’s logins\nDue Tue 24 Nov, 17:00 (America/New_York)');
    await h.advanceTo('2026-11-23T17:00:10Z');
    const summary = posts(ACME).at(-1)!;
    expect(summary.params.text).toBe('Standup, Mon 23 Nov: 2 of 3 answered.\nAnswered: Maria, Olivia\nNot answered: Jo\n🚧 Blocked: Maria');
    expect(summary.params.text).not.toContain('<@');
    expect(summary.params.thread_ts).toBe(await parentTs());
    // The Monday digest shares the channel; its own tests cover it.
    expect(posts(ACME).filter((post) => !String(post.params.text).includes('· weekly digest,'))).toHaveLength(4);
    // Slack gave everyone's zone through users.info: no DM asked for one.
    expect(h.fake.callsTo('chat.postMessage').filter((call) => JSON.stringify(call.params.blocks ?? []).includes('static_select'))).toEqual([]);
  });
});
