import { z } from 'zod';
import type { Db } from '../../../db/database.js';
import { defineTeamForm, type CommandContext } from '../../commands.js';
import { botError } from '../../errors.js';
import { FieldRefusals, type FieldRefusal } from '../../form-errors.js';
import { t, type Locale } from '../../i18n/catalog.js';
import { ephemeral, inChannel } from '../../invocation.js';
import { userIdOf } from '../../mentions.js';
import { compose, type Form } from '../../messages.js';
import { formatDays } from '../../time.js';
import { loadAnswer, submitAnswers, teamIdOfAnswer, type AnswerContext, type Submitted } from './standups.answers.js';
import { confirmationNotes, withNotes } from '../tasks/tasks.replies.js';
import { blockerTitle, blockerToTask } from './standups.blockers.js';
import { questionsText, readAnswer, readId, type RawSettings } from './standups.grammar.js';
import { standupCard, thanksMessage } from './standups.messages.js';
import { getStandup, type AnswerRow, type StandupRow } from './standups.repository.js';
import { participantsOf } from './standups.scheduling.js';
import { clockText, createStandup, editStandup, readSettings, settingsOf } from './standups.settings.js';
import { dateText, titleOf, viewOf } from './standups.usecases.js';
import type { PersonRow, TeamRow } from '../../identity.js';

/** The standup's forms: its settings (setup and edit), a participant's answers, and a manager's "Make it a task". */

/** The standup's card after a setup or a change, under a line saying what happened. */
export const cardReply = async (ctx: CommandContext, team: TeamRow, standup: StandupRow, lead: string, visibility: 'channel' | 'ephemeral') => {
  const message = compose([{ type: 'text', text: lead }, ...standupCard({ standup, team, participants: await participantsOf({ db: ctx.db, standup }) })]);
  return visibility === 'channel' ? inChannel(message) : ephemeral(message);
};

// ---- the settings form (setup with no text, edit with no changes)

export const settingsForm = ({ team, standup, participants, locale }: { team: TeamRow; standup: StandupRow | null; participants: PersonRow[]; locale: TeamRow['locale'] }): Form => {
  const settings = standup ? settingsOf(standup) : null;
  return {
    formId: 'standup.settings',
    title: t(locale, standup ? 'standups.form.edit_title' : 'standups.form.setup_title'),
    submitLabel: t(locale, 'standups.form.save'),
    privateValue: standup ? `edit:${standup.id}` : `new:${team.id}`,
    fields: [
      { id: 'name', label: t(locale, 'standups.form.name'), kind: 'text', required: false, ...(settings?.name ? { initial: settings.name } : {}) },
      { id: 'time', label: t(locale, 'standups.form.time'), kind: 'text', required: true, initial: clockText(settings?.time ?? 9 * 60) },
      { id: 'days', label: t(locale, 'standups.form.days'), kind: 'text', required: false, placeholder: formatDays(team.workingDays, locale), ...(settings?.days ? { initial: formatDays(settings.days, locale) } : {}) },
      { id: 'questions', label: t(locale, 'standups.form.questions'), kind: 'textarea', required: false, placeholder: t(locale, 'standups.form.questions_placeholder'), ...(settings ? { initial: questionsText(settings.questions).split(' | ').map((line) => line.replace(/^"|"$/g, '')).join('\n') } : {}) },
      { id: 'deadline', label: t(locale, 'standups.form.deadline'), kind: 'text', required: false, ...(settings ? { initial: clockText(settings.deadline) } : { placeholder: '12:00' }) },
      { id: 'nudge', label: t(locale, 'standups.form.nudge'), kind: 'text', required: false, initial: settings ? (settings.nudgeMinutes === 0 ? 'off' : `${settings.nudgeMinutes}m`) : '1h' },
      { id: 'participants', label: t(locale, 'standups.form.participants'), kind: 'text', required: false, initial: settings?.participantIds ? participants.map((person) => `@${person.platformUserId}`).join(' ') : t(locale, 'standups.form.everyone') },
      {
        id: 'report',
        label: t(locale, 'standups.form.report'),
        kind: 'select',
        required: true,
        initial: settings?.reportStyle ?? 'thread',
        options: [
          { value: 'thread', label: t(locale, 'standups.report_thread') },
          { value: 'digest', label: t(locale, 'standups.report_digest') },
        ],
      },
    ],
  };
};

