import { z } from 'zod';
import type { OptionSpec } from '../../command-text.js';
import { defineCommand, defineSubcommand, requireTeam, type BotModule, type CommandContext, type HomeSection, type SubcommandDef } from '../../commands.js';
import { botError, isBotError } from '../../errors.js';
import { t } from '../../i18n/catalog.js';
import { ephemeral, inChannel, type Reply } from '../../invocation.js';
import { compose, textMessage, type Block } from '../../messages.js';
import { formatLocalDate, localDateOf } from '../../time.js';
import { when, zoneOf } from '../../view.js';
import { getTeam } from '../teams/teams.repository.js';
import { answerByMessage, loadAnswer, skipDay } from './standups.answers.js';
import { standupButtons } from './standups.buttons.js';
import { cardReply, settingsForm, standupForms, thanks } from './standups.forms.js';
import { parseRefText, parseSettingsText, readDayAhead, readPeriod, readSelector } from './standups.grammar.js';
import { historyMessage, questionLine, retryText, standupCard } from './standups.messages.js';
import { standupNotices } from './standups.notices.js';
import { historyOf, listStandups, openAnswerOf, participation, pendingAnswersOf, type StandupRow } from './standups.repository.js';
import { participantsOf } from './standups.scheduling.js';
import { clockText, createStandup, editStandup, findStandup, readSettings, setStandupStatus, settingsOf } from './standups.settings.js';
import { dateText, titleOf, viewOf } from './standups.usecases.js';

// ---- shared

const optional = z.string().optional();
const settingsInput = z.object({ name: optional, at: optional, on: optional, questions: optional, deadline: optional, nudge: optional, report: optional, participants: z.array(z.string()).optional(), standup: optional });
type SettingsInput = z.infer<typeof settingsInput>;

const SETTING_KEYS = ['name', 'at', 'on', 'questions', 'deadline', 'nudge', 'report', 'participants'] as const;
const hasSettings = (input: SettingsInput) => SETTING_KEYS.some((key) => input[key] !== undefined);

// The words `parseSettingsText` reads, English and Dutch, in any team ('deadline' is both).
const NAME_WORDS = ['name', 'naam'];
const settingOptions: OptionSpec[] = [
  { name: 'at', kind: 'keyword', keywords: ['at', 'time', 'om', 'tijd'], description: 'Time in each participant’s zone, e.g. 09:00' },
  { name: 'on', kind: 'keyword', keywords: ['on', 'days', 'op', 'dagen'], description: 'Days, e.g. mon-fri (default: the team’s working days)' },
  { name: 'questions', kind: 'keyword', keywords: ['questions', 'question', 'vragen', 'vraag'], description: 'Questions separated by |, e.g. "Mood? [1-5]" | "On track? [yes/no]" | "Blocked? [blocker]"' },
  { name: 'deadline', kind: 'keyword', keywords: ['deadline'], description: 'Answers by, in each participant’s zone, e.g. 12:00' },
  { name: 'nudge', kind: 'keyword', keywords: ['nudge', 'reminder', 'herinnering'], description: 'Reminder before the deadline, e.g. 1h, or off' },
  { name: 'report', kind: 'word', choices: ['thread', 'digest'], description: 'thread (answers as they come) or digest (one message at the deadline)' },
  { name: 'participants', kind: 'people', description: 'Who answers (default: everyone on the team)' },
];

const selectorOption: OptionSpec = { name: 'standup', kind: 'rest', description: 'Which standup: #2 or its name (default: the only one)' };

// ---- /standup subcommands

const setup = defineSubcommand({
  name: 'setup',
  usage: 'setup [<name>] [at 09:00] [on mon-fri] [questions "…" | "… [1-5]" | "… [yes/no]"] [deadline 12:00] [nudge 1h|off] [report thread|digest] [@person …]',
  example: '/standup setup at 09:00 on mon-fri questions "What did you finish yesterday?" | "What will you do today?" | "Anything blocking you?" deadline 12:00',
  description: 'standups.setup.desc',
  access: { scope: 'team', role: 'manager' },
  options: [{ name: 'name', kind: 'keyword', keywords: NAME_WORDS, description: 'A name, when the team has more than one standup' }, ...settingOptions],
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
  options: [selectorOption, { name: 'name', kind: 'keyword', keywords: NAME_WORDS, description: 'A new name' }, ...settingOptions],
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

// ---- answering by DM replies

/**
 * A DM while a standup is open for the person: the answer to their next question. Null (not ours) outside
 * DMs and when nothing is open, so other modules and the bot's hint get the message.
 */
const onMessage = async (text: string, ctx: CommandContext): Promise<Reply | null> => {
  if (!ctx.invocation.channel.isDm || text.trim() === '') return null;
  const open = await openAnswerOf({ db: ctx.db, personId: ctx.actor.id, now: ctx.now });
  if (!open) return null;
  const team = await getTeam({ db: ctx.db, teamId: open.standup.teamId });
  if (!team) throw botError('bot.unknown_action');
  try {
    const found = await loadAnswer({ db: ctx.db, team, answerId: open.answer.id, actor: ctx.actor });
    const result = await answerByMessage({ db: ctx.db, now: ctx.now, ctx: found, text });
    const locale = found.team.locale;
    if (result.kind === 'retry') return ephemeral(textMessage(retryText(result.question, result.index, result.count, locale)));
    if (result.kind === 'next') return ephemeral(textMessage(questionLine(result.question, result.index, result.count, locale)));
    return ephemeral(thanks(found, result.submitted, ctx.now));
  } catch (error) {
    // A DM reply is no click, so the bot does not know its team: a refusal here speaks the team's language too.
    if (isBotError(error)) return ephemeral(textMessage(t(team.locale, error.code, error.params)));
    throw error;
  }
};

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
  actions: standupButtons,
  forms: standupForms,
  onMessage,
  notices: standupNotices,
};
