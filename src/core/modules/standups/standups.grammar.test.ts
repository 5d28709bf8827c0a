import { describe, expect, it } from 'vitest';
import { isBotError } from '../../errors.js';
import { isBlocker } from './standups.no-blocker.js';
import { parseQuestions, parseRefText, parseSettingsText, questionsText, readAnswer, readDayAhead, readPeriod } from './standups.grammar.js';

const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return isBotError(error) ? error.code : String(error);
  }
  return null;
};

describe('the /standup grammar', () => {
  it('splits a setup line into its settings, keeping quoted questions whole', () => {
    expect(parseSettingsText('at 09:00 on mon-fri questions "What did you finish yesterday?" | "What will you do today?" | "Anything blocking you?" deadline 12:00', 'name')).toEqual({
      at: '09:00',
      on: 'mon-fri',
      questions: '"What did you finish yesterday?" | "What will you do today?" | "Anything blocking you?"',
      deadline: '12:00',
    });
    expect(parseSettingsText('Monday planning on mon at 10:00 report digest nudge off @{maria} @{jo}', 'name')).toEqual({
      name: 'Monday planning',
      on: 'mon',
      at: '10:00',
      report: 'digest',
      nudge: 'off',
      participants: ['maria', 'jo'],
    });
    expect(parseSettingsText('#2 for everyone', 'standup')).toEqual({ standup: '#2', participants: ['*'] });
    expect(parseSettingsText('om 9:00 op ma, wo, vr vragen Hoe gaat het? [1-5] | Blokkeert iets je?', 'name')).toEqual({ at: '9:00', on: 'ma, wo, vr', questions: 'Hoe gaat het? [1-5] | Blokkeert iets je?' });
    expect(parseSettingsText('@{maria} monday', 'name')).toEqual({ participants: ['maria'], _extra: 'monday' });
  });

  it('ends unquoted questions only at a keyword with a valid value, so “work on today” stays a question', () => {
    expect(parseSettingsText('questions What will you work on today? | Anything at all blocking you? deadline 11:00 at 9:00', 'name')).toEqual({
      questions: 'What will you work on today? | Anything at all blocking you?',
      deadline: '11:00',
      at: '9:00',
    });
    expect(parseSettingsText('questions Ready for the day? [yes/no] on mon-fri', 'name')).toEqual({ questions: 'Ready for the day? [yes/no]', on: 'mon-fri' });
  });

  it('reads question kinds and the blocker question', () => {
    expect(parseQuestions('"Mood" [1-5] | "On track? [yes/no]" | "What is next?" | "Stuck on anything?"')).toEqual([
      { text: 'Mood', kind: 'scale' },
      { text: 'On track?', kind: 'yesno' },
      { text: 'What is next?', kind: 'text' },
      { text: 'Stuck on anything?', kind: 'text', blocker: true },
    ]);
    // Quoted questions need no bars between them; [ja/nee] and [schaal] are Dutch markers; the blocker may be any text question.
    expect(parseQuestions('"Gaat het?" [ja/nee] "Energie [schaal]" "Wat zit je dwars? [blocker]" "Plannen?"')).toEqual([
      { text: 'Gaat het?', kind: 'yesno' },
      { text: 'Energie', kind: 'scale' },
      { text: 'Wat zit je dwars?', kind: 'text', blocker: true },
      { text: 'Plannen?', kind: 'text' },
    ]);
    expect(parseQuestions('Mood [1-5] | Ready? [yes/no]')).toEqual([
      { text: 'Mood', kind: 'scale' },
      { text: 'Ready?', kind: 'yesno' },
    ]);
    const questions = parseQuestions('"A [1-5]" | "B?" | "C [blocker]"');
    expect(parseQuestions(questionsText(questions))).toEqual(questions);
    expect(errorOf(() => parseQuestions(''))).toBe('standups.questions_required');
    expect(errorOf(() => parseQuestions('"[1-5]"'))).toBe('standups.question_empty');
    expect(errorOf(() => parseQuestions('"A [maybe]"'))).toBe('standups.bad_marker');
  });

  it('tells a blocker from “nothing”, in English and Dutch', () => {
    for (const nothing of ['', ' ', 'none', 'None.', 'no', 'nope', 'nothing', 'n/a', 'N/A', '-', '—', 'nee', 'geen', 'niks', 'niets', 'no blockers', 'geen blokkades', 'all good']) expect(isBlocker(nothing), nothing).toBe(false);
    for (const blocker of ['Waiting for the logins', 'no access to the CRM', 'geen toegang tot de CRM', 'None of the invoices were paid']) expect(isBlocker(blocker), blocker).toBe(true);
  });

  it('reads answers for each kind of question', () => {
    expect(readAnswer({ text: 'Mood', kind: 'scale' }, ' 4 ')).toBe('4');
    expect(readAnswer({ text: 'Mood', kind: 'scale' }, '4/5')).toBe('4');
    expect(readAnswer({ text: 'Mood', kind: 'scale' }, '6')).toBeNull();
    expect(readAnswer({ text: 'Mood', kind: 'scale' }, 'great')).toBeNull();
    expect(['Yes', 'y', 'ja', 'yep'].map((text) => readAnswer({ text: 'Ok?', kind: 'yesno' }, text))).toEqual(['yes', 'yes', 'yes', 'yes']);
    expect(['No', 'n', 'nee'].map((text) => readAnswer({ text: 'Ok?', kind: 'yesno' }, text))).toEqual(['no', 'no', 'no']);
    expect(readAnswer({ text: 'Ok?', kind: 'yesno' }, 'maybe')).toBeNull();
    expect(readAnswer({ text: 'Plans?', kind: 'text' }, '  ')).toBeNull();
    expect(readAnswer({ text: 'Blocked?', kind: 'text', blocker: true }, '')).toBe('');
  });

  it('names the standup with #n or quotes, the person with a mention, and the day or period with the rest', () => {
    expect(parseRefText('friday #2')).toEqual({ phrase: 'friday', standup: '#2' });
    expect(parseRefText('"Monday planning" @{maria} from 16 nov to 24 nov')).toEqual({ standup: 'Monday planning', person: 'maria', phrase: 'from 16 nov to 24 nov' });
    expect(parseRefText('@{maria} @{jo}')).toEqual({ person: 'maria', _extra: '@{jo}' });
  });

  it('reads a day to skip ahead, and a period of history backwards, in the reader’s zone', () => {
    // Tuesday 24 Nov 2026, 10:00 in Manila (still Monday evening in New York).
    const now = new Date('2026-11-24T02:00:00Z');
    const manila = { now, zone: 'Asia/Manila', locale: 'en' as const };
    expect(readDayAhead('today', manila)).toBe('2026-11-24');
    expect(readDayAhead('friday', manila)).toBe('2026-11-27');
    expect(readDayAhead('tomorrow', { ...manila, zone: 'America/New_York' })).toBe('2026-11-24');
    expect(readDayAhead('3 dec', manila)).toBe('2026-12-03');
    expect(readDayAhead('nonsense', manila)).toBeNull();
    expect(readPeriod(undefined, manila)).toEqual({ from: '2026-11-18', to: '2026-11-24' });
    expect(readPeriod('from 16 nov to 20 nov', manila)).toEqual({ from: '2026-11-16', to: '2026-11-20' });
    expect(readPeriod('monday to friday', manila)).toEqual({ from: '2026-11-23', to: '2026-11-27' });
    expect(readPeriod('friday to monday', manila)).toEqual({ from: '2026-11-20', to: '2026-11-23' });
    expect(readPeriod('monday to today', manila)).toEqual({ from: '2026-11-23', to: '2026-11-24' });
    expect(readPeriod('yesterday', manila)).toEqual({ from: '2026-11-23', to: '2026-11-23' });
    expect(readPeriod('last week', manila)).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(readPeriod('this week', manila)).toEqual({ from: '2026-11-23', to: '2026-11-24' });
    expect(readPeriod('last 30 days', manila)).toEqual({ from: '2026-10-26', to: '2026-11-24' });
    expect(readPeriod('28 dec to 3 jan', manila)).toEqual({ from: '2025-12-28', to: '2026-01-03' });
    expect(readPeriod('van 16 nov tot 20 nov', { ...manila, locale: 'nl' })).toEqual({ from: '2026-11-16', to: '2026-11-20' });
    expect(errorOf(() => readPeriod('whenever', manila))).toBe('standups.bad_period');
    expect(errorOf(() => readPeriod('from 1 jan to 30 nov', manila))).toBe('standups.period_too_long');
    expect(errorOf(() => readPeriod('24 nov 2026 to 1 nov 2026', manila))).toBe('standups.bad_period');
  });
});
