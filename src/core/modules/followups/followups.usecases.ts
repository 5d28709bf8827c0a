import type { Db } from '../../../db/database.js';
import { tokenize } from '../../command-text.js';
import { botError, isBotError } from '../../errors.js';
import type { Locale } from '../../i18n/catalog.js';
import { cancelJobs, scheduleJob } from '../../jobs.js';
import { arrivalOf, enqueueDm, isDeliveryPending, lastDmOnSubject } from '../../deliveries.js';
import { parseWhen } from '../../time.js';
import { nextWorkingDayStart, nextWorkingMoment, workingDayEnd, type WorkingTime } from '../../working-time.js';
import { getPeople } from '../people/people.repository.js';
import { askZoneOnce } from '../people/people.zone-ask.js';
import { zoneOf, type View } from '../../view.js';
import { getTeam } from '../teams/teams.repository.js';
import { followupAskJob, followupExpireJob } from './followups.jobs.js';
import { askMessage, cancelledByNotice, cancelledNotice, doneNotice, isLate, notYetNotice, unansweredNotice } from './followups.messages.js';
import { followupAsk, followupNotYet, followupSettled, followupUnanswered, hearsInBrief } from './followups.notices.js';
import {
  getFollowupByNumber,
  getFollowupForUpdate,
  insertFollowup,
  nextFollowupNumber,
  updateFollowup,
  type FollowupRow,
} from './followups.repository.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import type { Message } from '../../messages.js';
import type { NoticeCheckSpec } from '../../notices.js';
import { loadWorkingTime } from '../../recipient-time.js';

export interface FollowupDeps {
  db: Db;
  now: Date;
}

export const MAX_WHAT = 300;

export const viewOf = (person: PersonRow, team: TeamRow, now: Date): View => ({ locale: team.locale, zone: zoneOf(person, team), now });

// ---- reading "/followup @maria did you send the invoice? tomorrow 10:00"

// `tokenize` marks a "quoted phrase" with this leading character; a quoted phrase is never part of a when.
const QUOTED = '\u0000';
const unquote = (token: string) => (token.startsWith(QUOTED) ? token.slice(1) : token);
// The longest time phrase worth trying ("next friday at 10:00 am" is five words); keeps huge input cheap.
const MAX_WHEN_WORDS = 8;
const EXPLICIT = /^(?:at|on|by|om|op)\s/i;

/**
 * Reads a when phrase as the moment to ask, or null when the words are not a time. A phrase that reads as a
 * time already past is only an error when introduced by at/on/by ("on 1 jan 2020"): without one, "did you
 * finish it today" at 10:00 is a question ending in a word, not a past moment.
 */
const tryWhen = (phrase: string, opts: { now: Date; zone: string; locale: Locale }): Date | null => {
  try {
    return parseWhen(phrase, { ...opts, kind: 'start' });
  } catch (error) {
    if (isBotError(error) && error.code === 'time.past' && EXPLICIT.test(phrase)) throw error;
    if (isBotError(error) && (error.code === 'time.unreadable' || error.code === 'time.past')) return null;
    throw error;
  }
};

/**
 * Splits the text after the mention into what to ask and when: the when is the longest run of trailing
 * unquoted words that reads fully as a time in the person's zone (a leading at/on/by belongs to it);
 * everything before it is the question. A quoted question is never split.
 */
export const readAsk = ({ text, now, zone, locale }: { text: string; now: Date; zone: string; locale: Locale }): { what: string; when: Date | null } => {
  const tokens = tokenize(text.trim());
  let firstUnquoted = tokens.length;
  while (firstUnquoted > 0 && !tokens[firstUnquoted - 1]!.startsWith(QUOTED)) firstUnquoted--;
  for (let start = Math.max(firstUnquoted, tokens.length - MAX_WHEN_WORDS); start < tokens.length; start++) {
    const when = tryWhen(tokens.slice(start).join(' '), { now, zone, locale });
    if (!when) continue;
    if (start === 0) throw botError('followups.what_required');
    return { what: tokens.slice(0, start).map(unquote).join(' '), when };
  }
  return { what: tokens.map(unquote).join(' '), when: null };
};

/** When to ask: the moment named, moved into their working time, or else their next working morning. */
export const askMomentOf = ({ when, now, time }: { when: Date | null; now: Date; time: WorkingTime }): Date =>
  when ? nextWorkingMoment(when, time) : nextWorkingDayStart(now, time);

// ---- scheduling: deterministic occurrence keys, cancelled by prefix

const askKey = (followupId: number, askAt: Date) => `followup-ask:${followupId}:${askAt.toISOString()}`;
const expireKey = (followupId: number, askedAt: Date) => `followup-expire:${followupId}:${askedAt.toISOString()}`;

