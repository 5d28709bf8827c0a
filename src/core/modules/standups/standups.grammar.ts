import { tokenize } from '../../command-text.js';
import { mention, mentionId } from '../../mentions.js';
import { botError } from '../../errors.js';
import type { Locale } from '../../i18n/catalog.js';
import { parseClock, parseDays, parseDuration } from '../../time.js';
import { readPhrase } from '../../time/reading.js';
import { addDays, calendar, localDateOf, onOrAfterDayMonth, onOrAfterWeekday, weekdayOf } from '../../time/zone.js';
import type { StandupQuestionJson } from '../../../db/schema/index.js';

/**
 * The text grammar of /standup. Every parser here returns plain strings (the shape Discord's typed options
 * would have too); the use cases read and check the values, so one set of error sentences serves both.
 *
 *   setup [<name>] [at <time>] [on <days>] [questions "q1" | "q2 [1-5]" | "q3 [yes/no]" …] [deadline <time>]
 *         [nudge <duration>|off] [report thread|digest] [for @person … | for everyone]
 */

export type QuestionKind = StandupQuestionJson['kind'];
export type Question = StandupQuestionJson;

export const MAX_QUESTIONS = 10;
export const MAX_QUESTION_LENGTH = 200;
export const MAX_NAME_LENGTH = 60;

const QUOTED = '\u0000';
const isQuoted = (token: string) => token.startsWith(QUOTED);
const unquote = (token: string) => (isQuoted(token) ? token.slice(1) : token);

type SettingName = 'name' | 'at' | 'on' | 'questions' | 'deadline' | 'nudge' | 'report' | 'participants';

const KEYWORDS: Record<string, SettingName> = {
  name: 'name', naam: 'name',
  at: 'at', om: 'at', time: 'at', tijd: 'at',
  on: 'on', op: 'on', days: 'on', dagen: 'on',
  questions: 'questions', question: 'questions', vragen: 'questions', vraag: 'questions',
  deadline: 'deadline',
  nudge: 'nudge', reminder: 'nudge', herinnering: 'nudge',
  report: 'report', style: 'report', verslag: 'report', stijl: 'report',
  for: 'participants', voor: 'participants', participants: 'participants', deelnemers: 'participants',
};

/** The raw settings of a setup or edit line. `participants` holds mention ids, or ['*'] for everyone. */
export type RawSettings = {
  standup?: string;
  name?: string;
  at?: string;
  on?: string;
  questions?: string;
  deadline?: string;
  nudge?: string;
  report?: string;
  participants?: string[];
};

const EVERYONE = /^(?:all|everyone|everybody|team|iedereen|allen|alle)$/i;

const valid = (read: () => unknown): boolean => {
  try {
    read();
    return true;
  } catch {
    return false;
  }
};

/** Inside an unquoted question a keyword only counts when a valid value follows it ("work on today?" stays a question). */
const startsSettingInQuestions = (setting: SettingName, next: string | undefined): boolean => {
  if (next === undefined || isQuoted(next)) return false;
  switch (setting) {
    case 'at':
    case 'deadline':
      return valid(() => parseClock(next));
    case 'on':
      return valid(() => parseDays(next.replace(/,$/, '')));
    case 'nudge':
      return /^(?:off|uit|none|geen)$/i.test(next) || valid(() => parseDuration(next));
    case 'report':
      return /^(?:thread|digest|draad)$/i.test(next);
    case 'participants':
      return mentionId(next) !== null || EVERYONE.test(next);
    default:
      return false;
  }
};

/**
 * Splits a setup or edit line into its settings. The words before the first keyword are the name (setup)
 * or which standup (edit: `#2` or its name). Quoted phrases are never split.
 */
