import type { Db } from '../../../db/database.js';
import { arrivalOf, enqueueDm, enqueuePost } from '../../deliveries.js';
import { botError } from '../../errors.js';
import { managersOf } from '../../recipients.js';
import { formatInstant, localDateOf } from '../../time.js';
import { zoneOf } from '../../view.js';
import { dayOff } from '../../working-time.js';
import { readAnswer, readId, type Question } from './standups.grammar.js';
import { classifyBlocker } from './standups.no-blocker.js';
import { blockerMessage, entryMessage, type ReportLine, type Told } from './standups.messages.js';
import { standupBlocker, standupPost } from './standups.notices.js';
import { digestKey, ensureParent } from './standups.report.js';
import { answerWithContext, getAnswer, getAnswerForUpdate, getRunForUpdate, insertAnswer, updateAnswer, type AnswerRow, type StandupRow } from './standups.repository.js';
import { momentsOf, runOf, standupTimeOf } from './standups.scheduling.js';
import { blockerSubject, dateText, standupSubject, titleOf, type StandupDeps } from './standups.usecases.js';
import type { PersonRow, TeamRow } from '../../identity.js';

// ---- answering

export type AnswerContext = NonNullable<Awaited<ReturnType<typeof answerWithContext>>> & { team: TeamRow };

/**
 * The team of the standup an answer row belongs to, for the buttons and forms whose value names the answer
 * (the bot then loads that team and checks its workspace); null when there is no such answer.
 */
export const teamIdOfAnswer = async (value: string, db: Db): Promise<number | null> => {
  const answerId = readId(value);
  return answerId > 0 ? ((await answerWithContext({ db, answerId }))?.standup.teamId ?? null) : null;
};

/**
 * Loads the standup day a button, form or DM reply is about, in `team` (the standup's, as the bot or the DM
 * reply found it), checked to be the actor's. Everything is refused before anything is written, so answering
 * the refusal is safe.
 */
export const loadAnswer = async ({ db, team, answerId, actor }: { db: Db; team: TeamRow; answerId: number; actor: PersonRow }): Promise<AnswerContext> => {
  const found = Number.isInteger(answerId) && answerId > 0 ? await answerWithContext({ db, answerId }) : null;
  if (!found || found.standup.teamId !== team.id) throw botError('bot.unknown_action');
  if (found.answer.personId !== actor.id) throw botError('standups.not_yours', { person: found.person.displayName });
  if (found.standup.status === 'removed') throw botError('standups.removed_answer');
  return { ...found, team };
};

/** Whether the form (or another DM reply) may still change these answers: a first answer always, an edit until the deadline. */
export const assertMayAnswer = (ctx: AnswerContext, now: Date) => {
  const { answer, team, person } = ctx;
  if (answer.status === 'answered' && now >= answer.deadlineAt) {
    throw botError('standups.edit_closed', { when: formatInstant(answer.deadlineAt, zoneOf(person, team), team.locale, { now }) });
  }
};

/** The blocker answer of a set of answers and what it says; `text` is null when there is no blocker question or no answer to it. */
export const blockerAnswerOf = (questions: readonly Question[], answers: readonly string[]) => {
  const index = questions.findIndex((question) => question.blocker);
  const text = index >= 0 ? (answers[index] ?? '').trim() : '';
  return { text: text === '' ? null : text, verdict: index >= 0 ? classifyBlocker(answers[index]) : ('none' as const) };
};

/** Blocker answer of a set of answers, or null; an unclear one is no blocker until the person says it is. */
export const blockerOf = (questions: readonly Question[], answers: readonly string[]): string | null => {
  const { text, verdict } = blockerAnswerOf(questions, answers);
  return verdict === 'blocker' ? text : null;
};

export interface Submitted {
  answer: AnswerRow;
  late: boolean;
  edited: boolean;
  toldManagers: Told[];
  /** A blocker answer that hedges ("maybe the logins?"): the thanks asks "Is this blocking you?" instead of telling the managers. */
  unclearBlocker: string | null;
}

/**
 * Stores a complete set of answers, first time or edited before the deadline. Thread style posts it to the
 * day's thread at once; digest style keeps it for the digest, or, once the digest went, adds it to its
 * thread marked late. A new or changed blocker goes to the team's managers (but the blocked person) with
 * "Make it a task": news, at once, but within each manager's working time like every DM, and not urgent (a
 * manager woken at night cannot unblock a VA sooner than at the start of their day, and the daily brief lists
 * unresolved blockers too); the person is told when each manager gets it.
 */
export const submitAnswers = async ({ db, now, ctx, values }: StandupDeps & { ctx: AnswerContext; values: string[] }): Promise<Submitted> => {
  const run = (await getRunForUpdate({ db, standupId: ctx.standup.id, localDate: ctx.run.localDate }))!;
  const current = (await getAnswerForUpdate({ db, answerId: ctx.answer.id }))!;
  assertMayAnswer({ ...ctx, answer: current }, now);
  const edited = current.status === 'answered';
  const late = edited ? current.late : now > current.deadlineAt;
  const blocker = blockerOf(current.questions, values);
  const answer = await updateAnswer({
    db,
    answerId: current.id,
    changes: { status: 'answered', answers: values, late, blocker, revision: current.revision + 1, submittedAt: current.submittedAt ?? now, askedAt: current.askedAt ?? now },
    now,
  });
  const { team, standup, person } = ctx;
  const line: ReportLine = { answer, person };
  const notice = { subject: standupSubject(standup.id, run.localDate), nature: 'news' as const, check: standupPost.spec({ standupId: standup.id }) };
  const entry = { db, team, message: entryMessage({ line, team, edited }), dedupeKey: `standup-answer:${answer.id}:${answer.revision}`, notBefore: now, notice };
  if (standup.reportStyle === 'thread') {
    const parent = await ensureParent({ db, now, team, standup, date: run.localDate });
    await enqueuePost({ ...entry, threadOfKey: parent });
  } else if (run.reportedAt) {
    await enqueuePost({ ...entry, threadOfKey: digestKey(standup.id, run.localDate) });
  }
  const toldManagers = blocker && blocker !== current.blocker ? await alertManagers({ db, now, ctx, answer, blocker, localDate: run.localDate }) : [];
  const asked = blockerAnswerOf(current.questions, values);
  const unclearBlocker = asked.verdict === 'unclear' && asked.text !== current.blocker ? asked.text : null;
  return { answer, late, edited, toldManagers, unclearBlocker };
};

