import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trainingOccurrences } from '../../../db/schema/index.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { buttonsIn, createHarness, replyText, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import { builtinMetricValues } from './metrics.builtins.js';
import { periodAt, previousPeriod } from './metrics.periods.js';

const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
  sam: { displayName: 'Sam', zone: 'Europe/Amsterdam' },
  lena: { displayName: 'Lena', zone: 'Europe/Amsterdam' },
};
const ZONE = 'Europe/Amsterdam';

/** Classes' attendance and no-shows and onboarding on track, computed from what the trainings and onboarding modules stored. */
describe.each(testDatabases())('the built-ins of classes and onboarding on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const teamId = async () => (await handle.db.query.teams.findFirst())!.id;
  const valuesOf = async (at: string) => {
    const values = await builtinMetricValues({ db: handle.db, teamId: await teamId(), period: periodAt('weekly', new Date(at), ZONE), now: h.clock.now() });
    return Object.fromEntries(values.filter((value) => ['training-attendance', 'training-no-shows', 'onboarding-progress'].includes(value.key)).map((value) => [value.key, value.value]));
  };

  beforeEach(async () => {
    handle = await open();
    // Monday 23 Nov 2026, 09:00 in Amsterdam.
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { jo: 'member', sam: 'member', lena: 'member' } });
    await h.run('olivia', 'acme', '/obm setup zone Europe/Amsterdam');
  });
  afterEach(async () => {
    await handle.close();
  });

  it('counts who came and who said Going but did not, in the week of the class', async () => {
    expect(await valuesOf('2026-11-24T12:00:00Z')).toEqual({ 'training-attendance': null, 'training-no-shows': 0, 'onboarding-progress': null });
    await h.run('olivia', 'acme', '/training add Onboarding call tuesday 15:00 with @jo @sam @lena');
    const [occurrence] = await handle.db.select().from(trainingOccurrences).orderBy(asc(trainingOccurrences.id));
    for (const person of ['jo', 'sam', 'lena']) await h.click(person, 'training.going', String(occurrence!.id));
    await h.advanceTo('2026-11-24T15:05:00Z');
    const after = h.recorder.sent.filter((item) => item.target.kind === 'channel').at(-1)!;
    await h.click('sam', 'training.attended', buttonsIn(after.message)[0]!.value);
    await h.run('olivia', 'acme', '/training attendance 1 @lena');
    // The recording makes Jo a no-show (said Going, not marked).
    expect(replyText(await h.run('olivia', 'acme', '/training recording 1 https://videos.example.com/x'))).toContain('1 who said Going and did not attend');
    // 2 of 3 came (66.7 %), 1 no-show, in the week of Tuesday 24 November; the week before has none.
    expect(await valuesOf('2026-11-24T12:00:00Z')).toMatchObject({ 'training-attendance': 66.7, 'training-no-shows': 1 });
    expect(await valuesOf(previousPeriod(periodAt('weekly', new Date('2026-11-24T12:00:00Z'), ZONE)).from.toISOString())).toMatchObject({ 'training-attendance': null, 'training-no-shows': 0 });
  });

  it('tells how much of the onboarding due by the end of the week is done', async () => {
    await h.run('olivia', 'acme', '/sop onboarding task "Set up your 1Password" day 1');
    await h.run('olivia', 'acme', '/sop onboarding task "Meet the team" day 2');
    await h.run('olivia', 'acme', '/obm team add @maria');
    // Due on her Tuesday and Wednesday in Manila: on Monday nothing is due yet, so there is nothing to be on track with.
    expect((await valuesOf('2026-11-23T12:00:00Z'))['onboarding-progress']).toBeNull();
    await h.advanceTo('2026-11-26T09:00:00Z');
    expect((await valuesOf('2026-11-23T12:00:00Z'))['onboarding-progress']).toBe(0);
    await h.run('maria', 'acme', '/task done 1');
    expect((await valuesOf('2026-11-23T12:00:00Z'))['onboarding-progress']).toBe(50);
  });
});
