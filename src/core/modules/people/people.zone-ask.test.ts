import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, replyText, visibility, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { deliveries, jobs, people, teams } from '../../../db/schema/index.js';
import type { Message } from '../../messages.js';
import { zoneAskKey } from './people.jobs.js';
import { askZoneOnce } from './people.zone-ask.js';
import { offsetLabel, zoneOptions } from './people.zones.js';

// Dana and Sam are on a platform that shares no zone (Discord); Maria's platform gave hers.
const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  dana: { displayName: 'Dana' },
  sam: { displayName: 'Sam' },
};

const selectOf = (message: Message) => message.blocks?.find((block) => block.type === 'select');

describe.each(testDatabases())('asking a person without a zone for theirs, on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const asksTo = (user: string) => h.recorder.dmsTo(user).filter((dm) => selectOf(dm.message));
  const zoneOf = async (user: string) => (await handle.db.select({ zone: people.zone }).from(people).where(eq(people.platformUserId, user)))[0]?.zone;

  beforeEach(async () => {
    handle = await open();
    // Monday 23 Nov 2026, 09:00 in Amsterdam.
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', dana: 'member', sam: 'member' } });
    await h.run('olivia', 'acme', '/obm setup zone Europe/Amsterdam');
    h.recorder.clear();
  });
  afterEach(async () => handle.close());

  it('asks once, however often and by whichever module something is scheduled for them, and says which zone is used meanwhile', async () => {
    await h.run('olivia', 'acme', '/task add Send the weekly report @dana due friday 17:00');
    const retried = await h.run('olivia', 'acme', '/task add Book the venue @dana due thursday 12:00', 'same-id');
    await h.run('olivia', 'acme', '/task add Book the venue @dana due thursday 12:00', 'same-id');
    expect(replyText(retried)).toContain('(Europe/Amsterdam)');
    await h.run('olivia', 'acme', '/followup ask @dana did you send the invoice? tomorrow 10:00');
    await h.run('olivia', 'acme', '/standup setup at 09:00');

    const [ask, ...more] = asksTo('dana');
    expect(more).toEqual([]);
    expect(ask!.text).toBe(
      'Which time zone are you in? You have something scheduled in Acme Co, and I want it to reach you at your own hour. I’m using Europe/Amsterdam (the team’s zone) for your times until you tell me yours: it is 09:00 there now.\n' +
        'Somewhere else? Type /obm me zone with your city or country, for example /obm me zone Toronto.',
    );
    const select = selectOf(ask!.message)!;
    expect(select).toMatchObject({ actionId: 'people.zone', placeholder: 'Pick your zone' });
    expect(select.type === 'select' && select.options.length).toBeLessThanOrEqual(25);
    expect(select.type === 'select' && select.options.map((option) => option.label)).toEqual(expect.arrayContaining(['Manila (UTC+8)', 'New York (UTC-5)', 'Amsterdam (UTC+1)', 'India (UTC+5:30)']));
    // The assignment itself still arrives, read in the team's zone for now.
    expect(h.recorder.dmsTo('dana').map((dm) => dm.text)).toContainEqual('Olivia gave you a task in Acme Co:\n#1 Send the weekly report\nDue Fri 27 Nov, 17:00 (Europe/Amsterdam)');
    // A second process (or a retried job) asking again writes nothing: the key is the person's, forever.
    const [team] = await handle.db.select().from(teams);
    const [dana] = await handle.db.select().from(people).where(eq(people.platformUserId, 'dana'));
    expect(await askZoneOnce({ db: handle.db, now: h.clock.now(), team: team!, person: dana! })).toBe(false);
    await h.advanceTo('2026-11-23T08:01:00Z');
    expect(await handle.db.select().from(deliveries).where(eq(deliveries.dedupeKey, zoneAskKey(dana!.id)))).toHaveLength(1);
    expect(await handle.db.select().from(jobs).where(eq(jobs.dedupeKey, zoneAskKey(dana!.id)))).toHaveLength(1);
    // Maria's platform gave her zone, and the manager has one: neither is asked.
    await h.run('olivia', 'acme', '/task add Check the CRM @maria due friday 17:00');
    expect(asksTo('maria')).toEqual([]);
    expect(asksTo('olivia')).toEqual([]);
  });

  it('does not ask someone who set their zone before anything was scheduled, nor for a task without a time', async () => {
    await h.run('dana', 'acme', '/obm me zone Asia/Manila');
    await h.run('olivia', 'acme', '/task add Send the weekly report @dana due friday 17:00');
    await h.run('olivia', 'acme', '/task add Tidy the drive @sam');
    expect(asksTo('dana')).toEqual([]);
    expect(asksTo('sam')).toEqual([]);
  });

  it('waits for their working time in the team’s zone, like the assignment, and is not sent to someone who set a zone meanwhile', async () => {
    await h.advanceTo('2026-11-23T21:00:00Z'); // 22:00 in Amsterdam
    await h.run('olivia', 'acme', '/task add Send the weekly report @dana due friday 17:00');
    await h.run('olivia', 'acme', '/task add Book the venue @sam due friday 17:00');
    expect(asksTo('dana')).toEqual([]);
    // The assignment waits for her working time too (the team's zone until she sets hers), like the question.
    expect(h.recorder.dmsTo('dana')).toEqual([]);
    await h.advanceTo('2026-11-24T07:59:00Z');
    expect(asksTo('dana')).toEqual([]);
    await h.run('sam', 'acme', '/obm me zone America/New_York');
    await h.advanceTo('2026-11-24T08:00:00Z'); // Tuesday 09:00 in Amsterdam
    expect(h.recorder.dmsTo('dana').map((dm) => [dm.text.split('\n')[0], dm.at!.toISOString()])).toContainEqual(['Olivia gave you a task in Acme Co:', '2026-11-24T08:00:00.000Z']);
    const [ask] = asksTo('dana');
    expect(ask!.at).toEqual(new Date('2026-11-24T08:00:00Z'));
    expect(ask!.text).toContain('it is 09:00 there now');
    await h.advanceTo('2026-11-25T08:00:00Z');
    expect(asksTo('sam')).toEqual([]);
    const [sam] = await handle.db.select().from(people).where(eq(people.platformUserId, 'sam'));
    expect(await handle.db.select().from(deliveries).where(eq(deliveries.dedupeKey, zoneAskKey(sam!.id)))).toEqual([]);
    expect(await handle.db.select({ status: jobs.status }).from(jobs).where(eq(jobs.dedupeKey, zoneAskKey(sam!.id)))).toEqual([{ status: 'done' }]);
  });

  it('takes a pick as the person’s zone, replaces the question, and reads and shows later times in it', async () => {
    await h.run('olivia', 'acme', '/task add Send the weekly report @dana due friday 17:00');
    expect(asksTo('dana')).toHaveLength(1);
    const reply = await h.click('dana', 'people.zone', 'Asia/Manila');
    expect(reply.kind).toBe('update');
    expect(replyText(reply)).toBe('Thanks! Your zone is now Asia/Manila; it is 16:00 there now. I’ll use it for your times from now on.');
    expect(await zoneOf('dana')).toBe('Asia/Manila');
    const later = await h.run('olivia', 'acme', '/task add Book the venue @dana due thursday 12:00');
    expect(replyText(later)).toContain('due Thu 26 Nov, 12:00 (Asia/Manila)');
    expect(h.recorder.dmsTo('dana').at(-1)!.text).toContain('Due Thu 26 Nov, 12:00 (Asia/Manila)');
    expect(asksTo('dana')).toHaveLength(1);
  });

  it('answers a pick that is no zone with one clear sentence and changes nothing', async () => {
    for (const value of ['Mars/Base', '+08:00', '', 'x'.repeat(500)]) {
      const reply = await h.click('dana', 'people.zone', value);
      expect(visibility(reply)).toBe('ephemeral');
      expect(replyText(reply)).toBe(`“${value.slice(0, 64)}” is not a time zone I know. Type a city or an IANA name, such as Manila or Europe/Amsterdam.`);
    }
    expect(await zoneOf('dana')).toBeNull();
  });

  it('asks in the team’s language, and confirms a pick made in the DM in it too', async () => {
    await h.run('olivia', 'acme', '/obm setup language nl');
    await h.run('olivia', 'acme', '/followup ask @dana heb je de factuur verstuurd? morgen 10:00');
    const [ask] = asksTo('dana');
    expect(ask!.text).toContain('Tot je me de jouwe vertelt, gebruik ik Europe/Amsterdam (de tijdzone van het team) voor je tijden: het is daar nu 09:00.');
    expect(replyText(await h.click('dana', 'people.zone', 'Asia/Manila'))).toBe('Dank je! Je tijdzone is nu Asia/Manila; het is daar nu 16:00. Vanaf nu gebruik ik die voor je tijden.');
  });
});

