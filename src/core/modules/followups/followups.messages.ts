import { t } from '../../i18n/catalog.js';
import { compose, textMessage, type Block, type Message } from '../../messages.js';
import { ago, when, type View } from '../../view.js';
import type { FollowupRow } from './followups.repository.js';
import type { PersonRow, TeamRow } from '../../identity.js';


const buttons = (followup: FollowupRow, view: View): Block => ({
  type: 'buttons',
  buttons: [
    { label: t(view.locale, 'followups.button.done'), actionId: 'followup.done', value: String(followup.id), style: 'primary' },
    { label: t(view.locale, 'followups.button.not_yet'), actionId: 'followup.not_yet', value: String(followup.id) },
  ],
});

const question = (followup: FollowupRow, requester: PersonRow, team: TeamRow, view: View) =>
  t(view.locale, followup.timesAsked > 1 ? 'followups.dm_ask_again' : 'followups.dm_ask', { requester: requester.displayName, team: team.clientName, what: followup.what });

/** An ask written this long after the moment it was meant for says it comes late, and how late. */
export const LATE_AFTER_MS = 15 * 60_000;

export const isLate = (intended: Date, now: Date): boolean => now.getTime() - intended.getTime() > LATE_AFTER_MS;

/**
 * The question in the person's DM, with the end of their working day as the moment to answer by. Written when
 * it is sent (`view.now`), so one that goes late says since when it was meant ("2 hours ago").
 */
export const askMessage = ({ followup, requester, team, view, answerBy, intended }: { followup: FollowupRow; requester: PersonRow; team: TeamRow; view: View; answerBy: Date; intended: Date }): Message =>
  compose([
    { type: 'text', text: question(followup, requester, team, view) },
    ...(isLate(intended, view.now) ? [{ type: 'context' as const, text: t(view.locale, 'followups.dm_late', { when: when(intended, view), ago: ago(intended, view) }) }] : []),
    { type: 'context', text: t(view.locale, 'followups.dm_answer_by', { number: followup.number, when: when(answerBy, view) }) },
    buttons(followup, view),
  ]);

/** What the clicked question becomes once answered Done: no buttons left to click. */
export const answeredMessage = ({ followup, requester, team, view }: { followup: FollowupRow; requester: PersonRow; team: TeamRow; view: View }): Message =>
  compose([
    { type: 'text', text: question(followup, requester, team, view) },
    { type: 'context', text: t(view.locale, 'followups.state_done', { when: when(followup.answeredAt ?? view.now, view) }) },
  ]);

const about = (followup: FollowupRow, team: TeamRow) => ({ what: followup.what, number: followup.number, team: team.clientName });

export const doneNotice = ({ followup, person, team }: { followup: FollowupRow; person: PersonRow; team: TeamRow }): Message =>
  textMessage(t(team.locale, 'followups.dm_done', { person: person.displayName, ...about(followup, team) }));

/** "Not yet, I'll ask again then"; in the past tense once it was asked again (the notice waited for the requester's hours). */
export const notYetNotice = ({ followup, person, team, view, askedAgain = false }: { followup: FollowupRow; person: PersonRow; team: TeamRow; view: View; askedAgain?: boolean }): Message =>
  textMessage(t(view.locale, askedAgain ? 'followups.dm_not_yet_asked' : 'followups.dm_not_yet', { person: person.displayName, when: when(followup.askAt, view), ...about(followup, team) }));

export const unansweredNotice = ({ followup, person, team, view }: { followup: FollowupRow; person: PersonRow; team: TeamRow; view: View }): Message =>
  textMessage(t(view.locale, 'followups.dm_unanswered', { person: person.displayName, when: when(followup.askAt, view), ...about(followup, team) }));

export const cancelledNotice = ({ followup, actor, team }: { followup: FollowupRow; actor: PersonRow; team: TeamRow }): Message =>
  textMessage(t(team.locale, 'followups.dm_cancelled', { actor: actor.displayName, ...about(followup, team) }));

export const cancelledByNotice = ({ followup, actor, person, team }: { followup: FollowupRow; actor: PersonRow; person: PersonRow; team: TeamRow }): Message =>
  textMessage(t(team.locale, 'followups.dm_cancelled_by', { actor: actor.displayName, person: person.displayName, ...about(followup, team) }));

const stateOf = (followup: FollowupRow, view: View): string => {
  switch (followup.status) {
    case 'done':
      return t(view.locale, 'followups.status.done', { when: when(followup.answeredAt ?? followup.askAt, view) });
    case 'cancelled':
      return t(view.locale, 'followups.status.cancelled');
    default:
      return t(view.locale, `followups.status.${followup.status}`, { when: when(followup.askAt, view) });
  }
};

/** The requester's follow-ups, with every time in the reader's zone. */
export const followupList = ({ team, followups, people, view, limit }: { team: TeamRow; followups: FollowupRow[]; people: PersonRow[]; view: View; limit: number }): Message => {
  const nameOf = (id: number) => people.find((person) => person.id === id)?.displayName ?? '?';
  return compose([
    { type: 'header', text: t(view.locale, 'followups.list_title', { team: team.clientName }) },
    ...(followups.length === 0
      ? [{ type: 'text' as const, text: t(view.locale, 'followups.list_empty') }]
      : followups.map((followup) => ({
          type: 'text' as const,
          text: t(view.locale, 'followups.line', { number: followup.number, person: nameOf(followup.personId), what: followup.what, state: stateOf(followup, view) }),
        }))),
    ...(followups.length >= limit ? [{ type: 'context' as const, text: t(view.locale, 'followups.list_more', { count: limit }) }] : []),
  ]);
};
