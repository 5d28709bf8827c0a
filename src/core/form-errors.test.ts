import { count } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tasks } from '../db/schema/index.js';
import type { DatabaseHandle } from '../db/client.js';
import { createHarness, replyText, type Harness } from '../../test/helpers/bot-harness.js';
import { testDatabases } from '../../test/helpers/database.js';
import { fieldOf } from './form-errors.js';
import type { Reply } from './invocation.js';

const PEOPLE = { olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' }, maria: { displayName: 'Maria', zone: 'Asia/Manila' } };

describe('fieldOf', () => {
  it('matches a code exactly or by its start, and nothing else', () => {
    const refusals = { due: ['time.'], assignee: ['people.unknown'] };
    expect(fieldOf(refusals, 'time.unreadable')).toBe('due');
    expect(fieldOf(refusals, 'people.unknown')).toBe('assignee');
    expect(fieldOf(refusals, 'tasks.not_found')).toBeNull();
    expect(fieldOf(undefined, 'time.past')).toBeNull();
  });
});

describe.each(testDatabases())('a form answered with a mistake on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const taskCount = async () => (await handle.db.select({ n: count() }).from(tasks))[0]!.n;
  /** The new-task form, submitted in the team channel (where `/task` opened it); one id, as Slack resends one view. */
  const submitNew = (values: Record<string, string>, id = 'view:V1') =>
    h.bot.handle({
      id,
      platform: 'console',
      workspace: { externalId: 'demo', name: 'Demo' },
      actor: { userId: 'olivia', displayName: 'Olivia', zone: 'Europe/Amsterdam' },
      channel: { id: 'acme', isDm: false },
      input: { kind: 'form', formId: 'task.new', privateValue: '', values },
      directory: { lookup: async (userId) => (userId in PEOPLE ? { userId, ...PEOPLE[userId as keyof typeof PEOPLE] } : null) },
    });
  const errorsOf = (reply: Reply) => (reply.kind === 'formErrors' ? reply.errors : null);

  beforeEach(async () => {
    handle = await open();
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member' } });
  });
  afterEach(async () => handle.close());

  it('marks every refused field, keeps the values, changes nothing, and takes the corrected form under the same id', async () => {
    const reply = await submitNew({ title: ' ', due: 'someday maybe' });
    expect(reply).toEqual({
      kind: 'formErrors',
      errors: [{ field: 'title', message: 'Give the task a title.' }],
      values: { title: ' ', due: 'someday maybe' },
      summary: 'Not saved yet: fix this and send the form again.',
      retryLabel: 'Fix the form',
    });
    // The title passes, the date is refused by the run (shared with /task add): the field is named all the same.
    expect(errorsOf(await submitNew({ title: 'Renew the domain', due: 'someday maybe' }))).toEqual([{ field: 'due', message: 'That is not a date or time I can read: “someday maybe”.' }]);
    expect(errorsOf(await submitNew({ title: 'Renew the domain', due: 'today 08:00' }))).toEqual([{ field: 'due', message: 'Pick a later moment: Mon 23 Nov, 08:00 (Europe/Amsterdam) is already past.' }]);
    expect(await taskCount()).toBe(0);
    // The refusals were rolled back with their invocation's id, so the fixed form (Slack resends the same view) counts.
    expect(replyText(await submitNew({ title: 'Renew the domain', due: 'friday 17:00' }))).toMatch(/^Added #1 Renew the domain, due Fri 27 Nov, 17:00/);
    expect(await taskCount()).toBe(1);
  });

  it('rolls back what the run did before a field was refused', async () => {
    // A member may not give a task to someone else: refused after the title and date were read.
    const reply = await h.bot.handle({
      id: 'view:V2',
      platform: 'console',
      workspace: { externalId: 'demo', name: 'Demo' },
      actor: { userId: 'maria', displayName: 'Maria', zone: 'Asia/Manila' },
      channel: { id: 'acme', isDm: false },
      input: { kind: 'form', formId: 'task.new', privateValue: '', values: { title: 'Call the printer', assignee: '@{olivia}', due: 'friday' } },
      directory: { lookup: async () => null },
    });
    expect(errorsOf(reply)).toEqual([{ field: 'assignee', message: 'Only a manager can give tasks to others: leave this empty or pick yourself.' }]);
    expect(await taskCount()).toBe(0);
  });

  it('speaks the team’s language, and a refusal no field owns still closes the form', async () => {
    await h.run('olivia', 'acme', '/obm setup language nl');
    const reply = await submitNew({ title: 'Domein verlengen', due: 'ooit misschien' });
    expect(reply).toMatchObject({
      kind: 'formErrors',
      errors: [{ field: 'due', message: 'Dat is geen datum of tijd die ik kan lezen: “ooit misschien”.' }],
      summary: 'Nog niet opgeslagen: pas dit aan en verstuur het formulier opnieuw.',
      retryLabel: 'Formulier aanpassen',
    });
    // Snoozing a task that does not exist is nothing the form can fix: an ordinary refusal.
    expect((await h.submit('olivia', 'task.snooze', '999', { until: 'friday' })).kind).toBe('message');
  });
});
