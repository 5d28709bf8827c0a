import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createHarness, replyText, type Harness } from '../helpers/bot-harness.js';
import { testDatabases } from '../helpers/database.js';
import { taskDeliveriesTo, taskDmsTo } from './support.js';

/**
 * What the person who sets a deadline or gives a task is told: a deadline the assignee cannot meet in their
 * working time, with a moment that can; when a held DM arrives; and what Need help and reopening send on.
 */

const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
  eva: { displayName: 'Eva', zone: 'Europe/Amsterdam' },
};

describe.each(testDatabases())('task confirmations on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  afterEach(async () => handle.close());

  /** Monday 23 Nov 2026 08:00 UTC: 09:00 in Amsterdam, 16:00 in Manila, 03:00 in New York. Eva works 09:00-17:30. */
  const setUp = async ({ start = '2026-11-23T08:00:00Z', language = 'en' }: { start?: string; language?: 'en' | 'nl' } = {}) => {
    handle = await open();
    h = await createHarness({ handle, start, people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', jo: 'member', eva: 'member' } });
    await h.run('eva', 'dm-eva', '/obm me hours 09:00-17:30');
    if (language === 'nl') await h.run('olivia', 'acme', '/obm setup language nl');
  };
  const lines = async (line: string, user = 'olivia') => replyText(await h.run(user, 'acme', line)).split('\n');

  describe('warns of a deadline outside the assignee’s working time, with a moment that works', () => {
    it('in English, for a new task, a new deadline and a snooze', async () => {
      await setUp();
      expect(await lines('/task add Run payroll @eva due friday 02:00')).toEqual([
        'Added #1 Run payroll for Eva, due Fri 27 Nov, 02:00 (Europe/Amsterdam).',
        'Note: that is 02:00 for Eva (Europe/Amsterdam), before Eva’s day starts at 09:00; the last working moment before it is Thu 26 Nov, 17:30 (Europe/Amsterdam).',
      ]);
      expect((await lines('/task due 1 saturday 12:00')).slice(1)).toEqual([
        'Note: Sat 28 Nov is not a working day for Eva (Europe/Amsterdam); the last working moment before it is Fri 27 Nov, 17:30 (Europe/Amsterdam).',
      ]);
      await h.run('eva', 'dm-eva', '/obm me away 3 dec');
      expect((await lines('/task due 1 3 dec 12:00')).slice(1)).toEqual(['Note: Eva is away on Thu 3 Dec; the last working moment before it is Wed 2 Dec, 17:30 (Europe/Amsterdam).']);
      await h.run('eva', 'dm-eva', '/obm me country NL');
      expect((await lines('/task due 1 25 dec 12:00')).slice(1)).toEqual(['Note: Fri 25 Dec is a public holiday for Eva; the last working moment before it is Thu 24 Dec, 17:30 (Europe/Amsterdam).']);
      expect(replyText(await h.submit('eva', 'task.snooze', '1', { until: '28 dec 20:00' })).split('\n')).toEqual([
        'Snoozed #1 Run payroll until Mon 28 Dec, 20:00 (Europe/Amsterdam).',
        'Note: that is 20:00 for Eva (Europe/Amsterdam), after Eva’s day ends at 17:30; the last working moment before it is Mon 28 Dec, 17:30 (Europe/Amsterdam).',
      ]);
      // Inside her hours: nothing to warn of.
      expect(await lines('/task due 1 tuesday 11:00')).toEqual(['#1 Run payroll is now due Tue 24 Nov, 11:00 (Europe/Amsterdam).']);
    });

    it('in Dutch', async () => {
      await setUp({ language: 'nl' });
      expect(await lines('/task add Salarissen @eva due vrijdag 02:00')).toEqual([
        '#1 Salarissen toegevoegd voor Eva, deadline vr 27 nov om 02:00 (Europe/Amsterdam).',
        'Let op: dat is 02:00 voor Eva (Europe/Amsterdam), vóór het begin van de werkdag van Eva om 09:00; het laatste werkmoment ervoor is do 26 nov om 17:30 (Europe/Amsterdam).',
      ]);
      expect((await lines('/task due 1 zaterdag 12:00')).slice(1)).toEqual(['Let op: za 28 nov is geen werkdag voor Eva (Europe/Amsterdam); het laatste werkmoment ervoor is vr 27 nov om 17:30 (Europe/Amsterdam).']);
    });

    it('and, when no working moment is left before the deadline, when the assignee is back', async () => {
      // Mon 23 Nov 19:00 in Amsterdam: Eva's day is over, and tonight 22:00 is outside it.
      await setUp({ start: '2026-11-23T18:00:00Z' });
      expect((await lines('/task add Call back @eva due today 22:00')).slice(1, 2)).toEqual([
        'Note: that is 22:00 for Eva (Europe/Amsterdam), after Eva’s day ends at 17:30; Eva is at work again Tue 24 Nov, 09:00 (Europe/Amsterdam).',
      ]);
    });
  });

  it('keeps the instant when a task is reassigned, echoes it in the new assignee’s zone, warns, and says when the DM arrives', async () => {
    await setUp();
    await h.run('olivia', 'acme', '/task add Send the weekly report @maria due friday 17:00');
    // Fri 17:00 in Manila is 04:00 in New York; Jo's DM waits for his morning (it is 03:00 there).
    expect(await lines('/task assign 1 @jo')).toEqual([
      '#1 Send the weekly report is now with Jo, due Fri 27 Nov, 04:00 (America/New_York) = Fri 27 Nov, 10:00 (Europe/Amsterdam) your time.',
      'Note: that is 04:00 for Jo (America/New_York), before Jo’s day starts at 09:00; the last working moment before it is Thu 26 Nov, 17:00 (America/New_York).',
      'Jo gets the message Mon 23 Nov, 09:00 (America/New_York).',
    ]);
    expect(replyText(await h.run('olivia', 'acme', '/task show 1'))).toContain('Due: Fri 27 Nov, 10:00 (Europe/Amsterdam)');
  });

  describe('Need help', () => {
    it('asks what is needed, passes it on as news in the manager’s working time, and says when', async () => {
      // Mon 23 Nov 06:00 UTC: 14:00 for Maria, 07:00 for Olivia.
      await setUp({ start: '2026-11-23T06:00:00Z' });
      await h.run('olivia', 'acme', '/task add Fix the funnel @maria due friday');
      const form = await h.click('maria', 'task.help', '1');
      expect(form.kind === 'form' ? [form.form.title, form.form.fields] : null).toEqual(['Help with #1', [{ id: 'need', label: 'What do you need?', kind: 'textarea', required: true }]]);
      const reply = await h.submit('maria', 'task.help', '1', { need: 'Access to the Stripe account' });
      expect(replyText(reply).split('\n')).toEqual(['I passed on what you need with #1 to Olivia.', 'Olivia gets the message Mon 23 Nov, 09:00 (Europe/Amsterdam).']);
      const toOlivia = async () => (await taskDeliveriesTo(h.db, 'olivia')).map((row) => [row.text, row.status, row.sentAt?.toISOString() ?? null]);
      expect(await toOlivia()).toEqual([['Maria needs help with #1 Fix the funnel (Acme Co):\n> Access to the Stripe account', 'pending', null]]);
      await h.advanceTo('2026-11-23T09:00:00Z');
      expect(await toOlivia()).toEqual([['Maria needs help with #1 Fix the funnel (Acme Co):\n> Access to the Stripe account', 'sent', '2026-11-23T08:00:00.000Z']]);
      expect(replyText(await h.run('olivia', 'acme', '/task show 1'))).toContain('Maria asked for help: Access to the Stripe account');
    });

    it('goes at once for an urgent task, and not at all once the task is done', async () => {
      await setUp({ start: '2026-11-23T06:00:00Z' });
      await h.run('olivia', 'acme', '/task add Restore the shop @maria !urgent');
      expect(replyText(await h.submit('maria', 'task.help', '1', { need: 'The host is down' }))).toBe('I passed on what you need with #1 to Olivia.');
      expect((await taskDeliveriesTo(h.db, 'olivia')).map((row) => row.sentAt?.toISOString())).toEqual(['2026-11-23T06:00:00.000Z']);
      await h.run('olivia', 'acme', '/task add Tidy the drive @maria');
      await h.submit('maria', 'task.help', '2', { need: 'Which folders?' });
      await h.click('maria', 'task.done', '2');
      await h.advanceTo('2026-11-23T09:00:00Z');
      expect((await taskDeliveriesTo(h.db, 'olivia')).map((row) => [row.subject, row.status, row.droppedReason])).toEqual([
        ['task:1', 'sent', null],
        ['task:2', 'superseded', 'task_done'],
      ]);
    });
  });

  it('tells the assignees when a task is reopened, but not whoever reopened it', async () => {
    await setUp();
    await h.run('olivia', 'acme', '/task add Draft the proposal @maria due friday');
    await h.run('maria', 'acme', '/task done 1');
    await h.run('olivia', 'acme', '/task reopen 1');
    expect(h.recorder.dmsTo('maria').at(-1)?.text).toBe('Olivia reopened a task of yours in Acme Co:\n#1 Draft the proposal\nDue Fri 27 Nov, 17:00 (Asia/Manila)');
    await h.run('maria', 'acme', '/task done 1');
    await h.run('maria', 'acme', '/task reopen 1');
    expect((await taskDmsTo(h.db, 'maria', 'Asia/Manila')).filter((line) => line.includes('reopened'))).toHaveLength(1);
  });
});
