import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/database.js';
import { ACME_CHANNEL, createDiscordHarness, MARIA, OLIVIA, type DiscordHarness } from './harness.js';

const titles = async (h: DiscordHarness) => (await h.rows<{ title: string }>(sql`select title from tasks order by id`)).map((row) => row.title);

/** The modal a callback opened (type 9): each field's custom id with its prefilled value (text) or default (selects, users). */
const prefilled = (modal: { components: { component: { custom_id: string; value?: string; default_values?: { id: string }[]; options?: { value: string; default?: boolean }[] } }[] }) =>
  Object.fromEntries(
    modal.components.map(({ component }) => [component.custom_id, component.value ?? component.default_values?.[0]?.id ?? component.options?.find((option) => option.default)?.value ?? null]),
  );

describe.each(testDatabases())('a modal answered with a mistake on $driver', ({ open }) => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await createDiscordHarness({ handle: await open() });
    await h.command(OLIVIA, ACME_CHANNEL, '/obm setup', { client: 'Acme Co' });
    await h.command(OLIVIA, ACME_CHANNEL, '/obm team-add', { person: MARIA.id, role: 'member' });
  });
  afterAll(async () => {
    await h?.close();
    await h?.handle.close();
  });

  it('names the field and its error, changes nothing, and its button opens the modal again with the values kept', async () => {
    const opened = await h.command(OLIVIA, ACME_CHANNEL, '/task new');
    const refused = await h.submit(OLIVIA, opened.record, { title: 'Renew the domain', assignee: MARIA.id, due: 'someday maybe', priority: 'high' });
    expect(refused.handled[0]!.reply.kind).toBe('formErrors');
    expect(refused.answer.ephemeral).toBe(true);
    expect(refused.answer.text).toContain('Not saved yet: fix this and send the form again.');
    // The field by its label, as the modal showed it.
    expect(refused.answer.text).toContain('• Due (e.g. friday 17:00): That is not a date or time I can read: “someday maybe”.');
    expect(await titles(h)).toEqual([]);

    const message = refused.answer.original!;
    const [button] = h.componentsOf(message);
    expect(button.label).toBe('Fix the form');
    const again = await h.click(OLIVIA, message, 'Fix the form');
    expect(again.answer.type).toBe(9);
    const modal = again.record.callbacks[0]!.data;
    expect(prefilled(modal)).toEqual({ title: 'Renew the domain', assignee: MARIA.id, due: 'someday maybe', priority: 'high', project: null });

    const saved = await h.submit(OLIVIA, again.record, { due: 'friday 17:00' }, message);
    expect(saved.handled[0]!.invocation.input).toMatchObject({ kind: 'form', formId: 'task.new', values: { title: 'Renew the domain', due: 'friday 17:00', priority: 'high' } });
    expect(saved.handled[0]!.reply.kind).toBe('message');
    expect(await titles(h)).toEqual(['Renew the domain']);
  });

  it('opens a form of pages at the page of the refused field, the pages before it kept', async () => {
    // `/standup setup` alone: the settings form, 8 fields in pages of 5 + 3.
    const opened = await h.command(OLIVIA, ACME_CHANNEL, '/standup setup');
    const page1 = await h.submit(OLIVIA, opened.record, { time: '10:15' });
    const next = page1.answer.original!;
    const page2 = await h.click(OLIVIA, next, h.componentsOf(next)[0].label);
    // The reminder, on the second page, is refused.
    const refused = await h.submit(OLIVIA, page2.record, { nudge: 'soonish' }, next);
    expect(refused.handled[0]!.reply).toMatchObject({ kind: 'formErrors', errors: [{ field: 'nudge' }] });
    const message = refused.answer.original ?? refused.answer.followUps[0]!;
    const again = await h.click(OLIVIA, message, 'Fix the form');
    const modal = again.record.callbacks[0]!.data;
    expect(modal.title).toMatch(/\(2\/2\)$/);
    expect(prefilled(modal)).toMatchObject({ nudge: 'soonish' });
    const saved = await h.submit(OLIVIA, again.record, { nudge: '30m' }, message);
    // The first page's answers came along untouched.
    expect(saved.handled[0]!.invocation.input).toMatchObject({ kind: 'form', formId: 'standup.settings', values: { time: '10:15', nudge: '30m' } });
    expect(saved.handled[0]!.reply.kind).toBe('message');
  });
});
