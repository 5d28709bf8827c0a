import { t, type Locale } from '../../i18n/catalog.js';
import { compose, fitText, textMessage, type Block, type Button, type Form, type Message } from '../../messages.js';
import { formatDays } from '../../time.js';
import { ago, when, whenToday, type View } from '../../view.js';
import type { Question } from './standups.grammar.js';
import type { Participation, AnswerRow, StandupRow } from './standups.repository.js';
import type { PersonRow, TeamRow } from '../../identity.js';

/** One participant's day, as the reports show it. */
export interface ReportLine {
  answer: AnswerRow;
  person: PersonRow;
}

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const title = (standup: StandupRow, locale: Locale) => standup.name ?? t(locale, 'standups.default_name');

// ---- questions and answers

const hint = (question: Question, locale: Locale) => (question.kind === 'scale' ? ' (1-5)' : question.kind === 'yesno' ? t(locale, 'standups.hint_yesno') : '');

/** "2/3 · What will you do today?" */
export const questionLine = (question: Question, index: number, count: number, locale: Locale): string => t(locale, 'standups.question_line', { index: index + 1, count, question: question.text, hint: hint(question, locale) });

const answerText = (question: Question, answer: string | undefined, locale: Locale): string => {
  const value = (answer ?? '').trim();
  if (value === '') return '—';
  if (question.kind === 'scale') return `${value}/5`;
  if (question.kind === 'yesno') return t(locale, value === 'yes' ? 'standups.yes' : 'standups.no');
  return value;
};

/** "What did you finish yesterday? Sent the invoices"; the blocker line starts with 🚧 when the answer's blocker is set (an unclear one only once the person said so). */
const qaLine = (question: Question, answer: string | undefined, locale: Locale, blocked: boolean): string => {
  const separator = /[?:.!]$/.test(question.text) ? ' ' : ': ';
  const flag = question.blocker && blocked ? '🚧 ' : '';
  return `${flag}${question.text}${separator}${answerText(question, answer, locale)}`;
};

const nameWithMarks = (line: ReportLine, locale: Locale, edited = false) =>
  `${line.person.displayName}${line.answer.late ? t(locale, 'standups.mark_late') : ''}${edited ? t(locale, 'standups.mark_edited') : ''}`;

/** One person's answers: their name (plain, never a mention), then each question with its answer. */
export const entryText = (line: ReportLine, locale: Locale, edited = false): string =>
  [nameWithMarks(line, locale, edited), ...line.answer.questions.map((question, index) => qaLine(question, line.answer.answers[index], locale, line.answer.blocker !== null))].join('\n');

export const entryMessage = ({ line, team, edited }: { line: ReportLine; team: TeamRow; edited: boolean }): Message => textMessage(entryText(line, team.locale, edited));

// ---- the participant's DMs

const answerButtons = (answer: AnswerRow, locale: Locale, skip: boolean): Block => ({
  type: 'buttons',
  buttons: [
    { label: t(locale, 'standups.button.answer'), actionId: 'standup.answer', value: String(answer.id), style: 'primary' },
    ...(skip ? [{ label: t(locale, 'standups.button.skip'), actionId: 'standup.skip', value: String(answer.id) } satisfies Button] : []),
  ],
});

/** A question written this long after its moment (after downtime, or a queue) says it comes late, and how late. */
export const LATE_AFTER_MS = 15 * 60_000;

/**
 * The day's question. Written when it is sent (`view.now`), so one that goes more than a quarter of an hour
 * after `intended`, the moment planned for it, says since when ("2 hours ago").
 */
