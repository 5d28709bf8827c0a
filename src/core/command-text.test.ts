import { describe, expect, it } from 'vitest';
import { parseOptionText, readsAsWhen, tokenize, type OptionSpec } from './command-text.js';
import { mentionId } from './mentions.js';
import { isRecurrence } from './time/recurrence.js';

const addSpecs: OptionSpec[] = [
  { name: 'title', kind: 'rest', description: '' },
  { name: 'assignees', kind: 'people', description: '' },
  { name: 'due', kind: 'keyword', keywords: ['due'], description: '' },
  { name: 'priority', kind: 'flag', description: '' },
  { name: 'repeat', kind: 'keyword', keywords: ['every'], keepKeyword: true, description: '' },
  { name: 'project', kind: 'keyword', keywords: ['project'], description: '' },
];

describe('the command text grammar', () => {
  it('reads every option of a full /task add line, in any order', () => {
    expect(parseOptionText('Send the report @{U1} @{U2} due friday 5pm !high every week project Launch Q1', addSpecs)).toEqual({
      title: 'Send the report',
      assignees: ['U1', 'U2'],
      due: 'friday 5pm',
      priority: 'high',
      repeat: 'every week',
      project: 'Launch Q1',
    });
    expect(parseOptionText('!urgent due tomorrow Call the bank', addSpecs)).toEqual({ priority: 'urgent', due: 'tomorrow Call the bank' });
  });

  it('keeps quoted words together, so a title may hold a keyword', () => {
    expect(parseOptionText('"Review due diligence" due monday', addSpecs)).toEqual({ title: 'Review due diligence', due: 'monday' });
    expect(parseOptionText('“Plan every launch” @{U9}', addSpecs)).toEqual({ title: 'Plan every launch', assignees: ['U9'] });
  });

  it('reads a leading task number with or without #, and reports words nobody took', () => {
    const specs: OptionSpec[] = [{ name: 'number', kind: 'ref', description: '' }];
    expect(parseOptionText('#12', specs)).toEqual({ number: '12' });
    expect(parseOptionText('12 please', specs)).toEqual({ number: '12', _extra: 'please' });
  });

  it('recognises the core’s own mention form only: platform markup is the adapters’ to translate', () => {
    expect(mentionId('@{U123ABC}')).toBe('U123ABC');
    expect(mentionId('@{80351110224678912}')).toBe('80351110224678912');
    expect(mentionId('<@U123ABC>')).toBeNull();
    expect(mentionId('<@!80351110224678912>')).toBeNull();
    expect(mentionId('@maria')).toBeNull();
    expect(mentionId('<#C123>')).toBeNull();
  });

  it('tokenizes unbalanced quotes without losing words', () => {
    expect(tokenize('a "b c').map((token) => token.replace('\u0000', ''))).toEqual(['a', '"b', 'c']);
  });

  it('tells a date or time from title words, in either language, without a clock', () => {
    for (const phrase of ['friday', 'friday 17:00', 'vrijdag', 'morgen 12:00', 'tomorrow', '15 dec']) expect(readsAsWhen(phrase), phrase).toBe(true);
    for (const phrase of ['', 'diligence', 'the book', 'friday Call the bank', '5']) expect(readsAsWhen(phrase), phrase).toBe(false);
  });
});