/** Form values to raw settings: empty optional fields mean "the default" (no name, the team's days, no reminder…). */
const formSettings = (values: Record<string, string | undefined>, editing: boolean): RawSettings => {
  const value = (id: string) => values[id]?.trim() ?? '';
  const raw: RawSettings = {};
  if (value('name') !== '' || editing) raw.name = value('name');
  if (value('time') !== '') raw.at = value('time');
  raw.on = value('days') === '' ? 'team' : value('days');
  if (value('questions') !== '') raw.questions = value('questions').split(/\r?\n/).filter((line) => line.trim() !== '').join(' | ');
  if (value('deadline') !== '') raw.deadline = value('deadline');
  raw.nudge = value('nudge') === '' ? 'off' : value('nudge');
  const people = value('participants');
  raw.participants = people === '' || /^(?:all|everyone|everybody|iedereen|allen|alle)$/i.test(people) ? ['*'] : people.split(/[\s,]+/).filter(Boolean).map(userIdOf);
  if (value('report') !== '') raw.report = value('report');
  return raw;
};

/**
 * What the settings form is about: `edit:<standup id>` (its team is the standup's; a removed standup is gone)
 * or `new:<team id>`.
 */
const settingsTarget = async (privateValue: string, db: Db): Promise<{ standup: StandupRow | null; teamId: number | null }> => {
  const [kind, id] = privateValue.split(':');
  if (kind !== 'edit') return { standup: null, teamId: readId(id ?? '') || null };
  const standup = await getStandup({ db, standupId: readId(id ?? '') });
  return standup && standup.status !== 'removed' ? { standup, teamId: standup.teamId } : { standup: null, teamId: null };
};

const settingsFormHandler = defineTeamForm({
  formId: 'standup.settings',
  input: z.record(z.string(), z.string()),
  refusals: {
    name: ['standups.name_'],
    time: ['standups.bad_time'],
    deadline: ['standups.bad_deadline', 'standups.deadline_before_time'],
    days: ['standups.bad_days', 'time.bad_days'],
    questions: ['standups.question', 'standups.too_many_questions'],
    nudge: ['standups.bad_nudge'],
    participants: ['standups.participants_required', 'standups.not_member', 'people.unknown'],
    report: ['standups.bad_report_style'],
  },
  teamOf: async (privateValue, db) => (await settingsTarget(privateValue, db)).teamId,
  run: async (values, privateValue, ctx) => {
    const { team } = ctx;
    if (ctx.role !== 'manager') throw botError('bot.managers_only', { usage: '/standup setup' });
    const { standup } = await settingsTarget(privateValue, ctx.db);
    const raw = formSettings(values, standup !== null);
    const settings = await readSettings({ db: ctx.db, team, raw, base: standup ? settingsOf(standup) : null, resolve: ctx.person });
    if (standup) {
      const updated = await editStandup({ db: ctx.db, now: ctx.now, team, standup, settings });
      return cardReply(ctx, team, updated, ctx.t('standups.updated', { title: titleOf(updated, team.locale), number: updated.number }), 'channel');
    }
    const created = await createStandup({ db: ctx.db, now: ctx.now, team, actor: ctx.actor, settings });
    return cardReply(ctx, team, created, ctx.t('standups.created', { title: titleOf(created, team.locale), number: created.number, time: clockText(created.time) }), 'channel');
  },
});

// ---- a participant's answers: the value is their answer row of the day

