import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client.js';
import { buttonsIn, createHarness, replyText, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';

const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  sam: { displayName: 'Sam', zone: 'Europe/Amsterdam' },
};

describe.each(testDatabases())('recurring classes on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const announcements = () => h.recorder.sent.filter((item) => item.target.kind === 'channel' && buttonsIn(item.message).some((button) => button.actionId === 'training.going'));

  beforeEach(async () => {
    handle = await open();
    // Monday 19 Oct 2026, 10:00 in Amsterdam (summer time, UTC+2); it ends on Sunday 25 Oct.
    h = await createHarness({ handle, start: '2026-10-19T08:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', sam: 'member' } });
  });
  afterEach(async () => handle.close());

  it('materialises one occurrence at a time and keeps 10:00 in the team’s zone across the DST change', async () => {
    expect(replyText(await h.run('olivia', 'acme', '/training add Group coaching tuesday 10:00 met iedereen elke dinsdag'))).toMatch(/^Scheduled #1 Group coaching · Tue 20 Oct, 10:00 \(Europe\/Amsterdam\)/);
    expect(replyText(await h.run('olivia', 'acme', '/training list'))).toBe('Classes to come in Acme Co\n#1 Group coaching · Tue 20 Oct, 10:00 (Europe/Amsterdam) · 1 h');
    await h.advanceTo('2026-10-20T08:00:00Z');
    // At the start, the next one appears (one at a time) and is announced: 10:00 in winter time is 09:00 UTC.
    expect(replyText(await h.run('olivia', 'acme', '/training list'))).toBe('Classes to come in Acme Co\n#1 Group coaching · Tue 27 Oct, 10:00 (Europe/Amsterdam) · 1 h');
    const tokens = announcements().map((post) => /⟦t:(\d+)\|/.exec(post.message.text)![1]);
    expect(tokens).toEqual([String(Date.parse('2026-10-20T08:00:00Z') / 1000), String(Date.parse('2026-10-27T09:00:00Z') / 1000)]);
    await h.advanceTo('2026-10-27T09:00:00Z');
    // Maria's clock does not change: the class moves an hour for her, 16:00 then 17:00 in Manila.
    const starts = h.recorder.dmsTo('maria').filter((dm) => dm.text.includes('(in 1 h)')).map((dm) => `${dm.at!.toISOString()} ${dm.text.split('\n')[0]}`);
    expect(starts).toEqual([
      '2026-10-20T07:00:00.000Z Reminder: Group coaching starts Tue 20 Oct, 16:00 (Asia/Manila) (in 1 h).',
      '2026-10-27T08:00:00.000Z Reminder: Group coaching starts Tue 27 Oct, 17:00 (Asia/Manila) (in 1 h).',
    ]);
  });

  it('asks "this one or all future" on cancel and edit, and does what was picked', async () => {
    await h.run('olivia', 'acme', '/training add Group coaching tuesday 10:00 with everyone every tuesday');
    const ask = await h.run('olivia', 'acme', '/training cancel 1');
    expect(replyText(ask)).toBe('#1 Group coaching repeats. Cancel this one or all future ones?');
    const buttons = ask.kind === 'message' ? buttonsIn(ask.message) : [];
    expect(buttons.map((button) => button.label)).toEqual(['This one', 'All future ones']);
    // A member cannot press the manager's buttons.
    expect(replyText(await h.click('sam', 'training.cancel_one', buttons[0]!.value))).toBe('Only a team manager can do that.');
    const one = await h.click('olivia', 'training.cancel_one', buttons[0]!.value);
    expect(replyText(one)).toBe('Cancelled #1 Group coaching on Tue 20 Oct, 10:00 (Europe/Amsterdam); the series goes on.\nThe next one is Tue 27 Oct, 10:00 (Europe/Amsterdam).');
    expect(replyText(await h.run('olivia', 'acme', '/training list'))).toBe('Classes to come in Acme Co\n#1 Group coaching · Tue 27 Oct, 10:00 (Europe/Amsterdam) · 1 h');
    // A second press of an old button changes nothing.
    expect(replyText(await h.click('olivia', 'training.cancel_one', buttons[0]!.value))).toBe('Class #1 has nothing coming up to change.');

    expect(replyText(await h.run('olivia', 'acme', '/training edit 1 for 45 minutes'))).toBe('#1 repeats: add this (this one) or all (all future ones), e.g. /training edit 1 all for 45 minutes.');
    expect(replyText(await h.run('olivia', 'acme', '/training edit 1 this link https://meet.example.com/special'))).toBe('Updated #1 Group coaching · Tue 27 Oct, 10:00 (Europe/Amsterdam) · 1 h.');
    expect(replyText(await h.run('olivia', 'acme', '/training edit 1 all for 45 minutes'))).toBe('Updated #1 Group coaching · Tue 27 Oct, 10:00 (Europe/Amsterdam) · 45 min.');
    expect(replyText(await h.run('olivia', 'acme', '/training show 1'))).toContain('Link: https://meet.example.com/special');

    expect(replyText(await h.run('olivia', 'acme', '/training cancel 1 all'))).toBe('Cancelled #1 Group coaching (Tue 27 Oct, 10:00 (Europe/Amsterdam)).');
    await h.advanceTo('2026-11-20T00:00:00Z');
    expect(replyText(await h.run('olivia', 'acme', '/training list'))).toBe('No classes planned. Schedule one with /training add <title> <when>.');
    // The first, the next one, and the edited one again; none after the series was cancelled.
    expect(announcements()).toHaveLength(3);
    // What sam was sent: the two announcements' reminders never went, only the cancellation news.
    expect(h.recorder.dmsTo('sam').map((dm) => dm.text)).toEqual([
      'Group coaching on Tue 20 Oct, 10:00 (Europe/Amsterdam) is cancelled.',
      'Group coaching on Tue 27 Oct, 10:00 (Europe/Amsterdam) is cancelled.',
    ]);
  });
});