export const askMessage = ({ standup, team, person, answer, date, view, intended }: { standup: StandupRow; team: TeamRow; person: PersonRow; answer: AnswerRow; date: string; view: View; intended: Date }): Message =>
  compose([
    { type: 'text', text: t(view.locale, 'standups.dm_ask', { person: person.displayName, title: title(standup, view.locale), team: team.clientName, date }) },
    ...(view.now.getTime() - intended.getTime() > LATE_AFTER_MS ? [{ type: 'context' as const, text: t(view.locale, 'standups.dm_late', { when: when(intended, view), ago: ago(intended, view) }) }] : []),
    { type: 'context', text: t(view.locale, 'standups.dm_how', { when: when(answer.deadlineAt, view) }) },
    { type: 'text', text: questionLine(answer.questions[0]!, 0, answer.questions.length, view.locale) },
    answerButtons(answer, view.locale, true),
  ]);

const nudgeLine = ({ standup, team, answer, date, view }: { standup: StandupRow; team: TeamRow; answer: AnswerRow; date: string; view: View }) => {
  const closes = whenToday(answer.deadlineAt, view);
  return t(view.locale, closes.today ? 'standups.dm_nudge_today' : 'standups.dm_nudge', { title: title(standup, view.locale), team: team.clientName, date, when: closes.text });
};

export const nudgeMessage = ({ standup, team, answer, date, view }: { standup: StandupRow; team: TeamRow; answer: AnswerRow; date: string; view: View }): Message => {
  const next = Math.min(answer.answers.length, answer.questions.length - 1);
  return compose([
    { type: 'text', text: nudgeLine({ standup, team, answer, date, view }) },
    { type: 'text', text: questionLine(answer.questions[next]!, next, answer.questions.length, view.locale) },
    answerButtons(answer, view.locale, true),
  ]);
};

/** What a reply that does not fit the question gets: how to answer it, and the question again. */
export const retryText = (question: Question, index: number, count: number, locale: Locale): string =>
  [t(locale, question.kind === 'scale' ? 'standups.retry_scale' : question.kind === 'yesno' ? 'standups.retry_yesno' : 'standups.retry_text'), questionLine(question, index, count, locale)].join('\n');

/** A manager told of a blocker, and when the DM reaches them (null: at once). */
export interface Told {
  person: PersonRow;
  arrival: Date | null;
  zone: string;
}

/** "I told Olivia, Sam about your blocker. Olivia gets it Mon 23 Nov, 09:00 (Europe/Amsterdam)." */
const toldText = (managers: readonly Told[], view: View): string => {
  if (managers.length === 0) return '';
  const held = managers.flatMap((told) => (told.arrival ? [t(view.locale, 'standups.gets_it', { person: told.person.displayName, when: when(told.arrival, { ...view, zone: told.zone }) })] : []));
  return t(view.locale, 'standups.told_managers', { managers: managers.map((told) => told.person.displayName).join(', ') }) + held.join('');
};

const editButtons = (answer: AnswerRow, view: View): Block => ({ type: 'buttons', buttons: [{ label: t(view.locale, 'standups.button.edit'), actionId: 'standup.answer', value: String(answer.id) }] });

/** "Is this blocking you?" under the thanks, for a hedged blocker answer; the value names the revision it is about. */
const blockerAsk = (answer: AnswerRow, text: string, view: View): Block[] => [
  { type: 'text', text: t(view.locale, 'standups.blocker_ask', { text }) },
  {
    type: 'buttons',
    buttons: [
      { label: t(view.locale, 'standups.button.blocking_yes'), actionId: 'standup.blocking_yes', value: `${answer.id}:${answer.revision}` },
      { label: t(view.locale, 'standups.button.blocking_no'), actionId: 'standup.blocking_no', value: `${answer.id}:${answer.revision}` },
    ],
  },
];

export const thanksMessage = ({ person, answer, late, managers, view, unclearBlocker = null }: { person: PersonRow; answer: AnswerRow; late: boolean; managers: readonly Told[]; view: View; unclearBlocker?: string | null }): Message => {
  const told = toldText(managers, view);
  const ask = unclearBlocker ? blockerAsk(answer, unclearBlocker, view) : [];
  if (late) return compose([{ type: 'text', text: t(view.locale, 'standups.thanks_late', { person: person.displayName, when: when(answer.deadlineAt, view) }) + told }, ...ask]);
  return compose([
    { type: 'text', text: t(view.locale, 'standups.thanks', { person: person.displayName, when: when(answer.deadlineAt, view) }) + told },
    ...ask,
    ...(ask.length === 0 ? [editButtons(answer, view)] : []),
  ]);
};

