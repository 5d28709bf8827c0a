import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client.js';
import { jobs } from '../../../db/schema/index.js';
import { createHarness, replyText, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import { participation } from './standups.repository.js';

const PEOPLE: Record<string, { displayName: string; zone?: string }> = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
  eva: { displayName: 'Eva', zone: 'Europe/Amsterdam' },
  sam: { displayName: 'Sam' },
};

const weekdaysBetween = (from: string, to: string) => {
  const days: string[] = [];
  for (let day = DateTime.fromISO(from, { zone: 'UTC' }); day.toISODate()! <= to; day = day.plus({ days: 1 })) if (day.weekday <= 5) days.push(day.toISODate()!);
  return days;
};

describe.each(testDatabases())('standup scheduling on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;

  /** A plain DM to the bot, as a platform forwards it. */
  const say = async (user: string, text: string) => replyText(await h.say(user, text));
  /** The question DMs a person got, as local date and time in their zone. */
  const asked = (user: string) =>
    h.recorder
      .dmsTo(user)
      .filter((dm) => dm.text.startsWith('Hi '))
      .map((dm) => DateTime.fromJSDate(dm.at!, { zone: PEOPLE[user]!.zone ?? 'Europe/Amsterdam' }));
  const reminders = (user: string) => h.recorder.dmsTo(user).filter((dm) => dm.text.startsWith('Reminder:'));
  /** The day's summary replies (threaded under the parent post by the outbox). */
  const summaryPosts = () => h.recorder.sent.filter((sent) => sent.target.kind === 'channel' && sent.target.threadId && / answered\./.test(sent.text.split('\n')[0]!));
  const summaries = () => summaryPosts().map((sent) => sent.text);
  /** Like a crash: the clock jumps, and whatever is due runs at once, late. */
  const downUntil = async (iso: string) => {
    h.clock.advanceTo(new Date(iso));
    await h.scheduler.runDue(h.clock.now());
    await h.scheduler.runDue(h.clock.now());
  };

  const setUp = async (start: string, members: string[]) => {
    h = await createHarness({ handle, start, people: PEOPLE });
    await h.run('olivia', 'acme', '/obm setup Acme Co');
    await h.run('olivia', 'acme', '/obm setup zone Europe/Amsterdam');
    for (const name of members) await h.run('olivia', 'acme', `/obm team add @${name} member`);
  };

  beforeEach(async () => {
    handle = await open();
  });
  afterEach(async () => handle.close());

  // Weeks simulated with every job of every day run in order: slower than a unit test by nature.
  it('asks everyone at 09:00 in their own zone on their working days across the 2027 March changes, skipping absences and holidays, and counts participation', async () => {
    // Saturday 6 March 2027: the first questions are on Monday the 8th. New York moves on 14 March, Amsterdam on 28 March.
    await setUp('2027-03-06T12:00:00Z', ['maria', 'jo', 'eva']);
    await h.run('maria', 'dm-maria', '/obm me country PH');
    await h.run('eva', 'dm-eva', '/obm me away 29 mar to 31 mar');
    expect(replyText(await h.run('olivia', 'acme', '/standup setup at 09:00 deadline 12:00'))).toContain('Set up Standup #1.');
    h.recorder.clear();
    await h.advanceTo('2027-04-02T23:59:00Z');
    const holidays = { maria: ['2027-03-09', '2027-03-25', '2027-03-26'], eva: ['2027-03-29', '2027-03-30', '2027-03-31'] } as Record<string, string[]>;
    for (const name of ['olivia', 'maria', 'jo', 'eva']) {
      const times = asked(name);
      expect(new Set(times.map((time) => time.toFormat('HH:mm'))), name).toEqual(new Set(['09:00']));
      const expected = weekdaysBetween('2027-03-08', '2027-04-02').filter((date) => !(holidays[name] ?? []).includes(date));
      expect(times.map((time) => time.toISODate()), name).toEqual(expected);
      // One reminder per question, at 11:00 local, since nobody answers.
      expect(reminders(name).map((dm) => DateTime.fromJSDate(dm.at!, { zone: PEOPLE[name]!.zone! }).toFormat('HH:mm')), name).toEqual(expected.map(() => '11:00'));
    }
    // One summary per working day, once the last deadline (New York's) has passed, with who was away.
    const days = summaries();
    expect(days).toHaveLength(20);
    expect(days.find((text) => text.startsWith('Standup, Thu 25 Mar'))).toBe('Standup, Thu 25 Mar: 0 of 3 answered.\nAnswered: nobody\nAway: Maria (public holiday)\nNot answered: Eva, Jo, Olivia');
    expect(days.find((text) => text.startsWith('Standup, Mon 29 Mar'))).toBe('Standup, Mon 29 Mar: 0 of 3 answered.\nAnswered: nobody\nAway: Eva\nNot answered: Jo, Maria, Olivia');
    const summaryTimes = summaryPosts().map((sent) => sent.at!.toISOString());
    expect(summaryTimes.slice(0, 2)).toEqual(['2027-03-08T17:00:00.000Z', '2027-03-09T17:00:00.000Z']); // 12:00 EST
    expect(summaryTimes.slice(5, 6)).toEqual(['2027-03-15T16:00:00.000Z']); // 12:00 EDT
    const team = (await h.db.query.teams.findFirst())!;
    const counts = await participation({ db: h.db, teamId: team.id, from: '2027-03-08', to: '2027-04-02', now: h.clock.now() });
    expect(counts.people.map((row) => [row.name, row.onTime, row.late, row.missed, row.away, row.skipped])).toEqual([
      ['Eva', 0, 0, 17, 3, 0],
      ['Jo', 0, 0, 20, 0, 0],
      ['Maria', 0, 0, 17, 3, 0],
      ['Olivia', 0, 0, 20, 0, 0],
    ]);
    expect(counts.team).toEqual({ onTime: 0, late: 0, missed: 74, away: 6, skipped: 0 });
  }, 90_000);

  it('counts participation per person and team for a period: on time, late, missed, away and skipped', async () => {
    await setUp('2026-11-22T12:00:00Z', ['maria', 'jo']);
    await h.run('olivia', 'acme', '/standup setup at 09:00 deadline 12:00 @maria @jo');
    await h.run('jo', 'acme', '/standup skip wednesday');
    await h.run('maria', 'dm-maria', '/obm me away 26 nov');
    const answerAll = async (user: string) => {
      for (const text of ['a', 'b', 'none']) await say(user, text);
    };
    await h.advanceTo('2026-11-23T02:00:00Z');
    await answerAll('maria'); // Mon on time
    await h.advanceTo('2026-11-23T18:00:00Z');
    await answerAll('jo'); // Mon late
    await h.advanceTo('2026-11-24T05:00:00Z');
    await answerAll('maria'); // Tue late
    await h.advanceTo('2026-11-24T15:00:00Z');
    await answerAll('jo'); // Tue on time
    await h.advanceTo('2026-11-25T02:00:00Z');
    await answerAll('maria'); // Wed on time; Jo skipped Wed; Thu Maria away, Jo misses; Fri both miss
    await h.advanceTo('2026-11-27T23:00:00Z');
    const team = (await h.db.query.teams.findFirst())!;
    const week = await participation({ db: h.db, teamId: team.id, from: '2026-11-23', to: '2026-11-27', now: h.clock.now() });
    expect(week.people.map(({ name, onTime, late, missed, away, skipped }) => ({ name, onTime, late, missed, away, skipped }))).toEqual([
      { name: 'Jo', onTime: 1, late: 1, missed: 2, away: 0, skipped: 1 },
      { name: 'Maria', onTime: 2, late: 1, missed: 1, away: 1, skipped: 0 },
    ]);
    expect(week.team).toEqual({ onTime: 3, late: 2, missed: 3, away: 1, skipped: 1 });
    // A period is a range of standup days; a day still open counts nowhere yet.
    const monday = await participation({ db: h.db, teamId: team.id, from: '2026-11-23', to: '2026-11-23', now: h.clock.now() });
    expect(monday.team).toEqual({ onTime: 1, late: 1, missed: 0, away: 0, skipped: 0 });
    await h.advanceTo('2026-11-30T02:00:00Z');
    const open = await participation({ db: h.db, teamId: team.id, from: '2026-11-30', to: '2026-11-30', now: h.clock.now() });
    expect(open.team).toEqual({ onTime: 0, late: 0, missed: 0, away: 0, skipped: 0 });
    expect(replyText(await h.run('olivia', 'acme', '/standup report @jo from 23 nov to 27 nov')).split('\n')).toEqual([
      'Standup: Jo’s answers Mon 23 Nov – Fri 27 Nov',
      'Fri 27 Nov',
      'Jo: not answered',
      'Thu 26 Nov',
      'Jo: not answered',
      'Wed 25 Nov',
      'Jo: skipped',
      'Tue 24 Nov',
      'Jo',
      'What did you finish yesterday? a',
      'What will you do today? b',
      'Anything blocking you? none',
      'Mon 23 Nov',
      'Jo (late)',
      'What did you finish yesterday? a',
      'What will you do today? b',
      'Anything blocking you? none',
      'Participation:',
      'Jo: 1 on time, 1 late, 2 missed, 0 away, 1 skipped',
    ]);
  });

  it('asks late after downtime while the deadline is ahead, skips a question past it, and keeps the chain going', async () => {
    await setUp('2026-11-22T12:00:00Z', ['maria', 'jo']);
    await h.run('olivia', 'acme', '/standup setup at 09:00 deadline 12:00 @maria @jo');
    h.recorder.clear();
    // Down over Maria's Monday 09:00 (01:00Z) until 10:30 in Manila.
    await h.advanceTo('2026-11-23T00:30:00Z');
    await downUntil('2026-11-23T02:30:00Z');
    expect(h.recorder.dmsTo('maria').map((dm) => dm.text.split('\n').slice(0, 2).join('\n'))).toEqual([
      'Hi Maria! Standup for Acme Co, Mon 23 Nov.\nI meant to ask this at Mon 23 Nov, 09:00 (Asia/Manila), 90 minutes ago; sorry it comes late.',
    ]);
    // Down over her whole Tuesday window: no question, no reminder, no stale summary burst; Wednesday as usual.
    await h.advanceTo('2026-11-24T00:30:00Z');
    await downUntil('2026-11-24T04:30:00Z');
    // Monday's question only: it went at 10:30, so the 11:00 reminder would have come within the notice window of it.
    expect(h.recorder.dmsTo('maria')).toHaveLength(1);
    await h.advanceTo('2026-11-25T01:00:00Z');
    expect(h.recorder.dmsTo('maria').map((dm) => dm.text.split('\n')[0])).toEqual(['Hi Maria! Standup for Acme Co, Mon 23 Nov.', 'Hi Maria! Standup for Acme Co, Wed 25 Nov.']);
    expect(summaries().filter((text) => text.startsWith('Standup, Tue 24 Nov'))).toEqual(['Standup, Tue 24 Nov: 0 of 1 answered.\nAnswered: nobody\nNot answered: Jo']);
    // Down for three days over both deadlines: each day's report goes once, late; then questions resume.
    await h.advanceTo('2026-11-25T12:00:00Z');
    await downUntil('2026-11-28T12:00:00Z');
    expect(summaries().filter((text) => text.startsWith('Standup, Wed 25 Nov'))).toEqual(['Standup, Wed 25 Nov: 0 of 1 answered.\nAnswered: nobody\nNot answered: Maria']);
    expect(h.recorder.dmsTo('jo').filter((dm) => dm.at! > new Date('2026-11-25T12:00:00Z'))).toEqual([]);
    await h.advanceTo('2026-11-30T14:00:00Z');
    expect(asked('maria').map((time) => time.toISO())).toContain('2026-11-30T09:00:00.000+08:00');
    expect(asked('jo').map((time) => time.toISO())).toContain('2026-11-30T09:00:00.000-05:00');
    expect(asked('jo')).toHaveLength(3); // Mon, Tue, and Monday again: Wednesday’s went by during the downtime
  });

  it('follows the standup’s own days, stops when paused or removed, resumes, and moves with an edit', async () => {
    await setUp('2026-11-22T12:00:00Z', ['maria', 'jo']);
    expect(replyText(await h.run('olivia', 'acme', '/standup setup on mon, wed at 10:00 deadline 11:00 nudge off @maria'))).toContain('When: Mon, Wed at 10:00, answers by 11:00');
    h.recorder.clear();
    await h.advanceTo('2026-11-24T23:00:00Z');
    expect(asked('maria').map((time) => time.toISO())).toEqual(['2026-11-23T10:00:00.000+08:00']);
    expect(reminders('maria')).toEqual([]);
    expect(replyText(await h.run('olivia', 'acme', '/standup pause'))).toBe('Paused Standup #1: nobody is asked until a manager runs /standup resume.');
    expect(replyText(await h.run('olivia', 'acme', '/standup pause'))).toBe('Standup #1 is already paused.');
    await h.advanceTo('2026-11-26T12:00:00Z');
    expect(asked('maria')).toHaveLength(1);
    expect(replyText(await h.run('olivia', 'acme', '/standup resume'))).toBe('Resumed Standup #1: everyone is asked again from their next standup day.');
    expect(replyText(await h.run('olivia', 'acme', '/standup edit at 14:00 for everyone'))).toContain('Updated Standup #1.');
    await h.advanceTo('2026-12-01T00:00:00Z');
    // The window keeps its length: 14:00 to 15:00. Everyone takes part now, each at their own 14:00.
    expect(asked('maria').map((time) => time.toISO())).toEqual(['2026-11-23T10:00:00.000+08:00', '2026-11-30T14:00:00.000+08:00']);
    expect(asked('jo').map((time) => time.toISO())).toEqual(['2026-11-30T14:00:00.000-05:00']);
    expect(asked('olivia').map((time) => time.toISO())).toEqual(['2026-11-30T14:00:00.000+01:00']);
    expect(h.recorder.dmsTo('maria')[1]!.text).toContain('Please answer by Mon 30 Nov, 15:00 (Asia/Manila).');
    // Someone who joins the team is planned when the next standup day starts (its first question anywhere).
    await h.run('olivia', 'acme', '/obm team add @sam member');
    await h.advanceTo('2026-12-03T00:00:00Z');
    expect(asked('sam').map((time) => time.toISODate())).toEqual(['2026-12-02']);
    expect(replyText(await h.run('olivia', 'acme', '/standup remove'))).toBe('Removed Standup #1: nobody will be asked again.');
    const before = h.recorder.sent.length;
    await h.advanceTo('2026-12-10T00:00:00Z');
    // Nothing of the standup (the team's weekly digest still goes on Monday).
    expect(h.recorder.sent.slice(before).filter((sent) => !sent.text.includes('· weekly digest,'))).toEqual([]);
    const pending = (await h.db.select().from(jobs)).filter((job) => job.status === 'pending' && job.kind.startsWith('standup.'));
    expect(pending).toEqual([]);
    expect(replyText(await h.run('olivia', 'acme', '/standup'))).toBe('This team has no standup yet. A manager can set one up: /standup setup at 09:00 on mon-fri deadline 12:00');
  });
});
