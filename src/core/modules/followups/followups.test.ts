import { count } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followups } from '../../../db/schema/index.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { buttonsIn, createHarness, replyText, visibility, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';

const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
  sam: { displayName: 'Sam' },
  lena: { displayName: 'Lena', zone: 'Europe/Amsterdam' },
};

// `/followup @maria …` needs the registry to route text without a subcommand name to `ask` (see followups.commands.ts).

describe.each(testDatabases())('follow-ups on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const followupCount = async () => (await handle.db.select({ n: count() }).from(followups))[0]!.n;
  const ask = (user: string, text: string) => h.run(user, 'acme', `/followup ask ${text}`);
  /** The DMs of this module: a manager's daily brief (its own module, tested there) is left out. */
  const dmTexts = (user: string) => h.recorder.dmsTo(user).map((dm) => dm.text).filter((text) => !/daily brief|dagoverzicht/i.test(text.split('\n')[0]!));

  beforeEach(async () => {
    handle = await open();
    // Monday 23 Nov 2026: 09:00 in Amsterdam, 16:00 in Manila, 03:00 in New York.
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', jo: 'member' } });
  });
  afterEach(async () => handle.close());

  it('asks at the person’s next working morning by default, in her zone, with Done and Not yet', async () => {
    await h.advanceTo('2026-11-23T15:00:00Z'); // 23:00 in Manila
    const reply = await ask('olivia', '@maria did you send the invoice?');
    expect(visibility(reply)).toBe('ephemeral');
    expect(replyText(reply)).toBe('#1: I’ll ask Maria “did you send the invoice?” on Tue 24 Nov, 09:00 (Asia/Manila) = Tue 24 Nov, 02:00 (Europe/Amsterdam) your time.');
    await h.advanceTo('2026-11-24T00:59:00Z');
    expect(h.recorder.sent).toEqual([]);
    await h.advanceTo('2026-11-24T01:00:00Z');
    const [dm] = h.recorder.dmsTo('maria');
    expect(dm?.text).toBe('Olivia asks (Acme Co): did you send the invoice?\nFollow-up #1 · please answer by Tue 24 Nov, 17:00 (Asia/Manila)');
    expect(buttonsIn(dm!.message).map((button) => [button.label, button.actionId, button.value])).toEqual([
      ['Done', 'followup.done', '1'],
      ['Not yet', 'followup.not_yet', '1'],
    ]);
    expect(h.recorder.sent).toHaveLength(1);
  });

  it('reads a when at the end of the question, or after at/on/by, in the person’s zone, and never splits a quoted question', async () => {
    const cases: [string, string][] = [
      ['@maria did you send the invoice? tomorrow 10:00', '#1: I’ll ask Maria “did you send the invoice?” on Tue 24 Nov, 10:00 (Asia/Manila)'],
      ['@maria call the client friday', '#2: I’ll ask Maria “call the client” on Fri 27 Nov, 09:00 (Asia/Manila)'],
      ['@maria check the report at 14:00', '#3: I’ll ask Maria “check the report” on Tue 24 Nov, 14:00 (Asia/Manila)'],
      ['@maria book the venue on wednesday 11:30', '#4: I’ll ask Maria “book the venue” on Wed 25 Nov, 11:30 (Asia/Manila)'],
      ['@maria pay the rent by 1 dec', '#5: I’ll ask Maria “pay the rent” on Tue 1 Dec, 09:00 (Asia/Manila)'],
      ['@maria "Review the deck friday"', '#6: I’ll ask Maria “Review the deck friday” on Tue 24 Nov, 09:00 (Asia/Manila)'],
      ['@maria "Review the deck friday" monday', '#7: I’ll ask Maria “Review the deck friday” on Mon 30 Nov, 09:00 (Asia/Manila)'],
      ['@maria did you finish it today', '#8: I’ll ask Maria “did you finish it today” on Tue 24 Nov, 09:00 (Asia/Manila)'],
      ['did you meet the client? @maria in 3 days', '#9: I’ll ask Maria “did you meet the client?” on Thu 26 Nov, 09:00 (Asia/Manila)'],
    ];
    for (const [text, answer] of cases) expect(replyText(await ask('olivia', text)).split(' = ')[0], text).toBe(answer);
  });

  it('moves an explicit time outside the person’s working hours to their next working moment, and says so', async () => {
    expect(replyText(await ask('olivia', '@maria send the report tomorrow 22:00'))).toBe(
      '#1: I’ll ask Maria “send the report” on Wed 25 Nov, 09:00 (Asia/Manila) = Wed 25 Nov, 02:00 (Europe/Amsterdam) your time, moved into Maria’s working hours.',
    );
    expect(replyText(await ask('olivia', '@maria send the slides tomorrow 06:00')).split(' = ')[0]).toBe('#2: I’ll ask Maria “send the slides” on Tue 24 Nov, 09:00 (Asia/Manila)');
    // Read in the person's zone; the requester's own zone is echoed only when it differs.
    expect(replyText(await ask('maria', '@olivia approve the budget tomorrow 10:00'))).toBe('#3: I’ll ask Olivia “approve the budget” on Tue 24 Nov, 10:00 (Europe/Amsterdam) = Tue 24 Nov, 17:00 (Asia/Manila) your time.');
    expect(replyText(await ask('olivia', '@lena sign the contract tomorrow 10:00'))).toBe('#4: I’ll ask Lena “sign the contract” on Tue 24 Nov, 10:00 (Europe/Amsterdam).');
    await h.advanceTo('2026-11-24T17:00:00Z');
    expect(dmTexts('maria')[0]).toBe('Olivia asks (Acme Co): send the slides\nFollow-up #2 · please answer by Tue 24 Nov, 17:00 (Asia/Manila)');
    expect(dmTexts('olivia')[0]).toBe('Maria asks (Acme Co): approve the budget\nFollow-up #3 · please answer by Tue 24 Nov, 17:00 (Europe/Amsterdam)');
  });

  it('tells the requester once when Done is clicked, updates the message, and ignores a second click', async () => {
    await ask('olivia', '@maria did you send the invoice?');
    await h.advanceTo('2026-11-24T02:00:00Z'); // 10:00 in Manila
    const first = await h.click('maria', 'followup.done', '1', 'click-1');
    expect(first.kind).toBe('update');
    // 03:00 in Amsterdam: Olivia's DM waits for her morning, and Maria is told when it reaches her.
    expect(replyText(first)).toBe('Olivia asks (Acme Co): did you send the invoice?\nDone · Tue 24 Nov, 10:00 (Asia/Manila)\nThanks! I’ll tell Olivia: they get it Tue 24 Nov, 09:00 (Europe/Amsterdam).');
    expect(first.kind === 'update' && buttonsIn(first.message)).toEqual([]);
    // The platform retries the same click: handled once, no second answer.
    expect((await h.click('maria', 'followup.done', '1', 'click-1')).kind).toBe('none');
    expect(replyText(await h.click('maria', 'followup.done', '1', 'click-2'))).toBe('Follow-up #1 is already done.');
    // Done, then Not yet on the same message: the second does nothing.
    expect(replyText(await h.click('maria', 'followup.not_yet', '1', 'click-3'))).toBe('Follow-up #1 is already done.');
    await h.advanceTo('2026-11-24T07:59:00Z');
    expect(dmTexts('olivia')).toEqual([]);
    await h.advanceTo('2026-11-27T12:00:00Z');
    expect(dmTexts('olivia')).toEqual(['Maria has done it: “did you send the invoice?” (follow-up #1, Acme Co).']);
    expect(h.recorder.dmsTo('olivia')[0]!.at).toEqual(new Date('2026-11-24T08:00:00Z'));
    expect(h.recorder.dmsTo('maria')).toHaveLength(1);
  });

  it('asks for a new time on Not yet, tells the requester, and asks again then', async () => {
    await ask('olivia', '@maria did you send the invoice?');
    await h.advanceTo('2026-11-24T02:00:00Z');
    const form = await h.click('maria', 'followup.not_yet', '1');
    expect(form.kind === 'form' && form.form.fields.map((field) => [field.id, field.kind, field.required])).toEqual([['when', 'when', true]]);
    expect(form.kind === 'form' && form.form.privateValue).toBe('1');
    expect(await h.submit('maria', 'followup.not_yet', '1', { when: 'someday maybe' })).toMatchObject({ kind: 'formErrors', errors: [{ field: 'when', message: 'That is not a date or time I can read: “someday maybe”.' }] });
    expect(replyText(await h.submit('maria', 'followup.not_yet', '1', { when: ' ' }))).toBe('Say when, for example “tomorrow 10:00”.');
    expect(dmTexts('olivia')).toEqual([]);
    expect(replyText(await h.submit('maria', 'followup.not_yet', '1', { when: 'thursday 11:00' }))).toBe('OK, I’ll ask you again on Thu 26 Nov, 11:00 (Asia/Manila).');
    // Olivia hears it at the start of her day (09:00 in Amsterdam), not at 03:00.
    expect(dmTexts('olivia')).toEqual([]);
    await h.advanceTo('2026-11-24T08:00:00Z');
    expect(dmTexts('olivia')).toEqual(['Maria has not done “did you send the invoice?” yet (follow-up #1, Acme Co); I’ll ask again on Thu 26 Nov, 04:00 (Europe/Amsterdam).']);
    // Her working day ends without the "not answered" notice: she did answer.
    await h.advanceTo('2026-11-26T02:59:00Z');
    expect(h.recorder.dmsTo('maria')).toHaveLength(1);
    expect(dmTexts('olivia')).toHaveLength(1);
    await h.advanceTo('2026-11-26T03:00:00Z');
    expect(dmTexts('maria')[1]).toBe('Olivia asks again (Acme Co): did you send the invoice?\nFollow-up #1 · please answer by Thu 26 Nov, 17:00 (Asia/Manila)');
    expect(replyText(await h.run('olivia', 'acme', '/followup list'))).toBe(
      'Your follow-ups in Acme Co\n#1 Maria: did you send the invoice? · asked on Thu 26 Nov, 04:00 (Europe/Amsterdam), waiting for an answer',
    );
  });

  it('moves a follow-up back to a moment it had before and still asks then', async () => {
    await ask('olivia', '@maria did you send the invoice?');
    await h.advanceTo('2026-11-24T02:00:00Z');
    await h.submit('maria', 'followup.not_yet', '1', { when: 'thursday 11:00' });
    // The old message still has its buttons: a second Not yet moves the pending ask, and back again.
    await h.submit('maria', 'followup.not_yet', '1', { when: 'friday 10:00' });
    expect(replyText(await h.submit('maria', 'followup.not_yet', '1', { when: 'thursday 11:00' }))).toBe('OK, I’ll ask you again on Thu 26 Nov, 11:00 (Asia/Manila).');
    await h.advanceTo('2026-11-26T02:59:00Z');
    expect(dmTexts('maria')).toHaveLength(1);
    await h.advanceTo('2026-11-26T03:00:00Z');
    expect(dmTexts('maria')[1]).toMatch(/^Olivia asks again/);
    await h.advanceTo('2026-11-28T00:00:00Z');
    expect(dmTexts('maria')).toHaveLength(2);
    expect(replyText(await h.run('olivia', 'acme', '/followup list'))).toContain('not answered, asked on Thu 26 Nov, 04:00 (Europe/Amsterdam)');
  });

  it('takes Done on the first message after a Not yet, and then asks nothing more', async () => {
    await ask('olivia', '@maria did you send the invoice?');
    await h.advanceTo('2026-11-24T02:00:00Z');
    await h.submit('maria', 'followup.not_yet', '1', { when: 'thursday' });
    await h.advanceTo('2026-11-25T02:00:00Z');
    expect(replyText(await h.click('maria', 'followup.done', '1'))).toContain('Thanks! I’ll tell Olivia: they get it Wed 25 Nov, 09:00 (Europe/Amsterdam).');
    await h.advanceTo('2026-11-30T00:00:00Z');
    expect(dmTexts('maria')).toHaveLength(1);
    expect(dmTexts('olivia')).toEqual([
      'Maria has not done “did you send the invoice?” yet (follow-up #1, Acme Co); I’ll ask again on Thu 26 Nov, 02:00 (Europe/Amsterdam).',
      'Maria has done it: “did you send the invoice?” (follow-up #1, Acme Co).',
    ]);
  });

  it('tells the requester once when nobody answers by the end of the person’s working day', async () => {
    // A manager hears it by DM only with instant alerts (the daily brief lists it otherwise: see follow-ups.notices.test.ts).
    await h.run('olivia', 'acme', '/obm me alerts instant');
    await ask('olivia', '@maria did you send the invoice?');
    await h.advanceTo('2026-11-24T08:59:00Z'); // 16:59 in Manila
    expect(dmTexts('olivia')).toEqual([]);
    await h.advanceTo('2026-11-24T09:00:00Z');
    expect(dmTexts('olivia')).toEqual(['Maria has not answered “did you send the invoice?” (follow-up #1, Acme Co), asked on Tue 24 Nov, 02:00 (Europe/Amsterdam).']);
    await h.advanceTo('2026-12-01T09:00:00Z');
    expect(dmTexts('olivia')).toHaveLength(1);
    expect(dmTexts('maria')).toHaveLength(1);
    expect(replyText(await h.run('olivia', 'acme', '/followup list'))).toContain('#1 Maria: did you send the invoice? · not answered');
    // A late answer still counts, and the requester hears it.
    await h.click('maria', 'followup.done', '1');
    expect(dmTexts('olivia')[1]).toBe('Maria has done it: “did you send the invoice?” (follow-up #1, Acme Co).');
  });

  it('lists my follow-ups, pending ones first with their time, and cancels one so it is never asked', async () => {
    await ask('olivia', '@maria send the invoice friday');
    await ask('olivia', '@jo update the CRM');
    await ask('olivia', '@maria book the flights wednesday 10:00');
    await ask('jo', '@maria not mine to see');
    await h.advanceTo('2026-11-24T14:30:00Z'); // Jo is asked Tue 09:00 New York and answers
    await h.click('jo', 'followup.done', '2');
    expect(replyText(await h.run('olivia', 'acme', '/followup list'))).toBe(
      [
        'Your follow-ups in Acme Co',
        '#3 Maria: book the flights · asking on Wed 25 Nov, 03:00 (Europe/Amsterdam)',
        '#1 Maria: send the invoice · asking on Fri 27 Nov, 02:00 (Europe/Amsterdam)',
        '#2 Jo: update the CRM · done on Tue 24 Nov, 15:30 (Europe/Amsterdam)',
      ].join('\n'),
    );
    expect(replyText(await h.run('olivia', 'acme', '/followup cancel #3'))).toBe('Cancelled follow-up #3: I will not ask Maria “book the flights”.');
    expect(replyText(await h.run('olivia', 'acme', '/followup cancel 3'))).toBe('Follow-up #3 was cancelled, so there is nothing to answer or change.');
    expect(replyText(await h.run('olivia', 'acme', '/followup cancel 2'))).toBe('Follow-up #2 is already done.');
    await h.advanceTo('2026-11-26T00:00:00Z');
    expect(dmTexts('maria').filter((text) => text.includes('book the flights'))).toEqual([]);
    expect(replyText(await h.run('olivia', 'acme', '/followup list'))).toContain('#3 Maria: book the flights · cancelled');
    expect(replyText(await h.run('sam', 'acme', '/followup list'))).toBe('Your follow-ups in Acme Co\nYou have not asked any follow-ups here. Ask one with /followup @person <what> [when].');
  });

  it('lets the requester or a manager cancel, tells whoever was already asked, and refuses everyone else', async () => {
    await ask('jo', '@maria did you call the client?');
    expect(replyText(await h.run('sam', 'acme', '/followup cancel 1'))).toBe('Follow-up #1 is not yours to cancel: only the one who asked it and the team’s managers can.');
    await h.advanceTo('2026-11-24T02:00:00Z');
    expect(replyText(await h.run('olivia', 'acme', '/followup cancel 1'))).toBe('Cancelled follow-up #1: I will not ask Maria “did you call the client?”.');
    expect(dmTexts('maria')[1]).toBe('Olivia cancelled the follow-up “did you call the client?” (Acme Co): no need to answer.');
    // 21:00 in New York: Jo hears it at the start of his day.
    expect(dmTexts('jo')).toEqual([]);
    await h.advanceTo('2026-11-24T14:00:00Z');
    expect(dmTexts('jo')).toEqual(['Olivia cancelled your follow-up #1 to Maria: “did you call the client?”.']);
    expect(replyText(await h.click('maria', 'followup.done', '1'))).toBe('Follow-up #1 was cancelled, so there is nothing to answer or change.');
    await h.advanceTo('2026-11-25T00:00:00Z');
    expect(dmTexts('jo')).toHaveLength(1);
  });

  it('skips weekends and absences, including an absence entered after the follow-up was set', async () => {
    expect(replyText(await h.run('maria', 'acme', '/obm me away 24 nov to 25 nov'))).toContain('Noted: you are away');
    expect(replyText(await ask('olivia', '@maria did you send the invoice?')).split(' = ')[0]).toBe('#1: I’ll ask Maria “did you send the invoice?” on Thu 26 Nov, 09:00 (Asia/Manila)');
    expect(replyText(await ask('olivia', '@maria call the bank saturday 10:00')).split(' = ')[0]).toBe('#2: I’ll ask Maria “call the bank” on Mon 30 Nov, 09:00 (Asia/Manila)');
    await ask('olivia', '@jo check the ads'); // Tue 24 Nov, 09:00 in New York
    await h.run('jo', 'acme', '/obm me away 24 nov');
    await h.advanceTo('2026-11-25T13:59:00Z');
    expect(dmTexts('jo')).toEqual([]);
    await h.advanceTo('2026-11-25T14:00:00Z'); // Wed 09:00 in New York
    expect(dmTexts('jo')).toHaveLength(1);
    await h.advanceTo('2026-11-27T10:00:00Z'); // Friday 18:00 in Manila
    expect(dmTexts('maria')).toHaveLength(1);
    expect(replyText(await ask('olivia', '@maria send the weekly numbers')).split(' = ')[0]).toBe('#4: I’ll ask Maria “send the weekly numbers” on Mon 30 Nov, 09:00 (Asia/Manila)');
  });

  it('still asks once, saying since when, when the bot was down at the moment, but never at night', async () => {
    await ask('olivia', '@maria did you send the invoice?');
    await ask('olivia', '@jo did you send the invoice?');
    // Down from before Tue 09:00 in Manila until 11:00 there (05:00 in New York, before Jo's day).
    h.clock.advanceTo(new Date('2026-11-24T03:00:00Z'));
    await h.scheduler.runDue(h.clock.now());
    expect(dmTexts('maria')).toEqual([
      'Olivia asks (Acme Co): did you send the invoice?\nI meant to ask this on Tue 24 Nov, 09:00 (Asia/Manila), 2 hours ago; sorry it comes late.\nFollow-up #1 · please answer by Tue 24 Nov, 17:00 (Asia/Manila)',
    ]);
    expect(dmTexts('jo')).toEqual([]);
    // Down again until 22:00 in New York: Jo's question waits for his next working morning, and says how late it is.
    h.clock.advanceTo(new Date('2026-11-25T03:00:00Z'));
    await h.scheduler.runDue(h.clock.now());
    expect(dmTexts('jo')).toEqual([]);
    await h.advanceTo('2026-11-25T14:00:00Z');
    expect(dmTexts('jo')).toEqual([
      'Olivia asks (Acme Co): did you send the invoice?\nI meant to ask this on Tue 24 Nov, 09:00 (America/New_York), 24 hours ago; sorry it comes late.\nFollow-up #2 · please answer by Wed 25 Nov, 17:00 (America/New_York)',
    ]);
    expect(dmTexts('maria')).toHaveLength(1);
  });

  it('speaks the team’s language', async () => {
    await h.run('olivia', 'acme', '/obm setup language nl');
    expect(replyText(await ask('olivia', '@maria heb je de factuur verstuurd? morgen 10:00'))).toBe(
      '#1: ik vraag Maria “heb je de factuur verstuurd?” op di 24 nov om 10:00 (Asia/Manila) = di 24 nov om 03:00 (Europe/Amsterdam) bij jou.',
    );
    await h.advanceTo('2026-11-24T02:00:00Z');
    const [dm] = h.recorder.dmsTo('maria');
    expect(dm?.text).toBe('Olivia vraagt (Acme Co): heb je de factuur verstuurd?\nNavraag #1 · graag antwoord uiterlijk di 24 nov om 17:00 (Asia/Manila)');
    expect(buttonsIn(dm!.message).map((button) => button.label)).toEqual(['Gedaan', 'Nog niet']);
    expect(replyText(await h.click('jo', 'followup.done', '1'))).toBe('Deze navraag is voor Maria, niet voor jou.');
    const form = await h.click('maria', 'followup.not_yet', '1');
    expect(form.kind === 'form' && form.form.title).toBe('Vraag het me later');
    expect(replyText(await h.submit('maria', 'followup.not_yet', '1', { when: 'vrijdag' }))).toBe('Goed, ik vraag het je opnieuw op vr 27 nov om 09:00 (Asia/Manila).');
    await h.advanceTo('2026-11-24T08:00:00Z'); // 09:00 in Amsterdam
    expect(dmTexts('olivia')).toEqual(['Maria heeft “heb je de factuur verstuurd?” nog niet gedaan (navraag #1, Acme Co); ik vraag het opnieuw op vr 27 nov om 02:00 (Europe/Amsterdam).']);
    expect(replyText(await ask('olivia', '@maria'))).toBe('Wat moet ik vragen? Bijvoorbeeld: /followup @maria heb je de factuur verstuurd? morgen 10:00');
  });

  it('answers bad input with one clear sentence and changes nothing', async () => {
    await ask('olivia', '@maria existing one');
    const cases: [string, string][] = [
      ['/followup', 'Mention who to ask, for example: /followup @maria did you send the invoice? tomorrow 10:00'],
      ['/followup ask did you send the invoice?', 'Mention who to ask, for example: /followup @maria did you send the invoice? tomorrow 10:00'],
      ['/followup ask @maria', 'What shall I ask? For example: /followup @maria did you send the invoice? tomorrow 10:00'],
      ['/followup ask @maria tomorrow 10:00', 'What shall I ask? For example: /followup @maria did you send the invoice? tomorrow 10:00'],
      ['/followup ask @maria ""', 'What shall I ask? For example: /followup @maria did you send the invoice? tomorrow 10:00'],
      ['/followup ask @nobody did you send it?', 'I do not know nobody in this workspace. Mention them with @ so I can look them up.'],
      ['/followup ask @olivia did I send it?', 'A follow-up asks someone else. For a reminder to yourself, add a task: /task add <title> due <when>.'],
      ['/followup ask @maria did you pay? on 1 jan 2020', 'Wed 1 Jan 2020, 09:00 (Asia/Manila) is already past. Pick a moment ahead, for example “tomorrow 17:00”.'],
      [`/followup ask @maria ${'very '.repeat(70)}long`, 'That question is too long: keep it under 300 characters.'],
      ['/followup cancel', 'Which follow-up? Give its number, for example: /followup cancel <n>'],
      ['/followup cancel three', 'Follow-up numbers look like 3 or #3. Usage: /followup cancel <n>'],
      ['/followup cancel 9', 'There is no follow-up #9 in this team. /followup list shows yours.'],
      ['/followup cancel 1 please', 'I did not understand “please”. Usage: /followup cancel <n>'],
      ['/followup list everything', 'I did not understand “everything”. Usage: /followup list'],
      ['/followup frobnicate', 'Mention who to ask, for example: /followup @maria did you send the invoice? tomorrow 10:00'],
    ];
    for (const [line, answer] of cases) {
      const reply = await h.run('olivia', 'acme', line);
      expect(replyText(reply), line).toBe(answer);
      expect(visibility(reply), line).toBe('ephemeral');
    }
    expect(replyText(await h.run('jo', 'acme', '/followup cancel 1'))).toBe('Follow-up #1 is not yours to cancel: only the one who asked it and the team’s managers can.');
    expect(replyText(await h.run('olivia', 'random', '/followup ask @maria hello'))).toBe('This channel is not a client team yet. A manager can make it one with /obm setup <client name>.');
    expect(replyText(await h.click('maria', 'followup.done', '1'))).toBe('That button or form has expired. Run the command again.');
    expect(replyText(await h.click('maria', 'followup.done', '999'))).toBe('That button or form has expired. Run the command again.');
    expect(replyText(await h.submit('maria', 'followup.not_yet', 'x', { when: 'friday' }))).toBe('That button or form has expired. Run the command again.');
    expect(await followupCount()).toBe(1);
    expect(h.recorder.sent).toEqual([]);
  });

  it('survives any input without throwing', async () => {
    const inputs = ['', ' ', '"', '“unclosed', '#'.repeat(5000), 'ask \u0000\u0007', 'ask @{}', 'ask @{maria} "', 'ask @{maria} " "', 'cancel #', 'cancel', 'list list', `ask @{maria} ${'friday '.repeat(500)}`];
    for (const text of inputs) {
      const reply = await h.run('olivia', 'acme', `/followup ${text}`);
      expect(['message', 'form'], text).toContain(reply.kind);
    }
  });

  it('reads /followup @person … without the word ask', async () => {
    expect(replyText(await h.run('olivia', 'acme', '/followup @maria did you send the invoice? tomorrow 10:00')).split(' = ')[0]).toBe(
      '#1: I’ll ask Maria “did you send the invoice?” on Tue 24 Nov, 10:00 (Asia/Manila)',
    );
  });
});
