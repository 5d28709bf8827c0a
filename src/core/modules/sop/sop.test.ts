import { count } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sopReads, sops, tasks } from '../../../db/schema/index.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { buttonsIn, createHarness, replyText, visibility, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';

const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
  sanne: { displayName: 'Sanne', zone: 'Europe/Amsterdam' },
};

const REFUNDS = '/sop add Refunds SOP https://docs.example.com/refunds billing stripe';

describe.each(testDatabases())('the handbook on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const countOf = async (table: typeof sops | typeof tasks | typeof sopReads) => (await handle.db.select({ n: count() }).from(table))[0]!.n;
  const lines = async (user: string, line: string) => replyText(await h.run(user, 'acme', line)).split('\n');

  beforeEach(async () => {
    handle = await open();
    // Monday 23 Nov 2026, 09:00 in Amsterdam, 16:00 in Manila, 03:00 in New York.
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', jo: 'member' } });
  });
  afterEach(async () => handle.close());

  it('adds an SOP for the team to see, and refuses a missing or bad link, members and unknown numbers', async () => {
    const added = await h.run('olivia', 'acme', REFUNDS);
    expect(visibility(added)).toBe('channel');
    expect(replyText(added)).toBe('Added #1 Refunds SOP (v1) to the handbook: https://docs.example.com/refunds');
    expect(replyText(await h.run('olivia', 'acme', '/sop add Refunds SOP docs.example.com'))).toBe(
      'Give the SOP’s link, starting with https://, for example: /sop add Refunds SOP https://docs.example.com/refunds',
    );
    expect(replyText(await h.run('olivia', 'acme', '/sop add Refunds SOP https://localhost'))).toBe('That is not a link I can open: give a web address starting with https://.');
    expect(replyText(await h.run('olivia', 'acme', '/sop add Refunds SOP ftp://files.example.com/x'))).toBe('That is not a link I can open: give a web address starting with https://.');
    expect(replyText(await h.run('olivia', 'acme', '/sop add https://docs.example.com/x'))).toMatch(/^What is the SOP called\?/);
    expect(replyText(await h.run('maria', 'acme', '/sop add Mine https://docs.example.com/mine'))).toBe('Only a team manager can do that. Usage: /sop add <title> <url> [tags …]');
    expect(replyText(await h.run('maria', 'acme', '/sop show 9'))).toBe('There is no SOP #9 in this team. /sop list shows them all, /sop find <words> finds one.');
    expect(await countOf(sops)).toBe(1);
    // A link keeps its case; www. alone is read as https.
    expect(replyText(await h.run('olivia', 'acme', '/sop add "Brand Guide" www.Example.com/Brand'))).toBe('Added #2 Brand Guide (v1) to the handbook: https://www.Example.com/Brand');
    expect(await lines('maria', '/sop list')).toEqual(['The Acme Co handbook', '#1 Refunds SOP (v1) · billing, stripe', 'https://docs.example.com/refunds', '#2 Brand Guide (v1)', 'https://www.Example.com/Brand']);
    expect(await lines('maria', '/sop list #stripe')).toEqual(['The Acme Co handbook: stripe', '#1 Refunds SOP (v1) · billing, stripe', 'https://docs.example.com/refunds']);
    await h.run('olivia', 'acme', '/sop remove 2');
    expect(await lines('maria', '/sop list')).toHaveLength(3);
  });

  it('finds by title and tags, best first, in English and Dutch, typos forgiven', async () => {
    await h.run('olivia', 'acme', REFUNDS);
    await h.run('olivia', 'acme', '/sop add Refund policy for affiliates https://docs.example.com/affiliates affiliates');
    await h.run('olivia', 'acme', '/sop add Terugbetalingen afhandelen https://docs.example.com/terugbetalen facturen klanten');
    await h.run('olivia', 'acme', '/sop add Weekly report https://docs.example.com/report');
    const found = async (words: string) => (await lines('maria', `/sop find ${words}`)).filter((line) => line.startsWith('#')).map((line) => line.split(' (')[0]);
    expect(await found('refunds')).toEqual(['#1 Refunds SOP', '#2 Refund policy for affiliates']);
    expect(await found('refnd')).toEqual(['#1 Refunds SOP', '#2 Refund policy for affiliates']);
    expect(await found('refund policy')).toEqual(['#2 Refund policy for affiliates', '#1 Refunds SOP']);
    expect(await found('terugbetaling')).toEqual(['#3 Terugbetalingen afhandelen']);
    expect(await found('terugbetallingen')).toEqual(['#3 Terugbetalingen afhandelen']);
    expect(await found('stripe')).toEqual(['#1 Refunds SOP']);
    expect(await lines('maria', '/sop find holiday party')).toEqual(['SOPs for “holiday party”', 'No SOP matches “holiday party”. /sop list shows them all.']);
  });

  it('gives each person a reading task with an I’ve read it button, and stores who read which version', async () => {
    await h.run('olivia', 'acme', REFUNDS);
    expect(replyText(await h.run('olivia', 'acme', '/sop assign 1 @maria @jo'))).toBe('Asked to read #1 Refunds SOP (v1): #1 Maria, #2 Jo.');
    // Maria is at work (16:00 in Manila); Jo's DM waits for his morning.
    const [dm] = h.recorder.dmsTo('maria');
    expect(dm?.text).toBe('Olivia asks you to read #1 Refunds SOP (v1) (Acme Co):\n#1 Read Refunds SOP\nhttps://docs.example.com/refunds\nNo due date');
    expect(buttonsIn(dm!.message).map((button) => [button.label, button.actionId, button.value])).toEqual([['I’ve read it', 'sop.read', '1']]);
    expect(h.recorder.dmsTo('jo')).toEqual([]);
    expect(replyText(await h.run('olivia', 'acme', '/sop assign 1 @maria'))).toBe('Already asked, still unread: Maria.');
    expect(await countOf(tasks)).toBe(2);

    const click = await h.click('maria', 'sop.read', '1', 'read-1');
    expect(click.kind).toBe('update');
    expect(replyText(click)).toBe('✓ Read #1 Refunds SOP (v1): https://docs.example.com/refunds\nNoted: you read #1 Refunds SOP (v1). Task #1 is done.');
    expect((await h.click('maria', 'sop.read', '1', 'read-1')).kind).toBe('none');
    expect(replyText(await h.click('maria', 'sop.read', '1', 'read-2'))).toContain('You had already read #1 Refunds SOP (v1).');
    expect(await countOf(sopReads)).toBe(1);
    const card = replyText(await h.run('olivia', 'acme', '/sop show 1'));
    expect(card).toContain('Read by: Maria (v1)');
    const task = replyText(await h.run('olivia', 'acme', '/task show 1'));
    expect(task).toContain('Status: done');
    expect(task).toContain('SOP: #1 Refunds SOP (v1) https://docs.example.com/refunds');
    // Jo reads it from /sop show, in the channel, before his DM went: the DM is dropped, not sent late.
    const show = await h.run('jo', 'acme', '/sop show 1');
    expect(show.kind === 'message' && buttonsIn(show.message).map((button) => button.actionId)).toEqual(['sop.read']);
    await h.click('jo', 'sop.read', '1');
    await h.advanceTo('2026-11-23T15:00:00Z');
    expect(h.recorder.dmsTo('jo')).toEqual([]);
    expect(replyText(await h.run('olivia', 'acme', '/sop show 1'))).toContain('Read by: Maria (v1), Jo (v1)');
    await h.run('olivia', 'acme', '/sop assign 1 @olivia');
    expect(replyText(await h.run('olivia', 'acme', '/sop remove 1'))).toBe('Took #1 Refunds SOP out of the handbook. Its open reading tasks are cancelled: #3.');
    expect(replyText(await h.run('olivia', 'acme', '/task show 3'))).toContain('Status: cancelled');
    expect(replyText(await h.run('olivia', 'acme', '/task show 1'))).toContain('SOP: #1 Refunds SOP (no longer in the handbook)');
  });

  it('keeps every version, and tells who read an older one what changed: one DM each, the latest version', async () => {
    await h.run('olivia', 'acme', REFUNDS);
    await h.run('olivia', 'acme', '/sop assign 1 @maria @jo');
    await h.click('maria', 'sop.read', '1');
    await h.click('jo', 'sop.read', '1');
    h.recorder.clear();
    expect(replyText(await h.run('olivia', 'acme', '/sop update 1 https://docs.example.com/refunds-v2 Refunds over 100 euros need a manager'))).toBe(
      '#1 Refunds SOP (v2) has a new version. I’ll tell who read an older one: Maria, Jo.',
    );
    expect(h.recorder.dmsTo('maria').map((dm) => dm.text)).toEqual([
      '#1 Refunds SOP (v2) in Acme Co has a new version. You read an older one.\nWhat changed: Refunds over 100 euros need a manager\nhttps://docs.example.com/refunds-v2',
    ]);
    // Jo is asleep; a third version comes before his morning: he hears of that one only.
    await h.run('olivia', 'acme', '/sop update 1 https://docs.example.com/refunds-v3 Stripe refunds go through the dashboard');
    await h.advanceTo('2026-11-23T15:00:00Z');
    expect(h.recorder.dmsTo('jo').map((dm) => dm.text)).toEqual([
      '#1 Refunds SOP (v3) in Acme Co has a new version. You read an older one.\nWhat changed: Stripe refunds go through the dashboard\nhttps://docs.example.com/refunds-v3',
    ]);
    expect(h.recorder.dmsTo('maria')).toHaveLength(2);
    const card = replyText(await h.run('olivia', 'acme', '/sop show 1'));
    expect(card.split('Versions:\n')[1]!.split('\n').map((line) => line.replace(/ · .*?\) ?/, ' · '))).toEqual([
      'v3 · · Stripe refunds go through the dashboard · https://docs.example.com/refunds-v3',
      'v2 · · Refunds over 100 euros need a manager · https://docs.example.com/refunds-v2',
      'v1 · · https://docs.example.com/refunds',
    ]);
    expect(card).toContain('Read by: Maria (v1), Jo (v1)');
  });

  it('links an SOP to a task by number or title, shown with the task and in its DM', async () => {
    await h.run('olivia', 'acme', REFUNDS);
    await h.run('olivia', 'acme', '/sop add Refund policy for affiliates https://docs.example.com/affiliates');
    const added = replyText(await h.run('olivia', 'acme', '/task add Process the Jansen refund @maria due friday sop 1'));
    expect(added).toContain(' · SOP #1 Refunds SOP (v1)');
    expect(h.recorder.dmsTo('maria').at(-1)?.text).toContain('SOP: #1 Refunds SOP (v1) https://docs.example.com/refunds');
    expect(replyText(await h.run('olivia', 'acme', '/task show 1'))).toContain('SOP: #1 Refunds SOP (v1) https://docs.example.com/refunds');
    expect(replyText(await h.run('olivia', 'acme', '/task add Pay the affiliates sop refund policy'))).toContain(' · SOP #2 Refund policy for affiliates (v1)');
    const before = await countOf(tasks);
    expect(replyText(await h.run('olivia', 'acme', '/task add Fix the sop for payroll'))).toBe(
      'There is no SOP “for payroll” in this team: give its number (/sop list) or its exact title. To keep “sop” in a task’s title, put the title in quotes.',
    );
    expect(replyText(await h.run('olivia', 'acme', '/task add Check it sop 9'))).toMatch(/^There is no SOP “9”/);
    expect(await countOf(tasks)).toBe(before);
    expect(replyText(await h.run('olivia', 'acme', '/task add "Fix the sop for payroll"'))).toBe('Added #3 Fix the sop for payroll.');
  });

  it('works in a Dutch team: Dutch titles found, Dutch task titles', async () => {
    await h.run('olivia', 'jansen', '/obm setup Jansen BV');
    await h.run('olivia', 'jansen', '/obm team add @sanne');
    await h.run('olivia', 'jansen', '/obm setup language nl');
    expect(replyText(await h.run('olivia', 'jansen', '/sop add Terugbetalingen afhandelen https://docs.example.com/terugbetalen facturen'))).toBe(
      '#1 Terugbetalingen afhandelen (v1) staat in het handboek: https://docs.example.com/terugbetalen',
    );
    expect(replyText(await h.run('sanne', 'jansen', '/sop find terugbetaling'))).toContain('#1 Terugbetalingen afhandelen (v1) · facturen');
    expect(replyText(await h.run('olivia', 'jansen', '/task add Terugbetaling Pieters @sanne uiterlijk vrijdag sop terugbetalingen afhandelen'))).toContain(' · SOP #1 Terugbetalingen afhandelen (v1)');
    expect(replyText(await h.run('olivia', 'jansen', '/sop assign 1 @sanne'))).toBe('Gevraagd om #1 Terugbetalingen afhandelen (v1) te lezen: #2 Sanne.');
    expect(replyText(await h.run('olivia', 'jansen', '/task show 2'))).toContain('#2 Lees Terugbetalingen afhandelen');
    expect(replyText(await h.run('olivia', 'jansen', '/sop add Iets ftp://x'))).toBe('Dat is geen link die ik kan openen: geef een webadres dat begint met https://.');
  });
});
