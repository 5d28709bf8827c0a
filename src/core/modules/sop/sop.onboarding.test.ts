import { count } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onboardingItems, onboardings, tasks } from '../../../db/schema/index.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { buttonsIn, createHarness, replyText, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import { onboardingProgress } from './sop.onboarding.js';

const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
  sam: { displayName: 'Sam', zone: 'Europe/Amsterdam' },
};

describe.each(testDatabases())('onboarding on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const countOf = async (table: typeof tasks | typeof onboardings | typeof onboardingItems) => (await handle.db.select({ n: count() }).from(table))[0]!.n;
  const lines = async (user: string, line: string) => replyText(await h.run(user, 'acme', line)).split('\n');
  /** What a platform's "joined the channel" event becomes (Slack `member_joined_channel`). */
  const joined = async (user: string, id: string) => {
    await h.bot.handle({ id, platform: 'console', workspace: { externalId: 'demo', name: 'Demo' }, actor: { userId: user, ...PEOPLE[user as keyof typeof PEOPLE] }, channel: { id: 'acme', isDm: false }, input: { kind: 'joined' }, directory: { lookup: async () => null } });
    await h.scheduler.runDue(h.clock.now());
  };

  beforeEach(async () => {
    handle = await open();
    // Monday 23 Nov 2026, 09:00 in Amsterdam, 16:00 in Manila, 03:00 in New York.
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: {} });
    await h.run('olivia', 'acme', '/sop add Refunds SOP https://docs.example.com/refunds billing');
    expect(replyText(await h.run('olivia', 'acme', '/sop onboarding add 1 day 1'))).toBe('Onboarding step 1: read #1 Refunds SOP, on day 1.');
    expect(replyText(await h.run('olivia', 'acme', '/sop onboarding task "Set up your 1Password" day 2'))).toBe('Onboarding step 2: Set up your 1Password, on day 2.');
    await h.run('olivia', 'acme', '/sop onboarding task Meet the day team dag 3');
    h.recorder.clear();
  });
  afterEach(async () => handle.close());

  it('names the path, and refuses day 0, day 400, an unknown SOP and members', async () => {
    expect(await lines('olivia', '/sop onboarding list')).toEqual(['Onboarding in Acme Co', '1. Day 1: read #1 Refunds SOP', '2. Day 2: Set up your 1Password', '3. Day 3: Meet the day team']);
    expect(replyText(await h.run('olivia', 'acme', '/sop onboarding add 1 day 0'))).toBe('The day is a working day from 1 (their first) to 365, for example: day 2.');
    expect(replyText(await h.run('olivia', 'acme', '/sop onboarding task Order a laptop day 400'))).toBe('The day is a working day from 1 (their first) to 365, for example: day 2.');
    expect(replyText(await h.run('olivia', 'acme', '/sop onboarding add 7 day 1'))).toBe('There is no SOP #7 in this team. /sop list shows them all, /sop find <words> finds one.');
    expect(replyText(await h.run('olivia', 'acme', '/sop onboarding remove 9'))).toBe('There is no step 9 in the onboarding path. /sop onboarding list shows them.');
    expect(await lines('olivia', '/sop onboarding list')).toHaveLength(4);
    await h.run('olivia', 'acme', '/obm team add @maria');
    expect(replyText(await h.run('maria', 'acme', '/sop onboarding task Sneaky day 1'))).toBe('Only a team manager can do that. Usage: /sop onboarding task <title> day <1-365>');
  });

  it('welcomes someone added with /obm team add, with tasks due on their own working days, once', async () => {
    // 16:00 in Manila: too little of Monday is left, so her day 1 is Tuesday.
    await h.run('olivia', 'acme', '/obm team add @maria');
    const [welcome, ...more] = h.recorder.dmsTo('maria');
    expect(more).toEqual([]);
    expect(welcome?.text).toBe(
      [
        'Welcome to Acme Co, Maria! Here is your onboarding (3 tasks, each due at the end of one of your working days):',
        '#1 Read Refunds SOP · Due Tue 24 Nov, 17:00 (Asia/Manila) · https://docs.example.com/refunds',
        '#2 Set up your 1Password · Due Wed 25 Nov, 17:00 (Asia/Manila)',
        '#3 Meet the day team · Due Thu 26 Nov, 17:00 (Asia/Manila)',
        'They are on your list too: /task list mine. Press I’ve read it once you have read an SOP.',
      ].join('\n'),
    );
    expect(buttonsIn(welcome!.message).map((button) => [button.label, button.actionId, button.value])).toEqual([['I’ve read #1', 'sop.read', '1']]);
    expect(await countOf(tasks)).toBe(3);
    // Leaving and joining again, or a join event and a first command after it: nothing new.
    await h.run('olivia', 'acme', '/obm team remove @maria');
    await h.run('olivia', 'acme', '/obm team add @maria');
    await h.run('maria', 'acme', '/task list mine');
    expect(await countOf(tasks)).toBe(3);
    expect(await countOf(onboardingItems)).toBe(3);
    expect(h.recorder.dmsTo('maria')).toHaveLength(1);

    await h.click('maria', 'sop.read', '1');
    expect(await lines('olivia', '/obm onboarding')).toEqual(['Onboarding in Acme Co', 'Maria: 1/3 done · joined Mon 23 Nov, 09:00 (Europe/Amsterdam)']);
    await h.advanceTo('2026-11-25T12:00:00Z');
    expect((await lines('olivia', '/obm onboarding'))[1]).toBe('Maria: 1/3 done · joined Mon 23 Nov, 09:00 (Europe/Amsterdam) · 1 overdue');
    expect(await lines('maria', '/obm onboarding @maria')).toEqual([
      'Onboarding of Maria: 1/3 done',
      '#1 Read Refunds SOP · done · Due Tue 24 Nov, 17:00 (Asia/Manila)',
      '#2 Set up your 1Password · open · Due Wed 25 Nov, 17:00 (Asia/Manila) · overdue',
      '#3 Meet the day team · open · Due Thu 26 Nov, 17:00 (Asia/Manila)',
    ]);
    expect(replyText(await h.run('maria', 'acme', '/obm onboarding'))).toBe('Only a team manager can do that.'.replace('.', '. Usage: /obm onboarding @person'));
    const [progress] = await onboardingProgress({ db: h.db, teamId: 1, now: h.clock.now() });
    expect(progress).toMatchObject({ done: 1, total: 3, overdue: 1 });
  });

  it('onboards on someone’s first command there, the welcome waiting for their morning', async () => {
    // 03:00 in New York: all of Monday is ahead, so it is Jo's day 1.
    await h.run('jo', 'acme', '/task list mine');
    expect(h.recorder.dmsTo('jo')).toEqual([]);
    await h.advanceTo('2026-11-23T14:00:00Z');
    const [welcome] = h.recorder.dmsTo('jo');
    expect(welcome?.at?.toISOString()).toBe('2026-11-23T14:00:00.000Z');
    expect(welcome?.text.split('\n').slice(1, 4)).toEqual([
      '#1 Read Refunds SOP · Due Mon 23 Nov, 17:00 (America/New_York) · https://docs.example.com/refunds',
      '#2 Set up your 1Password · Due Tue 24 Nov, 17:00 (America/New_York)',
      '#3 Meet the day team · Due Wed 25 Nov, 17:00 (America/New_York)',
    ]);
  });

  it('onboards on the platform’s join event, spread over working days past a weekend, once', async () => {
    // Friday 27 Nov, 15:00 in Amsterdam: two hours left, so day 1 is Monday.
    h.clock.advanceTo(new Date('2026-11-27T14:00:00Z'));
    await joined('sam', 'join-1');
    await joined('sam', 'join-1');
    await joined('sam', 'join-2');
    expect(h.recorder.dmsTo('sam').map((dm) => dm.text.split('\n').slice(1, 4))).toEqual([
      [
        '#1 Read Refunds SOP · Due Mon 30 Nov, 17:00 (Europe/Amsterdam) · https://docs.example.com/refunds',
        '#2 Set up your 1Password · Due Tue 1 Dec, 17:00 (Europe/Amsterdam)',
        '#3 Meet the day team · Due Wed 2 Dec, 17:00 (Europe/Amsterdam)',
      ],
    ]);
    expect(await countOf(tasks)).toBe(3);
    expect(await countOf(onboardings)).toBe(1);
  });

  it('starts nothing where the team has no path, and a path added later is not sprung on those already there', async () => {
    await h.run('olivia', 'acme', '/sop onboarding remove 1');
    await h.run('olivia', 'acme', '/sop onboarding remove 2');
    await h.run('olivia', 'acme', '/sop onboarding remove 3');
    await h.run('olivia', 'acme', '/obm team add @maria');
    await h.run('olivia', 'acme', '/sop onboarding task Say hello day 1');
    await h.run('maria', 'acme', '/task list mine');
    expect(await countOf(tasks)).toBe(0);
    expect(h.recorder.dmsTo('maria')).toEqual([]);
    expect(await lines('olivia', '/obm onboarding')).toEqual(['Onboarding in Acme Co', 'Nobody is onboarding here yet: newcomers get the path when they join.']);
  });
});
