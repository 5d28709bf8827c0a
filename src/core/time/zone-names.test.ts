import { describe, expect, it } from 'vitest';
import { normalizeZoneText, offsetLabel, resolveZoneName, suggestZones } from './zone-names.js';

const winter = new Date('2026-12-03T12:00:00Z');
const summer = new Date('2027-07-01T12:00:00Z');

describe('resolveZoneName: one zone', () => {
  it.each([
    ['manila', 'Asia/Manila'],
    ['Manila', 'Asia/Manila'],
    ['new york', 'America/New_York'],
    ['New_York', 'America/New_York'],
    ['nyc', 'America/New_York'],
    ['New York City', 'America/New_York'],
    ['amsterdam', 'Europe/Amsterdam'],
    ['Europe/amsterdam', 'Europe/Amsterdam'],
    ['utc', 'UTC'],
    ['la', 'America/Los_Angeles'],
    ['sf', 'America/Los_Angeles'],
    ['uk', 'Europe/London'],
    ['england', 'Europe/London'],
    ['holland', 'Europe/Amsterdam'],
    ['Nederland', 'Europe/Amsterdam'],
    ['the netherlands', 'Europe/Amsterdam'],
    ['philippines', 'Asia/Manila'],
    ['Filipijnen', 'Asia/Manila'],
    ['germany', 'Europe/Berlin'],
    ['Duitsland', 'Europe/Berlin'],
    ['india', 'Asia/Kolkata'],
    ['calcutta', 'Asia/Kolkata'], // ICU's old name still finds the zone, spelled as today
    ['kolkata', 'Asia/Kolkata'],
    ['São Paulo', 'America/Sao_Paulo'],
    ['sao paulo', 'America/Sao_Paulo'],
    ['bogota', 'America/Bogota'],
    ['buenos aires', 'America/Argentina/Buenos_Aires'],
    ['londen', 'Europe/London'],
    ['amster', 'Europe/Amsterdam'], // the start of one name only
  ])('%j -> %s', (text, zone) => expect(resolveZoneName(text, winter)).toEqual({ kind: 'zone', zone }));
});

describe('resolveZoneName: several zones', () => {
  it('offers the clocks of the United States, main zone first, with the offset of the day', () => {
    const reading = resolveZoneName('us', winter);
    expect(reading.kind).toBe('several');
    if (reading.kind !== 'several') return;
    expect(reading.options[0]).toEqual({ label: 'New York (UTC-5)', value: 'America/New_York' });
    expect(reading.options.map((option) => option.value)).toEqual(expect.arrayContaining(['America/Chicago', 'America/Denver', 'America/Los_Angeles']));
  });

  it.each(['united states', 'Verenigde Staten', 'usa', 'australia', 'Australië', 'mexico', 'brazil', 'canada'])('%j has several', (text) => {
    const reading = resolveZoneName(text, winter);
    expect(reading.kind).toBe('several');
    if (reading.kind === 'several') expect(reading.options.length).toBeGreaterThan(1);
  });

  it('keeps one zone per clock: Detroit tells the same time as New York', () => {
    const reading = resolveZoneName('united states', winter);
    if (reading.kind !== 'several') throw new Error('expected several');
    expect(reading.options.map((option) => option.value)).not.toContain('America/Detroit');
  });

  it("labels follow daylight saving on the day they are read", () => {
    const reading = resolveZoneName('us', summer);
    if (reading.kind !== 'several') throw new Error('expected several');
    expect(reading.options[0]).toEqual({ label: 'New York (UTC-4)', value: 'America/New_York' });
  });

  it('lists a country main zone first (Toronto, not Thunder Bay)', () => {
    const reading = resolveZoneName('canada', winter);
    if (reading.kind !== 'several') throw new Error('expected several');
    expect(reading.options[0]?.value).toBe('America/Toronto');
  });
});

describe('resolveZoneName: abbreviations', () => {
  it.each([
    ['EST', 'America/New_York'],
    ['est', 'America/New_York'],
    ['PST', 'America/Los_Angeles'],
    ['CST', 'America/Chicago'],
    ['MST', 'America/Denver'],
    ['CET', 'Europe/Amsterdam'],
    ['cest', 'Europe/Amsterdam'],
    ['EET', 'Europe/Athens'],
    ['WET', 'Europe/Lisbon'],
    ['GMT', 'Europe/London'],
    ['AEST', 'Australia/Sydney'],
  ])('%j is refused with %s', (text, suggestion) =>
    expect(resolveZoneName(text, winter)).toEqual({ kind: 'abbreviation', abbreviation: text.toUpperCase(), suggestion }),
  );

  // EST, MST and CET are valid IANA names, which is why the abbreviation check comes first.
  it('refuses even the abbreviations the tz database accepts', () => {
    expect(resolveZoneName('MST', winter).kind).toBe('abbreviation');
  });
});

describe('resolveZoneName: unknown', () => {
  it.each(['', '   ', 'xyzzy', 'Mars/Base', 'UTC+8', '+02:00'])('%j', (text) => expect(resolveZoneName(text, winter)).toEqual({ kind: 'unknown' }));
});

describe('suggestZones', () => {
  it('offers the common zones west to east before anything is typed', () => {
    const suggestions = suggestZones('', winter);
    expect(suggestions[0]).toEqual({ label: 'Los Angeles (UTC-8)', value: 'America/Los_Angeles' });
    expect(suggestions.at(-1)?.value).toBe('Pacific/Auckland');
  });

  it('puts a city starting with the text before America/… names', () => {
    expect(suggestZones('am', winter)[0]?.value).toBe('Europe/Amsterdam');
  });

  it('finds a zone by its IANA region and city', () => {
    expect(suggestZones('Asia/Man', winter)[0]).toEqual({ label: 'Manila (UTC+8)', value: 'Asia/Manila' });
  });

  it('shows the zone an abbreviation stands for first', () => {
    expect(suggestZones('EST', winter)[0]?.value).toBe('America/New_York');
  });

  it('is accent- and case-insensitive', () => {
    expect(suggestZones('SÃO', winter)[0]?.value).toBe('America/Sao_Paulo');
    expect(suggestZones('zurich', winter)[0]?.value).toBe('Europe/Zurich');
  });

  it('keeps to the limit', () => {
    expect(suggestZones('a', winter, 25)).toHaveLength(25);
    expect(suggestZones('a', winter, 3)).toHaveLength(3);
  });

  it('is empty for text that names nothing', () => expect(suggestZones('qqqq', winter)).toEqual([]));
});

describe('helpers', () => {
  it('normalizes spelling', () => expect(normalizeZoneText('  São_Paulo ')).toBe('sao paulo'));
  it.each([
    ['Asia/Kolkata', 'UTC+5:30'],
    ['America/St_Johns', 'UTC-3:30'],
    ['UTC', 'UTC+0'],
  ])('offset of %s', (zone, label) => expect(offsetLabel(zone, winter)).toBe(label));
});
