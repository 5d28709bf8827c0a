import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACME_CHANNEL, ACME_GUILD, createDiscordHarness, JO, MARIA, OLIVIA, setUpAcmeTeam, type DiscordHarness } from './harness.js';

const taskStatus = (h: DiscordHarness, title: string) => h.rows<{ status: string }>(sql`select status from tasks where title = ${title}`).then((rows) => rows[0]?.status);

describe('buttons, menus, modals and DMs through the real discord.js client', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await createDiscordHarness();
    await setUpAcmeTeam(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('Done in the DM updates its message (no buttons left) with an ephemeral notice; a double click has one effect', async () => {
    await h.command(OLIVIA, ACME_CHANNEL, '/task add', { title: 'Send the invoice', assignee: MARIA.id });
    await h.deliver();
    const dm = h.messageWith(h.fake.dmChannelOf(MARIA.id)!, 'Send the invoice')!;
    const [first, second] = await h.doubleClick(MARIA, dm, 'Done');
    const types = [first!.callbacks[0]!.type, second!.callbacks[0]!.type].sort();
    // One click replaced the message (7); the other, the same click again, was acknowledged and did nothing (6).
    expect(types).toEqual([6, 7]);
    const clicks = h.handled.filter((entry) => entry.invocation.input.kind === 'action');
    // The second click has the same id: accepted once (src/core/accepted.ts), so the core ran once.
    expect(clicks.map((entry) => entry.invocation.id)).toHaveLength(1);
    expect(clicks[0]!.invocation).toMatchObject({ workspace: { externalId: ACME_GUILD }, channel: { isDm: true }, input: { kind: 'action', actionId: 'task.done' } });
    const updated = h.fake.message(dm.id)!;
    expect(updated.components).toEqual([]);
    expect(h.text(updated)).toContain('Send the invoice');
    const notices = [...h.fake.messages.values()].filter((message) => message.interaction_id === first!.id || message.interaction_id === second!.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.flags).toBe(64);
    expect(h.text(notices[0]!)).toContain('is done');
    expect(await taskStatus(h, 'Send the invoice')).toBe('done');
  });

  it('Snooze opens a modal from the DM (the modal is the first answer); its submission is answered', async () => {
    await h.command(OLIVIA, ACME_CHANNEL, '/task add', { title: 'Call the printer', assignee: MARIA.id, due: 'tuesday 10:00' });
    await h.deliver();
    const dm = h.messageWith(h.fake.dmChannelOf(MARIA.id)!, 'Call the printer')!;
    const opened = await h.click(MARIA, dm, 'Snooze');
    expect(opened.record.callbacks[0]!.type).toBe(9);
    const modal = opened.record.callbacks[0]!.data;
    const field = modal.components[0].component;
    const submitted = await h.submit(MARIA, opened.record, { [field.custom_id]: 'wednesday 10:00' }, dm);
    expect(submitted.handled[0]!.invocation).toMatchObject({ workspace: { externalId: ACME_GUILD }, input: { kind: 'form', formId: 'task.snooze' } });
    // The core answers the snooze with a message to Maria alone, in her DM.
    const reply = submitted.handled[0]!.reply;
    expect(reply.kind).toBe('message');
    expect(submitted.record.callbacks[0]!.type).toBe(4);
    expect(submitted.answer.ephemeral).toBe(reply.kind === 'message' && reply.visibility === 'ephemeral');
    expect(submitted.answer.text).toMatch(/Call the printer/);
  });

  it('a zoneless person is asked once by DM with a menu of zones; the pick sets their zone and updates the question', async () => {
    // Discord shares no zone: scheduling something for Jo asks him which zone he is in.
    await h.command(OLIVIA, ACME_CHANNEL, '/task add', { title: 'Renew the domain', assignee: JO.id, due: 'friday 17:00' });
    await h.advanceTo('2026-11-23T18:00:00Z');
    const dmChannel = h.fake.dmChannelOf(JO.id)!;
    const ask = [...h.fake.messagesIn(dmChannel)].find((message) => h.componentsOf(message).some((component) => component.type === 3))!;
    expect(ask).toBeDefined();
    const menu = h.componentsOf(ask).find((component) => component.type === 3);
    expect(menu.options.length).toBeGreaterThan(3);
    expect(menu.options.length).toBeLessThanOrEqual(25);
    expect(menu.custom_id).toMatch(new RegExp(`^rh1\\|${ACME_GUILD}\\|people\\.zone\\|`));
    const zone = menu.options.find((option: { value: string }) => option.value === 'America/New_York')?.value ?? menu.options[0].value;
    const picked = await h.pick(JO, ask, zone);
    expect(picked.handled[0]!.invocation.input).toEqual({ kind: 'action', actionId: 'people.zone', value: zone });
    expect(picked.record.callbacks[0]!.type).toBe(7);
    const [jo] = await h.rows<{ zone: string | null }>(sql`select zone from people where platform_user_id = ${JO.id}`);
    expect(jo!.zone).toBe(zone);
    expect(h.fake.message(ask.id)!.components).toEqual([]);
  });

  it('a daily standup on Discord: asked by DM with Answer, answered in a modal, posted in the team channel’s thread; a DM reply answers too', async () => {
    await h.command(MARIA, ACME_CHANNEL, '/obm me', { zone: 'Asia/Manila' });
    await h.command(JO, ACME_CHANNEL, '/obm me', { zone: 'Asia/Manila' });
    await h.command(OLIVIA, ACME_CHANNEL, '/standup setup', { at: '09:00', deadline: '12:00', participant: MARIA.id, 'participant-2': JO.id });
    // Tuesday 09:00 in Manila.
    await h.advanceTo('2026-11-24T01:05:00Z');
    const question = h.messageWith(h.fake.dmChannelOf(MARIA.id)!, /^Hi /)!;
    expect(question).toBeTruthy();
    expect(h.componentsOf(question).map((button) => button.label)).toContain('Answer');

    const opened = await h.click(MARIA, question, 'Answer');
    expect(opened.record.callbacks[0]!.type).toBe(9);
    const fields = opened.record.callbacks[0]!.data.components.map((label: { component: { custom_id: string } }) => label.component.custom_id);
    expect(fields.length).toBeGreaterThan(0);
    const answers = Object.fromEntries(fields.map((id: string, index: number) => [id, ['Sent the invoices', 'Update the CRM', 'none'][index] ?? 'ok']));
    const sent = await h.submit(MARIA, opened.record, answers, question);
    expect(sent.handled[0]!.invocation.input).toMatchObject({ kind: 'form', formId: 'standup.answer' });

    h.fake.clear();
    await h.advanceTo('2026-11-24T01:10:00Z');
    // The day's parent post in the team channel, then the answer in a thread started from it.
    const parent = h.fake.callsTo('POST', '/channels/:channel/messages').find((call) => call.path === `/channels/${ACME_CHANNEL}/messages`);
    expect(parent).toBeDefined();
    const thread = h.fake.callsTo('POST', '/channels/:channel/messages/:message/threads')[0]!;
    expect(thread.path).toMatch(new RegExp(`^/channels/${ACME_CHANNEL}/messages/\\d+/threads$`));
    const parentId = thread.path.split('/')[4]!;
    const inThread = h.fake.messagesIn(parentId);
    expect(inThread.map((message) => h.text(message)).join('\n')).toContain('Sent the invoices');

    // Jo answers by typing in his DM: the reply reaches the core, in Acme's workspace.
    const reply = await h.dm(JO, 'Fixed the footer');
    expect(reply.handled[0]!.invocation).toMatchObject({ id: expect.stringMatching(/^message:\d+$/), workspace: { externalId: ACME_GUILD }, channel: { id: reply.channelId, isDm: true }, input: { kind: 'message', text: 'Fixed the footer' } });
    const next = [...h.fake.messagesIn(reply.channelId)].at(-1)!;
    expect(h.text(next)).toMatch(/2\/\d/);
  });

  it('a DM that is not an answer reaches the core, which answers with its hint in the DM', async () => {
    const hint = await h.dm(OLIVIA, 'hello?');
    expect(hint.handled[0]!.reply.kind).toBe('message');
    expect(h.text([...h.fake.messagesIn(hint.channelId)].at(-1)!)).toContain('/obm help');
  });
});
