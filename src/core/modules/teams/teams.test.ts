import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, replyText, visibility, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../../db/client.js';
import { people, teams } from '../../../db/schema/index.js';

const PEOPLE = { olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' }, maria: { displayName: 'Maria' }, ben: { displayName: 'Ben' } };

describe.each(testDatabases())('/obm on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  beforeEach(async () => {
    handle = await open();
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
  });
  afterEach(async () => handle.close());

  it('sets up a client team whose creator is the manager, in the creator’s zone', async () => {
    const reply = await h.run('olivia', 'acme', '/obm setup Acme Co');
    expect(visibility(reply)).toBe('channel');
    expect(replyText(reply).split('\n').slice(0, 2)).toEqual(['Acme Co is set up in this channel, and you are its manager.', 'Zone Europe/Amsterdam · language English · working days Mon-Fri · notice window 2h.']);
    expect(replyText(await h.run('olivia', 'acme', '/obm team'))).toBe('Acme Co: 1 people\nOlivia · manager · Europe/Amsterdam · 09:00-17:00\nZone Europe/Amsterdam · language English · working days Mon-Fri · notice window 2h.');
    expect(replyText(await h.run('olivia', 'acme', '/obm setup Acme Corporation'))).toBe('This team is now called Acme Corporation.');
  });

  it('changes zone, language and working days, and rejects bad values without changing anything', async () => {
    await h.run('olivia', 'acme', '/obm setup Acme Co');
    expect(replyText(await h.run('olivia', 'acme', '/obm setup zone Mars/Olympus'))).toBe('“Mars/Olympus” is not a time zone I know. Type a city or an IANA name, such as Manila or Europe/Amsterdam.');
    expect(replyText(await h.run('olivia', 'acme', '/obm setup language fr'))).toBe('“fr” is not a language I speak. Choose en (English) or nl (Nederlands).');
    expect(replyText(await h.run('olivia', 'acme', '/obm setup days someday'))).toContain('are not days I can read');
    expect(replyText(await h.run('olivia', 'acme', '/obm setup zone'))).toBe('Give a value, for example: /obm setup zone Europe/Amsterdam, /obm setup language nl or /obm setup days mon-fri');
    expect(replyText(await h.run('olivia', 'acme', '/obm setup zone America/New_York'))).toBe('The team’s zone is now America/New_York. People who have not set their own zone use it.');
    expect(replyText(await h.run('olivia', 'acme', '/obm setup days sun-thu'))).toBe('The team’s working days are now Sun-Thu.');
    expect(replyText(await h.run('olivia', 'acme', '/obm setup reminders 48h'))).toMatch(/^Task reminders now go 48 hours before a deadline/);
    expect(replyText(await h.run('olivia', 'acme', '/obm setup reminders off'))).toMatch(/^Reminders before a deadline are off/);
    expect(replyText(await h.run('olivia', 'acme', '/obm setup reminders forever'))).toBe('“forever” is not a duration I can read. Write it like 90m, 2h or 3d.');
    expect(replyText(await h.run('olivia', 'acme', '/obm setup escalate-owner on'))).toBe('Overdue tasks now reach the client owner as the last step of the escalation ladder.');
    expect(replyText(await h.run('olivia', 'acme', '/obm setup escalate-owner maybe'))).toBe('Say on or off, not “maybe”.');
    expect(replyText(await h.run('olivia', 'acme', '/obm setup language nl'))).toBe('De taal van het team is nu Nederlands.');
  });

  it('adds and removes members, and never leaves a team without a manager', async () => {
    await h.run('olivia', 'acme', '/obm setup Acme Co');
    expect(replyText(await h.run('olivia', 'acme', '/obm team add @maria'))).toBe('Maria is now a member of Acme Co.');
    expect(replyText(await h.run('olivia', 'acme', '/obm team add @ben owner'))).toBe('Ben is now the client owner of Acme Co.');
    expect(replyText(await h.run('olivia', 'acme', '/obm team add @ben boss'))).toBe('Roles are manager, member and owner.');
    expect(replyText(await h.run('maria', 'acme', '/obm team add @ben manager'))).toBe('Only a team manager can do that. Usage: /obm team add @person [manager|member|owner]');
    expect(replyText(await h.run('olivia', 'acme', '/obm team remove @olivia'))).toBe('Olivia is the team’s only manager. Make someone else manager first.');
    expect(replyText(await h.run('olivia', 'acme', '/obm team add @olivia member'))).toBe('Olivia is the team’s only manager. Make someone else manager first.');
    expect(replyText(await h.run('olivia', 'acme', '/obm team remove @maria'))).toBe('Maria is no longer on Acme Co.');
    expect(replyText(await h.run('olivia', 'acme', '/obm team remove @maria'))).toBe('Maria is not on this team.');
    expect(replyText(await h.run('olivia', 'acme', '/obm team'))).toBe('Acme Co: 2 people\nOlivia · manager · Europe/Amsterdam · 09:00-17:00\nBen · owner · Europe/Amsterdam (the team’s) · 09:00-17:00\nZone Europe/Amsterdam · language English · working days Mon-Fri · notice window 2h.');
  });

  it('lets a person set their own zone, hours and absences, anywhere, and shows them', async () => {
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me zone Asia/Manila'))).toBe('Your zone is now Asia/Manila; it is 16:00 there now.');
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me hours 08:00-16:00'))).toBe('Your working hours are now 08:00-16:00 (Asia/Manila).');
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me hours 08:00-08:00'))).toContain('are not working hours I can read');
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me away 24 dec to 2 jan'))).toBe('Noted: you are away Thu 24 Dec to Sat 2 Jan 2027.');
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me'))).toBe(
      'Your settings, Maria\nZone: Asia/Manila\nWorking hours: 08:00-16:00\nAway: Thu 24 Dec – Sat 2 Jan 2027\nPublic holidays: none set (set yours with /obm me country PH)\nAlerts: one daily brief at the start of your working day (for the teams you manage); blockers and help requests at once',
    );
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me country ph'))).toBe('Noted: the public holidays of PH are days off for you, and nothing will nudge you on them.');
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me country Narnia'))).toBe('“Narnia” is not a country code I know. Use two letters, like PH, IN, NL or US.');
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me'))).toContain('Public holidays: PH');
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me away clear'))).toBe('Your planned absences are cleared.');
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me colour blue'))).toContain('You can set zone, hours, away, country and alerts');
  });

  it('merges overlapping absences, lists them numbered, removes one, and refuses backwards or implausible ones', async () => {
    const away = async (text: string) => replyText(await h.run('maria', 'dm-maria', `/obm me away${text}`));
    expect(await away('')).toBe('Away: no absences planned');
    expect(await away(' 24 dec to 28 dec')).toBe('Noted: you are away Thu 24 Dec to Mon 28 Dec.');
    expect(await away(' 27 dec to 2 jan')).toBe('Noted: you are away Thu 24 Dec to Sat 2 Jan 2027 (joined with the absence it overlaps).');
    expect(await away(' 3 jan')).toBe('Noted: you are away Thu 24 Dec to Sun 3 Jan 2027 (joined with the absence it overlaps).');
    expect(await away(' 15 jan to 16 jan')).toBe('Noted: you are away Fri 15 Jan 2027 to Sat 16 Jan 2027.');
    expect(await away('')).toBe('Your planned absences (remove one with /obm me away remove <n>):\n1. Thu 24 Dec – Sun 3 Jan 2027\n2. Fri 15 Jan 2027 – Sat 16 Jan 2027');
    expect(await away(' 2026-12-20 to 2026-12-10')).toBe('That period ends before it starts. Put the first day first, for example “24 dec to 2 jan”.');
    expect(await away(' 2026-12-20 to 2029-01-01')).toBe('An absence must end today or later and last at most 366 days.');
    expect(await away(' remove 3')).toBe('There is no absence 3: you have 2. /obm me away lists them.');
    expect(await away(' remove 1')).toBe('Removed your absence Thu 24 Dec – Sun 3 Jan 2027.');
    expect(await away('')).toBe('Your planned absences (remove one with /obm me away remove <n>):\n1. Fri 15 Jan 2027 – Sat 16 Jan 2027');
  });

  it('sets a manager’s alerts to instant and back, in English and Dutch, and refuses anything else in one sentence', async () => {
    await h.run('olivia', 'acme', '/obm setup Acme Co');
    const alertsOf = async () => (await h.db.select({ alerts: people.alerts }).from(people).where(eq(people.platformUserId, 'olivia')))[0]!.alerts;
    expect(await alertsOf()).toBe('daily');
    expect(replyText(await h.run('olivia', 'dm-olivia', '/obm me alerts instant'))).toBe(
      'You now hear of overdue tasks, unanswered follow-ups and unreachable people as they happen, in your working time, instead of in a daily brief.',
    );
    expect(await alertsOf()).toBe('instant');
    expect(replyText(await h.run('olivia', 'dm-olivia', '/obm me'))).toContain('\nAlerts: each as it happens, in your working time, instead of a daily brief');
    expect(replyText(await h.run('olivia', 'dm-olivia', '/obm me alerts sometimes'))).toBe('“sometimes” is not an alert setting: say /obm me alerts daily or /obm me alerts instant.');
    expect(replyText(await h.run('olivia', 'dm-olivia', '/obm me alerts constructor'))).toBe('“constructor” is not an alert setting: say /obm me alerts daily or /obm me alerts instant.');
    expect(replyText(await h.run('olivia', 'dm-olivia', '/obm me alerts'))).toContain('You can set zone, hours, away, country and alerts');
    expect(await alertsOf()).toBe('instant');
    await h.run('olivia', 'acme', '/obm setup language nl');
    expect(replyText(await h.run('olivia', 'acme', '/obm me alerts Dagelijks'))).toBe(
      'Je meldingen komen nu samen in één dagoverzicht aan het begin van je werkdag; blokkades en hulpvragen krijg je nog steeds meteen, binnen je werktijd.',
    );
    expect(await alertsOf()).toBe('daily');
    expect(replyText(await h.run('olivia', 'acme', '/obm me alerts direct'))).toMatch(/^Je hoort nu meteen van te late taken/);
    expect(await alertsOf()).toBe('instant');
    expect(replyText(await h.run('olivia', 'acme', '/obm me alerts nooit'))).toBe('“nooit” is geen meldingsinstelling: zeg /obm me meldingen dagelijks of /obm me meldingen direct.');
    expect(await alertsOf()).toBe('instant');
  });

  it('sets the team’s notice window from 15 minutes to 24 hours, shows it, and refuses anything else in one sentence', async () => {
    await h.run('olivia', 'acme', '/obm setup Acme Co');
    await h.run('olivia', 'acme', '/obm team add @maria');
    const windowOf = async () => (await h.db.select({ minutes: teams.noticeWindowMinutes }).from(teams))[0]!.minutes;
    expect(await windowOf()).toBe(120);
    expect(replyText(await h.run('olivia', 'acme', '/obm setup window 90m'))).toBe(
      'The notice window is now 1h30m: within it, a person gets at most one automatic message about one task, follow-up or standup, the most relevant one.',
    );
    expect(await windowOf()).toBe(90);
    expect(replyText(await h.run('olivia', 'acme', '/obm team'))).toContain('working days Mon-Fri · notice window 1h30m.');
    expect(replyText(await h.run('olivia', 'acme', '/obm setup window 3 hours'))).toMatch(/^The notice window is now 3h:/);
    expect(replyText(await h.run('olivia', 'acme', '/obm setup window 15 min'))).toMatch(/^The notice window is now 15m:/);
    expect(replyText(await h.run('olivia', 'acme', '/obm setup window 24h'))).toMatch(/^The notice window is now 24h:/);
    for (const bad of ['10m', '25h', '2d', 'soon']) {
      expect(replyText(await h.run('olivia', 'acme', `/obm setup window ${bad}`))).toBe(`“${bad}” is not a notice window I can use: give 15m to 24h, for example /obm setup window 2h.`);
    }
    expect(await windowOf()).toBe(24 * 60);
    expect(replyText(await h.run('maria', 'acme', '/obm setup window 2h'))).toBe('Only a team manager can do that. Usage: /obm setup …');
    await h.run('olivia', 'acme', '/obm setup language nl');
    expect(replyText(await h.run('olivia', 'acme', '/obm setup window 2 uur'))).toBe(
      'Het meldingsvenster is nu 2h: daarbinnen krijgt iemand hooguit één automatisch bericht over één taak, navraag of standup, het belangrijkste.',
    );
    expect(replyText(await h.run('olivia', 'acme', '/obm setup window 5m'))).toBe('“5m” is geen meldingsvenster dat ik kan gebruiken: geef 15m tot 24u, bijvoorbeeld /obm setup venster 2 uur.');
    expect(await windowOf()).toBe(120);
  });

  it('answers /obm help, and /obm alone, with the index of command families', async () => {
    const help = replyText(await h.run('maria', 'dm-maria', '/obm help'));
    expect(help.split('\n').slice(0, 3)).toEqual(['What I can do', '/task: Plan, delegate and finish tasks', '/followup: Ask someone later whether something got done']);
    expect(replyText(await h.run('maria', 'dm-maria', '/obm'))).toBe(help);
  });

  it('explains team commands outside a team channel', async () => {
    expect(replyText(await h.run('maria', 'dm-maria', '/obm setup Acme'))).toBe('/obm setup works in a client team channel, not in a direct message.');
    expect(replyText(await h.run('maria', 'random', '/obm team'))).toBe('This channel is not a client team yet. A manager can make it one with /obm setup <client name>.');
  });
});
