import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tasks } from '../../../db/schema/index.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { buttonsIn, createHarness, replyText, visibility, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';

const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
  sam: { displayName: 'Sam' },
};

describe.each(testDatabases())('tasks on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const taskCount = async () => (await handle.db.select({ n: count() }).from(tasks))[0]!.n;

  beforeEach(async () => {
    handle = await open();
    // Monday 23 Nov 2026, 09:00 in Amsterdam.
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', jo: 'member' } });
  });
  afterEach(async () => handle.close());

  it('assigns a task, echoes the due time in both zones, and DMs the assignee in her zone with buttons', async () => {
    const reply = await h.run('olivia', 'acme', '/task add Send the weekly report @maria due friday !high');
    expect(visibility(reply)).toBe('channel');
    expect(replyText(reply)).toBe(
      'Added #1 Send the weekly report for Maria, due Fri 27 Nov, 17:00 (Asia/Manila) = Fri 27 Nov, 10:00 (Europe/Amsterdam) your time.',
    );
    const [dm] = h.recorder.dmsTo('maria');
    expect(dm?.text).toBe('Olivia gave you a task in Acme Co:\n#1 Send the weekly report\nDue Fri 27 Nov, 17:00 (Asia/Manila)');
    expect(buttonsIn(dm!.message).map((button) => [button.label, button.actionId, button.value])).toEqual([
      ['Done', 'task.done', '1'],
      ['Snooze', 'task.snooze', '1'],
      ['Need help', 'task.help', '1'],
    ]);
    expect(h.recorder.sent).toHaveLength(1);
  });

  it('numbers tasks per team, and a number from another team is not found there', async () => {
    await h.run('olivia', 'acme', '/task add One');
    await h.run('olivia', 'acme', '/task add Two');
    await h.run('olivia', 'beta', '/obm setup Beta Ltd');
    expect(replyText(await h.run('olivia', 'beta', '/task add First in beta'))).toMatch(/^Added #1 First in beta/);
    expect(replyText(await h.run('olivia', 'beta', '/task show #2'))).toBe('There is no task #2 in this team. /task list shows the open ones.');
    expect(replyText(await h.run('olivia', 'acme', '/task show #2'))).toContain('#2 Two');
  });

  it('lets members add their own tasks but not give tasks to others, cancel, or touch others’ tasks', async () => {
    expect(replyText(await h.run('maria', 'acme', '/task add Book the venue due tomorrow'))).toBe('Added #1 Book the venue, due Tue 24 Nov, 17:00 (Asia/Manila).');
    const before = await taskCount();
    expect(replyText(await h.run('maria', 'acme', '/task add Help me @jo'))).toBe('Only a manager can give tasks to others. Add it for yourself, or ask a manager.');
    expect(replyText(await h.run('jo', 'acme', '/task done 1'))).toBe('Task #1 is not yours to change: only its assignees and the team’s managers can.');
    expect(replyText(await h.run('maria', 'acme', '/task cancel 1'))).toBe('Only a team manager can do that. Usage: /task cancel <n>');
    expect(await taskCount()).toBe(before);
    expect(replyText(await h.run('maria', 'acme', '/task snooze 1 thursday'))).toBe('Snoozed #1 Book the venue until Thu 26 Nov, 17:00 (Asia/Manila).');
    expect(replyText(await h.run('maria', 'acme', '/task done 1'))).toBe('#1 Book the venue is done. Nice work, Maria!');
  });

  it('keeps a full history of every change', async () => {
    await h.run('olivia', 'acme', '/task add Draft the proposal @maria due 27 nov');
    await h.run('olivia', 'acme', '/task assign 1 @jo');
    await h.run('olivia', 'acme', '/task due 1 friday 12:00');
    // Jo's assignment waited for his morning (03:00 in New York now) and says then what is true then: one DM.
    await h.advanceTo('2026-11-23T14:00:00Z');
    expect(h.recorder.dmsTo('jo').map((dm) => dm.text)).toEqual(['Olivia gave you a task in Acme Co:\n#1 Draft the proposal\nDue Fri 27 Nov, 12:00 (America/New_York)']);
    await h.run('jo', 'acme', '/task done 1');
    await h.run('olivia', 'acme', '/task reopen 1');
    await h.run('olivia', 'acme', '/task cancel 1');
    const card = replyText(await h.run('olivia', 'acme', '/task show 1'));
    expect(card).toContain('Status: cancelled');
    expect(card).toContain('Assignees: Jo');
    expect(card).toContain('Due: Fri 27 Nov, 18:00 (Europe/Amsterdam)');
    const history = card.split('History:\n')[1]!.split('\n').map((line) => line.replace(/^.*?\): /, ''));
    expect(history).toEqual([
      'created by Olivia',
      'Olivia assigned it to Jo',
      'Olivia set the due date to Fri 27 Nov, 18:00 (Europe/Amsterdam)',
      'Jo marked it done',
      'Olivia reopened it',
      'Olivia cancelled it',
    ]);
    // Maria is told the task moved off her list.
    expect(h.recorder.dmsTo('maria').map((dm) => dm.text)).toContain('Olivia moved #1 Draft the proposal to someone else; it is off your list.');
  });

  it('completes a task from the DM button once, and updates the message so nobody clicks twice', async () => {
    await h.run('olivia', 'acme', '/task add Send invoices @maria due friday');
    const first = await h.click('maria', 'task.done', '1', 'click-1');
    expect(first.kind).toBe('update');
    expect(replyText(first)).toBe('#1 Send invoices\ndone · Due Fri 27 Nov, 17:00 (Asia/Manila)\n#1 Send invoices is done. Nice work, Maria!');
    expect(first.kind === 'update' && buttonsIn(first.message)).toEqual([]);
    // The platform retries the same click: handled once, no second answer.
    expect((await h.click('maria', 'task.done', '1', 'click-1')).kind).toBe('none');
    // A second, separate click finds it done and says so.
    expect(replyText(await h.click('maria', 'task.done', '1', 'click-2'))).toBe('Task #1 is already done.');
    const events = replyText(await h.run('olivia', 'acme', '/task show 1'));
    expect(events.match(/marked it done/g)).toHaveLength(1);
  });

  it('snoozes from the DM through a form, and only ever later', async () => {
    await h.run('olivia', 'acme', '/task add Update the SOP @maria due wednesday');
    const form = await h.click('maria', 'task.snooze', '1');
    expect(form.kind === 'form' && form.form.fields.map((field) => [field.id, field.kind])).toEqual([['until', 'when']]);
    // A refusal of the field keeps the form open, the error next to it.
    expect(await h.submit('maria', 'task.snooze', '1', { until: 'tuesday' })).toMatchObject({
      kind: 'formErrors',
      errors: [{ field: 'until', message: 'Pick a moment after the current deadline, not “tuesday”.' }],
      values: { until: 'tuesday' },
    });
    expect(replyText(await h.submit('maria', 'task.snooze', '1', { until: 'friday 10:00' }))).toBe('Snoozed #1 Update the SOP until Fri 27 Nov, 10:00 (Asia/Manila).');
    expect(replyText(await h.submit('maria', 'task.snooze', '1', { until: 'someday maybe' }))).toBe('That is not a date or time I can read: “someday maybe”.');
  });

  it('asks what is needed when someone needs help, and passes it on to the managers', async () => {
    await h.run('olivia', 'acme', '/task add Fix the funnel @maria');
    const form = await h.click('maria', 'task.help', '1');
    expect(form.kind === 'form' && [form.form.formId, form.form.fields.map((field) => [field.id, field.kind, field.required])]).toEqual(['task.help', [['need', 'textarea', true]]]);
    expect(replyText(await h.submit('maria', 'task.help', '1', { need: '  ' }))).toBe('Say what you need, so the managers can help.');
    const reply = await h.submit('maria', 'task.help', '1', { need: 'The login to the ad account\nis not working' });
    expect(replyText(reply)).toBe('I passed on what you need with #1 to Olivia.');
    expect(h.recorder.dmsTo('olivia').map((dm) => dm.text)).toEqual(['Maria needs help with #1 Fix the funnel (Acme Co):\n> The login to the ad account\n> is not working']);
    expect(replyText(await h.run('olivia', 'acme', '/task show 1'))).toContain('Maria asked for help: The login to the ad account\nis not working');
  });

  it('refuses buttons on tasks of another workspace or from people outside the team', async () => {
    await h.run('olivia', 'acme', '/task add Private thing @maria');
    expect(replyText(await h.click('sam', 'task.done', '1'))).toBe('Task #1 is not yours to change: only its assignees and the team’s managers can.');
    expect(replyText(await h.click('maria', 'task.done', '999'))).toBe('That button or form has expired. Run the command again.');
  });

  it('makes an assignee who never wrote in the channel a member, who may press Done on their own task', async () => {
    await h.run('olivia', 'acme', '/task add Set up the newsletter @sam');
    expect(replyText(await h.click('sam', 'task.done', '1'))).not.toContain('not yours');
    expect(replyText(await h.run('olivia', 'acme', '/task show 1'))).toContain('Status: done');
    expect(replyText(await h.run('olivia', 'acme', '/obm team'))).toContain('Sam');
  });

  it('creates the next instance of a repeating task when it is done, at the same local time across DST', async () => {
    // Monday 2027-03-22 17:00 Amsterdam is UTC+1; the following Monday is after the change to UTC+2.
    await h.run('olivia', 'acme', '/task add Weekly numbers every monday due 22 mar 2027');
    await h.advanceTo('2027-03-22T10:00:00Z');
    const reply = replyText(await h.run('olivia', 'acme', '/task done 1'));
    expect(reply).toBe('#1 Weekly numbers is done. Nice work, Olivia! The next one is #2, due Mon 29 Mar, 17:00 (Europe/Amsterdam).');
    const card = replyText(await h.run('olivia', 'acme', '/task show 2'));
    expect(card).toContain('Repeats: every Monday');
    expect(card).toContain('Created by: Olivia');
    expect(card).toContain('repeat of #1');
  });

  it('creates the next instance when a repeating task falls due, once, closing the open one as missed', async () => {
    await h.run('olivia', 'acme', '/task add Backup the site @maria every day due tomorrow 18:00');
    // Due Tue 24 Nov 18:00 Manila = 10:00 UTC. Passing it runs the due job.
    await h.advanceTo('2026-11-24T10:30:00Z');
    expect(replyText(await h.run('olivia', 'acme', '/task list'))).toBe('Open tasks in Acme Co\n#2 Backup the site · Maria · Due Wed 25 Nov, 11:00 (Europe/Amsterdam)');
    expect(replyText(await h.run('olivia', 'acme', '/task list all'))).toContain('#1 Backup the site · Maria · Due Tue 24 Nov, 11:00 (Europe/Amsterdam) · missed');
    // Done late after all: it counts as done, and no third occurrence appears.
    expect(replyText(await h.run('maria', 'acme', '/task done 1'))).toBe('#1 Backup the site is done. Nice work, Maria!');
    expect(await taskCount()).toBe(2);
  });

  it('lists by person, overdue, project and all, soonest first', async () => {
    await h.run('olivia', 'acme', '/task project add Launch due 15 dec');
    await h.run('olivia', 'acme', '/task add Later @maria due friday project launch');
    await h.run('olivia', 'acme', '/task add Sooner @maria due tomorrow project Launch');
    await h.run('olivia', 'acme', '/task add Jo thing @jo');
    await h.run('olivia', 'acme', '/task done 3');
    expect(replyText(await h.run('olivia', 'acme', '/task list @maria')).split('\n').map((line) => line.split(' · ')[0])).toEqual(['Open tasks of Maria', '#2 Sooner', '#1 Later']);
    expect(replyText(await h.run('maria', 'acme', '/task list mine'))).toContain('#2 Sooner');
    expect(replyText(await h.run('olivia', 'acme', '/task list overdue'))).toBe('Overdue tasks in Acme Co\nNothing is overdue.');
    expect(replyText(await h.run('olivia', 'acme', '/task list all'))).toContain('#3 Jo thing · Jo · done');
    expect(replyText(await h.run('olivia', 'acme', '/task project list'))).toBe(
      'Projects in Acme Co\nLaunch: 0/2 done · next due Tue 24 Nov, 10:00 (Europe/Amsterdam) · project due Tue 15 Dec, 17:00 (Europe/Amsterdam)',
    );
    expect(replyText(await h.run('olivia', 'acme', '/task add X project Nope'))).toBe('There is no project “Nope” in this team. Add it with /task project add Nope.');
  });

  it('keeps a keyword whose words are no value in the title, and confirms the title as stored', async () => {
    expect(replyText(await h.run('olivia', 'acme', '/task add Review due diligence due monday'))).toBe('Added #1 Review due diligence, due Mon 23 Nov, 17:00 (Europe/Amsterdam).');
    expect(replyText(await h.run('olivia', 'acme', '/task add Plan the launch by the book by friday'))).toBe('Added #2 Plan the launch by the book, due Fri 27 Nov, 17:00 (Europe/Amsterdam).');
    expect(replyText(await h.run('olivia', 'acme', '/task add Report due banana'))).toBe('Added #3 Report due banana.');
    await h.run('olivia', 'acme', '/obm setup language nl');
    // The wording of the zone echo is the catalog's; what matters here is the title, the deadline and the repeat.
    expect(replyText(await h.run('olivia', 'acme', '/task add Weekrapport @maria elke vrijdag'))).toMatch(/^#4 Weekrapport toegevoegd voor Maria, deadline vr 27 nov om 17:00 \(Asia\/Manila\).*, herhaalt elke vrijdag\.$/);
    expect(replyText(await h.run('olivia', 'acme', '/task add Offerte voor Jansen uiterlijk woensdag'))).toBe('#5 Offerte voor Jansen toegevoegd, deadline wo 25 nov om 17:00 (Europe/Amsterdam).');
    expect(replyText(await h.run('olivia', 'acme', '/task show 4'))).toContain('elke vrijdag');
    // Filters and refusals in Dutch: a Dutch example rather than the English usage line.
    expect(replyText(await h.run('olivia', 'acme', '/task list achterstallig')).split('\n')[0]).toBe('Te late taken in Acme Co');
    expect(replyText(await h.run('olivia', 'acme', '/task list mijn')).split('\n')[0]).toBe('Open taken van Olivia');
    expect(replyText(await h.run('olivia', 'acme', '/task done abc'))).toBe('Taaknummers zien eruit als 12 of #12, bijvoorbeeld: /task done 12');
    expect(replyText(await h.run('olivia', 'acme', '/task add Bellen elke 99999 dagen'))).toBe('“elke 99999 dagen” ligt te ver uit elkaar: een herhaling komt minstens één keer per jaar, bijvoorbeeld elke 2 weken of maandelijks.');
  });

  it('answers bad input with one clear sentence and changes nothing', async () => {
    const cases: [string, string][] = [
      ['/task add', 'A task needs a title, for example: /task add Send the weekly report due friday'],
      // In /task add, "due banana" is words of the title (forgiving titles); a phrase that must be a time is refused.
      ['/task due 1 banana', 'I could not read “banana” as a time. Try for example “friday 17:00”, “tomorrow noon”, “eod” or “in 3 days”.'],
      ['/task add Report @nobody', 'I do not know nobody in this workspace. Mention them with @ so I can look them up.'],
      ['/task add Report !whenever', 'Priorities are !urgent, !high, !normal and !low.'],
      ['/task done', 'Which task? Give its number, for example: /task done <n>'],
      ['/task done twelve', 'Task numbers look like 12 or #12. Usage: /task done <n>'],
      ['/task done 12', 'There is no task #12 in this team. /task list shows the open ones.'],
      ['/tsak add x', 'I do not know the command tsak. Type /obm help to see what I can do.'],
      ['/task done 1 please', 'I did not understand “please”. Usage: /task done <n>'],
    ];
    await h.run('olivia', 'acme', '/task add Existing');
    for (const [line, answer] of cases) {
      const reply = await h.run('olivia', 'acme', line);
      expect(replyText(reply), line).toBe(answer);
      expect(visibility(reply), line).toBe('ephemeral');
    }
    // A subcommand /task lacks: the family's help, after a word on what it did not know.
    expect(replyText(await h.run('olivia', 'acme', '/task frobnicate')).split('\n').slice(0, 2)).toEqual(['/task has no “frobnicate”. This is what it can do:', '/task: Plan, delegate and finish tasks']);
    expect(await taskCount()).toBe(1);
    expect(replyText(await h.run('olivia', 'random', '/task add Hello'))).toBe('This channel is not a client team yet. A manager can make it one with /obm setup <client name>.');
  });

  it('survives any input without throwing', async () => {
    const inputs = ['', ' ', '"', '“unclosed', '#'.repeat(5000), 'add \u0000\u0007', 'add @{}', 'done #', 'project', 'project add', 'list project', 'due 1', 'assign 1', 'add x every fortnight'];
    for (const text of inputs) {
      const reply = await h.run('olivia', 'acme', `/task ${text}`);
      expect(['message', 'form'], text).toContain(reply.kind);
    }
    expect(await handle.db.select().from(tasks).where(eq(tasks.teamId, 999))).toEqual([]);
  });
});
