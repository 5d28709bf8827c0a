import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsIn, createHarness, replyText, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { plainText } from '../../messages.js';

const PEOPLE = { olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' }, maria: { displayName: 'Maria', zone: 'Asia/Manila' } };

describe.each(testDatabases())('the home view on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  beforeEach(async () => {
    handle = await open();
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member' } });
    await h.setupTeam({ channel: 'beta', client: 'Beta Ltd', manager: 'olivia', members: { maria: 'member' } });
    await h.run('olivia', 'acme', '/task add Send the weekly report @maria due friday');
    await h.run('olivia', 'beta', '/task add Fix the funnel @maria due tomorrow');
    await h.run('olivia', 'beta', '/task add Plan Q1');
  });
  afterEach(async () => handle.close());

  const homeOf = (user: keyof typeof PEOPLE) =>
    h.bot.home({ platform: 'console', workspace: { externalId: 'demo' }, actor: { userId: user, displayName: PEOPLE[user].displayName }, directory: { lookup: async () => null } });

  it('shows a person’s open tasks across every client team, soonest first, with Done buttons', async () => {
    const home = await homeOf('maria');
    expect(plainText(home.text).split('\n')).toEqual([
      'Your open tasks',
      '#1 Fix the funnel · Maria · Due Tue 24 Nov, 17:00 (Asia/Manila) · Beta Ltd',
      '#1 Send the weekly report · Maria · Due Fri 27 Nov, 17:00 (Asia/Manila) · Acme Co',
      'What you asked others to do',
      'Nothing.',
    ]);
    expect(buttonsIn(home).filter((button) => button.actionId === 'task.done')).toHaveLength(2);
  });

  it('shows the OBM what she asked others to do, apart from her own to-dos', async () => {
    const text = plainText((await homeOf('olivia')).text);
    expect(text).toContain('Your open tasks\n#2 Plan Q1 · Olivia · Beta Ltd');
    expect(text).toContain('What you asked others to do\n#1 Fix the funnel · Maria');
  });
});