describe('forgiving titles: a keyword counts only where what follows reads as its value', () => {
  const specs: OptionSpec[] = [
    { name: 'title', kind: 'rest', description: '' },
    { name: 'assignees', kind: 'people', description: '' },
    { name: 'due', kind: 'keyword', keywords: ['due', 'by', 'voor', 'uiterlijk'], when: true, description: '' },
    { name: 'priority', kind: 'flag', description: '' },
    { name: 'repeat', kind: 'keyword', keywords: ['every', 'daily', 'elke', 'dagelijks'], keepKeyword: true, accepts: isRecurrence, description: '' },
    { name: 'project', kind: 'keyword', keywords: ['project'], accepts: (value) => value.trim() !== '', description: '' },
  ];
  const read = (text: string) => parseOptionText(text, specs);

  it('keeps a keyword whose words are no value in the title, and the last one that counts wins', () => {
    expect(read('Review due diligence due monday')).toEqual({ title: 'Review due diligence', due: 'monday' });
    expect(read('Plan the launch by the book by friday')).toEqual({ title: 'Plan the launch by the book', due: 'friday' });
    expect(read('Offerte voor Jansen voor vrijdag')).toEqual({ title: 'Offerte voor Jansen', due: 'vrijdag' });
    expect(read('Call the client due monday due friday')).toEqual({ title: 'Call the client due monday', due: 'friday' });
    expect(read('Update the project')).toEqual({ title: 'Update the project' });
    expect(read('Read every page')).toEqual({ title: 'Read every page' });
  });

  it('reads single-word repeats as whole values, and a repeat word inside a title as a title word', () => {
    expect(read('Weekrapport @{U7} elke vrijdag')).toEqual({ title: 'Weekrapport', assignees: ['U7'], repeat: 'elke vrijdag' });
    expect(read('Check the mail daily')).toEqual({ title: 'Check the mail', repeat: 'daily' });
    expect(read('Send daily report')).toEqual({ title: 'Send daily report' });
    expect(read('Send daily report dagelijks uiterlijk 17:00')).toEqual({ title: 'Send daily report', repeat: 'dagelijks', due: '17:00' });
  });

  it('ends a value at a later keyword word when the whole does not read, and lets a value lead the title', () => {
    expect(read('Fix the bug due friday project')).toEqual({ title: 'Fix the bug project', due: 'friday' });
    expect(read('Launch project Big by Q1 due friday')).toEqual({ title: 'Launch', project: 'Big by Q1', due: 'friday' });
    expect(read('!urgent due tomorrow Call the bank')).toEqual({ priority: 'urgent', due: 'tomorrow', title: 'Call the bank' });
    expect(read('@{U1} by friday 17:00 send the invoice')).toEqual({ assignees: ['U1'], due: 'friday 17:00', title: 'send the invoice' });
    expect(read('Due diligence review')).toEqual({ title: 'Due diligence review' });
  });

  it('reads a repeat word that starts a title as the title’s, and a leading free-text keyword as the title when none is left', () => {
    expect(read('Daily check @{U1}')).toEqual({ title: 'Daily check', assignees: ['U1'] });
    expect(read('Weekly report')).toEqual({ title: 'Weekly report' });
    expect(read('Daily')).toEqual({ repeat: 'Daily' });
    const titled: OptionSpec[] = specs.map((spec) => (spec.kind === 'rest' ? { ...spec, required: true } : spec));
    expect(parseOptionText('Project kickoff call @{U1}', titled)).toEqual({ title: 'Project kickoff call', assignees: ['U1'] });
    expect(parseOptionText('project Apollo Kickoff due friday', titled)).toEqual({ title: 'project Apollo Kickoff', due: 'friday' });
    expect(parseOptionText('Kickoff project Apollo', titled)).toEqual({ title: 'Kickoff', project: 'Apollo' });
    // Without a title to make, the project keeps its words.
    expect(parseOptionText('Project kickoff call', specs)).toEqual({ project: 'kickoff call' });
  });

  it('keeps quoted words literal', () => {
    expect(read('"Review due diligence by friday" due monday')).toEqual({ title: 'Review due diligence by friday', due: 'monday' });
    expect(read('Report "every friday"')).toEqual({ title: 'Report every friday' });
  });

  it('keeps a keyword without a check as it was: its words, even none', () => {
    const me: OptionSpec[] = [{ name: 'away', kind: 'keyword', keywords: ['away', 'afwezig'], description: '' }];
    expect(parseOptionText('away', me)).toEqual({ away: '' });
    expect(parseOptionText('afwezig 24 dec to 2 jan', me)).toEqual({ away: '24 dec to 2 jan' });
  });
});
