import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, replyText, visibility, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { people, teams } from '../../../db/schema/index.js';
import type { Reply } from '../../invocation.js';

const PEOPLE = { olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' }, maria: { displayName: 'Maria' } };

const menuOf = (reply: Reply) => {
  if (reply.kind !== 'message') throw new Error(`expected a message, got ${reply.kind}`);
  const select = reply.message.blocks?.find((block) => block.type === 'select');
  if (select?.type !== 'select') throw new Error('expected a menu');
  return select;
};

describe.each(testDatabases())('zones by city, country and abbreviation, on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const zoneOf = async (user: string) => (await handle.db.select({ zone: people.zone }).from(people).where(eq(people.platformUserId, user)))[0]?.zone;
  const teamZone = async () => (await handle.db.select({ zone: teams.zone }).from(teams))[0]?.zone;

  beforeEach(async () => {
    handle = await open();
    // Monday 23 Nov 2026, 09:00 in Amsterdam.
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member' } });
  });
  afterEach(async () => handle.close());

  it.each([
    ['manila', 'Asia/Manila'],
    ['new york', 'America/New_York'],
    ['nyc', 'America/New_York'],
    ['Philippines', 'Asia/Manila'],
    ['europe/amsterdam', 'Europe/Amsterdam'],
  ])('/obm me zone %s sets %s', async (text, zone) => {
    const reply = await h.run('maria', 'dm-maria', `/obm me zone ${text}`);
    expect(replyText(reply)).toMatch(new RegExp(`^Your zone is now ${zone}; it is \\d\\d:\\d\\d there now\\.$`));
    expect(await zoneOf('maria')).toBe(zone);
  });

  it('refuses a fixed abbreviation with the zone that fits, in English and in Dutch, and changes nothing', async () => {
    const reply = await h.run('maria', 'acme', '/obm me zone EST');
    expect(replyText(reply)).toBe('EST has no daylight saving, so your times would be an hour off half the year; did you mean America/New_York?');
    await h.run('olivia', 'acme', '/obm setup language nl');
    expect(replyText(await h.run('maria', 'acme', '/obm me tijdzone CET'))).toBe('CET kent geen zomertijd, dus je tijden zouden het halve jaar een uur verschuiven; bedoel je Europe/Amsterdam?');
    expect(await zoneOf('maria')).toBeNull();
  });

  it('offers the zones of a country with several, and takes the pick as the person’s zone', async () => {
    const reply = await h.run('maria', 'dm-maria', '/obm me zone united states');
    expect(visibility(reply)).toBe('ephemeral');
    expect(replyText(reply)).toBe('More than one time zone matches “united states”. Which one do you mean?');
    const menu = menuOf(reply);
    expect(menu.actionId).toBe('people.zone');
    expect(menu.options[0]).toEqual({ label: 'New York (UTC-5)', value: 'America/New_York' });
    expect(await zoneOf('maria')).toBeNull();
    const chicago = menu.options.find((option) => option.value === 'America/Chicago')!;
    const picked = await h.click('maria', menu.actionId, chicago.value);
    expect(picked.kind).toBe('update');
    expect(await zoneOf('maria')).toBe('America/Chicago');
  });

  it('offers a team’s zones to its manager, and only a manager’s pick changes the team', async () => {
    const reply = await h.run('olivia', 'acme', '/obm setup zone australia');
    const menu = menuOf(reply);
    expect(menu.options[0]?.label).toBe('Sydney (UTC+11)');
    expect(await teamZone()).toBe('Europe/Amsterdam');
    const perth = menu.options.find((option) => option.label.startsWith('Perth'))!;
    expect(replyText(await h.click('maria', menu.actionId, perth.value))).toBe('Only a team manager can do that. Usage: /obm setup zone …');
    expect(await teamZone()).toBe('Europe/Amsterdam');
    const picked = await h.click('olivia', menu.actionId, perth.value);
    expect(picked.kind).toBe('update');
    expect(replyText(picked)).toBe('The team’s zone is now Australia/Perth. People who have not set their own zone use it.');
    expect(await teamZone()).toBe('Australia/Perth');
  });

  it('sets a team zone by city at once', async () => {
    expect(replyText(await h.run('olivia', 'acme', '/obm setup zone amsterdam'))).toBe('The team’s zone is now Europe/Amsterdam. People who have not set their own zone use it.');
    expect(replyText(await h.run('olivia', 'acme', '/obm setup zone PST'))).toContain('did you mean America/Los_Angeles?');
    expect(await teamZone()).toBe('Europe/Amsterdam');
  });
});
