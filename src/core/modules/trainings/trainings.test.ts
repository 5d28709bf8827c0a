import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveries, trainings } from '../../../db/schema/index.js';
import type { DatabaseHandle } from '../../../db/client.js';
import type { Reply } from '../../invocation.js';
import { plainText } from '../../messages.js';
import { buttonsIn, createHarness, replyText, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';

const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
  sam: { displayName: 'Sam', zone: 'Europe/Amsterdam' },
  lena: { displayName: 'Lena', zone: 'Europe/Amsterdam' },
};

const notice = (reply: Reply) => (reply.kind === 'update' && reply.notice ? reply.notice.text : replyText(reply));
const updated = (reply: Reply) => (reply.kind === 'update' ? reply.message.text : '');

describe.each(testDatabases())('trainings on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const classCount = async () => (await handle.db.select({ n: count() }).from(trainings))[0]!.n;
  const deliveryCount = async () => (await handle.db.select({ n: count() }).from(deliveries))[0]!.n;
  const channelPosts = () => h.recorder.sent.filter((item) => item.target.kind === 'channel');
  const dms = (user: string) => h.recorder.dmsTo(user).map((dm) => `${dm.at!.toISOString()} ${dm.text}`);
  const announcementOf = () => channelPosts().find((post) => buttonsIn(post.message).some((button) => button.actionId === 'training.going'))!;
  const occurrenceId = () => buttonsIn(announcementOf().message)[0]!.value;

  beforeEach(async () => {
    handle = await open();
    // Monday 23 Nov 2026, 09:00 in Amsterdam.
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', jo: 'member', sam: 'member', lena: 'member' } });
  });
  afterEach(async () => handle.close());

  it('schedules a class in one command, announces it with RSVP buttons, and warns of times that do not fit people', async () => {
    await h.run('maria', 'acme', '/obm me country PH');
    await h.run('jo', 'acme', '/obm me away 30 nov to 30 nov');
    h.recorder.clear();
    const reply = await h.run('olivia', 'acme', '/training add Onboarding call 30 nov 10:00 voor 1 uur link https://meet.example.com/abc met @maria @jo @sam @lena');
    expect(replyText(reply)).toBe(
      [
        'Scheduled #1 Onboarding call · Mon 30 Nov, 10:00 (Europe/Amsterdam) · 1 h. It is announced in the channel.',
        'Heads-up before it goes out:',
        '• 17:00 for Maria (Asia/Manila), on a public holiday there',
        '• 04:00 for Jo (America/New_York), while they are away',
      ].join('\n'),
    );
    const [post] = channelPosts();
    expect(post!.text).toBe('#1 Onboarding call\nMon 30 Nov, 10:00 (Europe/Amsterdam) · 1 h\nJoin: https://meet.example.com/abc\nGoing 0 · Maybe 0 · Can’t 0');
    expect(buttonsIn(post!.message).map((button) => button.label)).toEqual(['Going', 'Maybe', 'Can’t make it']);
    // The time is a date token: Slack and Discord show it in each reader's own zone.
    expect(post!.message.text).toContain(`⟦t:${Date.parse('2026-11-30T09:00:00Z') / 1000}|`);

    const late = replyText(await h.run('olivia', 'acme', '/training add Late class tuesday 21:00 with @sam'));
    expect(late).toContain('• 21:00 for Sam (Europe/Amsterdam), outside their working hours');
    const list = replyText(await h.run('sam', 'acme', '/training list'));
    expect(list).toBe('Classes to come in Acme Co\n#2 Late class · Tue 24 Nov, 21:00 (Europe/Amsterdam) · 1 h\n#1 Onboarding call · Mon 30 Nov, 10:00 (Europe/Amsterdam) · 1 h');
  });

  it('refuses bad input with one sentence and changes nothing', async () => {
    const cases: [string, string][] = [
      ['/training add Onboarding yesterday 10:00', 'is already past'],
      ['/training add Onboarding tuesday 15:00 for 0 minutes', 'is not a length a class can have'],
      ['/training add Onboarding tuesday 15:00 for 1 day', '“1 day” is not a length a class can have'],
      ['/training add Onboarding tuesday 15:00 for 24 hours', 'is not a length a class can have'],
      ['/training add Onboarding tuesday 15:00 link ftp://files.example.com/x', '“ftp://files.example.com/x” is not a link'],
      ['/training add Onboarding tuesday 15:00 link meet-dot-com', 'is not a link'],
      ['/training add Onboarding tuesday 15:00 max 0', 'max needs a number of seats from 1 up'],
      ['/training show 9', 'There is no class #9 in this team.'],
      ['/training move 9 friday 10:00', 'There is no class #9 in this team.'],
      ['/training add Onboarding', 'When does it start?'],
    ];
    for (const [line, expected] of cases) {
      const text = replyText(await h.run('olivia', 'acme', line));
      expect(text, line).toContain(expected);
      expect(text.split('\n'), line).toHaveLength(1);
    }
    expect(replyText(await h.run('maria', 'acme', '/training add My class tuesday 15:00'))).toBe('Only a team manager can do that. Usage: /training add <title> <when> [for <duration>] [link <url>] [with @people … | with everyone] [max <n>] [every <repeat>] [sop <n>]');
    expect(await classCount()).toBe(0);
    expect(await deliveryCount()).toBe(0);
  });

  it('counts answers in the announcement, keeps a waitlist and moves the first up when a seat opens', async () => {
    await h.run('olivia', 'acme', '/training add Tool training tuesday 15:00 with everyone max 1');
    const id = occurrenceId();
    const going = await h.click('maria', 'training.going', id);
    expect(notice(going)).toBe('You are going to Tool training.');
    expect(updated(going)).toContain('Going 1 / 1 · Maybe 0 · Can’t 0 · Waitlist 0\nGoing: Maria');
    expect(notice(await h.click('jo', 'training.going', id))).toBe('Tool training is full: you are number 1 on the waitlist. I will tell you when a seat opens.');
    expect(notice(await h.click('sam', 'training.going', id))).toBe('Tool training is full: you are number 2 on the waitlist. I will tell you when a seat opens.');
    expect(notice(await h.click('sam', 'training.going', id))).toBe('You are still number 2 on the waitlist.');
    // One click is one effect: the same answer again changes nothing.
    expect(notice(await h.click('maria', 'training.going', id))).toBe('You are already going to Tool training.');
    const changed = await h.click('maria', 'training.cant', id);
    expect(notice(changed)).toBe('Noted: you can’t make Tool training.');
    expect(updated(changed)).toContain('Going 1 / 1 · Maybe 0 · Can’t 1 · Waitlist 1\nGoing: Jo');
    const maybe = await h.click('jo', 'training.maybe', id);
    expect(updated(maybe)).toContain('Going 1 / 1 · Maybe 1 · Can’t 1 · Waitlist 0\nGoing: Sam');
    // Jo hears of his seat in his working time (it is 03:00 in New York); Sam is in his hours.
    await h.advanceTo('2026-11-23T14:30:00Z');
    expect(h.recorder.dmsTo('jo').map((dm) => dm.text)).toContain('A seat opened up: you are going to Tool training on Tue 24 Nov, 09:00 (America/New_York).');
    expect(h.recorder.dmsTo('sam').map((dm) => dm.text)).toContain('A seat opened up: you are going to Tool training on Tue 24 Nov, 15:00 (Europe/Amsterdam).');
    const show = replyText(await h.run('olivia', 'acme', '/training show 1'));
    expect(show).toContain('Going 1: Sam');
    expect(show).toContain('Maybe 1: Jo');
    expect(show).toContain('Can’t 1: Maria');
    // More seats move the waitlist up.
    expect(notice(await h.click('lena', 'training.going', id))).toBe('Tool training is full: you are number 1 on the waitlist. I will tell you when a seat opens.');
    await h.run('olivia', 'acme', '/training edit 1 max 2');
    expect(replyText(await h.run('olivia', 'acme', '/training show 1'))).toContain('Going 2: Sam, Lena');
    await h.advanceTo('2026-11-24T14:00:00Z');
    expect(replyText(await h.click('lena', 'training.maybe', id))).toBe('Tool training has started: answers are closed.');
  });

  it('reminds invitees at the team offsets in their own zone, moving night-time ones to the evening before', async () => {
    await h.run('sam', 'acme', '/obm me hours 22:00-06:00');
    // Wed 25 Nov 02:00 UTC: 03:00 in Amsterdam, 10:00 in Manila, Tue 21:00 in New York.
    await h.run('olivia', 'acme', '/training add Night class 25 nov 03:00 link https://meet.example.com/n with @maria @jo @sam @lena');
    h.recorder.clear();
    await h.advanceTo('2026-11-25T03:00:00Z');
    const reminder = (title: string, when: string, inText: string) => `Reminder: ${title} starts ${when} (in ${inText}).\nJoin: https://meet.example.com/n`;
    const start = 'Night class is starting now.\nJoin: https://meet.example.com/n';
    expect(dms('lena')).toEqual([
      `2026-11-23T16:00:00.000Z ${reminder('Night class', 'Wed 25 Nov, 03:00 (Europe/Amsterdam)', '1440 min'.replace('1440 min', '24 h'))}`,
      `2026-11-24T16:00:00.000Z ${reminder('Night class', 'Wed 25 Nov, 03:00 (Europe/Amsterdam)', '1 h')}`,
      `2026-11-25T02:00:00.000Z ${start}`,
    ]);
    // The night shift works then: the reminders go at their moment.
    expect(dms('sam').map((line) => line.slice(0, 24))).toEqual(['2026-11-24T02:00:00.000Z', '2026-11-25T01:00:00.000Z', '2026-11-25T02:00:00.000Z']);
    expect(dms('maria')).toEqual([
      `2026-11-24T02:00:00.000Z ${reminder('Night class', 'Wed 25 Nov, 10:00 (Asia/Manila)', '24 h')}`,
      `2026-11-25T01:00:00.000Z ${reminder('Night class', 'Wed 25 Nov, 10:00 (Asia/Manila)', '1 h')}`,
      `2026-11-25T02:00:00.000Z ${start}`,
    ]);
    // 21:00 and 20:00 in New York are evening, not night.
    expect(dms('jo').map((line) => line.slice(0, 24))).toEqual(['2026-11-24T02:00:00.000Z', '2026-11-25T01:00:00.000Z', '2026-11-25T02:00:00.000Z']);
  });

  it('follows the team offsets, and never reminds whoever said they cannot come', async () => {
    expect(replyText(await h.run('olivia', 'acme', '/training reminders 2h'))).toBe('Reminders go 2 h before each class, and one at the start with the link.');
    await h.run('olivia', 'acme', '/training add Q&A tuesday 15:00 with @sam @lena');
    await h.click('lena', 'training.cant', occurrenceId());
    await h.advanceTo('2026-11-24T15:00:00Z');
    expect(dms('sam').map((line) => line.slice(0, 24))).toEqual(['2026-11-24T12:00:00.000Z', '2026-11-24T14:00:00.000Z']);
    expect(dms('lena')).toEqual([]);
    expect(replyText(await h.run('olivia', 'acme', '/training reminders off'))).toBe('Reminders before classes are off; the one at the start with the link still goes.');
    expect(replyText(await h.run('olivia', 'acme', '/training reminders soon'))).toBe('“soon” is not a reminder time: give e.g. 24h 1h 15m, or off.');
  });

  it('tells everyone of a move, and the old reminders never go', async () => {
    await h.run('olivia', 'acme', '/training add Onboarding call tuesday 15:00 with @sam');
    await h.click('lena', 'training.going', occurrenceId());
    await h.advanceTo('2026-11-23T10:00:00Z');
    const moved = replyText(await h.run('olivia', 'acme', '/training move 1 thursday 15:00'));
    expect(moved).toBe('Moved: #1 Onboarding call · Thu 26 Nov, 15:00 (Europe/Amsterdam) · 1 h. Everyone expected has been told.');
    expect(channelPosts().at(-1)!.text).toContain('Moved (was Tue 24 Nov, 15:00 (Europe/Amsterdam)).');
    await h.advanceTo('2026-11-27T00:00:00Z');
    const expected = [
      '2026-11-23T10:00:00.000Z Onboarding call has moved to Thu 26 Nov, 15:00 (Europe/Amsterdam).',
      '2026-11-25T14:00:00.000Z Reminder: Onboarding call starts Thu 26 Nov, 15:00 (Europe/Amsterdam) (in 24 h).',
      '2026-11-26T13:00:00.000Z Reminder: Onboarding call starts Thu 26 Nov, 15:00 (Europe/Amsterdam) (in 1 h).',
      '2026-11-26T14:00:00.000Z Onboarding call is starting now.',
    ];
    expect(dms('sam')).toEqual(expected);
    expect(dms('lena')).toEqual(expected);
  });

  it('re-checks a reminder when the outbox sends it: one queued before a move is dropped, never sent', async () => {
    await h.run('olivia', 'acme', '/training add Onboarding call tuesday 15:00 with @sam');
    // Sam's DMs cannot go for now: the 24-hour reminder waits in the outbox to be tried again.
    h.recorder.respondWith((message) => (message.target.kind === 'dm' ? { ok: false, kind: 'retry', error: 'rate limited' } : { ok: true }));
    await h.advanceTo('2026-11-23T14:00:00Z');
    expect(h.recorder.dmsTo('sam')).toEqual([]);
    await h.run('olivia', 'acme', '/training move 1 thursday 15:00');
    h.recorder.respondWith(() => ({ ok: true }));
    await h.advanceTo('2026-11-24T15:00:00Z');
    expect(h.recorder.dmsTo('sam').map((dm) => dm.text)).toEqual(['Onboarding call has moved to Thu 26 Nov, 15:00 (Europe/Amsterdam).']);
    const dropped = await handle.db.select({ key: deliveries.dedupeKey, status: deliveries.status, reason: deliveries.droppedReason }).from(deliveries).where(eq(deliveries.status, 'superseded'));
    expect(dropped).toEqual([{ key: expect.stringContaining('training-remind'), status: 'superseded', reason: 'moved' }]);
  });

  it('cancels a class: everyone is told and no reminder goes', async () => {
    await h.run('olivia', 'acme', '/training add Onboarding call tuesday 15:00 with @sam');
    expect(replyText(await h.run('olivia', 'acme', '/training cancel 1'))).toBe('Cancelled #1 Onboarding call (Tue 24 Nov, 15:00 (Europe/Amsterdam)).');
    await h.advanceTo('2026-11-25T00:00:00Z');
    expect(dms('sam')).toEqual(['2026-11-23T08:00:00.000Z Onboarding call on Tue 24 Nov, 15:00 (Europe/Amsterdam) is cancelled.']);
    expect(replyText(await h.run('olivia', 'acme', '/training list'))).toBe('No classes planned. Schedule one with /training add <title> <when>.');
  });

  it('shares the recording and materials, records attendance, and gives no-shows a task to watch it', async () => {
    await h.run('olivia', 'acme', '/training add Onboarding call tuesday 15:00 with @maria @jo @sam');
    const id = occurrenceId();
    await h.click('jo', 'training.going', id);
    await h.click('sam', 'training.going', id);
    await h.click('lena', 'training.going', id);
    await h.click('maria', 'training.maybe', id);
    expect(replyText(await h.run('olivia', 'acme', '/training recording 1 https://videos.example.com/x'))).toBe('Class #1 has not taken place yet.');
    await h.advanceTo('2026-11-24T15:05:00Z');
    const after = channelPosts().at(-1)!;
    expect(after.text).toBe('#1 Onboarding call has ended. Were you there? Tap below.');
    expect(replyText(await h.click('sam', 'training.attended', buttonsIn(after.message)[0]!.value))).toBe('Thanks: marked you as attended at Onboarding call.');
    expect(replyText(await h.click('sam', 'training.attended', id))).toBe('You are already marked as attended at Onboarding call.');
    const card = replyText(await h.run('olivia', 'acme', '/training attendance 1 @lena'));
    expect(card).toContain('Attended: Sam, Lena');
    h.recorder.clear();
    expect(replyText(await h.run('olivia', 'acme', '/training recording 1 https://videos.example.com/x'))).toBe(
      'Shared the recording of #1 with the channel and 4 people; 1 who said Going and did not attend got a task to watch it.',
    );
    expect(channelPosts().map((post) => post.text)).toEqual(['The recording of #1 Onboarding call: https://videos.example.com/x']);
    await h.advanceTo('2026-11-24T16:00:00Z');
    expect(h.recorder.dmsTo('sam').map((dm) => dm.text)).toEqual(['The recording of #1 Onboarding call: https://videos.example.com/x']);
    await h.advanceTo('2026-11-25T02:00:00Z');
    expect(h.recorder.dmsTo('maria').map((dm) => dm.text)).toEqual(['The recording of #1 Onboarding call: https://videos.example.com/x']);
    await h.advanceTo('2026-11-25T14:00:00Z');
    expect(h.recorder.dmsTo('jo').map((dm) => dm.text)).toContain('We missed you at Onboarding call! Here is the recording: https://videos.example.com/x. I added task #1 to watch it.');
    // Three working days later, at the end of his day (17:00 in New York), with the usual task reminders.
    expect(replyText(await h.run('olivia', 'acme', '/task show 1'))).toContain('#1 Watch the recording of Onboarding call');
    expect(replyText(await h.run('olivia', 'acme', '/task show 1'))).toContain('Due: Fri 27 Nov, 23:00 (Europe/Amsterdam)');
    // A second posting changes nothing for the no-show: one task.
    await h.run('olivia', 'acme', '/training recording 1 https://videos.example.com/x');
    expect(replyText(await h.run('olivia', 'acme', '/task show 2'))).toContain('There is no task #2');
    h.recorder.clear();
    expect(replyText(await h.run('olivia', 'acme', '/training materials 1 https://docs.example.com/slides Slides and checklist'))).toBe('Shared the materials of #1 with the channel and 4 people.');
    await h.advanceTo('2026-11-26T14:00:00Z');
    for (const person of ['maria', 'jo', 'sam', 'lena']) expect(h.recorder.dmsTo(person).map((dm) => dm.text), person).toContain('Materials for #1 Onboarding call: https://docs.example.com/slides (Slides and checklist)');
  });

  it('lists the person’s upcoming classes with their answer on the Home tab', async () => {
    await h.run('olivia', 'acme', '/training add Onboarding call tuesday 15:00 with @maria');
    await h.click('maria', 'training.maybe', occurrenceId());
    await h.run('olivia', 'acme', '/training add Team coaching thursday 10:00 with everyone');
    await h.run('olivia', 'acme', '/training add Managers only friday 10:00 with @jo');
    const home = await h.bot.home({ platform: 'console', workspace: { externalId: 'demo' }, actor: { userId: 'maria', displayName: 'Maria' }, directory: { lookup: async () => null } });
    expect(plainText(home.text).split('\n').slice(-3)).toEqual([
      'Your classes',
      '#1 Onboarding call · Tue 24 Nov, 22:00 (Asia/Manila) · 1 h · maybe',
      '#2 Team coaching · Thu 26 Nov, 17:00 (Asia/Manila) · 1 h · not answered yet',
    ]);
  });

  it('schedules from the form, keeping it open with the error next to a bad field', async () => {
    const form = await h.run('olivia', 'acme', '/training new');
    expect(form.kind === 'form' ? form.form.fields.map((field) => field.id) : []).toEqual(['title', 'when', 'length', 'link', 'invitee', 'max']);
    const submit = (values: Record<string, string>, id: string) =>
      h.bot.handle({
        id,
        platform: 'console',
        workspace: { externalId: 'demo', name: 'Demo' },
        actor: { userId: 'olivia', displayName: 'Olivia', zone: 'Europe/Amsterdam' },
        channel: { id: 'acme', isDm: false },
        input: { kind: 'form', formId: 'training.new', privateValue: '', values },
        directory: { lookup: async (userId) => (userId in PEOPLE ? { userId, ...PEOPLE[userId as keyof typeof PEOPLE] } : null) },
      });
    const refused = await submit({ title: 'Tool training', when: 'tuesday 15:00', link: 'ftp://x', length: '', invitee: '', max: '' }, 'view:1');
    expect(refused.kind === 'formErrors' ? refused.errors : null).toEqual([{ field: 'link', message: '“ftp://x” is not a link: give an http(s) address, e.g. https://meet.example.com/abc.' }]);
    expect(await classCount()).toBe(0);
    const done = await submit({ title: 'Tool training', when: 'tuesday 15:00', link: 'https://meet.example.com/t', length: '45 minutes', invitee: '@{sam}', max: '5' }, 'view:2');
    expect(replyText(done)).toBe('Scheduled #1 Tool training · Tue 24 Nov, 15:00 (Europe/Amsterdam) · 45 min. It is announced in the channel.');
    expect(replyText(await h.run('maria', 'acme', '/training new'))).toBe('Only a team manager can do that. Usage: /training new');
  });
});