describe('the menu of common zones', () => {
  it('labels each zone with its offset at the moment it is shown, west to east', () => {
    const winter = new Date('2026-01-15T12:00:00Z');
    const summer = new Date('2026-07-15T12:00:00Z');
    expect(offsetLabel('America/New_York', winter)).toBe('UTC-5');
    expect(offsetLabel('America/New_York', summer)).toBe('UTC-4');
    expect(offsetLabel('Europe/London', winter)).toBe('UTC+0');
    expect(offsetLabel('Asia/Kolkata', winter)).toBe('UTC+5:30');
    expect(offsetLabel('Pacific/Auckland', winter)).toBe('UTC+13');
    const options = zoneOptions({ now: winter });
    expect(options.length).toBeGreaterThanOrEqual(20);
    expect(options.length).toBeLessThanOrEqual(25);
    expect(options[0]).toEqual({ label: 'Los Angeles (UTC-8)', value: 'America/Los_Angeles' });
    expect(options.at(-1)).toEqual({ label: 'Auckland (UTC+13)', value: 'Pacific/Auckland' });
    expect(zoneOptions({ now: summer }).find((option) => option.value === 'Europe/Amsterdam')!.label).toBe('Amsterdam (UTC+2)');
  });

  it('adds the team’s zone when it is not a common one, so keeping it is one pick away', () => {
    const options = zoneOptions({ now: new Date('2026-01-15T12:00:00Z'), include: 'America/Toronto' });
    expect(options).toContainEqual({ label: 'Toronto (UTC-5)', value: 'America/Toronto' });
    expect(zoneOptions({ now: new Date('2026-01-15T12:00:00Z'), include: 'Asia/Manila' }).filter((option) => option.value === 'Asia/Manila')).toHaveLength(1);
  });
});
