import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client.js';
import { buttonsIn, createHarness, replyText, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import type { Reply } from '../../invocation.js';

const PEOPLE: Record<string, { displayName: string; zone?: string }> = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  sanne: { displayName: 'Sanne', zone: 'Europe/Amsterdam' },
};

// Sunday 22 Nov 2026; the standup asks Monday 09:00 in each zone (01:00Z Manila, 08:00Z Amsterdam).
const START = '2026-11-22T12:00:00Z';

describe.each(testDatabases())('an unclear blocker answer is put to the person once, on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const say = (user: string, text: string) => h.say(user, text);
  const blockerDms = (user: string) => h.recorder.dmsTo(user).filter((dm) => dm.text.startsWith('🚧'));
  const messageOf = (reply: Reply) => (reply.kind === 'message' || reply.kind === 'update' ? reply.message : null);
  const answerAll = async (user: string, blocker: string) => {
    await say(user, 'Sent the invoices');
    await say(user, 'Update the CRM');
    return say(user, blocker);
  };

  const setUp = async (locale: 'en' | 'nl') => {
    await h.run('olivia', 'acme', '/obm setup Acme Co');
    await h.run('olivia', 'acme', '/obm setup zone Europe/Amsterdam');
    if (locale === 'nl') await h.run('olivia', 'acme', '/obm setup language nl');
    for (const name of ['maria', 'sanne']) await h.run('olivia', 'acme', `/obm team add @${name} member`);
    await h.run('olivia', 'acme', '/standup setup at 09:00 deadline 12:00 @maria @sanne');
    h.recorder.clear();
  };

  beforeEach(async () => {
    handle = await open();
    h = await createHarness({ handle, start: START, people: PEOPLE });
  });
  afterEach(async () => handle.close());

  it('asks “Is this blocking you?” instead of alerting; Yes tells the managers once, No tells nobody', async () => {
    await setUp('en');
    await h.advanceTo('2026-11-23T02:00:00Z');
    const thanks = await answerAll('maria', 'maybe the logins?');
    expect(replyText(thanks)).toBe(
      'Thanks, Maria! Your answers are in. You can change them until Mon 23 Nov, 12:00 (Asia/Manila) with Edit answers.\nYou wrote “maybe the logins?”. Is this blocking you?',
    );
    const [yes, no] = buttonsIn(messageOf(thanks)!);
    expect([yes!.label, yes!.actionId, no!.label, no!.actionId]).toEqual(['Yes, it blocks me', 'standup.blocking_yes', 'No', 'standup.blocking_no']);
    // Nothing reaches the manager while the person has not said.
    await h.advanceTo('2026-11-23T09:00:00Z');
    expect(blockerDms('olivia')).toEqual([]);

    expect(replyText(await h.click('sanne', yes!.actionId, yes!.value))).toBe('These standup questions are for Maria, not for you.');
    const settled = await h.click('maria', yes!.actionId, yes!.value);
    expect(replyText(settled)).toBe('Noted as your blocker. I told Olivia about your blocker.');
    expect(settled.kind).toBe('update');
    // A double click is one alert.
    expect(replyText(await h.click('maria', yes!.actionId, yes!.value))).toBe('Noted as your blocker.');
    await h.advanceTo('2026-11-23T09:05:00Z');
    expect(blockerDms('olivia').map((dm) => dm.text)).toEqual(['🚧 Maria is blocked (Standup, Acme Co, Mon 23 Nov): maybe the logins?']);
    expect(replyText(await h.run('olivia', 'acme', '/standup report'))).toContain('🚧');
  });

  it('No keeps the answer as it is; a question about answers edited since no longer applies', async () => {
    await setUp('en');
    await h.advanceTo('2026-11-23T02:00:00Z');
    const first = await answerAll('maria', 'kind of waiting on Sam');
    const [yes, no] = buttonsIn(messageOf(first)!);
    expect(replyText(await h.click('maria', no!.actionId, no!.value))).toBe('OK, not a blocker. Your answers stay as they are.');
    // She edits her answers: the old question is stale, the new clear blocker goes to the manager at once.
    const id = buttonsIn(messageOf(first)!).length > 0 ? yes!.value.split(':')[0]! : '';
    const edited = await h.submit('maria', 'standup.answer', id, { q1: 'Sent the invoices', q2: 'Update the CRM', q3: 'No access to the CRM' });
    expect(replyText(edited)).toContain('I told Olivia about your blocker.');
    expect(replyText(await h.click('maria', yes!.actionId, yes!.value))).toBe('You have changed your answers since, so that question no longer applies.');
    await h.advanceTo('2026-11-23T09:00:00Z');
    expect(blockerDms('olivia').map((dm) => dm.text)).toEqual(['🚧 Maria is blocked (Standup, Acme Co, Mon 23 Nov): No access to the CRM']);
  });

  it('asks in Dutch in a Dutch team, and a clear “nee hoor” asks nothing', async () => {
    await setUp('nl');
    await h.advanceTo('2026-11-23T08:00:00Z');
    const thanks = await answerAll('sanne', 'misschien een beetje, de klant reageert traag');
    expect(replyText(thanks)).toContain('Je schreef “misschien een beetje, de klant reageert traag”. Loop je hierop vast?');
    expect(buttonsIn(messageOf(thanks)!).map((button) => button.label)).toEqual(['Ja, ik zit vast', 'Nee']);
    expect(replyText(await h.click('sanne', 'standup.blocking_yes', buttonsIn(messageOf(thanks)!)[0]!.value))).toBe('Genoteerd als je blokkade. Ik heb Olivia over je blokkade verteld.');

    const clear = await answerAll('maria', 'nee hoor');
    expect(replyText(clear)).not.toContain('Loop je hierop vast?');
    expect(buttonsIn(messageOf(clear)!).map((button) => button.actionId)).not.toContain('standup.blocking_yes');
  });
});
