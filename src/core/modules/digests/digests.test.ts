import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, replyText, visibility, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import { DIGEST_PEOPLE, seedDigestFixture } from '../../../../test/helpers/digest-fixture.js';
import { createChartRenderer } from '../../../charts/echarts-renderer.js';
import type { DatabaseHandle } from '../../../db/client.js';

const EN = [
  'Acme Co · weekly digest, week 47 (16–22 Nov)',
  'Headline numbers',
  '• Revenue: €9,000 (+12.5% vs €8,000) · 90% of target €10,000       ▁█',
  '• Leads: 30 (-25% vs 40)       █▁',
  '• Tasks done: 3 ▁▁▁▁▁▁▁█',
  '• Tasks created: 5 ▁▁▁▁▁▁▁█',
  '• Overdue tasks: 1 ▁▁▁▁▁▁▁█',
  '• Done on time: 100%        ▄',
  '• Standup participation: 100%        ▄',
  '• Blockers raised: 1 ▁▁▁▁▁▁▁█',
  '• Blockers resolved: 0 ▄▄▄▄▄▄▄▄',
  '• Class no-shows: 0 ▄▄▄▄▄▄▄▄',
  'Done this week (3)',
  '• Maria: #1 Write the launch email, #2 Book the podcast guest',
  '• Jo: #3 Update the sales page',
  'Overdue (1)',
  '• #4 Fix the checkout · Maria · due Thu 19 Nov, 10:00',
  'Open blockers (1)',
  '• 🚧 Jo: No access to Shopify (since Fri 20 Nov)',
  'Next 7 days (2)',
  '• Tue 24 Nov, 12:00 · #5 Approve the ad budget · Bea',
  '• Wed 25 Nov, 15:00 · class: Funnel basics',
  'Needs from you, Bea (1)',
  '• #5 Approve the ad budget · due Tue 24 Nov, 12:00',
];

const NL = [
  'Acme Co · weekoverzicht, week 47 (16–22 nov)',
  'Kerncijfers',
  '• Omzet: € 9.000 (+12,5% t.o.v. € 8.000) · 90% van doel € 10.000       ▁█',
  '• Leads: 30 (-25% t.o.v. 40)       █▁',
  '• Taken afgerond: 3 ▁▁▁▁▁▁▁█',
  '• Taken aangemaakt: 5 ▁▁▁▁▁▁▁█',
  '• Taken te laat: 1 ▁▁▁▁▁▁▁█',
  '• Op tijd afgerond: 100%        ▄',
  '• Deelname aan standups: 100%        ▄',
  '• Blokkades gemeld: 1 ▁▁▁▁▁▁▁█',
  '• Blokkades opgelost: 0 ▄▄▄▄▄▄▄▄',
  '• Niet verschenen bij lessen: 0 ▄▄▄▄▄▄▄▄',
  'Klaar deze week (3)',
  '• Maria: #1 Write the launch email, #2 Book the podcast guest',
  '• Jo: #3 Update the sales page',
  'Te laat (1)',
  '• #4 Fix the checkout · Maria · deadline do 19 nov om 10:00',
  'Open blokkades (1)',
  '• 🚧 Jo: No access to Shopify (sinds vr 20 nov)',
  'Komende 7 dagen (2)',
  '• di 24 nov om 12:00 · #5 Approve the ad budget · Bea',
  '• wo 25 nov om 15:00 · les: Funnel basics',
  'Nodig van jou, Bea (1)',
  '• #5 Approve the ad budget · deadline di 24 nov om 12:00',
];