/**
 * Sends a blocker to the team's managers (but the blocked person), once per answer revision: news, at once,
 * but within each manager's working time like every DM, and not urgent. Returns whom it told and when each gets it.
 */
const alertManagers = async ({ db, now, ctx, answer, blocker, localDate }: StandupDeps & { ctx: AnswerContext; answer: AnswerRow; blocker: string; localDate: string }): Promise<Told[]> => {
  const { team, standup, person } = ctx;
  const toldManagers: Told[] = [];
  for (const manager of await managersOf({ db, teamId: team.id, except: [person.id] })) {
    const message = blockerMessage({ standup, team, person, answer, date: dateText(localDate, team, now), taskNumber: null });
    await enqueueDm({
      db,
      person: manager,
      team,
      message,
      dedupeKey: `standup-blocker:${answer.id}:${answer.revision}:${manager.id}`,
      notBefore: now,
      notice: { subject: blockerSubject(standup.id, localDate, person.id), nature: 'news', check: standupBlocker.spec({ answerId: answer.id, blocker }) },
    });
    toldManagers.push({ person: manager, arrival: await arrivalOf({ db, person: manager, team, now }), zone: zoneOf(manager, team) });
  }
  return toldManagers;
};

/**
 * The person's answer to "Is this blocking you?" under their thanks. `revision` is the one the question was
 * asked about: once they edited their answers since, the question no longer applies. Yes makes the answer
 * the blocker and tells the managers (once: the row is locked and a second Yes finds it done); No keeps it
 * as it is.
 */
export const settleUnclearBlocker = async ({ db, now, ctx, revision, blocking }: StandupDeps & { ctx: AnswerContext; revision: number; blocking: boolean }) => {
  const current = (await getAnswerForUpdate({ db, answerId: ctx.answer.id }))!;
  if (current.revision !== revision || current.status !== 'answered') throw botError('standups.blocker_ask_stale');
  const { text } = blockerAnswerOf(current.questions, current.answers);
  if (!blocking || text === null) return { blocking: false as const };
  if (current.blocker === text) return { blocking: true as const, toldManagers: [] as Told[], already: true };
  const answer = await updateAnswer({ db, answerId: current.id, changes: { blocker: text }, now });
  return { blocking: true as const, toldManagers: await alertManagers({ db, now, ctx, answer, blocker: text, localDate: ctx.run.localDate }), already: false };
};


/**
 * A DM reply: the answer to the person's next open question. Returns what to say back (the next question,
 * a hint when the reply does not fit, or the thanks), or null when the person has no standup open.
 */
export const answerByMessage = async ({ db, now, ctx, text }: StandupDeps & { ctx: AnswerContext; text: string }) => {
  const current = (await getAnswerForUpdate({ db, answerId: ctx.answer.id }))!;
  const questions = current.questions;
  const index = Math.min(current.answers.length, questions.length - 1);
  const question = questions[index]!;
  const read = readAnswer(question, text);
  if (read === null) return { kind: 'retry' as const, question, index, count: questions.length };
  const answers = [...current.answers.slice(0, index), read];
  if (answers.length < questions.length) {
    await updateAnswer({ db, answerId: current.id, changes: { answers }, now });
    return { kind: 'next' as const, question: questions[answers.length]!, index: answers.length, count: questions.length };
  }
  return { kind: 'done' as const, submitted: await submitAnswers({ db, now, ctx: { ...ctx, answer: current }, values: answers }) };
};

// ---- skipping

/** "Skip today" (button) or `/standup skip <day>`: the person is not asked, or no longer waited for, that day. */
export const skipDay = async ({ db, now, standup, team, person, date }: StandupDeps & { standup: StandupRow; team: TeamRow; person: PersonRow; date: string }): Promise<'skipped' | 'already'> => {
  const time = await standupTimeOf({ db, now, standup, team, person });
  if (date < localDateOf(now, time.zone)) throw botError('standups.skip_past', { date: dateText(date, team, now) });
  const off = dayOff(date, time);
  if (off === 'weekend') throw botError('standups.no_standup_that_day', { date: dateText(date, team, now), title: titleOf(standup, team.locale) });
  const { deadlineAt } = momentsOf({ standup, date, zone: time.zone });
  const run = await runOf({ db, now, standup, team, date });
  const existing = await getAnswer({ db, runId: run.id, personId: person.id });
  if (!existing) {
    await insertAnswer({ db, values: { runId: run.id, personId: person.id, status: off ? 'away' : 'skipped', awayReason: off, questions: standup.questions, deadlineAt, createdAt: now, updatedAt: now } });
    return 'skipped';
  }
  const locked = (await getAnswerForUpdate({ db, answerId: existing.id }))!;
  if (locked.status === 'answered') throw botError('standups.skip_answered', { date: dateText(date, team, now) });
  if (locked.status === 'skipped' || locked.status === 'away') return 'already';
  await updateAnswer({ db, answerId: locked.id, changes: { status: 'skipped' }, now });
  return 'skipped';
};