const cancelPending = async ({ db, followupId }: { db: Db; followupId: number }) => {
  await cancelJobs({ db, dedupeKeyPrefix: `followup-ask:${followupId}:` });
  await cancelJobs({ db, dedupeKeyPrefix: `followup-expire:${followupId}:` });
};

/**
 * Schedules the ask at the row's `askAt` (moving back to an earlier moment revives its cancelled job).
 * `intended` is the moment the ask was meant for when it is only held back (the person away, the bot down),
 * so that the question can say, when it goes, since when it is late.
 */
const scheduleAsk = async ({ db, followup, intended }: { db: Db; followup: FollowupRow; intended?: Date }) => {
  const payload = { followupId: followup.id, askAt: followup.askAt.toISOString(), ...(intended ? { intended: intended.toISOString() } : {}) };
  await scheduleJob({ db, job: followupAskJob, payload, runAt: followup.askAt, dedupeKey: askKey(followup.id, followup.askAt) });
};

/** Moves a pending follow-up to a new moment: earlier occurrences are cancelled, and re-check if they run anyway. */
const reschedule = async ({ db, followup, askAt, intended }: { db: Db; followup: FollowupRow; askAt: Date; intended?: Date }): Promise<FollowupRow> => {
  await cancelPending({ db, followupId: followup.id });
  const moved = await updateFollowup({ db, followupId: followup.id, changes: { status: 'scheduled', askAt } });
  await scheduleAsk({ db, followup: moved, ...(intended ? { intended } : {}) });
  return moved;
};

// ---- DMs: every one through the outbox, keyed by the follow-up and the occurrence it is about

const dmKey = (key: string, person: PersonRow) => `followup:${key}:dm:${person.id}`;
const askDmKey = (followupId: number, askAt: Date, person: PersonRow) => dmKey(`${followupId}:ask:${askAt.toISOString()}`, person);

/** What every DM about a follow-up is about: the window allows one of them per person per window. */
const subjectOf = (followupId: number) => `followup:${followupId}`;

/** A DM about a follow-up: news (the question, an answer, a cancel) or a nudge (asked again, late, not answered). */
const dmAbout = ({ db, now, team, followup, person, message, dedupeKey, nature = 'news', rank, check }: FollowupDeps & { team: TeamRow; followup: FollowupRow; person: PersonRow; message: Message; dedupeKey: string; nature?: 'news' | 'nudge'; rank?: number; check: NoticeCheckSpec }) =>
  enqueueDm({ db, person, team, message, dedupeKey, notBefore: now, notice: { subject: subjectOf(followup.id), nature, ...(rank === undefined ? {} : { rank }), check } });

// ---- the use cases

export const askLater = async ({ db, now, team, requester, person, what, askAt }: FollowupDeps & { team: TeamRow; requester: PersonRow; person: PersonRow; what: string; askAt: Date }): Promise<FollowupRow> => {
  if (person.id === requester.id) throw botError('followups.not_self');
  const number = await nextFollowupNumber({ db, teamId: team.id });
  const followup = await insertFollowup({ db, values: { teamId: team.id, number, requesterId: requester.id, personId: person.id, what, askAt, status: 'scheduled', createdAt: now } });
  await scheduleAsk({ db, followup });
  // The ask is timed by their working hours: whoever has no zone is asked for it, once.
  await askZoneOnce({ db, now, team, person });
  return followup;
};

export const findFollowup = async ({ db, team, number }: { db: Db; team: TeamRow; number: number }): Promise<FollowupRow> => {
  const followup = await getFollowupByNumber({ db, teamId: team.id, number });
  if (!followup) throw botError('followups.not_found', { number });
  return followup;
};

/** The people and team of a follow-up, for jobs that start from its id alone. */
const loadParties = async ({ db, followup }: { db: Db; followup: FollowupRow }) => {
  const team = await getTeam({ db, teamId: followup.teamId });
  const people = await getPeople({ db, ids: [followup.personId, followup.requesterId] });
  const person = people.find((row) => row.id === followup.personId);
  const requester = people.find((row) => row.id === followup.requesterId);
  return team && person && requester ? { team, person, requester } : null;
};

/**
 * The ask job: DMs the person with Done and Not yet, then waits for the end of their working day. A job
 * that no longer matches the row (cancelled, answered, moved) does nothing. Outside their working time
 * (an absence entered since, or a run late at night after downtime) it moves the follow-up itself to their
 * next working moment, so the list and the end of the day follow the moment they are really asked; the
 * question then says since when it is late. The DM is re-checked and written again when it goes.
 * The first ask on time is news; asking again, or late, is a nudge that outranks it.
 */