export const parseSettingsText = (text: string, leading: 'name' | 'standup'): RawSettings & { _extra?: string } => {
  const tokens = tokenize(text.trim());
  const result: RawSettings = {};
  const head: string[] = [];
  const values: Partial<Record<SettingName, string[]>> = {};
  const mentions: string[] = [];
  let current: SettingName | null = null;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const mention = isQuoted(token) ? null : mentionId(token);
    const keyword = isQuoted(token) ? undefined : KEYWORDS[token.toLowerCase()];
    const inQuestions = current === 'questions';
    if (mention && !inQuestions) {
      mentions.push(mention);
      current = 'participants';
      values.participants ??= [];
      continue;
    }
    if (keyword && (!inQuestions || startsSettingInQuestions(keyword, tokens[index + 1]))) {
      current = keyword;
      values[keyword] ??= [];
      continue;
    }
    if (mention && inQuestions) {
      mentions.push(mention);
      current = 'participants';
      values.participants ??= [];
      continue;
    }
    if (current === null) head.push(token);
    else values[current]!.push(token);
  }
  if (head.length > 0) result[leading] = head.map(unquote).join(' ');
  for (const setting of ['name', 'at', 'on', 'deadline', 'nudge', 'report'] as const) {
    if (values[setting]) result[setting] = values[setting].map(unquote).join(' ').trim();
  }
  if (values.questions) result.questions = values.questions.map((token) => (isQuoted(token) ? `"${token.slice(1)}"` : token)).join(' ');
  const everyone = (values.participants ?? []).filter((token) => EVERYONE.test(unquote(token)));
  const strays = (values.participants ?? []).filter((token) => !EVERYONE.test(unquote(token)));
  if (everyone.length > 0) result.participants = ['*'];
  else if (mentions.length > 0 || values.participants) result.participants = mentions;
  return strays.length > 0 ? { ...result, _extra: strays.map(unquote).join(' ') } : result;
};

// ---- questions: "What did you finish?" | "Mood [1-5]" | "On track? [yes/no]" | "Blocked by? [blocker]"

const MARKER = /\s*\[([^\]]*)\]\s*$/;

const markerOf = (raw: string): 'scale' | 'yesno' | 'blocker' | null => {
  const marker = raw.trim().toLowerCase().replace(/\s+/g, '');
  if (/^(?:1-5|1–5|1to5|scale|schaal)$/.test(marker)) return 'scale';
  if (/^(?:yes\/no|yes-no|y\/n|ja\/nee|ja-nee|j\/n)$/.test(marker)) return 'yesno';
  if (/^(?:blocker|blocking|blokkade|blokkeert)$/.test(marker)) return 'blocker';
  return null;
};

const BLOCKING_WORDS = /block|blokk|belemmer|obstakel|hinder|stuck|vast/i;

/** Splits the questions text on `|` (and between quoted questions) and reads each one's markers. */
export const parseQuestions = (text: string): Question[] => {
  const pieces: string[][] = [];
  let current: string[] = [];
  let currentQuoted = false;
  const close = () => {
    if (current.length > 0) pieces.push(current);
    current = [];
    currentQuoted = false;
  };
  for (const token of tokenize(text)) {
    if (isQuoted(token)) {
      if (currentQuoted) close();
      current.push(token.slice(1));
      currentQuoted = true;
      continue;
    }
    for (const part of token.split(/(\|)/)) {
      if (part === '|') close();
      else if (part !== '') current.push(part);
    }
  }
  close();
  if (pieces.length === 0) throw botError('standups.questions_required');
  if (pieces.length > MAX_QUESTIONS) throw botError('standups.too_many_questions', { max: MAX_QUESTIONS });
  const questions = pieces.map((words) => {
    let body = words.join(' ').trim();
    let kind: QuestionKind = 'text';
    let blocker = false;
    for (let match = MARKER.exec(body); match; match = MARKER.exec(body)) {
      const marker = markerOf(match[1]!);
      if (!marker) throw botError('standups.bad_marker', { marker: `[${match[1]}]` });
      if (marker === 'blocker') blocker = true;
      else kind = marker;
      body = body.slice(0, match.index).trim();
    }
    if (body === '') throw botError('standups.question_empty');
    if (body.length > MAX_QUESTION_LENGTH) throw botError('standups.question_too_long', { max: MAX_QUESTION_LENGTH });
    return { text: body, kind, ...(blocker ? { blocker: true } : {}) };
  });
  return withBlocker(questions);
};

