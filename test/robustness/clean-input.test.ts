import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../src/db/client.js';
import { standupAnswers, tasks } from '../../src/db/schema/index.js';
import { buttonsIn, createHarness, replyText, type Harness } from '../helpers/bot-harness.js';
import { testDatabases } from '../helpers/database.js';

/**
 * Text PostgreSQL cannot store (NUL, lone UTF-16 surrogates), typed, sent in a form or replied in a DM: the
 * core makes it storable where it enters (src/core/clean-text.ts), so the person gets the same answer as for
 * the text without it, never the generic error.
 */

const PEOPLE = { olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' }, maria: { displayName: 'Maria', zone: 'Europe/Amsterdam' } };
const GENERIC = 'Something went wrong';

describe.each(testDatabases())('text the database cannot store, on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const say = async (line: string, channel = 'acme') => replyText(await h.run('olivia', channel, line));
  const titles = async () => (await h.db.select({ title: tasks.title }).from(tasks).orderBy(tasks.id)).map((row) => row.title);

  // Sunday 22 Nov 2026, 12:00 UTC.
  beforeEach(async () => {
    handle = await open();
    h = await createHarness({ handle, start: '2026-11-22T12:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member' } });
  });
  afterEach(async () => handle.close());

  it('a title or name of only NUL is no title or name: the sentence that asks for one', async () => {
    expect(await say('/task add "\u0000" due friday')).toBe('A task needs a title, for example: /task add Send the weekly report due friday');
    expect(await say('/task add \u0000\u0000')).toMatch(/^A task needs a title/);
    expect(await say('/obm setup \u0000', 'beta')).toBe('Give the client’s name, for example: /obm setup Acme Co');
    expect(await titles()).toEqual([]);
  });

  it('NUL inside text is dropped and lone surrogates become U+FFFD, typed or as Discord’s typed options', async () => {
    expect(await say('/task add Rep\u0000ort')).toBe('Added #1 Report.');
    expect(await say('/task add Half \uD83D pair')).toBe('Added #2 Half \uFFFD pair.');
    const typed = await h.bot.handle({
      id: 'typed-1',
      platform: 'console',
      workspace: { externalId: 'demo', name: 'Demo' },
      actor: { userId: 'olivia', displayName: 'Olivia' },
      channel: { id: 'acme', isDm: false },
      input: { kind: 'command', command: 'task', text: 'add', options: { title: 'In\u0000voice \uDC00' } },
      directory: { lookup: async () => null },
    });
    expect(replyText(typed)).toBe('Added #3 Invoice \uFFFD.');
    expect(await titles()).toEqual(['Report', 'Half \uFFFD pair', 'Invoice \uFFFD']);
  });

  it('a standup answered by DM reply and by form, with NUL and lone surrogates, is stored', async () => {
    await say('/standup setup at 09:00 deadline 12:00 @maria');
    await h.advanceTo('2026-11-23T08:00:00Z');
    expect(replyText(await h.say('maria', 'Sent the \uD800invoices\u0000'))).toBe('2/3 · What will you do today?');
    const answerId = buttonsIn(h.recorder.dmsTo('maria').at(-1)!.message).find((button) => button.actionId === 'standup.answer')!.value;
    const thanks = replyText(await h.submit('maria', 'standup.answer', answerId, { q1: 'Sent the \uD800invoices\u0000', q2: 'Call \uDFFFthe client', q3: 'no\u0000ne' }));
    expect(thanks).toMatch(/^Thanks, Maria!/);
    expect(thanks).not.toContain(GENERIC);
    const [row] = await h.db.select({ answers: standupAnswers.answers }).from(standupAnswers).where(eq(standupAnswers.status, 'answered'));
    expect(row!.answers.slice(0, 2)).toEqual(['Sent the \uFFFDinvoices', 'Call \uFFFDthe client']);
  });
});
