import { describe, expect, it } from 'vitest';
import { parseOptionText, type OptionSpec } from '../../src/core/command-text.js';
import { createRegistry, type SubcommandDef } from '../../src/core/commands.js';
import { coreModules } from '../../src/core/modules/index.js';
import { readAsk } from '../../src/core/modules/followups/followups.usecases.js';
import { parseRecurrence } from '../../src/core/time/recurrence.js';

/**
 * Every keyword of every command has an English and a Dutch form, accepted in any team, and both read the
 * same. Generated over the real registry: a new keyword option is checked the day it is declared, and a new
 * keyword fails here until it is placed in one language (or both) below.
 */

const ENGLISH = new Set([
  ...['sop', 'day'],
  ...['due', 'by', 'before', 'deadline', 'project', 'at', 'on', 'name', 'time', 'days', 'questions', 'question', 'nudge', 'reminder'],
  ...['every', 'each', 'daily', 'weekly', 'monthly', 'weekdays', 'workdays', 'fortnightly'],
  ...['zone', 'language', 'reminders', 'escalate-owner', 'window', 'hours', 'away', 'country', 'alerts'],
  ...['kind', 'remind', 'next'],
  ...['unit', 'target', 'for', 'length', 'link', 'url', 'max', 'maximum', 'with', 'title', 'when'],
]);
const DUTCH = new Set([
  ...['sop', 'dag'],
  ...['deadline', 'uiterlijk', 'voor', 'tegen', 'project', 'om', 'op', 'naam', 'tijd', 'dagen', 'vragen', 'vraag', 'herinnering'],
  ...['elke', 'iedere', 'dagelijks', 'wekelijks', 'maandelijks', 'werkdagen', 'tweewekelijks'],
  ...['tijdzone', 'taal', 'herinneringen', 'escaleren', 'venster', 'uren', 'werktijden', 'afwezig', 'land', 'meldingen'],
  ...['soort', 'herinner', 'komende'],
  ...['eenheid', 'doel', 'duur', 'link', 'url', 'max', 'maximum', 'met', 'titel', 'wanneer'],
]);

/** A value for each option, typed after its keyword; an option missing here fails the test below. */
const SAMPLES: Record<string, string> = {
  due: 'friday 17:00',
  when: 'friday 10:00',
  project: 'Website launch',
  sop: 'Refunds SOP',
  day: '2',
  name: 'Planning',
  at: '09:00',
  on: 'mon-fri',
  questions: '"What is done?" | "What is next?"',
  deadline: '12:00',
  nudge: '1h',
  zone: 'Europe/Amsterdam',
  language: 'nl',
  days: 'mon-thu',
  reminders: '24h',
  'escalate-owner': 'off',
  window: '2h',
  hours: '08:00-16:00',
  away: '24 dec to 2 jan',
  country: 'NL',
  alerts: 'instant',
  kind: 'launch',
  remind: '2 days before',
  next: '14 days',
  unit: '€',
  target: '5000',
  period: 'week 48',
  length: '90 minutes',
  link: 'https://meet.example.com/abc',
  max: '10',
  with: 'everyone',
  title: 'Onboarding call',
};

/** A repeat keeps its keyword, so each one has its own phrase; an English and a Dutch phrase must mean the same. */
const REPEATS: Record<string, string> = {
  every: 'every monday',
  each: 'each monday',
  elke: 'elke maandag',
  iedere: 'iedere maandag',
  om: 'om de week',
  daily: 'daily',
  dagelijks: 'dagelijks',
  weekly: 'weekly',
  wekelijks: 'wekelijks',
  monthly: 'monthly',
  maandelijks: 'maandelijks',
  weekdays: 'weekdays',
  workdays: 'workdays',
  werkdagen: 'werkdagen',
  fortnightly: 'fortnightly',
  tweewekelijks: 'tweewekelijks',
};