/** The thanks for a complete set of answers, by form or by DM replies. */
export const thanks = (found: AnswerContext, submitted: Submitted, now: Date) =>
  thanksMessage({ person: found.person, answer: submitted.answer, late: submitted.late, managers: submitted.toldManagers, unclearBlocker: submitted.unclearBlocker, view: viewOf(found.person, found.team, now) });

const answerFormHandler = defineTeamForm({
  formId: 'standup.answer',
  input: z.record(z.string(), z.string()),
  teamOf: teamIdOfAnswer,
  run: async (values, privateValue, ctx) => {
    const found = await loadAnswer({ db: ctx.db, team: ctx.team, answerId: readId(privateValue), actor: ctx.actor });
    // Every question that does not read is marked at once, so one more try fixes them all.
    const refused: FieldRefusal[] = [];
    const answers = found.answer.questions.map((question, index) => {
      const field = `q${index + 1}`;
      const text = values[field] ?? '';
      const read = readAnswer(question, text);
      if (read === null) {
        const code = text.trim() === '' ? 'standups.answer_required' : question.kind === 'scale' ? 'standups.retry_scale' : 'standups.retry_yesno';
        refused.push({ field, code, params: { question: question.text } });
      }
      return read ?? '';
    });
    if (refused.length > 0) throw new FieldRefusals(refused);
    const submitted = await submitAnswers({ db: ctx.db, now: ctx.now, ctx: found, values: answers });
    return ephemeral(thanks(found, submitted, ctx.now));
  },
});

// ---- blockers: the managers' "Make it a task"

/** The form behind "Make it a task": the task's title (from the blocker), who does it and by when. */
export const blockerTaskForm = ({ answer, blocker, locale }: { answer: AnswerRow; blocker: string; locale: Locale }): Form => ({
  formId: 'standup.make_task',
  title: t(locale, 'standups.form.task_title'),
  submitLabel: t(locale, 'standups.form.task_submit'),
  privateValue: String(answer.id),
  fields: [
    { id: 'title', label: t(locale, 'standups.form.task_name'), kind: 'text', required: true, initial: blockerTitle(blocker, locale) },
    { id: 'assignee', label: t(locale, 'standups.form.task_assignee'), kind: 'person', required: true },
    { id: 'due', label: t(locale, 'standups.form.task_due'), kind: 'when', required: false },
  ],
});

const makeTaskForm = defineTeamForm({
  formId: 'standup.make_task',
  input: z.object({ title: z.string().optional(), assignee: z.string().optional(), due: z.string().optional() }),
  refusals: { title: ['tasks.title_'], assignee: ['standups.assignee_required', 'people.unknown', 'tasks.members_assign_self'], due: ['time.'] },
  teamOf: teamIdOfAnswer,
  run: async (input, privateValue, ctx) => {
    const { team } = ctx;
    const title = input.title?.trim() ?? '';
    if (title === '') throw botError('tasks.title_required');
    if (title.length > 200) throw botError('tasks.title_too_long');
    const assigneeId = input.assignee ? userIdOf(input.assignee) : '';
    if (assigneeId === '') throw botError('standups.assignee_required');
    const assignee: PersonRow = await ctx.person(assigneeId);
    const due = input.due?.trim();
    const done = await blockerToTask({ db: ctx.db, now: ctx.now, team, role: ctx.role, answerId: readId(privateValue), actor: ctx.actor, title, assignee, ...(due ? { dueText: due } : {}) });
    const { task, assignees } = done.added;
    const text = ctx.t('standups.task_added', { number: task.number, title: task.title, people: assignees.map((person) => person.displayName).join(', '), person: done.person.displayName, date: dateText(done.run.localDate, team, ctx.now) });
    // As for any new task: a deadline outside the assignee's working time, and when a held DM reaches them.
    return ephemeral(withNotes(text, await confirmationNotes(ctx, team, task, { assignees, told: assignees })));
  },
});

export const standupForms = [settingsFormHandler, answerFormHandler, makeTaskForm];
