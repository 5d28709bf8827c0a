import { z } from 'zod';
import { tokenize } from '../../command-text.js';
import { mentionId } from '../../mentions.js';
import { defineCommand, defineSubcommand, defineTeamAction, defineTeamForm, requireTeam, type BotModule, type CommandContext, type TeamOf } from '../../commands.js';
import { botError } from '../../errors.js';
import { ephemeral } from '../../invocation.js';
import { textMessage } from '../../messages.js';
import { formatInstant, parseWhen } from '../../time.js';
import { getPeople } from '../people/people.repository.js';
import { loadWorkingTime } from '../../recipient-time.js';
import { echoWhen, zoneOf } from '../../view.js';
import { answeredMessage, followupList } from './followups.messages.js';
import { getFollowup, listRequestedBy } from './followups.repository.js';
import { followupNotices } from './followups.notices.js';
import { askAgainLater, askLater, askMomentOf, cancelFollowup, findFollowup, lockForAnswer, markDone, MAX_WHAT, readAsk, viewOf } from './followups.usecases.js';
import { windowText } from '../obm/obm.settings.js';
import type { PersonRow, TeamRow } from '../../identity.js';

// ---- input schemas: messages are catalog keys, so a bad input reads as a sentence in the team's language

const followupNumber = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  z.string({ error: 'followups.number_required' }).regex(/^\d{1,9}$/, { error: 'followups.bad_number' }).transform(Number),
);
const optionalText = z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), z.string().trim().optional());

const whenEcho = (ctx: CommandContext, team: TeamRow, at: Date, zone: string): string =>
  echoWhen({ at, zone, readerZone: zoneOf(ctx.actor, team), locale: team.locale, now: ctx.now });

/** A moment a DM reaches someone, in their own zone: what the one who acted is told when it waits for their hours. */
const arrivalText = (ctx: CommandContext, team: TeamRow, person: PersonRow, at: Date): string => formatInstant(at, zoneOf(person, team), team.locale, { now: ctx.now });

// ---- /followup [ask] @person <what> [when]

/**
 * The text grammar of an ask: the first mention is the person; the rest, quotes kept, is the question with
 * perhaps a when at its end. Where the question ends depends on the person's zone, so `readAsk` splits it
 * once the person is known.
 */
const parseAskText = (text: string): Record<string, unknown> => {
  let person: string | undefined;
  const rest: string[] = [];
  for (const token of tokenize(text.trim())) {
    const quoted = token.startsWith('\u0000');
    const mention = quoted ? null : mentionId(token);
    if (mention && person === undefined) person = mention;
    else rest.push(quoted ? `"${token.slice(1)}"` : token);
  }
  return { ...(person !== undefined && { person }), ...(rest.length > 0 && { what: rest.join(' ') }) };
};

const ask = defineSubcommand({
  name: 'ask',
  usage: 'ask @person <what> [when]',
  example: '/followup ask @maria did you send the invoice? tomorrow 10:00',
  description: 'followups.ask.desc',
  access: { scope: 'team' },
  options: [
    { name: 'person', kind: 'person', required: true, description: 'Who to ask' },
    { name: 'what', kind: 'rest', required: true, description: 'What to ask, e.g. did you send the invoice?' },
    { name: 'when', kind: 'keyword', keywords: ['at', 'on', 'by', 'before', 'om', 'op', 'voor', 'tegen', 'uiterlijk'], when: 'start', description: 'When to ask (default: their next working morning)' },
  ],
  parse: parseAskText,
  input: z.object({
    person: z.string({ error: 'followups.person_required' }).min(1, { error: 'followups.person_required' }),
    what: z.string({ error: 'followups.what_required' }).trim().min(1, { error: 'followups.what_required' }),
    when: optionalText,
  }),
  run: async (input, ctx) => {
    const { team } = requireTeam(ctx);
    const person = await ctx.person(input.person);
    if (person.id === ctx.actor.id) throw botError('followups.not_self');
    const time = await loadWorkingTime({ db: ctx.db, person, team, now: ctx.now });
    // A when given apart (Discord's option) is read as it is; in free text it is the end of the question.
    const read = input.when
      ? { what: input.what, when: parseWhen(input.when, { now: ctx.now, zone: time.zone, locale: team.locale, kind: 'start' }) }
      : readAsk({ text: input.what, now: ctx.now, zone: time.zone, locale: team.locale });
    const what = read.what.trim();
    if (!what) throw botError('followups.what_required');
    if (what.length > MAX_WHAT) throw botError('followups.what_too_long');
    const askAt = askMomentOf({ when: read.when, now: ctx.now, time });
    const followup = await askLater({ db: ctx.db, now: ctx.now, team, requester: ctx.actor, person, what, askAt });
    const shifted = read.when && read.when.getTime() !== askAt.getTime() ? ctx.t('followups.shifted', { person: person.displayName }) : '';
    return ephemeral(textMessage(ctx.t('followups.added', { number: followup.number, person: person.displayName, what, when: whenEcho(ctx, team, askAt, time.zone), shifted })));
  },
});