const registry = createRegistry(coreModules);
const keywordOptions = [...registry.commands.values()].flatMap((command) =>
  command.subcommands.flatMap((subcommand) =>
    subcommand.options
      // A keyword option without words (which standup) is only typed apart, on Discord, or as `#2` or a quoted name.
      .filter((option) => option.kind === 'keyword' && (option.keywords ?? []).length > 0)
      .map((option) => ({ label: `/${command.name} ${subcommand.name} ${option.name}`, command: command.name, subcommand, option })),
  ),
);

const parse = (subcommand: SubcommandDef, text: string) => (subcommand.parse ?? ((value: string) => parseOptionText(value, subcommand.options)))(text);

/** What comes before the keyword: the words a required title (or question) and person need. */
const prefixOf = (subcommand: SubcommandDef) =>
  [
    subcommand.options.some((option) => option.kind === 'ref' && option.required) ? '3' : '',
    subcommand.options.some((option) => option.kind === 'person' && option.required) ? '@{U1}' : '',
    subcommand.options.some((option) => option.kind === 'rest' && option.required) ? 'Weekly report' : '',
    // A metric's log: its name and value come first (`/metric log Leads 12 for week 48`).
    subcommand.options.some((option) => option.kind === 'word' && option.required) ? 'Leads 12' : '',
  ].filter(Boolean).join(' ');

// Monday 23 Nov 2026, 09:00 in Amsterdam.
const now = new Date('2026-11-23T08:00:00Z');

/**
 * What the command reads from `<prefix> <keyword> <value>`. A follow-up's question keeps its when until the
 * person's zone is known; `readAsk` then splits it off, as the command does.
 */
const readingOf = (entry: (typeof keywordOptions)[number], keyword: string, value: string) => {
  const raw = parse(entry.subcommand, [prefixOf(entry.subcommand), keyword, value].filter(Boolean).join(' '));
  if (entry.command === 'followup' && entry.subcommand.name === 'ask' && raw[entry.option.name] === undefined) {
    const { what, when } = readAsk({ text: String(raw.what), now, zone: 'Europe/Amsterdam', locale: 'en' });
    return { ...raw, what, [entry.option.name]: when?.toISOString() };
  }
  return raw;
};

describe('keyword parity over the command registry', () => {
  it('finds the keyword options of every family', () => {
    expect(new Set(keywordOptions.map((entry) => entry.command))).toEqual(new Set(['task', 'followup', 'standup', 'obm', 'calendar', 'sop', 'metric', 'training']));
  });

  it('gives no word to two options of one subcommand', () => {
    for (const { subcommand } of keywordOptions) {
      const words = subcommand.options.flatMap((option) => option.keywords ?? []);
      expect(words.filter((word, index) => words.indexOf(word) !== index), subcommand.name).toEqual([]);
    }
  });

  describe.each(keywordOptions)('$label', (entry) => {
    const keywords = entry.option.keywords!;

    it('has an English and a Dutch keyword, and every keyword is of a known language', () => {
      expect(keywords.filter((keyword) => !ENGLISH.has(keyword) && !DUTCH.has(keyword))).toEqual([]);
      expect(keywords.some((keyword) => ENGLISH.has(keyword))).toBe(true);
      expect(keywords.some((keyword) => DUTCH.has(keyword))).toBe(true);
    });

    if (entry.option.keepKeyword) {
      it('reads each keyword’s phrase as a repeat, the English ones meaning what the Dutch ones mean', () => {
        const meanings = { en: new Set<string>(), nl: new Set<string>() };
        for (const keyword of keywords) {
          const phrase = REPEATS[keyword];
          expect(phrase, `a phrase for ${keyword}`).toBeDefined();
          const raw = parse(entry.subcommand, `${prefixOf(entry.subcommand)} ${phrase}`.trim());
          expect(raw[entry.option.name], keyword).toBe(phrase);
          expect(raw.title).toBe('Weekly report');
          const meaning = JSON.stringify(parseRecurrence(phrase!));
          if (ENGLISH.has(keyword)) meanings.en.add(meaning);
          if (DUTCH.has(keyword)) meanings.nl.add(meaning);
        }
        expect(meanings.nl).toEqual(meanings.en);
      });
      return;
    }

    it('reads the same value after the English and the Dutch keyword', () => {
      const sample = SAMPLES[entry.option.name];
      expect(sample, `a sample value for ${entry.option.name}`).toBeDefined();
      const readings = keywords.map((keyword) => ({ keyword, reading: readingOf(entry, keyword, sample!) }));
      const expected = readings[0]!.reading;
      expect(expected[entry.option.name]).toBeDefined();
      if (entry.command !== 'followup') expect(expected[entry.option.name]).toBe(sample);
      for (const { keyword, reading } of readings) expect(reading, keyword).toEqual(expected);
    });
  });
});