describe.each(testDatabases())('the weekly digest on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const start = (charts = false) => createHarness({ handle, start: '2026-11-16T08:00:00Z', people: DIGEST_PEOPLE, charts: charts ? createChartRenderer() : null });
  beforeEach(async () => {
    handle = await open();
    h = await start();
  });
  afterEach(async () => handle.close());

  // The channel also hears of the class; the digest is what says "digest" in its first line.
  const posts = () => h.recorder.sent.filter((item) => item.target.kind === 'channel' && /digest|weekoverzicht/.test(item.text.split('\n')[0]!));
  const dms = (user: string) => h.recorder.dmsTo(user);

  it('posts on Monday 09:00 in the team’s zone: numbers against last week, done per person, overdue, blockers, the week ahead, the owner', async () => {
    await seedDigestFixture(h);
    await h.advanceTo('2026-11-23T07:59:00Z');
    expect(posts()).toEqual([]);
    await h.advanceTo('2026-11-30T08:00:00Z');
    const [digest, next] = posts();
    expect(digest!.at).toEqual(new Date('2026-11-23T08:00:00Z'));
    expect(digest!.text).toBe([...EN, 'Week 2026-W47 · times in Europe/Amsterdam'].join('\n'));
    // The next Monday reports week 48: the overdue task is still there, the done ones are not.
    expect(next!.at).toEqual(new Date('2026-11-30T08:00:00Z'));
    expect(next!.text).toContain('week 48 (23–29 Nov)');
    expect(next!.text).not.toContain('Done this week');
  });

  it('speaks the team’s language: the same digest in Dutch', async () => {
    await seedDigestFixture(h, { dutch: true });
    await h.advanceTo('2026-11-23T08:00:00Z');
    expect(posts().map((post) => post.text)).toEqual([[...NL, 'Week 2026-W47 · tijden in Europe/Amsterdam'].join('\n')]);
  });

  it('attaches the chart as a PNG and says what it shows', async () => {
    h = await start(true);
    await seedDigestFixture(h);
    await h.advanceTo('2026-11-23T08:00:00Z');
    const [digest] = posts();
    const [file] = digest!.message.files ?? [];
    expect(file!.name).toBe('digest-2026-w47.png');
    expect(Buffer.from(file!.bytes).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(digest!.message.image).toMatchObject({ file: 'digest-2026-w47.png' });
    expect(digest!.text.split('\n').at(-1)).toBe('Week 2026-W47 · times in Europe/Amsterdam · the chart shows each headline number over the last 8 weeks');
  });

  it('gives a team with nothing yet a short, friendly digest', async () => {
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member' } });
    await h.advanceTo('2026-11-23T08:00:00Z');
    expect(posts().map((post) => post.text)).toEqual([
      'Acme Co · weekly digest, week 47 (16–22 Nov)\nA quiet week: nothing was logged, done or planned yet. Log a number with /metric log, add tasks with /task add or dates with /calendar add, and next week’s digest fills in.\nWeek 2026-W47 · times in Europe/Amsterdam',
    ]);
  });

  it('previews for the asker only, with the chart by DM, and posts nothing', async () => {
    h = await start(true);
    await seedDigestFixture(h);
    const reply = await h.run('maria', 'acme', '/digest now');
    expect(visibility(reply)).toBe('ephemeral');
    const text = replyText(reply).split('\n');
    expect(text[0]).toMatch(/^Preview, only you see this\. It posts in this channel .+23.+\.$/);
    expect(text[1]).toBe('Acme Co · weekly digest, week 46 (9–15 Nov)');
    expect(posts()).toEqual([]);
    const [chart] = dms('maria');
    expect(chart!.message.files?.map((file) => file.name)).toEqual(['digest-2026-w46.png']);
  });

  it('moves with /digest schedule, in the team’s zone, and refuses a bad moment in one sentence', async () => {
    await seedDigestFixture(h);
    expect(replyText(await h.run('olivia', 'acme', '/digest schedule someday'))).toBe('Say a day and a time, like /digest schedule monday 09:00.');
    expect(replyText(await h.run('olivia', 'acme', '/digest schedule friday 25:00'))).toBe('Say a day and a time, like /digest schedule monday 09:00.');
    expect(replyText(await h.run('maria', 'acme', '/digest schedule friday 16:30'))).toMatch(/manager/i);
    expect(replyText(await h.run('olivia', 'acme', '/digest'))).toMatch(/^The weekly digest of Acme Co goes every Monday at 09:00 \(Europe\/Amsterdam\)\. Next: /);
    expect(replyText(await h.run('olivia', 'acme', '/digest schedule friday 16:30'))).toMatch(/^The weekly digest of Acme Co now goes every Friday at 16:30 \(Europe\/Amsterdam\)\. Next: /);
    await h.advanceTo('2026-11-28T00:00:00Z');
    // Friday 20 Nov would report the week before the team existed: the first is Friday 27 Nov 16:30 in
    // Amsterdam, reporting 16-22 Nov; Monday 09:00 is gone.
    expect(posts().map((post) => [post.at, post.text.split('\n')[0]])).toEqual([[new Date('2026-11-27T15:30:00Z'), 'Acme Co · weekly digest, week 47 (16–22 Nov)']]);
  });

  it('stops with /digest off (the planned post with it) and starts again with /digest on', async () => {
    await seedDigestFixture(h);
    expect(replyText(await h.run('olivia', 'acme', '/digest off'))).toBe('The weekly digest of Acme Co is off: no digest, no draft and no reminders to log numbers. /digest on starts it again.');
    expect(replyText(await h.run('jo', 'acme', '/digest status'))).toBe('The weekly digest of Acme Co is off. Start it again with /digest on.');
    await h.advanceTo('2026-11-24T00:00:00Z');
    expect(posts()).toEqual([]);
    expect(replyText(await h.run('olivia', 'acme', '/digest on'))).toMatch(/^The weekly digest of Acme Co is on again: every Monday at 09:00 \(Europe\/Amsterdam\)\. Next: /);
    await h.advanceTo('2026-11-30T08:00:00Z');
    expect(posts().map((post) => post.at)).toEqual([new Date('2026-11-30T08:00:00Z')]);
  });

  it('keeps Monday 09:00 on the wall clock across the end of summer time', async () => {
    h = await createHarness({ handle, start: '2026-10-14T08:00:00Z', people: DIGEST_PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member' } });
    await h.run('olivia', 'acme', '/task add Plan the webinar @maria due 2026-11-30 12:00');
    await h.advanceTo('2026-11-02T12:00:00Z');
    // 19 and 26 Oct: CEST (UTC+2); 2 Nov: CET (UTC+1). Sunday 25 Oct is the change.
    expect(posts().map((post) => post.at)).toEqual([new Date('2026-10-19T07:00:00Z'), new Date('2026-10-26T08:00:00Z'), new Date('2026-11-02T08:00:00Z')]);
  });
});
