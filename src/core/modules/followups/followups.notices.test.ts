import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client.js';
import { deliveries, followups } from '../../../db/schema/index.js';
import { createHarness, replyText, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import { plainText } from '../../messages.js';

const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  lena: { displayName: 'Lena', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
};
const ZONES: Record<string, string> = Object.fromEntries(Object.entries(PEOPLE).map(([user, info]) => [user, info.zone]));
const WINDOW_MS = 120 * 60_000;

/**
 * The notice discipline for follow-ups (src/core/notices.ts): a DM about a follow-up that is no longer true when
 * it falls due is dropped (superseded, never sent) or written again; every DM waits for its recipient's working
 * time; a nudge never follows another message about the same follow-up to the same person within the window;
 * and a manager on the daily brief is not DMed that someone has not answered.
 */
describe.each(testDatabases())('the follow-up notice discipline on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const ask = (user: string, text: string) => h.run(user, 'acme', `/followup ask ${text}`);
  const dmTexts = (user: string) => h.recorder.dmsTo(user).map((dm) => dm.text).filter((text) => !/daily brief|dagoverzicht/i.test(text.split('\n')[0]!));
  const rows = () => h.db.select().from(deliveries).orderBy(deliveries.id);
  const rowOf = async (pattern: RegExp) => (await rows()).filter((row) => pattern.test(row.dedupeKey));
  /** The platform refuses this person's DMs for now (an outage): the outbox retries them. */
  const outageFor = (user: string) => h.recorder.respondWith((message) => (message.target.kind === 'dm' && message.target.userId === user ? { ok: false, kind: 'retry', error: 'timeout' } : { ok: true }));
  const backUp = () => h.recorder.respondWith(() => ({ ok: true }));
  /** The platform rate-limits the bot once, for this long: everything waits, nothing is lost. */
  const rateLimitedFor = (ms: number) => {
    let first = true;
    h.recorder.respondWith(() => (first ? ((first = false), { ok: false, kind: 'retry', error: 'rate limited', retryAfterMs: ms }) : { ok: true }));
  };
  /** What was dropped: the kind of DM (from its key), to whom, why, and its nature. */
  const dropped = async () =>
    (await rows())
      .filter((row) => row.status === 'superseded')
      .map((row) => [/:(ask|not-yet|unanswered|done|cancelled):/.exec(row.dedupeKey)?.[1], row.target.kind === 'dm' ? row.target.userId : null, row.droppedReason, row.nature]);

  /**
   * What holds for every DM the outbox sent in a test: inside the recipient's working hours (09:00-17:00,
   * Monday to Friday, in their zone), and no nudge within the window after another message on its subject
   * to the same person.
   */
  const expectDiscipline = async () => {
    const sent = (await rows()).filter((row) => row.status === 'sent' && row.target.kind === 'dm');
    for (const row of sent) {
      const user = row.target.kind === 'dm' ? row.target.userId : '';
      if (/daily brief|dagoverzicht/i.test(plainText(row.message.text))) continue;
      const local = DateTime.fromJSDate(row.sentAt!, { zone: ZONES[user]! });
      const minute = local.hour * 60 + local.minute;
      expect(local.weekday <= 5 && minute >= 9 * 60 && minute <= 17 * 60, `${user} got “${plainText(row.message.text)}” at ${local.toISO()}`).toBe(true);
      expect(row.subject, row.dedupeKey).toMatch(/^followup:\d+$/);
      if (row.nature !== 'nudge') continue;
      const before = sent.filter((other) => other.id !== row.id && other.targetKey === row.targetKey && other.subject === row.subject && other.sentAt! <= row.sentAt!);
      for (const other of before) expect(row.sentAt!.getTime() - other.sentAt!.getTime(), `${row.dedupeKey} after ${other.dedupeKey}`).toBeGreaterThanOrEqual(WINDOW_MS);
    }
  };

  beforeEach(async () => {
    handle = await open();
    // Monday 23 Nov 2026: 09:00 in Amsterdam, 16:00 in Manila, 03:00 in New York. Maria is asked Tue 09:00 Manila (01:00Z).
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', jo: 'member', lena: 'manager' } });
  });
  afterEach(async () => handle.close());

  it('drops a question still waiting in the outbox once the follow-up is cancelled, and tells the person nothing', async () => {
    await ask('olivia', '@maria did you send the invoice?');
    outageFor('maria');
    await h.advanceTo('2026-11-24T01:01:00Z');
    expect(dmTexts('maria')).toEqual([]);
    // Cancelled while the question is still in the outbox: no "no need to answer" about a question never seen.
    expect(replyText(await h.run('olivia', 'acme', '/followup cancel 1'))).toBe('Cancelled follow-up #1: I will not ask Maria “did you send the invoice?”.');
    backUp();
    await h.advanceTo('2026-11-24T09:00:00Z');
    expect(dmTexts('maria')).toEqual([]);
    expect(await dropped()).toEqual([['ask', 'maria', 'followup_cancelled', 'news']]);
    expect((await rows()).filter((row) => row.target.kind === 'dm' && row.target.userId === 'maria')).toHaveLength(1);
    await expectDiscipline();
  });

  it('drops a re-ask waiting in the outbox when Done is clicked on the first question, and a held “not yet” to the requester', async () => {
    await ask('olivia', '@maria did you send the invoice?');
    await h.advanceTo('2026-11-24T02:00:00Z'); // 10:00 in Manila, 03:00 in Amsterdam
    expect(replyText(await h.submit('maria', 'followup.not_yet', '1', { when: 'in 3 hours' }))).toBe('OK, I’ll ask you again on Tue 24 Nov, 13:00 (Asia/Manila).');
    outageFor('maria');
    await h.advanceTo('2026-11-24T05:01:00Z');
    // The buttons of the first question still work: Done, while the re-ask waits for the platform.
    expect(replyText(await h.click('maria', 'followup.done', '1'))).toContain('Thanks! I’ll tell Olivia: they get it Tue 24 Nov, 09:00 (Europe/Amsterdam).');
    backUp();
    await h.advanceTo('2026-11-24T09:00:00Z');
    expect(dmTexts('maria')).toHaveLength(1);
    // Olivia's morning: the "not yet" of 03:00 is no longer true; only the answer goes.
    expect(dmTexts('olivia')).toEqual(['Maria has done it: “did you send the invoice?” (follow-up #1, Acme Co).']);
    expect(await dropped()).toEqual([
      ['not-yet', 'olivia', 'followup_done', 'news'],
      ['ask', 'maria', 'followup_done', 'nudge'],
    ]);
    await expectDiscipline();
  });

  it('writes a held “not yet” in the past once the re-ask went, and says how late a late re-ask is', async () => {
    await ask('olivia', '@maria did you send the invoice?');
    await h.advanceTo('2026-11-24T02:00:00Z');
    await h.submit('maria', 'followup.not_yet', '1', { when: 'in 3 hours' });
    // The platform rate-limits the bot at Maria's re-ask (13:00 Manila): it goes 21 minutes late, and says so.
    await h.advanceTo('2026-11-24T04:59:00Z');
    rateLimitedFor(21 * 60_000);
    await h.advanceTo('2026-11-24T08:00:00Z');
    expect(h.recorder.dmsTo('maria')[1]!.at).toEqual(new Date('2026-11-24T05:21:00Z'));
    expect(dmTexts('maria')[1]).toBe(
      'Olivia asks again (Acme Co): did you send the invoice?\nI meant to ask this on Tue 24 Nov, 13:00 (Asia/Manila), 21 minutes ago; sorry it comes late.\nFollow-up #1 · please answer by Tue 24 Nov, 17:00 (Asia/Manila)',
    );
    expect(dmTexts('olivia')).toEqual(['Maria had not done “did you send the invoice?” yet (follow-up #1, Acme Co), so I asked again on Tue 24 Nov, 06:00 (Europe/Amsterdam).']);
    await expectDiscipline();
  });

  it('DMs no “has not answered” to a manager on the daily brief; one on instant alerts and a member who asked hear it in their hours', async () => {
    await h.run('lena', 'acme', '/obm me alerts instant');
    await ask('olivia', '@maria send the invoice');
    await ask('lena', '@maria call the bank');
    await ask('jo', '@maria update the CRM');
    await h.advanceTo('2026-11-24T09:00:00Z'); // 17:00 in Manila, 10:00 in Amsterdam, 04:00 in New York
    expect(dmTexts('lena')).toEqual(['Maria has not answered “call the bank” (follow-up #2, Acme Co), asked on Tue 24 Nov, 02:00 (Europe/Amsterdam).']);
    expect(dmTexts('olivia')).toEqual([]);
    expect(dmTexts('jo')).toEqual([]);
    await h.advanceTo('2026-11-24T14:00:00Z');
    expect(dmTexts('jo')).toEqual(['Maria has not answered “update the CRM” (follow-up #3, Acme Co), asked on Mon 23 Nov, 20:00 (America/New_York).']);
    await h.advanceTo('2026-11-26T12:00:00Z');
    expect(dmTexts('olivia')).toEqual([]);
    // Olivia's follow-up is unanswered all the same: the brief lists it, and so does her list.
    expect((await h.db.select().from(followups).orderBy(followups.number)).map((row) => row.status)).toEqual(['unanswered', 'unanswered', 'unanswered']);
    expect(replyText(await h.run('olivia', 'acme', '/followup list'))).toContain('#1 Maria: send the invoice · not answered');
    expect(await rowOf(/^followup:1:unanswered:/)).toEqual([]);
    await expectDiscipline();
  });

  it('drops a held “has not answered” once a late answer came, and sends the answer instead', async () => {
    await ask('jo', '@maria update the CRM');
    await h.advanceTo('2026-11-24T10:00:00Z'); // 18:00 in Manila: late; 05:00 in New York
    expect(replyText(await h.click('maria', 'followup.done', '1'))).toContain('Thanks! I’ll tell Jo: they get it Tue 24 Nov, 09:00 (America/New_York).');
    await h.advanceTo('2026-11-24T20:00:00Z');
    expect(dmTexts('jo')).toEqual(['Maria has done it: “update the CRM” (follow-up #1, Acme Co).']);
    expect(await dropped()).toEqual([['unanswered', 'jo', 'followup_done', 'nudge']]);
    await expectDiscipline();
  });

  it('keeps one window between two messages about a follow-up to one person: a sooner re-ask moves, a “has not answered” waits', async () => {
    await ask('jo', '@maria update the CRM');
    await h.advanceTo('2026-11-24T02:00:00Z'); // 10:00 in Manila, 21:00 in New York
    expect(replyText(await h.submit('maria', 'followup.not_yet', '1', { when: 'in 30 minutes' }))).toBe(
      'OK, I’ll ask you again on Tue 24 Nov, 12:00 (Asia/Manila): no sooner, as I send at most one message about a follow-up every 2h.',
    );
    await h.advanceTo('2026-11-24T20:00:00Z');
    const toMaria = h.recorder.dmsTo('maria').map((dm) => dm.at!.toISOString());
    expect(toMaria).toEqual(['2026-11-24T01:00:00.000Z', '2026-11-24T04:00:00.000Z']);
    // Jo: the "not yet" waits for his 09:00 (14:00Z), and the "has not answered" of 17:00 Manila waits one window after it.
    expect(h.recorder.dmsTo('jo').map((dm) => [dm.at!.toISOString(), dm.text])).toEqual([
      ['2026-11-24T14:00:00.000Z', 'Maria had not done “update the CRM” yet (follow-up #1, Acme Co), so I asked again on Mon 23 Nov, 23:00 (America/New_York).'],
      ['2026-11-24T16:00:00.000Z', 'Maria has not answered “update the CRM” (follow-up #1, Acme Co), asked on Mon 23 Nov, 23:00 (America/New_York).'],
    ]);
    await expectDiscipline();
  });
});