/** What the thanks becomes once the person said whether the hedged answer blocks them. */
export const blockerSettledMessage = ({ answer, blocking, managers, view }: { answer: AnswerRow; blocking: boolean; managers: readonly Told[]; view: View }): Message =>
  compose([
    { type: 'text', text: blocking ? t(view.locale, 'standups.blocker_confirmed') + toldText(managers, view) : t(view.locale, 'standups.blocker_declined') },
    ...(answer.status === 'answered' && view.now < answer.deadlineAt ? [editButtons(answer, view)] : []),
  ]);

/** What the question DM becomes once skipped: no buttons left. */
export const skippedMessage = ({ date, view }: { date: string; view: View }): Message => textMessage(t(view.locale, 'standups.skipped_dm', { date }));

// Slack's modal titles hold 24 characters: the day is kept whole (it says which day is answered) and the name gives way.
const FORM_TITLE_MAX = 24;
const formTitle = (name: string, date: string): string => {
  const full = `${name}, ${date}`;
  if (full.length <= FORM_TITLE_MAX) return full;
  const room = FORM_TITLE_MAX - date.length - 2;
  return room >= 4 ? `${fitText(name, room)}, ${date}` : fitText(date, FORM_TITLE_MAX);
};

/** The form with every question, prefilled with what was answered so far. */
export const answerForm = ({ standup, answer, date, locale }: { standup: StandupRow; answer: AnswerRow; date: string; locale: Locale }): Form => ({
  formId: 'standup.answer',
  title: formTitle(title(standup, locale), date),
  submitLabel: t(locale, 'standups.form.send'),
  privateValue: String(answer.id),
  fields: answer.questions.map((question, index) => {
    const initial = answer.answers[index];
    const base = { id: `q${index + 1}`, label: question.text, required: !question.blocker, ...(initial !== undefined && initial !== '' ? { initial } : {}) };
    if (question.kind === 'scale') return { ...base, kind: 'select' as const, options: ['1', '2', '3', '4', '5'].map((value) => ({ label: value, value })) };
    if (question.kind === 'yesno') return { ...base, kind: 'select' as const, options: (['yes', 'no'] as const).map((value) => ({ label: t(locale, `standups.${value}`), value })) };
    return { ...base, kind: 'textarea' as const, ...(question.blocker ? { placeholder: t(locale, 'standups.form.blocker_placeholder') } : {}) };
  }),
});

// ---- the team channel

/** The day's parent post (thread style): "Standup, Tue 24 Nov". */
export const parentMessage = ({ title: name, date }: { title: string; date: string }): Message => compose([{ type: 'header', text: `${name}, ${date}` }]);

interface Tally {
  answered: string[];
  away: string[];
  missed: string[];
  blocked: ReportLine[];
  expected: number;
}

const tally = (lines: ReportLine[], locale: Locale): Tally => {
  const result: Tally = { answered: [], away: [], missed: [], blocked: [], expected: 0 };
  // Names in alphabetical order: who answered first is in the thread; the tally is for finding a name.
  const byName = [...lines].sort((a, b) => a.person.displayName.localeCompare(b.person.displayName) || a.person.id - b.person.id);
  for (const line of byName) {
    const { answer, person } = line;
    switch (answer.status) {
      case 'answered':
        result.answered.push(nameWithMarks(line, locale));
        if (answer.blocker) result.blocked.push(line);
        result.expected += 1;
        break;
      case 'asked':
      case 'missed':
        result.missed.push(person.displayName);
        result.expected += 1;
        break;
      case 'away':
        result.away.push(person.displayName + (answer.awayReason === 'holiday' ? t(locale, 'standups.mark_holiday') : ''));
        break;
      case 'skipped':
        result.away.push(person.displayName + t(locale, 'standups.mark_skipped'));
        break;
    }
  }
  return result;
};