/**
 * Exactly one free-text question is the blocker question: the one marked [blocker], else the one that
 * mentions blocking, else the last free-text question. A standup of scales and yes/no questions has none.
 */
export const withBlocker = (questions: Question[]): Question[] => {
  const marked = questions.filter((question) => question.blocker);
  if (marked.length > 1) throw botError('standups.one_blocker');
  if (marked.length === 1) {
    if (marked[0]!.kind !== 'text') throw botError('standups.blocker_text');
    return questions;
  }
  const texts = questions.map((question, index) => ({ question, index })).filter(({ question }) => question.kind === 'text');
  const chosen = texts.find(({ question }) => BLOCKING_WORDS.test(question.text)) ?? texts[texts.length - 1];
  return questions.map((question, index) => (chosen && index === chosen.index ? { ...question, blocker: true } : { text: question.text, kind: question.kind }));
};

/** The questions back as setup text: parses to the same list. */
export const questionsText = (questions: readonly Question[]): string =>
  questions.map((question) => `"${question.text}${question.kind === 'scale' ? ' [1-5]' : question.kind === 'yesno' ? ' [yes/no]' : ''}${question.blocker ? ' [blocker]' : ''}"`).join(' | ');

export const DEFAULT_QUESTIONS: Record<Locale, Question[]> = {
  en: [
    { text: 'What did you finish yesterday?', kind: 'text' },
    { text: 'What will you do today?', kind: 'text' },
    { text: 'Anything blocking you?', kind: 'text', blocker: true },
  ],
  nl: [
    { text: 'Wat heb je gisteren afgerond?', kind: 'text' },
    { text: 'Wat ga je vandaag doen?', kind: 'text' },
    { text: 'Loop je ergens tegenaan?', kind: 'text', blocker: true },
  ],
};

// ---- answers

/** Reads one answer for its question's kind, or null when it does not fit (the caller says how to answer). */
export const readAnswer = (question: Question, text: string): string | null => {
  const answer = text.trim();
  if (question.kind === 'scale') {
    const match = /^([1-5])(?:\s*\/\s*5)?$/.exec(answer);
    return match ? match[1]! : null;
  }
  if (question.kind === 'yesno') {
    if (/^(?:y|yes|yep|yeah|j|ja|jazeker|true)[.!]*$/i.test(answer)) return 'yes';
    if (/^(?:n|no|nope|nee|neen|false)[.!]*$/i.test(answer)) return 'no';
    return null;
  }
  if (answer === '') return question.blocker ? '' : null;
  return answer.slice(0, 2000);
};

// ---- which standup, and which day

/** The id a button's value or a form's private value carries (an answer, a standup, a team); 0, naming nothing, when it is none. */
export const readId = (value: string): number => (/^\d{1,9}$/.test(value) ? Number(value) : 0);

/** `#2`, `2`, or a name. */
export const readSelector = (text: string | undefined): { number: number } | { name: string } | null => {
  const value = text?.trim() ?? '';
  if (value === '') return null;
  const number = /^#?(\d{1,6})$/.exec(value);
  return number ? { number: Number(number[1]) } : { name: value };
};

/**
 * `/standup skip [today|tomorrow|<date>] [#n|"name"]` and `/standup report [#n|"name"] [@person] [<period>]`:
 * a `#n` token or a quoted phrase names the standup, a mention the person, and the other words the day or period.
 */
export const parseRefText = (text: string): { standup?: string; person?: string; phrase?: string; _extra?: string } => {
  const result: { standup?: string; person?: string; phrase?: string; _extra?: string } = {};
  const words: string[] = [];
  const people: string[] = [];
  for (const token of tokenize(text.trim())) {
    const mention = isQuoted(token) ? null : mentionId(token);
    if (mention) people.push(mention);
    else if (isQuoted(token) || /^#\d{1,6}$/.test(token)) {
      if (result.standup !== undefined) words.push(unquote(token));
      else result.standup = unquote(token);
    } else words.push(token);
  }
  if (people.length > 0) result.person = people[0]!;
  if (people.length > 1) result._extra = people.slice(1).map(mention).join(' ');
  if (words.length > 0) result.phrase = words.join(' ');
  return result;
};

