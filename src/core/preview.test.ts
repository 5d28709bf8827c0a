import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/helpers/bot-harness.js';
import { testDatabases } from '../../test/helpers/database.js';
import type { DatabaseHandle } from '../db/client.js';
import { previewWhen } from './preview.js';

// Monday 23 Nov 2026, 08:00 UTC: 16:00 in Manila, 09:00 in Amsterdam.
const NOW = new Date('2026-11-23T08:00:00Z');
/** A platform that shows 25 choices of up to 100 characters (Discord's autocomplete). */
const capabilities = { maxChoices: 25, maxChoiceLabel: 100 };

describe('previewing a date phrase', () => {
  it('shows how the phrase is read in the zone given, and keeps the phrase as the value', () => {
    expect(previewWhen({ phrase: 'friday 5pm', now: NOW, zone: 'Asia/Manila', locale: 'en', kind: 'due', capabilities })).toEqual([{ label: 'friday 5pm → Fri 27 Nov, 17:00 (Asia/Manila)', value: 'friday 5pm' }]);
    expect(previewWhen({ phrase: 'friday', now: NOW, zone: 'Asia/Manila', locale: 'en', kind: 'start', capabilities })[0]!.label).toBe('friday → Fri 27 Nov, 09:00 (Asia/Manila)');
  });

  it('reads the same phrase differently across a DST change in the zone, not the host', () => {
    // 29 Mar 2027: Amsterdam is on summer time (UTC+2) by then.
    const [choice] = previewWhen({ phrase: '29 mar 2027 09:00', now: NOW, zone: 'Europe/Amsterdam', locale: 'en', kind: 'due', capabilities });
    expect(choice!.label).toBe('29 mar 2027 09:00 → Mon 29 Mar 2027, 09:00 (Europe/Amsterdam)');
  });

  it('says why a phrase cannot be used, in the person’s language', () => {
    expect(previewWhen({ phrase: 'whenever', now: NOW, zone: 'UTC', locale: 'en', kind: 'due', capabilities })[0]!.label).toMatch(/^whenever → I could not read “whenever” as a time/);
    expect(previewWhen({ phrase: '1 jan 2026', now: NOW, zone: 'UTC', locale: 'nl', kind: 'due', capabilities })[0]!.label).toMatch(/is al voorbij/);
  });

  it('offers common phrases, each read, when nothing is typed', () => {
    const choices = previewWhen({ phrase: '  ', now: NOW, zone: 'Asia/Manila', locale: 'en', kind: 'due', capabilities });
    expect(choices.map((choice) => choice.value)).toEqual(['tomorrow 09:00', 'friday 17:00', 'eod', 'in 2 hours', 'next monday 10:00']);
    expect(choices[0]!.label).toBe('tomorrow 09:00 → Tue 24 Nov, 09:00 (Asia/Manila)');
  });

  it('keeps labels and values within 100 characters', () => {
    const long = `friday 17:00 ${'x'.repeat(150)}`;
    for (const choice of previewWhen({ phrase: long, now: NOW, zone: 'UTC', locale: 'en', kind: 'due', capabilities })) {
      expect(choice.label.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('fits the list and each choice to what the platform can show', () => {
    const small = { maxChoices: 3, maxChoiceLabel: 20 };
    const starters = previewWhen({ phrase: '', now: NOW, zone: 'Asia/Manila', locale: 'en', kind: 'due', capabilities: small });
    expect(starters.map((choice) => choice.value)).toEqual(['tomorrow 09:00', 'friday 17:00', 'eod']);
    for (const choice of starters) expect(choice.label.length).toBeLessThanOrEqual(20);
    expect(starters[0]!.label).toBe('tomorrow 09:00 → Tu…');
  });
});

describe.each(testDatabases())('the bot’s date preview on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  beforeEach(async () => {
    handle = await open();
    h = await createHarness({ handle, start: NOW.toISOString(), people: { olivia: { zone: 'Europe/Amsterdam' }, maria: { zone: 'Asia/Manila' }, sam: {} } });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', sam: 'member' } });
    await h.run('olivia', 'acme', '/obm setup zone America/New_York');
  });
  afterEach(async () => handle.close());

  const person = (userId: string, channel = 'acme') => ({
    platform: 'console' as const,
    workspace: { externalId: 'demo' },
    actor: { userId, displayName: userId[0]!.toUpperCase() + userId.slice(1) },
    channel: { id: channel, isDm: false },
    directory: { lookup: async () => null },
  });

  it('reads the phrase in the zone of the person it is for, else the actor’s, else the team’s and says so', async () => {
    expect((await h.bot.preview(person('olivia'), { phrase: 'friday 17:00', forUserId: 'maria' }, capabilities))[0]!.label).toBe('friday 17:00 → Fri 27 Nov, 17:00 (Asia/Manila)');
    expect((await h.bot.preview(person('olivia'), { phrase: 'friday 17:00' }, capabilities))[0]!.label).toBe('friday 17:00 → Fri 27 Nov, 17:00 (Europe/Amsterdam)');
    expect((await h.bot.preview(person('olivia'), { phrase: 'friday 17:00', forUserId: 'sam' }, capabilities))[0]!.label).toBe('friday 17:00 → Fri 27 Nov, 17:00 (America/New_York, team zone)');
    expect((await h.bot.preview({ ...person('sam', 'dm-sam'), channel: { id: 'dm-sam', isDm: true } }, { phrase: 'tomorrow 9:00' }, capabilities))[0]!.label).toBe('tomorrow 9:00 → Tue 24 Nov, 09:00 (UTC, no zone set)');
  });

  it('previews exactly what the command then reads', async () => {
    const [choice] = await h.bot.preview(person('olivia'), { phrase: 'friday 5pm', forUserId: 'maria' }, capabilities);
    await h.run('olivia', 'acme', `/task add Send the invoices @maria due ${choice!.value}`);
    expect(h.recorder.dmsTo('maria')[0]?.text).toContain('Fri 27 Nov, 17:00 (Asia/Manila)');
  });
});
