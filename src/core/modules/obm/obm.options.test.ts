import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, replyText, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { teams } from '../../../db/schema/index.js';

/** /obm setup and /obm me as text: each setting an option with an English and a Dutch name, several at once. */
describe.each(testDatabases())('/obm settings as options, typed as text, on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  beforeEach(async () => {
    handle = await open();
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: { olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' }, maria: { displayName: 'Maria' } } });
  });
  afterEach(async () => handle.close());

  const teamRow = async () => (await h.db.select({ client_name: teams.clientName, zone: teams.zone, locale: teams.locale, notice_window_minutes: teams.noticeWindowMinutes }).from(teams))[0] ?? null;

  it('reads a client name whole, even one that contains a setting’s name, and settings by their English or Dutch name', async () => {
    await h.run('olivia', 'acme', '/obm setup Acme Window Cleaning Zone');
    expect(await teamRow()).toMatchObject({ client_name: 'Acme Window Cleaning Zone', zone: 'Europe/Amsterdam', locale: 'en' });
    // A name that starts with a setting's name, in quotes.
    expect(replyText(await h.run('olivia', 'acme', '/obm setup "Window Cleaning Co"'))).toBe('This team is now called Window Cleaning Co.');
    const both = replyText(await h.run('olivia', 'acme', '/obm setup taal nl venster 3 uur')).split('\n');
    expect(both).toHaveLength(2);
    expect(both[0]).toBe('De taal van het team is nu Nederlands.');
    expect(both[1]).toMatch(/^Het meldingsvenster is nu 3h/);
    await h.run('olivia', 'acme', '/obm setup tijdzone America/New_York');
    expect(await teamRow()).toMatchObject({ zone: 'America/New_York', locale: 'nl', notice_window_minutes: 180 });
    expect(replyText(await h.run('olivia', 'acme', '/obm setup language'))).toMatch(/^Geef een waarde/);
    // Roles by their Dutch names too.
    await h.run('olivia', 'acme', '/obm team add @maria lid');
    expect(replyText(await h.run('olivia', 'acme', '/obm team'))).toMatch(/Maria · lid/);
    expect(replyText(await h.run('olivia', 'acme', '/obm team add @maria baas'))).toBe('De rollen zijn manager, lid (member) en eigenaar (owner).');
  });

  it('sets one’s own settings by their English or Dutch name, several at once, and names the settings for a word it does not know', async () => {
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me tijdzone Asia/Manila werktijden 08:00-16:00'))).toBe('Your zone is now Asia/Manila; it is 16:00 there now.\nYour working hours are now 08:00-16:00 (Asia/Manila).');
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me land PH'))).toBe('Noted: the public holidays of PH are days off for you, and nothing will nudge you on them.');
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me afwezig 24 dec to 2 jan'))).toBe('Noted: you are away Thu 24 Dec to Sat 2 Jan 2027.');
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me away list'))).toMatch(/^Your planned absences/);
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me'))).toMatch(/^Your settings, Maria\nZone: Asia\/Manila\nWorking hours: 08:00-16:00/);
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me colour blue'))).toMatch(/^You can set zone, hours, away, country and alerts/);
  });
});