const tallyLines = (counted: Tally, locale: Locale): string[] => [
  t(locale, 'standups.report.answered', { people: counted.answered.length > 0 ? counted.answered.join(', ') : t(locale, 'standups.nobody') }),
  ...(counted.away.length > 0 ? [t(locale, 'standups.report.away', { people: counted.away.join(', ') })] : []),
  ...(counted.missed.length > 0 ? [t(locale, 'standups.report.missed', { people: counted.missed.join(', ') })] : []),
];

/** Thread style, at the deadline: the day's summary as the thread's last reply. */
export const summaryMessage = ({ title: name, date, team, lines }: { title: string; date: string; team: TeamRow; lines: ReportLine[] }): Message => {
  const counted = tally(lines, team.locale);
  return compose([
    { type: 'text', text: t(team.locale, 'standups.summary', { title: name, date, answered: counted.answered.length, expected: counted.expected }) },
    { type: 'context', text: tallyLines(counted, team.locale).join('\n') },
    ...(counted.blocked.length > 0 ? [{ type: 'text' as const, text: t(team.locale, 'standups.report.blockers', { people: counted.blocked.map((line) => line.person.displayName).join(', ') }) }] : []),
  ]);
};

/** Digest style, at the deadline: everything in one message, blockers first. */
export const digestMessage = ({ title: name, date, team, lines }: { title: string; date: string; team: TeamRow; lines: ReportLine[] }): Message => {
  const locale = team.locale;
  const counted = tally(lines, locale);
  const answered = lines.filter((line) => line.answer.status === 'answered');
  return compose([
    { type: 'header', text: `${name}, ${date}` },
    { type: 'context', text: t(locale, 'standups.digest_count', { answered: counted.answered.length, expected: counted.expected }) },
    ...(counted.blocked.length > 0
      ? [{ type: 'text' as const, text: [t(locale, 'standups.digest_blockers'), ...counted.blocked.map((line) => `🚧 ${line.person.displayName}: ${line.answer.blocker}`)].join('\n') }]
      : []),
    ...answered.map((line) => ({ type: 'text' as const, text: entryText(line, locale) })),
    { type: 'context', text: tallyLines(counted, locale).join('\n') },
  ]);
};

/** To the team's managers: someone is blocked, with "Make it a task" until it is one. */
export const blockerMessage = ({ standup, team, person, answer, date, taskNumber }: { standup: StandupRow; team: TeamRow; person: PersonRow; answer: AnswerRow; date: string; taskNumber: number | null }): Message =>
  compose([
    { type: 'text', text: t(team.locale, 'standups.dm_blocker', { person: person.displayName, team: team.clientName, title: title(standup, team.locale), date, blocker: answer.blocker ?? '' }) },
    taskNumber === null
      ? { type: 'buttons', buttons: [{ label: t(team.locale, 'standups.button.make_task'), actionId: 'standup.make_task', value: String(answer.id), style: 'primary' }] }
      : { type: 'context', text: t(team.locale, 'standups.blocker_is_task', { number: taskNumber }) },
  ]);

// ---- settings

const durationText = (minutes: number, locale: Locale): string => {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return [hours > 0 ? t(locale, 'standups.hours', { count: hours }) : '', rest > 0 ? t(locale, 'standups.minutes', { count: rest }) : ''].filter(Boolean).join(' ');
};

export const questionsList = (questions: readonly Question[], locale: Locale): string =>
  questions.map((question, index) => `${index + 1}. ${question.text}${hint(question, locale)}${question.blocker ? t(locale, 'standups.mark_blocker') : ''}`).join('\n');

/**
 * When the reminder comes: its lead before the deadline, but never within the team's notice window after the
 * question (src/core/modules/standups/standups.scheduling.ts `planOf`), so none when the answers close sooner.
 */
