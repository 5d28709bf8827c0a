import { z } from 'zod';
import type { OptionSpec } from '../../command-text.js';
import { userIdOf } from '../../mentions.js';
import { defineAction, defineCommand, defineForm, defineSubcommand, requireTeam, type BotModule, type CommandContext, type HomeSection, type SubcommandDef } from '../../commands.js';
import { botError, isBotError } from '../../errors.js';
import { t } from '../../i18n/catalog.js';
import { ephemeral, inChannel, type Reply } from '../../invocation.js';
import { compose, textMessage, type Block, type Form } from '../../messages.js';
import { formatDays, formatLocalDate, localDateOf } from '../../time.js';
import { when, zoneOf } from '../../view.js';
import { roleIn } from '../people/people.repository.js';
import { getTeam } from '../teams/teams.repository.js';
import { parseRefText, parseSettingsText, questionsText, readAnswer, readDayAhead, readPeriod, readSelector, type RawSettings } from './standups.grammar.js';
import { answerForm, historyMessage, questionLine, retryText, skippedMessage, standupCard, thanksMessage } from './standups.messages.js';
import { getStandup, historyOf, listStandups, openAnswerOf, participation, pendingAnswersOf, type StandupRow } from './standups.repository.js';
import { answerByMessage, assertMayAnswer, blockerTitle, blockerToTask, clockText, createStandup, dateText, editStandup, findStandup, loadAnswer, participantsOf, readSettings, setStandupStatus, settingsOf, skipDay, submitAnswers, titleOf, viewOf, type AnswerContext } from './standups.usecases.js';
import type { PersonRow, TeamRow } from '../../identity.js';

// ---- shared

const optional = z.string().optional();
const settingsInput = z.object({ name: optional, at: optional, on: optional, questions: optional, deadline: optional, nudge: optional, report: optional, participants: z.array(z.string()).optional(), standup: optional });
type SettingsInput = z.infer<typeof settingsInput>;

const SETTING_KEYS = ['name', 'at', 'on', 'questions', 'deadline', 'nudge', 'report', 'participants'] as const;
const hasSettings = (input: SettingsInput) => SETTING_KEYS.some((key) => input[key] !== undefined);

const settingOptions: OptionSpec[] = [
  { name: 'at', kind: 'keyword', keywords: ['at', 'om'], description: 'Time in each participant’s zone, e.g. 09:00' },
  { name: 'on', kind: 'keyword', keywords: ['on', 'op'], description: 'Days, e.g. mon-fri (default: the team’s working days)' },
  { name: 'questions', kind: 'keyword', keywords: ['questions', 'vragen'], description: 'Questions separated by |, e.g. "Mood? [1-5]" | "On track? [yes/no]" | "Blocked? [blocker]"' },
  { name: 'deadline', kind: 'keyword', keywords: ['deadline'], description: 'Answers by, in each participant’s zone, e.g. 12:00' },
  { name: 'nudge', kind: 'keyword', keywords: ['nudge'], description: 'Reminder before the deadline, e.g. 1h, or off' },
  { name: 'report', kind: 'word', choices: ['thread', 'digest'], description: 'thread (answers as they come) or digest (one message at the deadline)' },
  { name: 'participants', kind: 'people', description: 'Who answers (default: everyone on the team)' },
];

const selectorOption: OptionSpec = { name: 'standup', kind: 'rest', description: 'Which standup: #2 or its name (default: the only one)' };

const cardReply = async (ctx: CommandContext, team: TeamRow, standup: StandupRow, lead: string, visibility: 'channel' | 'ephemeral') => {
  const message = compose([{ type: 'text', text: lead }, ...standupCard({ standup, team, participants: await participantsOf({ db: ctx.db, standup }) })]);
  return visibility === 'channel' ? inChannel(message) : ephemeral(message);
};

/** Runs a button or form handler in the standup's team language: clicks come from DMs, where the bot would speak English. */
const inLanguage = async (team: TeamRow | null, run: () => Promise<Reply>): Promise<Reply> => {
  try {
    return await run();
  } catch (error) {
    if (team && isBotError(error)) return ephemeral(textMessage(t(team.locale, error.code, error.params)));
    throw error;
  }
};

