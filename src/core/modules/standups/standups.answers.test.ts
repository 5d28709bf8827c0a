import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client.js';
import { buttonsIn, createHarness, replyText, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import type { Reply } from '../../invocation.js';
import { plainText } from '../../messages.js';

const PEOPLE: Record<string, { displayName: string; zone?: string }> = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
  sam: { displayName: 'Sam' },
};

// Sunday 22 Nov 2026. Monday 09:00 is 01:00Z in Manila (deadline 04:00Z) and 14:00Z in New York (deadline 17:00Z).
const START = '2026-11-22T12:00:00Z';
// A reply names its parent by the parent's first line: the outbox resolved the thread to the parent's platform id.
const PARENT = 'Standup, Mon 23 Nov';

describe.each(testDatabases())('standup answers and reports on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;

  /** A plain DM to the bot, as a platform forwards it. */
  const say = async (user: string, text: string) => replyText(await h.say(user, text));
  const dms = (user: string) => h.recorder.dmsTo(user).map((dm) => dm.text);
  /** Channel posts; `thread` is the first line of the post a reply was threaded under (the recorder's ids are m1, m2…). */
  const channel = () => {
    const sent = h.recorder.sent;
    const parentOf = (threadId: string | undefined) => (threadId ? sent[Number(threadId.slice(1)) - 1]!.text.split('\n')[0]! : null);
    // The team's weekly digest goes in the channel too on Monday: not what these tests are about.
    return sent.filter((item) => item.target.kind === 'channel' && !item.text.includes('· weekly digest,')).map((item) => ({ thread: item.target.kind === 'channel' ? parentOf(item.target.threadId) : null, text: item.text }));
  };
  const answerIdOf = (user: string, index = -1) => {
    const button = buttonsIn(h.recorder.dmsTo(user).at(index)!.message).find((candidate) => candidate.actionId === 'standup.answer');
    return button!.value;
  };
  const formOf = (reply: Reply) => (reply.kind === 'form' ? reply.form : null);

  beforeEach(async () => {
    handle = await open();
    h = await createHarness({ handle, start: START, people: PEOPLE });
    await h.run('olivia', 'acme', '/obm setup Acme Co');
    await h.run('olivia', 'acme', '/obm setup zone Europe/Amsterdam');
    for (const name of ['maria', 'jo', 'sam']) await h.run('olivia', 'acme', `/obm team add @${name} member`);
    h.recorder.clear();
  });
  afterEach(async () => handle.close());

  it('asks by DM, takes the answers reply by reply, posts each to the day’s thread and sums up at the last deadline', async () => {
    await h.run('olivia', 'acme', '/standup setup at 09:00 deadline 12:00 @maria @jo');
    await h.advanceTo('2026-11-23T00:59:00Z');
    expect(h.recorder.sent).toEqual([]);
    await h.advanceTo('2026-11-23T01:00:00Z');
    const [ask] = h.recorder.dmsTo('maria');
    expect(ask!.text).toBe(
      'Hi Maria! Standup for Acme Co, Mon 23 Nov.\nReply here, one answer per message, or press Answer for a form. Please answer by Mon 23 Nov, 12:00 (Asia/Manila).\n1/3 · What did you finish yesterday?',
    );
    expect(buttonsIn(ask!.message).map((button) => [button.label, button.actionId])).toEqual([
      ['Answer', 'standup.answer'],
      ['Skip today', 'standup.skip'],
    ]);
    // The home view lists what waits for her answer, with Answer.
    const home = await h.bot.home({ platform: 'console', workspace: { externalId: 'demo' }, actor: { userId: 'maria', displayName: 'Maria' }, directory: { lookup: async () => null } });
    expect(plainText(home.text)).toContain('Standups waiting for your answer\nStandup · Acme Co · Mon 23 Nov · answer by Mon 23 Nov, 12:00 (Asia/Manila)');
    expect(buttonsIn(home).filter((button) => button.actionId === 'standup.answer')).toHaveLength(1);
    expect(await say('maria', 'Sent the invoices')).toBe('2/3 · What will you do today?');
    expect(await say('maria', 'Update the CRM')).toBe('3/3 · Anything blocking you?');
    expect(channel()).toEqual([]);
    expect(await say('maria', 'none')).toBe('Thanks, Maria! Your answers are in. You can change them until Mon 23 Nov, 12:00 (Asia/Manila) with Edit answers.');
    expect(channel()).toEqual([
      { thread: null, text: 'Standup, Mon 23 Nov' },
      { thread: PARENT, text: 'Maria\nWhat did you finish yesterday? Sent the invoices\nWhat will you do today? Update the CRM\nAnything blocking you? none' },
    ]);
    // With nothing open, a DM is not a standup answer.
    expect(await say('maria', 'thanks!')).toBe('I answer slash commands. Type /obm help to see them all.');

    await h.advanceTo('2026-11-23T17:00:00Z');
    expect(dms('jo')).toHaveLength(2); // the question and one reminder
    expect(channel().slice(2)).toEqual([{ thread: PARENT, text: 'Standup, Mon 23 Nov: 1 of 2 answered.\nAnswered: Maria\nNot answered: Jo' }]);
    // A late answer is still taken, marked late in the thread.
    await h.advanceTo('2026-11-23T18:30:00Z');
    await say('jo', 'Fixed the ads');
    await say('jo', 'Write the newsletter');
    expect(await say('jo', 'Waiting for the client’s logins')).toBe(
      'Thanks, Jo! Your answers are in, marked late: the deadline was Mon 23 Nov, 12:00 (America/New_York). I told Olivia about your blocker. Olivia gets it Tue 24 Nov, 09:00 (Europe/Amsterdam).',
    );
    expect(channel().slice(3)).toEqual([
      { thread: PARENT, text: 'Jo (late)\nWhat did you finish yesterday? Fixed the ads\nWhat will you do today? Write the newsletter\n🚧 Anything blocking you? Waiting for the client’s logins' },
    ]);
    expect(replyText(await h.run('olivia', 'acme', '/standup report from 23 nov to 23 nov'))).toBe(
      [
        'Standup: answers Mon 23 Nov – Mon 23 Nov',
        'Mon 23 Nov',
        'Maria',
        'What did you finish yesterday? Sent the invoices',
        'What will you do today? Update the CRM',
        'Anything blocking you? none',
        'Jo (late)',
        'What did you finish yesterday? Fixed the ads',
        'What will you do today? Write the newsletter',
        '🚧 Anything blocking you? Waiting for the client’s logins',
        'Participation:',
        'Jo: 0 on time, 1 late, 0 missed, 0 away, 0 skipped',
        'Maria: 1 on time, 0 late, 0 missed, 0 away, 0 skipped',
        'Team: 1 on time, 1 late, 0 missed, 0 away, 0 skipped',
      ].join('\n'),
    );
  });

  it('reminds once, an hour before the deadline, only those who have not answered', async () => {
    await h.run('olivia', 'acme', '/standup setup at 09:00 deadline 12:00 @maria @jo');
    await h.advanceTo('2026-11-23T02:00:00Z');
    for (const text of ['a', 'b', 'c']) await say('maria', text);
    await h.advanceTo('2026-11-23T15:00:00Z');
    await say('jo', 'Half way'); // started, not finished: still reminded, with the question he is at
    await h.advanceTo('2026-11-23T15:59:00Z');
    expect(dms('jo'), dms('jo').join('\n---\n')).toHaveLength(1);
    await h.advanceTo('2026-11-23T16:00:00Z');
    expect(dms('jo')[1]).toBe('Reminder: Standup for Acme Co, Mon 23 Nov, closes at 12:00 (America/New_York).\n2/3 · What will you do today?');
    await h.advanceTo('2026-11-24T00:00:00Z');
    expect(dms('jo')).toHaveLength(2);
    expect(dms('maria')).toHaveLength(1); // she answered: no reminder
    await h.advanceTo('2026-11-24T03:00:00Z');
    expect(dms('maria').map((text) => text.split('\n')[0])).toEqual(['Hi Maria! Standup for Acme Co, Mon 23 Nov.', 'Hi Maria! Standup for Acme Co, Tue 24 Nov.', 'Reminder: Standup for Acme Co, Tue 24 Nov, closes at 12:00 (Asia/Manila).']);
    await h.advanceTo('2026-11-24T23:00:00Z');
    expect(dms('maria')).toHaveLength(3);
  });

  it('takes the answers by form, checks each kind of question, lets them be edited until the deadline and not after', async () => {
    await h.run('olivia', 'acme', '/standup setup at 09:00 deadline 12:00 questions "How do you feel? [1-5]" | "On track? [yes/no]" | "What will you do today?" | "Anything blocking you?" @maria @jo');
    await h.advanceTo('2026-11-23T01:30:00Z');
    const id = answerIdOf('maria');
    const form = formOf(await h.click('maria', 'standup.answer', id));
    expect(form?.title).toBe('Standup, Mon 23 Nov');
    expect(form?.fields.map((field) => [field.id, field.label, field.kind, field.required, field.options?.map((option) => option.value).join('|') ?? ''])).toEqual([
      ['q1', 'How do you feel?', 'select', true, '1|2|3|4|5'],
      ['q2', 'On track?', 'select', true, 'yes|no'],
      ['q3', 'What will you do today?', 'textarea', true, ''],
      ['q4', 'Anything blocking you?', 'textarea', false, ''],
    ]);
    const answer = (values: Record<string, string>) => h.submit('maria', 'standup.answer', id, values).then(replyText);
    expect(await answer({ q1: '7', q2: 'yes', q3: 'Call the client' })).toBe('Please answer with a number from 1 to 5.');
    expect(await answer({ q1: '4', q2: 'maybe', q3: 'Call the client' })).toBe('Please answer yes or no.');
    expect(await answer({ q1: '4', q2: 'yes', q3: ' ' })).toBe('Please answer this question.');
    // Every question that does not read is marked at once, next to its field.
    expect(await h.submit('maria', 'standup.answer', id, { q1: 'great', q2: 'maybe', q3: 'Call the client' })).toMatchObject({
      kind: 'formErrors',
      errors: [
        { field: 'q1', message: 'Please answer with a number from 1 to 5.' },
        { field: 'q2', message: 'Please answer yes or no.' },
      ],
    });
    expect(channel()).toEqual([]);
    expect(await answer({ q1: '4', q2: 'yes', q3: 'Call the client', q4: '' })).toBe('Thanks, Maria! Your answers are in. You can change them until Mon 23 Nov, 12:00 (Asia/Manila) with Edit answers.');
    expect(channel()[1]).toEqual({ thread: PARENT, text: 'Maria\nHow do you feel? 4/5\nOn track? yes\nWhat will you do today? Call the client\nAnything blocking you? —' });

    // Edit answers: the form again, filled in; the thread gets the new version.
    const again = formOf(await h.click('maria', 'standup.answer', id));
    expect(again?.fields.map((field) => field.initial)).toEqual(['4', 'yes', 'Call the client', undefined]);
    await h.advanceTo('2026-11-23T03:59:00Z');
    expect(await answer({ q1: '2', q2: 'no', q3: 'Call the client', q4: 'n/a' })).toContain('Thanks, Maria!');
    expect(channel()[2]).toEqual({ thread: PARENT, text: 'Maria (edited)\nHow do you feel? 2/5\nOn track? no\nWhat will you do today? Call the client\nAnything blocking you? n/a' });
    await h.advanceTo('2026-11-23T04:00:00Z');
    expect(replyText(await h.click('maria', 'standup.answer', id))).toBe('Your answers can no longer be changed: the deadline was Mon 23 Nov, 12:00 (Asia/Manila).');
    expect(await answer({ q1: '5', q2: 'yes', q3: 'x' })).toBe('Your answers can no longer be changed: the deadline was Mon 23 Nov, 12:00 (Asia/Manila).');

    // Replies in the DM are checked the same way; the question is asked again.
    await h.advanceTo('2026-11-23T14:05:00Z');
    expect(await say('jo', 'great')).toBe('Please answer with a number from 1 to 5.\n1/4 · How do you feel? (1-5)');
    expect(await say('jo', '5')).toBe('2/4 · On track? (yes/no)');
    expect(await say('jo', 'sure')).toBe('Please answer yes or no.\n2/4 · On track? (yes/no)');
    expect(await say('jo', 'Yes')).toBe('3/4 · What will you do today?');
    // Someone else's buttons, and buttons that name nothing, are refused.
    expect(replyText(await h.click('jo', 'standup.answer', id))).toBe('These standup questions are for Maria, not for you.');
    expect(replyText(await h.click('jo', 'standup.answer', '999'))).toBe('That button or form has expired. Run the command again.');
    expect(replyText(await h.submit('jo', 'standup.answer', 'x', { q1: '1' }))).toBe('That button or form has expired. Run the command again.');
  });

  it('compiles one digest at the last deadline, blockers first, and adds late answers to its thread', async () => {
    await h.run('sam', 'acme', '/obm me away 23 nov');
    await h.run('olivia', 'acme', '/standup setup at 09:00 deadline 12:00 report digest @maria @jo @sam');
    await h.advanceTo('2026-11-23T02:00:00Z');
    await say('maria', 'Sent the invoices');
    await say('maria', 'Update the CRM');
    await say('maria', 'Waiting for the client’s logins');
    await h.advanceTo('2026-11-23T16:59:00Z');
    expect(channel()).toEqual([]);
    expect(dms('sam')).toEqual([]);
    await h.advanceTo('2026-11-23T17:00:00Z');
    expect(channel()).toEqual([
      {
        thread: null,
        text: [
          'Standup, Mon 23 Nov',
          '1 of 2 answered',
          'Blockers:',
          '🚧 Maria: Waiting for the client’s logins',
          'Maria',
          'What did you finish yesterday? Sent the invoices',
          'What will you do today? Update the CRM',
          '🚧 Anything blocking you? Waiting for the client’s logins',
          'Answered: Maria',
          'Away: Sam',
          'Not answered: Jo',
        ].join('\n'),
      },
    ]);
    await h.advanceTo('2026-11-23T20:00:00Z');
    await say('jo', 'Ads');
    await say('jo', 'Newsletter');
    await say('jo', 'nothing');
    expect(channel()[1]).toEqual({ thread: 'Standup, Mon 23 Nov', text: 'Jo (late)\nWhat did you finish yesterday? Ads\nWhat will you do today? Newsletter\nAnything blocking you? nothing' });
    expect(channel()).toHaveLength(2);
  });

  it('sends a blocker to the managers with Make it a task, which creates a task for the person chosen, once', async () => {
    await h.run('olivia', 'acme', '/obm team add @sam manager');
    await h.run('olivia', 'acme', '/standup setup at 09:00 deadline 12:00 @maria @jo @sam');
    await h.advanceTo('2026-11-23T02:00:00Z');
    await say('maria', 'Sent the invoices');
    await say('maria', 'Update the CRM');
    expect(await say('maria', 'Waiting for the client’s logins')).toBe(
      'Thanks, Maria! Your answers are in. You can change them until Mon 23 Nov, 12:00 (Asia/Manila) with Edit answers. I told Olivia, Sam about your blocker. Olivia gets it Mon 23 Nov, 09:00 (Europe/Amsterdam). Sam gets it Mon 23 Nov, 09:00 (Europe/Amsterdam).',
    );
    // 03:00 in Amsterdam: the managers read it at the start of their day, not in the night.
    expect(dms('olivia')).toEqual([]);
    await h.advanceTo('2026-11-23T08:00:00Z');
    const [blocker] = h.recorder.dmsTo('olivia');
    expect(blocker!.text).toBe('🚧 Maria is blocked (Standup, Acme Co, Mon 23 Nov): Waiting for the client’s logins');
    expect(blocker!.at).toEqual(new Date('2026-11-23T08:00:00Z'));
    const [button] = buttonsIn(blocker!.message);
    expect([button!.label, button!.actionId]).toEqual(['Make it a task', 'standup.make_task']);
    expect(dms('sam').filter((text) => text.startsWith('🚧'))).toHaveLength(1);
    expect(replyText(await h.click('jo', 'standup.make_task', button!.value))).toBe('Only a team manager can turn a blocker into a task.');
    const form = formOf(await h.click('olivia', 'standup.make_task', button!.value));
    expect(form?.fields.map((field) => [field.id, field.kind, field.required, field.initial ?? null])).toEqual([
      ['title', 'text', true, 'Blocker: Waiting for the client’s logins'],
      ['assignee', 'person', true, null],
      ['due', 'when', false, null],
    ]);
    expect(replyText(await h.submit('olivia', 'standup.make_task', button!.value, { title: 'Blocker: Waiting for the client’s logins', assignee: '' }))).toBe('Choose who takes the task on.');
    // 03:00 in New York: Olivia is told when Jo gets it.
    expect(replyText(await h.submit('olivia', 'standup.make_task', button!.value, { title: 'Blocker: Waiting for the client’s logins', assignee: 'jo', due: 'tuesday 17:00' }))).toBe(
      'Added #1 Blocker: Waiting for the client’s logins for Jo, from Maria’s standup answer of Mon 23 Nov.\nJo gets the message Mon 23 Nov, 09:00 (America/New_York).',
    );
    expect(dms('jo')).toEqual([]);
    await h.advanceTo('2026-11-23T14:00:00Z');
    expect(dms('jo')[0]).toBe('Olivia gave you a task in Acme Co:\n#1 Blocker: Waiting for the client’s logins\nDue Tue 24 Nov, 17:00 (America/New_York)');
    expect(replyText(await h.click('sam', 'standup.make_task', button!.value))).toBe('This blocker is already task #1.');
    expect(replyText(await h.submit('sam', 'standup.make_task', button!.value, { title: 'Again', assignee: 'jo' }))).toBe('Maria’s blocker is already a task.');
    expect(replyText(await h.run('olivia', 'acme', '/task list all'))).toContain('#1 Blocker: Waiting for the client’s logins · Jo');
    // An edit that keeps the blocker tells nobody again; "none" and friends are no blockers at all.
    await h.advanceTo('2026-11-23T14:30:00Z');
    for (const text of ['Ads', 'Newsletter', 'nee']) await say('jo', text);
    expect(dms('olivia').filter((text) => text.startsWith('🚧'))).toHaveLength(1);
  });

  it('lets people skip a day by button or command, ahead of time too, but not a past or answered day', async () => {
    await h.run('olivia', 'acme', '/standup setup at 09:00 deadline 12:00 @maria @jo');
    expect(replyText(await h.run('jo', 'acme', '/standup skip'))).toBe('There is no Standup for you on Sun 22 Nov.');
    expect(replyText(await h.run('jo', 'acme', '/standup skip tomorrow'))).toBe('OK: no Standup for you on Mon 23 Nov.');
    expect(replyText(await h.run('jo', 'acme', '/standup skip saturday'))).toBe('There is no Standup for you on Sat 28 Nov.');
    expect(replyText(await h.run('jo', 'acme', '/standup skip yesterday'))).toBe('Sat 21 Nov is already past: you can skip today or a day ahead.');
    expect(replyText(await h.run('jo', 'acme', '/standup skip someday'))).toBe('Which day shall I skip? “someday” is not a day I can read. Try “today”, “tomorrow”, “friday” or “24 nov”.');
    expect(replyText(await h.run('olivia', 'acme', '/standup skip'))).toBe('You do not take part in a standup of this team, so there is nothing to skip.');
    await h.advanceTo('2026-11-23T01:00:00Z');
    const id = answerIdOf('maria');
    const skipped = await h.click('maria', 'standup.skip', id);
    expect(skipped.kind).toBe('update');
    expect(replyText(skipped)).toBe('Skipped: no standup for you on Mon 23 Nov.');
    expect(await say('maria', 'Sent the invoices')).toBe('I answer slash commands. Type /obm help to see them all.');
    await h.advanceTo('2026-11-23T17:00:00Z');
    expect(dms('jo')).toEqual([]);
    // Nobody was expected that day, so there is no report to post.
    expect(channel()).toEqual([]);
    await h.advanceTo('2026-11-24T02:00:00Z');
    for (const text of ['a', 'b', 'c']) await say('maria', text);
    expect(replyText(await h.click('maria', 'standup.skip', answerIdOf('maria', 0)))).toBe('Skipped: no standup for you on Mon 23 Nov.');
    expect(replyText(await h.run('maria', 'acme', '/standup skip'))).toBe('You already answered for Tue 24 Nov, so there is nothing to skip.');
  });
});