const reminderText = (standup: StandupRow, team: TeamRow): string => {
  const locale = team.locale;
  if (standup.nudgeMinutes === 0) return t(locale, 'standups.reminder_off');
  const window = team.noticeWindowMinutes;
  const params = { duration: durationText(standup.nudgeMinutes, locale), window: durationText(window, locale) };
  if (standup.time + window >= standup.deadline) return t(locale, 'standups.reminder_no_room', params);
  if (standup.time + window > standup.deadline - standup.nudgeMinutes) return t(locale, 'standups.reminder_after', params);
  return t(locale, 'standups.reminder_value', params);
};

/** A standup's settings, as `/standup show` and the setup confirmation print them. */
export const standupCard = ({ standup, team, participants }: { standup: StandupRow; team: TeamRow; participants: PersonRow[] }): Block[] => {
  const locale = team.locale;
  const days = standup.days ? formatDays(standup.days, locale) : t(locale, 'standups.team_days', { days: formatDays(team.workingDays, locale) });
  const names = participants.map((person) => person.displayName).join(', ') || t(locale, 'standups.nobody');
  return [
    { type: 'header', text: `#${standup.number} ${title(standup, locale)}${standup.status === 'paused' ? t(locale, 'standups.mark_paused') : ''}` },
    {
      type: 'fields',
      fields: [
        { label: t(locale, 'standups.field.when'), value: t(locale, 'standups.when_value', { days, time: clock(standup.time), deadline: clock(standup.deadline) }) },
        { label: t(locale, 'standups.field.participants'), value: standup.participantIds === null ? t(locale, 'standups.everyone', { people: names }) : names },
        { label: t(locale, 'standups.field.reminder'), value: reminderText(standup, team) },
        { label: t(locale, 'standups.field.report'), value: t(locale, standup.reportStyle === 'thread' ? 'standups.report_thread' : 'standups.report_digest') },
      ],
    },
    { type: 'text', text: `${t(locale, 'standups.field.questions')}:\n${questionsList(standup.questions, locale)}` },
  ];
};

// ---- history

export interface HistoryRow {
  date: string;
  line: ReportLine;
}

const historyLine = (line: ReportLine, locale: Locale): string => {
  switch (line.answer.status) {
    case 'answered':
      return entryText(line, locale);
    case 'asked':
      return t(locale, 'standups.history.open', { person: line.person.displayName });
    case 'missed':
      return t(locale, 'standups.history.missed', { person: line.person.displayName });
    case 'skipped':
      return t(locale, 'standups.history.skipped', { person: line.person.displayName });
    case 'away':
      return t(locale, line.answer.awayReason === 'holiday' ? 'standups.history.holiday' : 'standups.history.away', { person: line.person.displayName });
  }
};

export const historyMessage = ({ heading, rows, participation, dateLabel, locale, truncated }: { heading: string; rows: HistoryRow[]; participation: Participation; dateLabel: (date: string) => string; locale: Locale; truncated: boolean }): Message => {
  const blocks: Block[] = [{ type: 'header', text: heading }];
  if (rows.length === 0) blocks.push({ type: 'text', text: t(locale, 'standups.history.empty') });
  let lastDate: string | null = null;
  for (const { date, line } of rows) {
    if (date !== lastDate) blocks.push({ type: 'context', text: dateLabel(date) });
    lastDate = date;
    blocks.push({ type: 'text', text: historyLine(line, locale) });
  }
  if (truncated) blocks.push({ type: 'context', text: t(locale, 'standups.history.more') });
  if (participation.people.length > 0) {
    blocks.push({
      type: 'context',
      text: [
        t(locale, 'standups.participation_title'),
        ...participation.people.map((person) => t(locale, 'standups.participation_line', { person: person.name, ...person })),
        ...(participation.people.length > 1 ? [t(locale, 'standups.participation_line', { person: t(locale, 'standups.participation_team'), ...participation.team })] : []),
      ].join('\n'),
    });
  }
  return compose(blocks);
};
