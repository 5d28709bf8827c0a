import { count } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client.js';
import { jobs, standups } from '../../../db/schema/index.js';
import { buttonsIn, createHarness, replyText, visibility, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';

const PEOPLE: Record<string, { displayName: string; zone?: string }> = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
  ben: { displayName: 'Ben' },
  outsider: { displayName: 'Outsider' },
};

const DEFAULT_CARD = [
  '#1 Standup',
  'When: the team’s working days (Mon-Fri) at 09:00, answers by 12:00, each in their own time zone',
  'Participants: everyone on the team (Olivia, Maria, Jo)',
  'Reminder: once, 1 h before the deadline, to whoever has not answered',
  'Report: a thread in the team channel per day, answers as they come',
  'Questions:',
  '1. What did you finish yesterday?',
  '2. What will you do today?',
  '3. Anything blocking you? (blocker)',
];

describe.each(testDatabases())('/standup commands on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const standupCount = async () => (await handle.db.select({ n: count() }).from(standups))[0]!.n;

  beforeEach(async () => {
    handle = await open();
    h = await createHarness({ handle, start: '2026-11-22T12:00:00Z', people: PEOPLE });
    await h.run('olivia', 'acme', '/obm setup Acme Co');
    await h.run('olivia', 'acme', '/obm setup zone Europe/Amsterdam');
    await h.run('olivia', 'acme', '/obm team add @maria member');
    await h.run('olivia', 'acme', '/obm team add @jo member');
    await h.run('olivia', 'acme', '/obm team add @ben owner');
    h.recorder.clear();
  });
  afterEach(async () => handle.close());

  it('sets up a standup in one line with the defaults, tells the team, and shows it', async () => {
    const reply = await h.run('olivia', 'acme', '/standup setup at 09:00 on mon-fri questions "What did you finish yesterday?" | "What will you do today?" | "Anything blocking you?" deadline 12:00');
    expect(visibility(reply)).toBe('channel');
    expect(replyText(reply).split('\n')).toEqual([
      'Set up Standup #1. Each participant gets the questions by DM at 09:00 in their own time zone, on their working days.',
      ...DEFAULT_CARD.map((line) => line.replace('the team’s working days (Mon-Fri)', 'Mon-Fri')),
    ]);
    expect(replyText(await h.run('maria', 'acme', '/standup show')).split('\n')).toEqual(DEFAULT_CARD.map((line) => line.replace('the team’s working days (Mon-Fri)', 'Mon-Fri')));
    expect(replyText(await h.run('olivia', 'acme', '/standup')).split('\n')[0]).toBe('#1 Standup');
    // Nothing at all but the word: the same defaults (the client owner reads, and is not asked).
    await h.run('olivia', 'acme', '/standup remove');
    expect(replyText(await h.run('olivia', 'acme', '/standup setup at 9am')).split('\n').slice(1)).toEqual(DEFAULT_CARD.map((line) => line.replace('#1', '#2')));
    expect(replyText(await h.run('olivia', 'acme', '/standup help'))).toContain('/standup setup at 09:00 on mon-fri');
  });

  it('reads scales, yes/no questions, a marked blocker, a reminder, a digest and named participants', async () => {
    const reply = await h.run(
      'olivia',
      'acme',
      '/standup setup Weekly planning at 10:30 on mon questions "How confident are you this week? [1-5]" | "Is anything stuck? [blocker]" | "Did last week go to plan? [yes/no]" | What is your top goal? deadline 13:00 nudge 30m report digest @maria @jo',
    );
    expect(replyText(reply).split('\n')).toEqual([
      'Set up Weekly planning #1. Each participant gets the questions by DM at 10:30 in their own time zone, on their working days.',
      '#1 Weekly planning',
      'When: Mon at 10:30, answers by 13:00, each in their own time zone',
      'Participants: Maria, Jo',
      'Reminder: once, 30 min before the deadline, to whoever has not answered',
      'Report: one digest in the team channel at the deadline',
      'Questions:',
      '1. How confident are you this week? (1-5)',
      '2. Is anything stuck? (blocker)',
      '3. Did last week go to plan? (yes/no)',
      '4. What is your top goal?',
    ]);
    // Without a marker, the question about blocking is the blocker question; else the last free-text one.
    expect(replyText(await h.run('olivia', 'acme', '/standup setup Check-in questions "Anything blocking you?" | "What will you do today?" nudge off'))).toContain(
      'Reminder: none\nReport: a thread in the team channel per day, answers as they come\nQuestions:\n1. Anything blocking you? (blocker)\n2. What will you do today?',
    );
    expect(replyText(await h.run('olivia', 'acme', '/standup setup Mood questions "Mood [1-5]" | "Plans for today" | "Ready? [yes/no]" deadline 11:00'))).toContain('1. Mood (1-5)\n2. Plans for today (blocker)\n3. Ready? (yes/no)');
  });

  it('keeps several standups apart by number or name, and edits, pauses and removes the one named', async () => {
    await h.run('olivia', 'acme', '/standup setup');
    expect(await standupCount()).toBe(0); // no text: a form, nothing yet
    await h.run('olivia', 'acme', '/standup setup at 09:00');
    await h.run('olivia', 'acme', '/standup setup "Monday planning" on mon at 10:00');
    expect(replyText(await h.run('olivia', 'acme', '/standup pause'))).toBe('This team has more than one standup: say which, with its number or name (#1, #2 Monday planning).');
    expect(replyText(await h.run('olivia', 'acme', '/standup pause monday planning'))).toBe('Paused Monday planning #2: nobody is asked until a manager runs /standup resume.');
    expect(replyText(await h.run('olivia', 'acme', '/standup show #2')).split('\n')[0]).toBe('#2 Monday planning (paused)');
    expect(replyText(await h.run('olivia', 'acme', '/standup show')).split('\n').filter((line) => line.startsWith('#'))).toEqual(['#1 Standup', '#2 Monday planning (paused)']);
    expect(replyText(await h.run('olivia', 'acme', '/standup edit 1 deadline 11:00 report digest')).split('\n').slice(0, 3)).toEqual([
      'Updated Standup #1. The changes apply from the next questions on.',
      '#1 Standup',
      'When: the team’s working days (Mon-Fri) at 09:00, answers by 11:00, each in their own time zone',
    ]);
    expect(replyText(await h.run('olivia', 'acme', '/standup edit #2 name Weekly kick-off'))).toContain('#2 Weekly kick-off (paused)');
    expect(replyText(await h.run('olivia', 'acme', '/standup setup "weekly KICK-OFF"'))).toBe('This team already has a standup called “weekly KICK-OFF”.');
    expect(replyText(await h.run('olivia', 'acme', '/standup resume 2'))).toBe('Resumed Weekly kick-off #2: everyone is asked again from their next standup day.');
    expect(replyText(await h.run('olivia', 'acme', '/standup remove #1'))).toBe('Removed Standup #1: nobody will be asked again.');
    expect(replyText(await h.run('olivia', 'acme', '/standup show #1'))).toBe('There is no standup #1 in this team. /standup show lists them.');
    expect(replyText(await h.run('olivia', 'acme', '/standup pause')).split(':')[0]).toBe('Paused Weekly kick-off #2');
    // Numbers are never reused, so history stays unambiguous.
    expect(replyText(await h.run('olivia', 'acme', '/standup setup Daily')).split('\n')[0]).toBe('Set up Daily #3. Each participant gets the questions by DM at 09:00 in their own time zone, on their working days.');
  });

  it('opens a form for setup and for edit, and saves what it gets', async () => {
    const reply = await h.run('olivia', 'acme', '/standup setup');
    expect(reply.kind).toBe('form');
    const form = reply.kind === 'form' ? reply.form : null;
    expect(form?.fields.map((field) => [field.id, field.kind, field.required, field.initial ?? ''])).toEqual([
      ['name', 'text', false, ''],
      ['time', 'text', true, '09:00'],
      ['days', 'text', false, ''],
      ['questions', 'textarea', false, ''],
      ['deadline', 'text', false, ''],
      ['nudge', 'text', false, '1h'],
      ['participants', 'text', false, 'everyone'],
      ['report', 'select', true, 'thread'],
    ]);
    const submit = (privateValue: string, values: Record<string, string>) => h.submit('olivia', 'standup.settings', privateValue, values).then(replyText);
    expect(await submit(form!.privateValue, { time: '25:00', report: 'thread', participants: 'everyone' })).toBe('That is not a time: 25:00.');
    expect(await h.submit('olivia', 'standup.settings', form!.privateValue, { time: '09:00', deadline: '08:00', nudge: 'soonish' })).toMatchObject({
      kind: 'formErrors',
      errors: [{ field: 'deadline', message: 'Pick a time after 09:00, when the questions go out.' }],
    });
    expect(await submit(form!.privateValue, { time: '08:30', days: 'mon-thu', questions: 'Mood [1-5]\nWhat is next?\n\n', deadline: '', nudge: 'off', participants: '@maria, @jo', report: 'digest' })).toBe(
      [
        'Set up Standup #1. Each participant gets the questions by DM at 08:30 in their own time zone, on their working days.',
        '#1 Standup',
        'When: Mon-Thu at 08:30, answers by 11:30, each in their own time zone',
        'Participants: Maria, Jo',
        'Reminder: none',
        'Report: one digest in the team channel at the deadline',
        'Questions:',
        '1. Mood (1-5)',
        '2. What is next? (blocker)',
      ].join('\n'),
    );
    const edit = await h.run('olivia', 'acme', '/standup edit');
    const editForm = edit.kind === 'form' ? edit.form : null;
    expect(editForm?.privateValue).toMatch(/^edit:\d+$/);
    expect(editForm?.fields.map((field) => field.initial ?? '')).toEqual(['', '08:30', 'Mon-Thu', 'Mood [1-5]\nWhat is next? [blocker]', '11:30', 'off', '@maria @jo', 'digest']);
    expect(await submit(editForm!.privateValue, { name: '', time: '08:30', days: '', questions: 'Mood [1-5]\nWhat is next? [blocker]', deadline: '10:00', nudge: '15m', participants: 'everyone', report: 'thread' })).toContain(
      // 15 minutes before 10:00 would be within the notice window (2 hours) after the 08:30 question: no reminder fits.
      'When: the team’s working days (Mon-Fri) at 08:30, answers by 10:00, each in their own time zone\nParticipants: everyone on the team (Olivia, Maria, Jo)\nReminder: none: the answers close within 2 h of the question, and I send at most one message about a standup day every 2 h',
    );
    expect(replyText(await h.submit('maria', 'standup.settings', editForm!.privateValue, { time: '07:00' }))).toBe('Only a team manager can do that. Usage: /standup setup');
    expect(replyText(await h.submit('olivia', 'standup.settings', 'edit:999', { time: '07:00' }))).toBe('That button or form has expired. Run the command again.');
    // The form of a standup removed since, or of no team, has expired too.
    await h.run('olivia', 'acme', '/standup remove');
    expect(replyText(await h.submit('olivia', 'standup.settings', editForm!.privateValue, { time: '07:00' }))).toBe('That button or form has expired. Run the command again.');
    expect(replyText(await h.submit('olivia', 'standup.settings', 'new:999', { time: '07:00' }))).toBe('That button or form has expired. Run the command again.');
  });

  it('answers bad input with one clear sentence and changes nothing', async () => {
    const cases: [string, string][] = [
      ['/standup setup at 25:00', 'I could not read “25:00” as a time of day. Try for example “at 09:00” or “at 9am”.'],
      ['/standup setup at 09:00 deadline 08:00', 'The deadline (08:00) must come after the questions (09:00) on the same day.'],
      ['/standup setup deadline noonish', 'I could not read “noonish” as a deadline time. Try for example “deadline 12:00”.'],
      ['/standup setup on funday', 'I could not read “funday” as days. Try for example “on mon-fri”, “on mon, wed, fri” or “on team” for the team’s working days.'],
      ['/standup setup nudge forever', 'The reminder is a duration before the deadline of at most 12 hours, like “nudge 1h” or “nudge 30m”, or “nudge off”; “forever” is not.'],
      ['/standup setup report weekly', 'The report is “thread” (answers in a thread as they come) or “digest” (one message at the deadline), not “weekly”.'],
      ['/standup setup questions', 'Give at least one question, for example: questions "What did you finish yesterday?" | "What will you do today?"'],
      ['/standup setup questions "A" | "[1-5]"', 'One of the questions is empty. Separate questions with |, for example: "Mood? [1-5]" | "Anything blocking you?"'],
      [`/standup setup questions ${Array.from({ length: 11 }, (_, index) => `"Q${index}"`).join(' | ')}`, 'A standup has at most 10 questions.'],
      ['/standup setup questions "Mood [1-10]"', 'I do not know the marker [1-10]. Use [1-5] for a scale, [yes/no] for yes or no, and [blocker] for the blocker question.'],
      ['/standup setup questions "A [blocker]" | "B [blocker]"', 'Only one question can be the blocker question.'],
      ['/standup setup questions "Mood [1-5] [blocker]"', 'The blocker question must be a free-text question (not [1-5] or [yes/no]).'],
      [`/standup setup questions "${'why '.repeat(60)}"`, 'That question is too long: keep each under 200 characters.'],
      ['/standup setup 42', 'A standup name needs a word, not only a number like “42”: standups already have numbers.'],
      ['/standup setup for @outsider', 'Outsider is not on the Acme Co team. Add them first with /obm team add.'],
      ['/standup setup for @nobody', 'I do not know nobody in this workspace. Mention them with @ so I can look them up.'],
      ['/standup setup for', 'Mention who takes part, for example “@maria @jo”, or say “for everyone”.'],
      ['/standup setup @maria tomorrow', 'I did not understand “tomorrow”. Usage: /standup setup [<name>] [at 09:00] [on mon-fri] [questions "…" | "… [1-5]" | "… [yes/no]"] [deadline 12:00] [nudge 1h|off] [report thread|digest] [@person …]'],
      ['/standup show', 'This team has no standup yet. A manager can set one up: /standup setup at 09:00 on mon-fri deadline 12:00'],
      ['/standup pause', 'This team has no standup yet. A manager can set one up: /standup setup at 09:00 on mon-fri deadline 12:00'],
      ['/standup report', 'This team has no standup yet. A manager can set one up: /standup setup at 09:00 on mon-fri deadline 12:00'],
    ];
    for (const [line, answer] of cases) {
      const reply = await h.run('olivia', 'acme', line);
      expect(replyText(reply), line).toBe(answer);
      expect(visibility(reply), line).toBe('ephemeral');
    }
    expect(replyText(await h.run('olivia', 'acme', '/standup frobnicate')).split('\n')[0]).toBe('/standup has no “frobnicate”. This is what it can do:');
    expect(await standupCount()).toBe(0);
    await h.run('olivia', 'acme', '/standup setup');
    await h.run('olivia', 'acme', '/standup setup at 09:00');
    expect(replyText(await h.run('olivia', 'acme', '/standup resume'))).toBe('Standup #1 is already running.');
    expect(replyText(await h.run('olivia', 'acme', '/standup report from someday to never'))).toBe('I could not read “from someday to never” as a period. Try “from 16 nov to 24 nov”, “last week” or “last 30 days”.');
    expect(replyText(await h.run('olivia', 'acme', '/standup report last 200 days'))).toBe('That period is too long: ask for at most 92 days at a time.');
    expect(replyText(await h.run('olivia', 'acme', '/standup report #7'))).toBe('There is no standup #7 in this team. /standup show lists them.');
    expect(replyText(await h.run('maria', 'acme', '/standup setup at 10:00'))).toBe(
      'Only a team manager can do that. Usage: /standup setup [<name>] [at 09:00] [on mon-fri] [questions "…" | "… [1-5]" | "… [yes/no]"] [deadline 12:00] [nudge 1h|off] [report thread|digest] [@person …]',
    );
    expect(replyText(await h.run('maria', 'acme', '/standup pause'))).toBe('Only a team manager can do that. Usage: /standup pause [#n|<name>]');
    expect(replyText(await h.run('olivia', 'random', '/standup show'))).toBe('This channel is not a client team yet. A manager can make it one with /obm setup <client name>.');
    expect(replyText(await h.run('olivia', 'dm-olivia', '/standup skip'))).toBe('/standup works in a client team channel, not in a direct message.');
    expect(await standupCount()).toBe(1);
    expect((await handle.db.select().from(jobs)).filter((job) => job.kind === 'standup.ask').map((job) => job.dedupeKey.split(':').slice(0, 2).join(':'))).toEqual(['standup:1', 'standup:1', 'standup:1']);
  });

  it('survives any input without throwing', async () => {
    await h.run('olivia', 'acme', '/standup setup at 09:00');
    const inputs = ['', ' ', '"', '“unclosed', '#'.repeat(5000), 'setup \u0000\u0007', 'setup @{}', 'setup questions "', 'setup questions | | |', 'setup on', 'setup at', 'edit #', 'edit 99999999999', 'skip "" ""', 'report @maria @jo', `setup ${'at 09:00 '.repeat(300)}`, `report from ${'monday '.repeat(200)}`, 'show #0'];
    for (const text of inputs) {
      const reply = await h.run('olivia', 'acme', `/standup ${text}`);
      expect(['message', 'form'], text).toContain(reply.kind);
    }
  });

  it('speaks the team’s language', async () => {
    await h.run('olivia', 'acme', '/obm setup language nl');
    expect(replyText(await h.run('olivia', 'acme', '/standup setup om 09:00 op ma-vr deadline 12:00 @maria')).split('\n')).toEqual([
      'Standup #1 staat klaar. Elke deelnemer krijgt de vragen per DM om 09:00 in de eigen tijdzone, op de eigen werkdagen.',
      '#1 Standup',
      'Wanneer: ma-vr om 09:00, antwoorden uiterlijk 12:00, ieder in de eigen tijdzone',
      'Deelnemers: Maria',
      'Herinnering: één keer, 1 u vóór de deadline, aan wie nog niet heeft geantwoord',
      'Verslag: per dag een thread in het teamkanaal, met de antwoorden zodra ze binnenkomen',
      'Vragen:',
      '1. Wat heb je gisteren afgerond?',
      '2. Wat ga je vandaag doen?',
      '3. Loop je ergens tegenaan? (blokkade)',
    ]);
    await h.advanceTo('2026-11-23T01:00:00Z');
    const [ask] = h.recorder.dmsTo('maria');
    expect(ask!.text).toBe('Hoi Maria! Standup voor Acme Co, ma 23 nov.\nAntwoord hier, één antwoord per bericht, of druk op Antwoorden voor een formulier. Graag antwoorden uiterlijk ma 23 nov om 12:00 (Asia/Manila).\n1/3 · Wat heb je gisteren afgerond?');
    expect(buttonsIn(ask!.message).map((button) => button.label)).toEqual(['Antwoorden', 'Vandaag overslaan']);
    expect(replyText(await h.click('jo', 'standup.answer', buttonsIn(ask!.message)[0]!.value))).toBe('Deze standupvragen zijn voor Maria, niet voor jou.');
    expect(replyText(await h.run('olivia', 'acme', '/standup setup om 25:00'))).toBe('Ik kon “25:00” niet lezen als tijdstip. Probeer bijvoorbeeld “om 09:00”.');
  });
});