export const askNow = async ({ db, now, followupId, askAt, intended }: FollowupDeps & { followupId: number; askAt: Date; intended: Date }): Promise<void> => {
  const followup = await getFollowupForUpdate({ db, followupId });
  if (!followup || followup.status !== 'scheduled' || followup.askAt.getTime() !== askAt.getTime()) return;
  const parties = await loadParties({ db, followup });
  if (!parties) return;
  const { team, person, requester } = parties;
  const time = await loadWorkingTime({ db, person, team, now });
  const moment = nextWorkingMoment(now, time);
  if (moment.getTime() > now.getTime()) {
    await reschedule({ db, followup, askAt: moment, intended });
    return;
  }
  const asked = await updateFollowup({ db, followupId, changes: { status: 'asked', timesAsked: followup.timesAsked + 1 } });
  const answerBy = workingDayEnd(now, time);
  const message = askMessage({ followup: asked, requester, team, view: viewOf(person, team, now), answerBy, intended });
  const first = asked.timesAsked === 1 && !isLate(intended, now);
  await dmAbout({
    db,
    now,
    team,
    followup: asked,
    person,
    message,
    dedupeKey: askDmKey(followupId, askAt, person),
    nature: first ? 'news' : 'nudge',
    rank: asked.timesAsked,
    check: followupAsk.spec({ followupId, askAt: askAt.toISOString(), timesAsked: asked.timesAsked, intended: intended.toISOString() }),
  });
  await scheduleJob({ db, job: followupExpireJob, payload: { followupId, askAt: askAt.toISOString() }, runAt: answerBy, dedupeKey: expireKey(followupId, now) });
};

/** Waits for a later moment: the same end-of-day job, under a key of its own. */
const expireLater = ({ db, followupId, askAt, at }: { db: Db; followupId: number; askAt: Date; at: Date }) =>
  scheduleJob({ db, job: followupExpireJob, payload: { followupId, askAt: askAt.toISOString() }, runAt: at, dedupeKey: `${expireKey(followupId, askAt)}:${at.toISOString()}` });

/**
 * The end-of-day job: still no answer to this very ask, so the follow-up is unanswered (the managers' daily
 * brief lists it) and the requester hears it, once: unless they are a manager of the team who reads the brief,
 * which says it already. A question still waiting in the outbox (queued behind another DM) is not unanswered
 * yet: the day it arrives in counts. A requester told something else about this follow-up within the team's
 * window hears it one window after that, never in the same breath.
 */
export const expireNow = async ({ db, now, followupId, askAt }: FollowupDeps & { followupId: number; askAt: Date }): Promise<void> => {
  const followup = await getFollowupForUpdate({ db, followupId });
  if (!followup || followup.askAt.getTime() !== askAt.getTime() || (followup.status !== 'asked' && followup.status !== 'unanswered')) return;
  const parties = await loadParties({ db, followup });
  if (!parties) return;
  const { team, person, requester } = parties;
  let unanswered = followup;
  if (followup.status === 'asked') {
    if (await isDeliveryPending({ db, dedupeKey: askDmKey(followupId, askAt, person) })) {
      const time = await loadWorkingTime({ db, person, team, now });
      await expireLater({ db, followupId, askAt, at: workingDayEnd(new Date(now.getTime() + 60_000), time) });
      return;
    }
    unanswered = await updateFollowup({ db, followupId, changes: { status: 'unanswered' } });
  }
  if (await hearsInBrief({ db, team, person: requester })) return;
  const last = await lastDmOnSubject({ db, person: requester, subject: subjectOf(followupId) });
  const clear = last ? new Date(last.getTime() + team.noticeWindowMinutes * 60_000) : now;
  if (clear > now) {
    await expireLater({ db, followupId, askAt, at: clear });
    return;
  }
  await dmAbout({
    db,
    now,
    team,
    followup: unanswered,
    person: requester,
    message: unansweredNotice({ followup: unanswered, person, team, view: viewOf(requester, team, now) }),
    dedupeKey: dmKey(`${followupId}:unanswered:${askAt.toISOString()}`, requester),
    nature: 'nudge',
    rank: unanswered.timesAsked,
    check: followupUnanswered.spec({ followupId, askAt: askAt.toISOString() }),
  });
};

/**
 * Locks the follow-up a button or form is about and checks that it can still be answered, by the person
 * asked. The lock serialises two clicks, so Done and then Not yet cannot both act.
 */