describe('titles that contain keywords, in English and Dutch', () => {
  const add = registry.commands.get('task')!.subcommands.find((subcommand) => subcommand.name === 'add')!;
  const read = (text: string) => parse(add, text);

  it.each<[string, Record<string, unknown>]>([
    ['Review due diligence due monday', { title: 'Review due diligence', due: 'monday' }],
    ['Plan the launch by the book by friday', { title: 'Plan the launch by the book', due: 'friday' }],
    ['"Review due diligence" due monday', { title: 'Review due diligence', due: 'monday' }],
    ['Check every invoice every 2 weeks', { title: 'Check every invoice', repeat: 'every 2 weeks' }],
    ['Send the weekly report weekly', { title: 'Send the weekly report', repeat: 'weekly' }],
    ['Send the daily report', { title: 'Send the daily report' }],
    ['Update the project plan project Website', { title: 'Update the project plan', project: 'Website' }],
    ['Read every page', { title: 'Read every page' }],
    ['Weekrapport @{sanne} elke vrijdag', { title: 'Weekrapport', assignees: ['sanne'], repeat: 'elke vrijdag' }],
    ['Offerte voor Jansen voor vrijdag', { title: 'Offerte voor Jansen', due: 'vrijdag' }],
    ['Tests tegen de API uiterlijk morgen 12:00', { title: 'Tests tegen de API', due: 'morgen 12:00' }],
    ['Deadline bespreken deadline vrijdag', { title: 'Deadline bespreken', due: 'vrijdag' }],
    ['Elke klant bellen Elke maandag !hoog', { title: 'Elke klant bellen', repeat: 'Elke maandag', priority: 'hoog' }],
    ['Dagelijks overleg plannen dagelijks', { title: 'Dagelijks overleg plannen', repeat: 'dagelijks' }],
    ['Bel de klant om 3 uur iedere werkdag', { title: 'Bel de klant om 3 uur', repeat: 'iedere werkdag' }],
    ['Factuur sturen elke 2 weken voor vrijdag 17:00 project Acme', { title: 'Factuur sturen', repeat: 'elke 2 weken', due: 'vrijdag 17:00', project: 'Acme' }],
    ['"Voor vrijdag elke dag" tegen maandag', { title: 'Voor vrijdag elke dag', due: 'maandag' }],
    ['Daily check @{maria}', { title: 'Daily check', assignees: ['maria'] }],
    ['Wekelijks overleg voorbereiden', { title: 'Wekelijks overleg voorbereiden' }],
    ['Project kickoff plannen @{maria}', { title: 'Project kickoff plannen', assignees: ['maria'] }],
    ['Due diligence review by friday', { title: 'Due diligence review', due: 'friday' }],
    ['@{maria} uiterlijk morgen offerte sturen', { assignees: ['maria'], due: 'morgen', title: 'offerte sturen' }],
    ['Process the refund sop 3', { title: 'Process the refund', sop: '3' }],
    ['Terugbetaling verwerken @{maria} sop Terugbetalingen afhandelen uiterlijk vrijdag', { title: 'Terugbetaling verwerken', assignees: ['maria'], sop: 'Terugbetalingen afhandelen', due: 'vrijdag' }],
    ['"Update the sop" sop 2', { title: 'Update the sop', sop: '2' }],
  ])('%j', (text, expected) => expect(read(text)).toEqual(expected));
});