const teamOfAnswer = async (ctx: CommandContext, answerId: number): Promise<TeamRow | null> => {
  const found = Number.isInteger(answerId) && answerId > 0 ? await ctx.db.query.standupAnswers.findFirst({ where: (table, { eq }) => eq(table.id, answerId) }) : undefined;
  if (!found) return null;
  const run = await ctx.db.query.standupRuns.findFirst({ where: (table, { eq }) => eq(table.id, found.runId) });
  const standup = run ? await getStandup({ db: ctx.db, standupId: run.standupId }) : null;
  const team = standup ? await getTeam({ db: ctx.db, teamId: standup.teamId }) : null;
  return team && team.workspaceId === ctx.workspace.id ? team : null;
};

const idOf = (value: string) => (/^\d{1,9}$/.test(value) ? Number(value) : 0);

// ---- the settings form (setup with no text, edit with no changes)

const settingsForm = ({ team, standup, participants, locale }: { team: TeamRow; standup: StandupRow | null; participants: PersonRow[]; locale: TeamRow['locale'] }): Form => {
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

// ---- /standup subcommands

const setup = defineSubcommand({
  name: 'setup',
  usage: 'setup [<name>] [at 09:00] [on mon-fri] [questions "…" | "… [1-5]" | "… [yes/no]"] [deadline 12:00] [nudge 1h|off] [report thread|digest] [@person …]',
  example: '/standup setup at 09:00 on mon-fri questions "What did you finish yesterday?" | "What will you do today?" | "Anything blocking you?" deadline 12:00',
  description: 'standups.setup.desc',
  access: { scope: 'team', role: 'manager' },
  options: [{ name: 'name', kind: 'keyword', keywords: ['name'], description: 'A name, when the team has more than one standup' }, ...settingOptions],
  parse: (text) => parseSettingsText(text, 'name'),
  input: settingsInput,
  run: async (input, ctx) => {
    const { team } = requireTeam(ctx);
    if (!hasSettings(input)) return { kind: 'form', form: settingsForm({ team, standup: null, participants: [], locale: team.locale }) };
    const settings = await readSettings({ db: ctx.db, team, raw: input, base: null, resolve: ctx.person });
    const standup = await createStandup({ db: ctx.db, now: ctx.now, team, actor: ctx.actor, settings });
    return cardReply(ctx, team, standup, ctx.t('standups.created', { title: titleOf(standup, team.locale), number: standup.number, time: clockText(standup.time) }), 'channel');
  },
});

const edit = defineSubcommand({
  name: 'edit',
  usage: 'edit [#n|<name>] [name <new name>] [at …] [on …] [questions …] [deadline …] [nudge …] [report …] [@person … | for everyone]',
  example: '/standup edit deadline 11:00 report digest',
  description: 'standups.edit.desc',
  access: { scope: 'team', role: 'manager' },
  options: [selectorOption, { name: 'name', kind: 'keyword', keywords: ['name'], description: 'A new name' }, ...settingOptions],
  parse: (text) => parseSettingsText(text, 'standup'),
  input: settingsInput,
  run: async (input, ctx) => {
    const { team } = requireTeam(ctx);
    const standup = await findStandup({ db: ctx.db, team, selector: readSelector(input.standup) });
    if (!hasSettings(input)) return { kind: 'form', form: settingsForm({ team, standup, participants: await participantsOf({ db: ctx.db, standup }), locale: team.locale }) };
    const settings = await readSettings({ db: ctx.db, team, raw: input, base: settingsOf(standup), resolve: ctx.person });
    const updated = await editStandup({ db: ctx.db, now: ctx.now, team, standup, settings });
    return cardReply(ctx, team, updated, ctx.t('standups.updated', { title: titleOf(updated, team.locale), number: updated.number }), 'channel');
  },
});

const settingsFormHandler = defineForm({
  formId: 'standup.settings',
  input: z.record(z.string(), z.string()),
  run: async (values, privateValue, ctx) => {
    const [kind, id] = privateValue.split(':');
    const standup = kind === 'edit' ? await getStandup({ db: ctx.db, standupId: idOf(id ?? '') }) : null;
    const team = await getTeam({ db: ctx.db, teamId: standup ? standup.teamId : idOf(id ?? '') });
    if (!team || team.workspaceId !== ctx.workspace.id || (kind === 'edit' && (!standup || standup.status === 'removed'))) throw botError('bot.unknown_action');
    return inLanguage(team, async () => {
      if ((await roleIn({ db: ctx.db, teamId: team.id, personId: ctx.actor.id })) !== 'manager') throw botError('bot.managers_only', { usage: '/standup setup' });
      const raw = formSettings(values, standup !== null);
      const settings = await readSettings({ db: ctx.db, team, raw, base: standup ? settingsOf(standup) : null, resolve: ctx.person });
      if (standup) {
        const updated = await editStandup({ db: ctx.db, now: ctx.now, team, standup, settings });
        return cardReply(ctx, team, updated, t(team.locale, 'standups.updated', { title: titleOf(updated, team.locale), number: updated.number }), 'channel');
      }
      const created = await createStandup({ db: ctx.db, now: ctx.now, team, actor: ctx.actor, settings });
      return cardReply(ctx, team, created, t(team.locale, 'standups.created', { title: titleOf(created, team.locale), number: created.number, time: clockText(created.time) }), 'channel');
    });
  },
});

const selectorParse = (text: string) => (text.trim() ? { standup: text.trim() } : {});

const show = defineSubcommand({
  name: 'show',
  usage: 'show [#n|<name>]',
  example: '/standup show',
  description: 'standups.show.desc',
  access: { scope: 'team' },
  options: [selectorOption],
  parse: selectorParse,
  input: z.object({ standup: optional }),
  run: async (input, ctx) => {
    const { team } = requireTeam(ctx);
    const selector = readSelector(input.standup);
    const all = selector ? [await findStandup({ db: ctx.db, team, selector })] : await listStandups({ db: ctx.db, teamId: team.id });
    if (all.length === 0) return ephemeral(textMessage(ctx.t('standups.none')));
    const blocks = [];
    for (const standup of all) blocks.push(...standupCard({ standup, team, participants: await participantsOf({ db: ctx.db, standup }) }));
    return ephemeral(compose(blocks));
  },
});

const statusChange = (name: 'pause' | 'resume' | 'remove', status: 'paused' | 'active' | 'removed', done: 'standups.paused' | 'standups.resumed' | 'standups.removed'): SubcommandDef =>
  defineSubcommand({
    name,
    usage: `${name} [#n|<name>]`,
    example: `/standup ${name}`,
    description: `standups.${name}.desc`,
    access: { scope: 'team', role: 'manager' },
    options: [selectorOption],
    parse: selectorParse,
    input: z.object({ standup: optional }),
    run: async (input, ctx) => {
      const { team } = requireTeam(ctx);
      const standup = await findStandup({ db: ctx.db, team, selector: readSelector(input.standup) });
      const updated = await setStandupStatus({ db: ctx.db, now: ctx.now, team, standup, status });
      return inChannel(textMessage(ctx.t(done, { title: titleOf(updated, team.locale), number: updated.number })));
    },
  });

const skip = defineSubcommand({
  name: 'skip',
  usage: 'skip [today|tomorrow|<date>] [#n|"name"]',
  example: '/standup skip friday',
  description: 'standups.skip.desc',
  access: { scope: 'team' },
  options: [
    { name: 'phrase', kind: 'rest', when: 'start', description: 'Which day (default: today)' },
    { name: 'standup', kind: 'keyword', keywords: [], description: 'Which standup: #2 or its name (default: all of yours)' },
  ],
  parse: parseRefText,
  input: z.object({ phrase: optional, standup: optional }),
  run: async (input, ctx) => {
    const { team } = requireTeam(ctx);
    const zone = zoneOf(ctx.actor, team);
    const date = input.phrase ? readDayAhead(input.phrase, { now: ctx.now, zone, locale: team.locale }) : localDateOf(ctx.now, zone);
    if (!date) throw botError('standups.bad_skip_day', { value: input.phrase ?? '' });
    const selector = readSelector(input.standup);
    const chosen = selector ? [await findStandup({ db: ctx.db, team, selector })] : await listStandups({ db: ctx.db, teamId: team.id });
    const mine: StandupRow[] = [];
    for (const standup of chosen) if ((await participantsOf({ db: ctx.db, standup })).some((person) => person.id === ctx.actor.id)) mine.push(standup);
    if (chosen.length === 0) throw botError('standups.none');
    if (mine.length === 0) throw botError('standups.not_participant');
    const skipped: string[] = [];
    let firstError: unknown = null;
    for (const standup of mine) {
      try {
        await skipDay({ db: ctx.db, now: ctx.now, standup, team, person: ctx.actor, date });
        skipped.push(titleOf(standup, team.locale));
      } catch (error) {
        if (!isBotError(error) || error.code !== 'standups.no_standup_that_day' || mine.length === 1) throw error;
        firstError ??= error;
      }
    }
    if (skipped.length === 0) throw firstError;
    return ephemeral(textMessage(ctx.t('standups.skip_done', { title: skipped.join(', '), date: dateText(date, team, ctx.now) })));
  },
});

const REPORT_LIMIT = 200;

const report = defineSubcommand({
  name: 'report',
  usage: 'report [#n|"name"] [@person] [from <date> to <date>]',
  example: '/standup report @maria from 16 nov to 24 nov',
  description: 'standups.report.desc',
  access: { scope: 'team' },
  options: [
    { name: 'person', kind: 'person', description: 'Only this person’s answers' },
    { name: 'phrase', kind: 'rest', description: 'Period, e.g. from 16 nov to 24 nov, last week (default: the last 7 days)' },
    { name: 'standup', kind: 'keyword', keywords: [], description: 'Which standup: #2 or its name' },
  ],
  parse: parseRefText,
  input: z.object({ phrase: optional, standup: optional, person: optional }),
  run: async (input, ctx) => {
    const { team } = requireTeam(ctx);
    const standup = await findStandup({ db: ctx.db, team, selector: readSelector(input.standup) });
    const person = input.person ? await ctx.person(input.person) : null;
    const view = viewOf(ctx.actor, team, ctx.now);
    const period = readPeriod(input.phrase, { now: ctx.now, zone: view.zone, locale: team.locale });
    const rows = await historyOf({ db: ctx.db, standupId: standup.id, from: period.from, to: period.to, ...(person ? { personId: person.id } : {}), limit: REPORT_LIMIT + 1 });
    const counts = await participation({ db: ctx.db, teamId: team.id, standupId: standup.id, from: period.from, to: period.to, now: ctx.now });
    const label = (date: string) => formatLocalDate(date, team.locale, { now: ctx.now, zone: view.zone });
    const heading = ctx.t(person ? 'standups.history_title_person' : 'standups.history_title', { title: titleOf(standup, team.locale), from: label(period.from), to: label(period.to), person: person?.displayName ?? '' });
    const shown = person ? { ...counts, people: counts.people.filter((row) => row.personId === person.id) } : counts;
    return ephemeral(
      historyMessage({
        heading,
        rows: rows.slice(0, REPORT_LIMIT).map((row) => ({ date: row.run.localDate, line: { answer: row.answer, person: row.person } })),
        participation: person ? { people: shown.people, team: shown.people[0] ?? counts.team } : shown,
        dateLabel: label,
        locale: team.locale,
        truncated: rows.length > REPORT_LIMIT,
      }),
    );
  },
});

export const standupCommand = defineCommand({
  name: 'standup',
  description: 'standups.cmd',
  fallback: 'show',
  subcommands: [setup, show, edit, statusChange('pause', 'paused', 'standups.paused'), statusChange('resume', 'active', 'standups.resumed'), statusChange('remove', 'removed', 'standups.removed'), skip, report],
});

// ---- the participant's buttons and form: the value is their answer row of the day

const answerButton = defineAction({
  actionId: 'standup.answer',
  run: async (value, ctx) => {
    const team = await teamOfAnswer(ctx, idOf(value));
    if (!team) throw botError('bot.unknown_action');
    return inLanguage(team, async () => {
      const found = await loadAnswer({ db: ctx.db, answerId: idOf(value), actor: ctx.actor });
      assertMayAnswer(found, ctx.now);
      return { kind: 'form', form: answerForm({ standup: found.standup, answer: found.answer, date: dateText(found.run.localDate, team, ctx.now), locale: team.locale }) };
    });
  },
});

const skipButton = defineAction({
  actionId: 'standup.skip',
  run: async (value, ctx) => {
    const team = await teamOfAnswer(ctx, idOf(value));
    if (!team) throw botError('bot.unknown_action');
    return inLanguage(team, async () => {
      const found = await loadAnswer({ db: ctx.db, answerId: idOf(value), actor: ctx.actor });
      if (found.answer.status === 'answered') throw botError('standups.skip_answered', { date: dateText(found.run.localDate, team, ctx.now) });
      if (found.answer.status !== 'skipped') await skipDay({ db: ctx.db, now: ctx.now, standup: found.standup, team, person: ctx.actor, date: found.run.localDate });
      return { kind: 'update', message: skippedMessage({ date: dateText(found.run.localDate, team, ctx.now), view: viewOf(ctx.actor, team, ctx.now) }) };
    });
  },
});

const thanks = (found: AnswerContext, submitted: Awaited<ReturnType<typeof submitAnswers>>, now: Date) =>
  thanksMessage({ person: found.person, answer: submitted.answer, late: submitted.late, managers: submitted.toldManagers, view: viewOf(found.person, found.team, now) });

const answerFormHandler = defineForm({
  formId: 'standup.answer',
  input: z.record(z.string(), z.string()),
  run: async (values, privateValue, ctx) => {
    const team = await teamOfAnswer(ctx, idOf(privateValue));
    if (!team) throw botError('bot.unknown_action');
    return inLanguage(team, async () => {
      const found = await loadAnswer({ db: ctx.db, answerId: idOf(privateValue), actor: ctx.actor });
      const answers = found.answer.questions.map((question, index) => {
        const text = values[`q${index + 1}`] ?? '';
        const read = readAnswer(question, text);
        if (read === null) {
          if (text.trim() === '') throw botError('standups.answer_required', { question: question.text });
          throw botError(question.kind === 'scale' ? 'standups.retry_scale' : 'standups.retry_yesno');
        }
        return read;
      });
      const submitted = await submitAnswers({ db: ctx.db, now: ctx.now, ctx: found, values: answers });
      return ephemeral(thanks(found, submitted, ctx.now));
    });
  },
});

/**
 * A DM while a standup is open for the person: the answer to their next question. Null (not ours) outside
 * DMs and when nothing is open, so other modules and the bot's hint get the message.
 */
const onMessage = async (text: string, ctx: CommandContext): Promise<Reply | null> => {
  if (!ctx.invocation.channel.isDm || text.trim() === '') return null;
  const open = await openAnswerOf({ db: ctx.db, personId: ctx.actor.id, now: ctx.now });
  if (!open) return null;
  const team = await getTeam({ db: ctx.db, teamId: open.standup.teamId });
  return inLanguage(team, async () => {
    const found = await loadAnswer({ db: ctx.db, answerId: open.answer.id, actor: ctx.actor });
    const result = await answerByMessage({ db: ctx.db, now: ctx.now, ctx: found, text });
    const locale = found.team.locale;
    if (result.kind === 'retry') return ephemeral(textMessage(retryText(result.question, result.index, result.count, locale)));
    if (result.kind === 'next') return ephemeral(textMessage(questionLine(result.question, result.index, result.count, locale)));
    return ephemeral(thanks(found, result.submitted, ctx.now));
  });
};

// ---- blockers: the managers' "Make it a task"

const makeTaskButton = defineAction({
  actionId: 'standup.make_task',
  run: async (value, ctx) => {
    const team = await teamOfAnswer(ctx, idOf(value));
    if (!team) throw botError('bot.unknown_action');
    return inLanguage(team, async () => {
      if ((await roleIn({ db: ctx.db, teamId: team.id, personId: ctx.actor.id })) !== 'manager') throw botError('standups.managers_only_task');
      const answer = (await ctx.db.query.standupAnswers.findFirst({ where: (table, { eq }) => eq(table.id, idOf(value)) }))!;
      if (!answer.blocker) throw botError('bot.unknown_action');
      if (answer.blockerTaskId !== null) {
        const task = await ctx.db.query.tasks.findFirst({ where: (table, { eq }) => eq(table.id, answer.blockerTaskId!) });
        throw botError('standups.already_task_number', { number: task?.number ?? '?' });
      }
      return {
        kind: 'form',
        form: {
          formId: 'standup.make_task',
          title: t(team.locale, 'standups.form.task_title'),
          submitLabel: t(team.locale, 'standups.form.task_submit'),
          privateValue: String(answer.id),
          fields: [
            { id: 'title', label: t(team.locale, 'standups.form.task_name'), kind: 'text', required: true, initial: blockerTitle(answer.blocker, team.locale) },
            { id: 'assignee', label: t(team.locale, 'standups.form.task_assignee'), kind: 'person', required: true },
            { id: 'due', label: t(team.locale, 'standups.form.task_due'), kind: 'when', required: false },
          ],
        },
      };
    });
  },
});

const makeTaskForm = defineForm({
  formId: 'standup.make_task',
  input: z.object({ title: z.string().optional(), assignee: z.string().optional(), due: z.string().optional() }),
  run: async (input, privateValue, ctx) => {
    const team = await teamOfAnswer(ctx, idOf(privateValue));
    if (!team) throw botError('bot.unknown_action');
    return inLanguage(team, async () => {
      const title = input.title?.trim() ?? '';
      if (title === '') throw botError('tasks.title_required');
      if (title.length > 200) throw botError('tasks.title_too_long');
      const assigneeId = (input.assignee ? userIdOf(input.assignee) : '');
      if (assigneeId === '') throw botError('standups.assignee_required');
      const assignee: PersonRow = await ctx.person(assigneeId);
      const due = input.due?.trim();
      const done = await blockerToTask({ db: ctx.db, now: ctx.now, answerId: idOf(privateValue), actor: ctx.actor, title, assignee, ...(due ? { dueText: due } : {}) });
      const { task } = done.added;
      return ephemeral(
        textMessage(t(team.locale, 'standups.task_added', { number: task.number, title: task.title, people: done.added.assignees.map((person) => person.displayName).join(', '), person: done.person.displayName, date: dateText(done.run.localDate, team, ctx.now) })),
      );
    });
  },
});

/** The person's home view: the standups still waiting for their answer, with Answer. */
const standupsHome: HomeSection = async (ctx) => {
  const pending = await pendingAnswersOf({ db: ctx.db, personId: ctx.actor.id, now: ctx.now });
  if (pending.length === 0) return [];
  return [
    { type: 'header', text: ctx.t('standups.home_title') },
    ...pending.flatMap(({ answer, run, standup, team }): Block[] => [
      {
        type: 'text',
        text: ctx.t('standups.home_line', { title: titleOf(standup, team.locale), team: team.clientName, date: dateText(run.localDate, team, ctx.now), when: when(answer.deadlineAt, viewOf(ctx.actor, team, ctx.now)) }),
      },
      { type: 'buttons', buttons: [{ label: ctx.t('standups.button.answer'), actionId: 'standup.answer', value: String(answer.id), style: 'primary' }] },
    ]),
  ];
};

export const standupsModule: BotModule = {
  commands: [standupCommand],
  home: standupsHome,
  actions: [answerButton, skipButton, makeTaskButton],
  forms: [settingsFormHandler, answerFormHandler, makeTaskForm],
  onMessage,
};