export const lockForAnswer = async ({ db, followupId, actor }: { db: Db; followupId: number; actor: PersonRow }) => {
  const followup = await getFollowupForUpdate({ db, followupId });
  const parties = followup ? await loadParties({ db, followup }) : null;
  // A follow-up never asked has no buttons to click. (Ids of another workspace never get here: the bot finds
  // the team of every click and form about a follow-up first, and refuses one of another workspace.)
  if (!followup || !parties || followup.timesAsked === 0) throw botError('bot.unknown_action');
  if (followup.personId !== actor.id) throw botError('followups.not_for_you', { person: parties.person.displayName });
  if (followup.status === 'done') throw botError('followups.already_done', { number: followup.number });
  if (followup.status === 'cancelled') throw botError('followups.already_cancelled', { number: followup.number });
  return { followup, ...parties };
};

export const markDone = async ({ db, now, followupId, actor }: FollowupDeps & { followupId: number; actor: PersonRow }) => {
  const { team, person, requester } = await lockForAnswer({ db, followupId, actor });
  await cancelPending({ db, followupId });
  const done = await updateFollowup({ db, followupId, changes: { status: 'done', answeredAt: now } });
  const check = followupSettled.spec({ followupId, status: 'done' });
  await dmAbout({ db, now, team, followup: done, person: requester, message: doneNotice({ followup: done, person, team }), dedupeKey: dmKey(`${followupId}:done`, requester), check });
  return { followup: done, team, person, requester, arrival: await arrivalOf({ db, person: requester, team, now }) };
};

/**
 * Not yet: ask again at the moment the person names (read in their zone, moved into their working time), but
 * not within the team's window of now: the question they are answering reached them before now, and the
 * window allows one message about a follow-up per person per window, so a sooner ask would be dropped.
 */
export const askAgainLater = async ({ db, now, followupId, actor, whenText }: FollowupDeps & { followupId: number; actor: PersonRow; whenText: string }) => {
  const { followup, team, person, requester } = await lockForAnswer({ db, followupId, actor });
  const time = await loadWorkingTime({ db, person, team, now });
  const wanted = parseWhen(whenText, { now, zone: time.zone, locale: team.locale, kind: 'start' });
  const soonest = new Date(now.getTime() + team.noticeWindowMinutes * 60_000);
  const held = wanted < soonest;
  const moved = await reschedule({ db, followup, askAt: nextWorkingMoment(held ? soonest : wanted, time) });
  const askAt = moved.askAt.toISOString();
  const message = notYetNotice({ followup: moved, person, team, view: viewOf(requester, team, now) });
  await dmAbout({ db, now, team, followup: moved, person: requester, message, dedupeKey: dmKey(`${followupId}:not-yet:${askAt}`, requester), check: followupNotYet.spec({ followupId, askAt }) });
  return { followup: moved, team, person, requester, held };
};

/**
 * Cancels a follow-up that is not done yet: by whoever asked it, or a manager of its team. Someone already
 * asked hears there is no need to answer (not when the only question is still waiting in the outbox: it is
 * dropped there instead); a requester whose follow-up a manager cancelled hears that.
 */
export const cancelFollowup = async ({ db, now, followup, actor, isManager }: FollowupDeps & { followup: FollowupRow; actor: PersonRow; isManager: boolean }) => {
  const current = (await getFollowupForUpdate({ db, followupId: followup.id }))!;
  if (current.requesterId !== actor.id && !isManager) throw botError('followups.not_yours', { number: current.number });
  if (current.status === 'done') throw botError('followups.already_done', { number: current.number });
  if (current.status === 'cancelled') throw botError('followups.already_cancelled', { number: current.number });
  const { team, person, requester } = (await loadParties({ db, followup: current }))!;
  await cancelPending({ db, followupId: current.id });
  const cancelled = await updateFollowup({ db, followupId: current.id, changes: { status: 'cancelled' } });
  const check = followupSettled.spec({ followupId: current.id, status: 'cancelled' });
  const unseen = current.status === 'asked' && current.timesAsked === 1 && (await isDeliveryPending({ db, dedupeKey: askDmKey(current.id, current.askAt, person) }));
  const told = current.timesAsked > 0 && !unseen;
  if (told) {
    await dmAbout({ db, now, team, followup: cancelled, person, message: cancelledNotice({ followup: cancelled, actor, team }), dedupeKey: dmKey(`${current.id}:cancelled`, person), check });
  }
  if (requester.id !== actor.id) {
    await dmAbout({ db, now, team, followup: cancelled, person: requester, message: cancelledByNotice({ followup: cancelled, actor, person, team }), dedupeKey: dmKey(`${current.id}:cancelled`, requester), check });
  }
  return { followup: cancelled, person, arrival: told ? await arrivalOf({ db, person, team, now }) : null };
};