/** A day ahead (or today) named in a person's zone: today, tomorrow, friday, 24 nov. Null when it is not a day. */
export const readDayAhead = (text: string, { now, zone, locale }: { now: Date; zone: string; locale: Locale }): string | null => {
  const reading = readPhrase(text, { now, zone, locale });
  if (!reading) return null;
  if (reading.kind === 'instant') return localDateOf(reading.instant, zone);
  const today = localDateOf(now, zone);
  switch (reading.day.kind) {
    case 'date':
      return reading.day.date;
    case 'weekday':
      return onOrAfterWeekday(today, reading.day.weekday);
    case 'dayMonth':
      return onOrAfterDayMonth(reading.day.month, reading.day.day, today);
    case 'none':
      return null;
  }
};

/**
 * A day for history: the start of a period counts back from today ("monday" is the last Monday, "16 nov" the
 * last 16 November); its end counts forward from the start ("monday to friday" is that week).
 */
const readDayFrom = (text: string, ctx: { now: Date; zone: string; locale: Locale }, base: string, direction: 'back' | 'forward'): string | null => {
  const reading = readPhrase(text, ctx);
  if (!reading) return null;
  if (reading.kind === 'instant') return localDateOf(reading.instant, ctx.zone);
  switch (reading.day.kind) {
    case 'date':
      return reading.day.date;
    case 'weekday':
      return direction === 'forward' ? onOrAfterWeekday(base, reading.day.weekday) : addDays(base, -((weekdayOf(base) - reading.day.weekday + 7) % 7));
    case 'dayMonth': {
      if (direction === 'forward') return onOrAfterDayMonth(reading.day.month, reading.day.day, base);
      const thisYear = onOrAfterDayMonth(reading.day.month, reading.day.day, `${base.slice(0, 4)}-01-01`);
      if (thisYear && thisYear <= base) return thisYear;
      return onOrAfterDayMonth(reading.day.month, reading.day.day, `${Number(base.slice(0, 4)) - 1}-01-01`);
    }
    case 'none':
      return null;
  }
};

export const MAX_REPORT_DAYS = 92;

/**
 * A period of history: "from 16 nov to 24 nov", "monday to friday", "last 30 days", "last week", "this week",
 * a single day ("yesterday"), or nothing (the last 7 days). Both ends are local dates in the reader's zone.
 */
export const readPeriod = (text: string | undefined, ctx: { now: Date; zone: string; locale: Locale }): { from: string; to: string } => {
  const today = localDateOf(ctx.now, ctx.zone);
  const phrase = (text ?? '').trim().toLowerCase().replace(/\s+/g, ' ').replace(/^(?:from|van|vanaf|since|sinds) /, '');
  if (phrase === '') return { from: addDays(today, -6), to: today };
  const lastDays = /^(?:last|past|afgelopen|laatste) (\d{1,3}) (?:days?|dagen)$/.exec(phrase);
  if (lastDays) return bounded({ from: addDays(today, -(Number(lastDays[1]) - 1)), to: today }, text!);
  const monday = addDays(today, -(weekdayOf(today) - 1));
  if (/^(?:this week|deze week)$/.test(phrase)) return { from: monday, to: today };
  if (/^(?:last week|vorige week)$/.test(phrase)) return { from: addDays(monday, -7), to: addDays(monday, -1) };
  const sides = phrase.split(/ (?:to|until|till|through|tot en met|tot|t\/m) | - | – /);
  if (sides.length > 2) throw botError('standups.bad_period', { period: text! });
  const from = readDayFrom(sides[0]!, ctx, today, 'back');
  const to = from && sides.length === 2 ? readDayFrom(sides[1]!, ctx, from, 'forward') : from;
  if (!from || !to || to < from) throw botError('standups.bad_period', { period: text! });
  return bounded({ from, to }, text!);
};

const bounded = (range: { from: string; to: string }, text: string) => {
  const days = calendar(range.to).diff(calendar(range.from), 'days').days;
  if (days < 0 || days >= MAX_REPORT_DAYS) throw botError('standups.period_too_long', { max: MAX_REPORT_DAYS, period: text });
  return range;
};
