import { defineTeamAction } from '../../commands.js';
import { botError } from '../../errors.js';
import { assertMayAnswer, loadAnswer, settleUnclearBlocker, skipDay, teamIdOfAnswer } from './standups.answers.js';
import { blockerTaskForm } from './standups.forms.js';
import { readId } from './standups.grammar.js';
import { answerForm, blockerSettledMessage, skippedMessage } from './standups.messages.js';
import { dateText, viewOf } from './standups.usecases.js';

/** The standup's buttons. Each value is an answer row of a day; the bot finds its team from it (`teamIdOfAnswer`). */

// ---- the participant's: Answer (or Edit answers) and Skip today

const answerButton = defineTeamAction({
  actionId: 'standup.answer',
  teamOf: teamIdOfAnswer,
  run: async (value, ctx) => {
    const { team } = ctx;
    const found = await loadAnswer({ db: ctx.db, team, answerId: readId(value), actor: ctx.actor });
    assertMayAnswer(found, ctx.now);
    return { kind: 'form', form: answerForm({ standup: found.standup, answer: found.answer, date: dateText(found.run.localDate, team, ctx.now), locale: team.locale }) };
  },
});

const skipButton = defineTeamAction({
  actionId: 'standup.skip',
  teamOf: teamIdOfAnswer,
  run: async (value, ctx) => {
    const { team } = ctx;
    const found = await loadAnswer({ db: ctx.db, team, answerId: readId(value), actor: ctx.actor });
    if (found.answer.status === 'answered') throw botError('standups.skip_answered', { date: dateText(found.run.localDate, team, ctx.now) });
    if (found.answer.status !== 'skipped') await skipDay({ db: ctx.db, now: ctx.now, standup: found.standup, team, person: ctx.actor, date: found.run.localDate });
    return { kind: 'update', message: skippedMessage({ date: dateText(found.run.localDate, team, ctx.now), view: viewOf(ctx.actor, team, ctx.now) }) };
  },
});

// ---- the participant's answer to "Is this blocking you?" (value: answer id and the revision it asked about)

const readRevision = (value: string) => {
  const [id = '', revision = ''] = value.split(':');
  return { answerId: readId(id), revision: readId(revision) };
};

const blockingButton = (blocking: boolean) =>
  defineTeamAction({
    actionId: blocking ? 'standup.blocking_yes' : 'standup.blocking_no',
    teamOf: (value, db) => teamIdOfAnswer(String(readRevision(value).answerId), db),
    run: async (value, ctx) => {
      const { answerId, revision } = readRevision(value);
      const found = await loadAnswer({ db: ctx.db, team: ctx.team, answerId, actor: ctx.actor });
      const settled = await settleUnclearBlocker({ db: ctx.db, now: ctx.now, ctx: found, revision, blocking });
      const managers = settled.blocking ? settled.toldManagers : [];
      return { kind: 'update', message: blockerSettledMessage({ answer: found.answer, blocking: settled.blocking, managers, view: viewOf(ctx.actor, ctx.team, ctx.now) }) };
    },
  });

// ---- the managers': "Make it a task" under a blocker

const makeTaskButton = defineTeamAction({
  actionId: 'standup.make_task',
  teamOf: teamIdOfAnswer,
  run: async (value, ctx) => {
    if (ctx.role !== 'manager') throw botError('standups.managers_only_task');
    const answer = (await ctx.db.query.standupAnswers.findFirst({ where: (table, { eq }) => eq(table.id, readId(value)) }))!;
    if (!answer.blocker) throw botError('bot.unknown_action');
    if (answer.blockerTaskId !== null) {
      const task = await ctx.db.query.tasks.findFirst({ where: (table, { eq }) => eq(table.id, answer.blockerTaskId!) });
      throw botError('standups.already_task_number', { number: task?.number ?? '?' });
    }
    return { kind: 'form', form: blockerTaskForm({ answer, blocker: answer.blocker, locale: ctx.team.locale }) };
  },
});

export const standupButtons = [answerButton, skipButton, blockingButton(true), blockingButton(false), makeTaskButton];