const LIST_LIMIT = 50;

const list = defineSubcommand({
  name: 'list',
  usage: 'list',
  example: '/followup list',
  description: 'followups.list.desc',
  access: { scope: 'team' },
  options: [],
  input: z.object({}),
  run: async (_input, ctx) => {
    const { team } = requireTeam(ctx);
    const followups = await listRequestedBy({ db: ctx.db, teamId: team.id, requesterId: ctx.actor.id, limit: LIST_LIMIT });
    const people = await getPeople({ db: ctx.db, ids: [...new Set(followups.map((followup) => followup.personId))] });
    return ephemeral(followupList({ team, followups, people, view: viewOf(ctx.actor, team, ctx.now), limit: LIST_LIMIT }));
  },
});

const cancel = defineSubcommand({
  name: 'cancel',
  usage: 'cancel <n>',
  example: '/followup cancel 3',
  description: 'followups.cancel.desc',
  access: { scope: 'team' },
  options: [{ name: 'number', kind: 'ref', required: true, description: 'Follow-up number, e.g. 3' }],
  input: z.object({ number: followupNumber }),
  run: async ({ number }, ctx) => {
    const tc = requireTeam(ctx);
    const found = await findFollowup({ db: ctx.db, team: tc.team, number });
    const { followup, person, arrival } = await cancelFollowup({ db: ctx.db, now: ctx.now, followup: found, actor: ctx.actor, isManager: tc.role === 'manager' });
    const held = arrival ? ctx.t('followups.gets_it', { person: person.displayName, when: arrivalText(ctx, tc.team, person, arrival) }) : '';
    return ephemeral(textMessage(ctx.t('followups.cancelled', { number: followup.number, person: person.displayName, what: followup.what }) + held));
  },
});

/** `/followup @maria …` needs no subcommand word: text that names none is an `ask`. */
export const followupCommand = defineCommand({ name: 'followup', description: 'followups.cmd', fallback: 'ask', implicit: 'ask', subcommands: [ask, list, cancel] });

// ---- buttons on the question DM: the value is the follow-up id; the team comes from the follow-up, and the
// bot answers in its language (the click comes from a DM, where it would answer in English)

const followupIdOf = (value: string): number | null => (/^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : null);

const teamOfFollowup: TeamOf = async (value, db) => {
  const followupId = followupIdOf(value);
  return followupId === null ? null : ((await getFollowup({ db, followupId }))?.teamId ?? null);
};

const doneButton = defineTeamAction({
  actionId: 'followup.done',
  teamOf: teamOfFollowup,
  run: async (value, ctx) => {
    const { team } = ctx;
    const { followup, requester, person, arrival } = await markDone({ db: ctx.db, now: ctx.now, followupId: followupIdOf(value)!, actor: ctx.actor });
    const notice = arrival
      ? ctx.t('followups.done_notice_held', { requester: requester.displayName, when: arrivalText(ctx, team, requester, arrival) })
      : ctx.t('followups.done_notice', { requester: requester.displayName });
    return { kind: 'update', message: answeredMessage({ followup, requester, team, view: viewOf(person, team, ctx.now) }), notice: textMessage(notice) };
  },
});

const notYetButton = defineTeamAction({
  actionId: 'followup.not_yet',
  teamOf: teamOfFollowup,
  run: async (value, ctx) => {
    const followupId = followupIdOf(value)!;
    await lockForAnswer({ db: ctx.db, followupId, actor: ctx.actor });
    return {
      kind: 'form',
      form: {
        formId: 'followup.not_yet',
        title: ctx.t('followups.form.title'),
        submitLabel: ctx.t('followups.form.submit'),
        privateValue: String(followupId),
        fields: [{ id: 'when', label: ctx.t('followups.form.when'), kind: 'when', required: true }],
      },
    };
  },
});

const notYetForm = defineTeamForm({
  formId: 'followup.not_yet',
  // An empty answer is refused by the handler, after the follow-up's team is known, in that team's language.
  input: z.object({ when: z.string().optional() }),
  teamOf: teamOfFollowup,
  refusals: { when: ['followups.when_required', 'time.'] },
  run: async (input, privateValue, ctx) => {
    const { team } = ctx;
    const whenText = input.when?.trim() ?? '';
    if (!whenText) throw botError('followups.when_required');
    const { followup, person, held } = await askAgainLater({ db: ctx.db, now: ctx.now, followupId: followupIdOf(privateValue)!, actor: ctx.actor, whenText });
    const when = formatInstant(followup.askAt, zoneOf(person, team), team.locale, { now: ctx.now });
    return ephemeral(textMessage(held ? ctx.t('followups.rescheduled_window', { when, window: windowText(team.noticeWindowMinutes) }) : ctx.t('followups.rescheduled', { when })));
  },
});

export const followupsModule: BotModule = {
  commands: [followupCommand],
  actions: [doneButton, notYetButton],
  forms: [notYetForm],
  notices: followupNotices,
};

