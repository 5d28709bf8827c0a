import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client.js';
import { deliveries, standupAnswers } from '../../../db/schema/index.js';
import { buttonsIn, createHarness, replyText, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import type { OutboundMessage } from '../../ports.js';
import { plainText } from '../../messages.js';

const PEOPLE: Record<string, { displayName: string; zone: string }> = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  nina: { displayName: 'Nina', zone: 'America/New_York' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
};
const WINDOW_MS = 120 * 60_000;

// Sunday 22 Nov 2026. Monday 09:00 is 01:00Z in Manila (deadline 12:00 = 04:00Z, reminder 11:00 = 03:00Z) and
// 14:00Z in New York (deadline 17:00Z, reminder 16:00Z).
const START = '2026-11-22T12:00:00Z';

/**
 * The notice discipline for standups (src/core/notices.ts): the day's question and reminder are dropped when
 * they fall due after the answer, a skip, an absence, a pause; the reminder keeps one notice window after the
 * question as it really went; every DM waits for the recipient's working time; a blocker still waiting for
 * one manager is dropped once another made it a task; a post of a removed standup is not posted.
 */
describe.each(testDatabases())('the standup notice discipline on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  /** Working hours per person, when not 09:00-17:00. */
  let hours: Record<string, [number, number]> = {};

  const say = async (user: string, text: string) => replyText(await h.say(user, text));
  const dms = (user: string) => h.recorder.dmsTo(user).filter((dm) => !/daily brief/i.test(dm.text.split('\n')[0]!));
  const texts = (user: string) => dms(user).map((dm) => dm.text.split('\n')[0]!);
  const localTimes = (user: string) => dms(user).map((dm) => DateTime.fromJSDate(dm.at!, { zone: PEOPLE[user]!.zone }).toFormat('ccc HH:mm'));
  const rows = () => h.db.select().from(deliveries).orderBy(deliveries.id);
  /** What was dropped: the kind of message (from its key), to whom, why, and its nature. */
  const dropped = async () =>
    (await rows())
      .filter((row) => row.status === 'superseded')
      .map((row) => [/^(standup-\w+|dm:\d+:task)/.exec(row.dedupeKey)?.[1], row.target.kind === 'dm' ? row.target.userId : 'channel', row.droppedReason, row.nature]);
  const answerIdOf = (user: string) => buttonsIn(dms(user).find((dm) => dm.text.startsWith('Hi '))!.message).find((button) => button.actionId === 'standup.answer')!.value;
  const statusesOf = async () =>
    (await h.db.select({ status: standupAnswers.status, awayReason: standupAnswers.awayReason }).from(standupAnswers).orderBy(standupAnswers.id)).map((row) => [row.status, row.awayReason]);
  /** The platform refuses what `refuse` picks (an outage): the outbox retries it. */
  const outage = (refuse: (message: OutboundMessage) => boolean) => h.recorder.respondWith((message) => (refuse(message) ? { ok: false, kind: 'retry', error: 'timeout' } : { ok: true }));
  const dmOutage = (user: string) => outage((message) => message.target.kind === 'dm' && message.target.userId === user);
  const backUp = () => h.recorder.respondWith(() => ({ ok: true }));

  /**
   * What holds for every DM the outbox sent in a test: inside the recipient's working hours (Monday to Friday,
   * in their zone), about a standup day, a blocker or a task, and no nudge within the window after another
   * message on its subject to the same person.
   */
  const expectDiscipline = async () => {
    const sent = (await rows()).filter((row) => row.status === 'sent' && row.target.kind === 'dm' && !/daily brief/i.test(plainText(row.message.text)));
    for (const row of sent) {
      const user = row.target.kind === 'dm' ? row.target.userId : '';
      const [start, end] = hours[user] ?? [9 * 60, 17 * 60];
      const local = DateTime.fromJSDate(row.sentAt!, { zone: PEOPLE[user]!.zone });
      const minute = local.hour * 60 + local.minute;
      expect(local.weekday <= 5 && minute >= start && minute <= end, `${user} got “${plainText(row.message.text)}” at ${local.toISO()}`).toBe(true);
      expect(row.subject, row.dedupeKey).toMatch(/^(standup:\d+:\d{4}-\d{2}-\d{2}(:blocker:\d+)?|task:\d+)$/);
      if (row.nature !== 'nudge') continue;
      for (const other of sent.filter((candidate) => candidate.id !== row.id && candidate.targetKey === row.targetKey && candidate.subject === row.subject && candidate.sentAt! <= row.sentAt!)) {
        expect(row.sentAt!.getTime() - other.sentAt!.getTime(), `${row.dedupeKey} after ${other.dedupeKey}`).toBeGreaterThanOrEqual(WINDOW_MS);
      }
    }
  };

  const setUp = async (standup: string, extra: () => Promise<void> = async () => {}) => {
    h = await createHarness({ handle, start: START, people: PEOPLE });
    await h.run('olivia', 'acme', '/obm setup Acme Co');
    await h.run('olivia', 'acme', '/obm setup zone Europe/Amsterdam');
    for (const name of ['maria', 'jo']) await h.run('olivia', 'acme', `/obm team add @${name} member`);
    await extra();
    await h.run('olivia', 'acme', `/standup setup ${standup}`);
    h.recorder.clear();
  };

  beforeEach(async () => {
    handle = await open();
    hours = {};
  });
  afterEach(async () => handle.close());

  it('drops a reminder waiting in the outbox once the answers are in, or the day is skipped', async () => {
    await setUp('at 09:00 deadline 12:00 @maria @jo');
    await h.advanceTo('2026-11-23T02:59:00Z');
    dmOutage('maria');
    await h.advanceTo('2026-11-23T03:01:00Z'); // the reminder went to the outbox at 11:00 in Manila, and waits
    for (const text of ['Sent the invoices', 'Update the CRM']) await say('maria', text);
    expect(await say('maria', 'none')).toContain('Thanks, Maria! Your answers are in.');
    backUp();
    await h.advanceTo('2026-11-23T15:59:00Z');
    dmOutage('jo');
    await h.advanceTo('2026-11-23T16:01:00Z');
    expect(replyText(await h.click('jo', 'standup.skip', answerIdOf('jo')))).toBe('Skipped: no standup for you on Mon 23 Nov.');
    backUp();
    await h.advanceTo('2026-11-23T18:00:00Z');
    expect(texts('maria')).toEqual(['Hi Maria! Standup for Acme Co, Mon 23 Nov.']);
    expect(texts('jo')).toEqual(['Hi Jo! Standup for Acme Co, Mon 23 Nov.']);
    expect(await dropped()).toEqual([
      ['standup-nudge', 'maria', 'answer_answered', 'nudge'],
      ['standup-nudge', 'jo', 'answer_skipped', 'nudge'],
    ]);
    await expectDiscipline();
  });

  it('drops the question and the reminder of someone away since they were queued, and counts them away', async () => {
    await setUp('at 09:00 deadline 12:00 @maria @jo');
    await h.advanceTo('2026-11-23T02:59:00Z');
    dmOutage('maria');
    await h.advanceTo('2026-11-23T03:01:00Z');
    // Maria goes home ill while her 11:00 reminder waits for the platform: it is dropped when it falls due again.
    await h.run('maria', 'dm-maria', '/obm me away 23 nov');
    await h.advanceTo('2026-11-23T13:59:00Z');
    dmOutage('jo');
    await h.advanceTo('2026-11-23T14:01:00Z'); // Jo's question waits in the outbox when he reports ill
    await h.run('jo', 'dm-jo', '/obm me away 23 nov');
    backUp();
    await h.advanceTo('2026-11-23T18:00:00Z');
    expect(texts('maria')).toEqual(['Hi Maria! Standup for Acme Co, Mon 23 Nov.']);
    expect(texts('jo')).toEqual([]);
    expect(await dropped()).toEqual([
      ['standup-nudge', 'maria', 'recipient_away', 'nudge'],
      ['standup-ask', 'jo', 'recipient_away', 'news'],
    ]);
    // Away, not missed: and with nobody expected, no report is posted.
    expect(await statusesOf()).toEqual([
      ['away', 'absent'],
      ['away', 'absent'],
    ]);
    expect(h.recorder.sent.filter((sent) => sent.target.kind === 'channel')).toEqual([]);
    await expectDiscipline();
  });

  it('drops a question waiting in the outbox once the standup is paused, and the digest of a standup removed meanwhile', async () => {
    await setUp('at 09:00 deadline 12:00 report digest @maria @jo');
    await h.advanceTo('2026-11-23T00:59:00Z');
    dmOutage('maria');
    await h.advanceTo('2026-11-23T01:01:00Z');
    expect(replyText(await h.run('olivia', 'acme', '/standup pause'))).toBe('Paused Standup #1: nobody is asked until a manager runs /standup resume.');
    backUp();
    await h.advanceTo('2026-11-23T02:00:00Z');
    expect(texts('maria')).toEqual([]);
    expect(await dropped()).toEqual([['standup-ask', 'maria', 'standup_paused', 'news']]);
    // Resumed for Tuesday; the channel is down when Tuesday's digest is due, and the standup is removed meanwhile.
    await h.run('olivia', 'acme', '/standup resume');
    await h.advanceTo('2026-11-24T02:00:00Z');
    for (const text of ['a', 'b', 'none']) await say('maria', text);
    await h.advanceTo('2026-11-24T16:59:00Z');
    outage((message) => message.target.kind === 'channel');
    await h.advanceTo('2026-11-24T17:01:00Z');
    expect(replyText(await h.run('olivia', 'acme', '/standup remove'))).toBe('Removed Standup #1: nobody will be asked again.');
    backUp();
    await h.advanceTo('2026-11-24T18:00:00Z');
    expect(h.recorder.sent.filter((sent) => sent.target.kind === 'channel' && sent.text.startsWith('Standup, Tue 24 Nov'))).toEqual([]);
    expect((await dropped()).slice(1)).toEqual([['standup-digest', 'channel', 'standup_removed', 'news']]);
    await expectDiscipline();
  });

  it('plans the reminder at least one notice window after the question, and none when that leaves no room before the deadline', async () => {
    await setUp('at 09:00 deadline 12:00 nudge 2h @maria', async () => {
      await h.run('olivia', 'acme', '/obm team add @nina member');
    });
    await h.run('olivia', 'acme', '/standup setup name Short at 09:00 deadline 10:30 @nina');
    // The card says so.
    expect(replyText(await h.run('olivia', 'acme', '/standup show #1'))).toContain('Reminder: once, 2 h after the question, to whoever has not answered (I send at most one message about a standup day every 2 h)');
    expect(replyText(await h.run('olivia', 'acme', '/standup show Short'))).toContain('Reminder: none: the answers close within 2 h of the question');
    await h.advanceTo('2026-11-23T23:59:00Z');
    // Two hours before the deadline would be 10:00, an hour after the question: the reminder waits until 11:00.
    expect(localTimes('maria')).toEqual(['Mon 09:00', 'Mon 11:00']);
    expect(texts('maria')[1]).toBe('Reminder: Standup for Acme Co, Mon 23 Nov, closes at 12:00 (Asia/Manila).');
    // A 90-minute window leaves no room for a reminder a window after the question.
    expect(localTimes('nina')).toEqual(['Mon 09:00']);
    await expectDiscipline();
  });

  it('keeps the reminder one window after a question that went late, and the question says how late', async () => {
    await setUp('at 09:00 deadline 12:00 @maria');
    await h.advanceTo('2026-11-23T00:59:00Z');
    // The platform rate-limits the bot for 45 minutes at Maria's 09:00.
    let first = true;
    h.recorder.respondWith(() => (first ? ((first = false), { ok: false, kind: 'retry', error: 'rate limited', retryAfterMs: 45 * 60_000 }) : { ok: true }));
    await h.advanceTo('2026-11-23T05:00:00Z');
    expect(localTimes('maria')).toEqual(['Mon 09:45', 'Mon 11:45']);
    expect(dms('maria')[0]!.text.split('\n')[1]).toBe('I meant to ask this at Mon 23 Nov, 09:00 (Asia/Manila), 45 minutes ago; sorry it comes late.');
    await expectDiscipline();
  });

  it('asks someone whose hours start later at the start of their hours, and not at all when the answers close before', async () => {
    hours = { jo: [10 * 60, 18 * 60], maria: [12 * 60, 20 * 60] };
    await setUp('at 09:00 deadline 12:00 @maria @jo', async () => {
      await h.run('jo', 'dm-jo', '/obm me hours 10:00-18:00');
      await h.run('maria', 'dm-maria', '/obm me hours 12:00-20:00');
    });
    await h.advanceTo('2026-11-23T23:59:00Z');
    // Jo at 10:00, not late; a reminder a window later would be at the deadline, so none.
    expect(localTimes('jo')).toEqual(['Mon 10:00']);
    expect(dms('jo')[0]!.text).not.toContain('late');
    // Maria's day starts when the answers close: she is not asked, and not counted missed (only Jo, who did not answer, is).
    expect(dms('maria')).toEqual([]);
    expect(await statusesOf()).toEqual([['missed', null]]);
    await expectDiscipline();
  });

  it('sends a blocker to each manager in their working time, and drops it for one still waiting once another made it a task', async () => {
    await setUp('at 09:00 deadline 12:00 @maria', async () => {
      await h.run('olivia', 'acme', '/obm team add @nina manager');
    });
    await h.advanceTo('2026-11-23T02:00:00Z'); // 10:00 in Manila, 03:00 in Amsterdam, 21:00 in New York
    for (const text of ['Sent the invoices', 'Update the CRM']) await say('maria', text);
    expect(await say('maria', 'Waiting for the client’s logins')).toBe(
      'Thanks, Maria! Your answers are in. You can change them until Mon 23 Nov, 12:00 (Asia/Manila) with Edit answers. I told Olivia, Nina about your blocker. Olivia gets it Mon 23 Nov, 09:00 (Europe/Amsterdam). Nina gets it Mon 23 Nov, 09:00 (America/New_York).',
    );
    await h.advanceTo('2026-11-23T08:00:00Z');
    const [blocker] = dms('olivia');
    expect(blocker!.text).toBe('🚧 Maria is blocked (Standup, Acme Co, Mon 23 Nov): Waiting for the client’s logins');
    const value = buttonsIn(blocker!.message)[0]!.value;
    await h.submit('olivia', 'standup.make_task', value, { title: 'Get the logins', assignee: 'maria' });
    await h.advanceTo('2026-11-23T20:00:00Z');
    expect(dms('nina').filter((dm) => dm.text.startsWith('🚧'))).toEqual([]);
    expect(await dropped()).toEqual([['standup-blocker', 'nina', 'already_task', 'news']]);
    expect(texts('maria')).toEqual(['Hi Maria! Standup for Acme Co, Mon 23 Nov.', 'Olivia gave you a task in Acme Co:']);
    await expectDiscipline();
  });
});
