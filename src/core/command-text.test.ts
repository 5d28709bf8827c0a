import { describe, expect, it } from 'vitest';
import { parseOptionText, tokenize, type OptionSpec } from './command-text.js';
import { mentionId } from './mentions.js';

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
});
