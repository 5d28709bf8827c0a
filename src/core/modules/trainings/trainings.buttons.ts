import { classSopLine } from './trainings.sop.js';
import { defineTeamAction, type ClickContext, type TeamOf } from '../../commands.js';
import { botError } from '../../errors.js';
import { ephemeral, type Reply } from '../../invocation.js';
import { textMessage } from '../../messages.js';
import { readRowId } from '../../row-id.js';
import { attendedSelf } from './trainings.after.js';
import { announcement, ATTENDED_ACTION, RSVP_ACTIONS, SCOPE_ACTIONS } from './trainings.messages.js';
import { teamView } from './trainings.notify.js';
import { getOccurrenceForUpdate, getTraining, rsvpsOf, type Answer, type OccurrenceRow, type TrainingRow } from './trainings.repository.js';
import { answerClass } from './trainings.rsvp.js';
import { cancelClass, upcomingOf } from './trainings.usecases.js';
import { cancelledText } from './trainings.replies.js';

// ---- buttons on announcements and after-class messages: the value is the occurrence id

/** The occurrence's team; the lock taken here serialises clicks on one class, so seats are counted once. */
const teamOfOccurrence: TeamOf = async (value, db) => {
  const id = readRowId(value);
  const occurrence = id === null ? null : await getOccurrenceForUpdate({ db, id });
  return occurrence ? ((await getTraining({ db, id: occurrence.trainingId }))?.teamId ?? null) : null;
};

const load = async (ctx: ClickContext, value: string): Promise<{ occurrence: OccurrenceRow; training: TrainingRow }> => {
  const occurrence = (await getOccurrenceForUpdate({ db: ctx.db, id: readRowId(value)! }))!;
  return { occurrence, training: (await getTraining({ db: ctx.db, id: occurrence.trainingId }))! };
};

const rsvpButton = (answer: Exclude<Answer, 'waitlist'>) =>
  defineTeamAction({
    actionId: RSVP_ACTIONS[answer],
    teamOf: teamOfOccurrence,
    run: async (value, ctx): Promise<Reply> => {
      const { occurrence, training } = await load(ctx, value);
      const notice = await answerClass({ db: ctx.db, now: ctx.now, team: ctx.team, occurrence, person: ctx.actor, answer });
      // The counts change in the announcement itself: the click replaces it, for everyone in the channel.
      const rsvps = await rsvpsOf({ db: ctx.db, occurrenceId: occurrence.id });
      return { kind: 'update', message: announcement({ training, occurrence, rsvps, view: teamView(ctx.team, ctx.now), sopLine: await classSopLine({ db: ctx.db, training, locale: ctx.team.locale }) }), notice: textMessage(notice) };
    },
  });

const attendedButton = defineTeamAction({
  actionId: ATTENDED_ACTION,
  teamOf: teamOfOccurrence,
  run: async (value, ctx) => {
    const { occurrence } = await load(ctx, value);
    const marked = await attendedSelf({ db: ctx.db, now: ctx.now, occurrence, person: ctx.actor });
    return ephemeral(textMessage(ctx.t(marked ? 'trainings.attended_thanks' : 'trainings.attended_already', { title: occurrence.title })));
  },
});

const scopeButton = (scope: 'one' | 'all') =>
  defineTeamAction({
    actionId: SCOPE_ACTIONS[scope],
    teamOf: teamOfOccurrence,
    run: async (value, ctx) => {
      if (ctx.role !== 'manager') throw botError('trainings.managers_only');
      const { occurrence, training } = await load(ctx, value);
      const upcoming = await upcomingOf({ db: ctx.db, now: ctx.now, training });
      if (upcoming.id !== occurrence.id) throw botError('trainings.nothing_upcoming', { number: training.number });
      const result = await cancelClass({ db: ctx.db, now: ctx.now, team: ctx.team, actor: ctx.actor, training, scope });
      const tc = { ...ctx, role: ctx.role };
      return { kind: 'update', message: textMessage(cancelledText(tc, training, result)) };
    },
  });

export const trainingActions = [rsvpButton('going'), rsvpButton('maybe'), rsvpButton('cant'), attendedButton, scopeButton('one'), scopeButton('all')];
