import { z } from 'zod';
import { parseOptionText, readsAsWhen, tokenize, type OptionSpec } from '../../command-text.js';
import { defineCommand, defineSubcommand, requireTeam, type BotModule, type CommandContext } from '../../commands.js';
import { botError } from '../../errors.js';
import type { TeamRow } from '../../identity.js';
import { ephemeral, inChannel } from '../../invocation.js';
import { textMessage } from '../../messages.js';
import { atLocalTime, localDateOf } from '../../time.js';
import { addDays } from '../../time/zone.js';
import { zoneOf, type View } from '../../view.js';
import { getPeople } from '../people/people.repository.js';
import { findProject } from '../tasks/tasks.repository.js';
import { upcomingCalendarItems } from './calendar.items.js';
import { calendarList, entryCard, entrySaved } from './calendar.messages.js';
import { calendarNotices } from './calendar.notices.js';
import { projectNames, type CalendarEntryRow, type CalendarKind } from './calendar.repository.js';
import { MAX_REMIND_DAYS, readEntryWhen } from './calendar.time.js';
import { addEntry, findEntry, moveEntry, reminderRecipientId, removeEntry } from './calendar.usecases.js';

// ---- the words: every keyword and kind in English and Dutch, accepted in any team

const KINDS: Record<string, CalendarKind> = {
  launch: 'launch', campaign: 'campaign', promo: 'promo', event: 'event', milestone: 'milestone', other: 'other',
  lancering: 'launch', campagne: 'campaign', actie: 'promo', evenement: 'event', mijlpaal: 'milestone', overig: 'other',
};
// "3 days before", "3 working days before", "3 dagen vooraf", "3 werkdagen van tevoren", or just "3".
const REMIND = /^(\d{1,4})(?:\s+(?:working\s+days?|days?|werkdagen|werkdag|dagen|dag))?(?:\s+(?:before|ahead|in\s+advance|vooraf|van\s+tevoren|ervoor|eerder))?$/i;
// "14 days", "14 dagen", or "14".
const NEXT = /^(\d{1,4})(?:\s+(?:days?|dagen|dag))?$/i;
const MAX_LIST_DAYS = 366;

const WHEN_WORDS = ['on', 'at', 'op', 'om'];

const addOptions: OptionSpec[] = [
  { name: 'title', kind: 'rest', required: true, description: 'What is on the calendar, e.g. Spring launch' },
  { name: 'when', kind: 'keyword', keywords: WHEN_WORDS, when: 'start', required: true, description: 'The day (all day) or the moment, e.g. 10 dec or 10 dec 14:00' },
  { name: 'kind', kind: 'keyword', keywords: ['kind', 'soort'], accepts: (value) => value.trim().toLowerCase() in KINDS, choices: ['launch', 'campaign', 'promo', 'event', 'milestone', 'other'], description: 'launch, campaign, promo, event, milestone or other' },
  { name: 'owner', kind: 'person', description: 'Who owns it and gets the reminders (default: you)' },
  { name: 'remind', kind: 'keyword', keywords: ['remind', 'herinner'], accepts: (value) => REMIND.test(value.trim()), description: 'One reminder n working days before, e.g. 5 days before' },
  { name: 'project', kind: 'keyword', keywords: ['project'], accepts: (value) => value.trim() !== '', description: 'The project it is a milestone of' },
];

const QUOTED = '\u0000';
// The longest date phrase worth trying at the end of a title ("next friday at 10:00 am").
const MAX_WHEN_WORDS = 8;

/**
 * `/calendar add Spring launch 10 dec kind launch @maria`: the keywords as everywhere; a when without `on`
 * is the longest run of words at the end of the title that reads as a date or time (a quoted title keeps
 * its words: `"Launch friday" on 12 dec`).
 */
const parseAdd = (text: string): Record<string, unknown> => {
  const read = parseOptionText(text, addOptions);
  if (read.when !== undefined || typeof read.title !== 'string') return read;
  const quoted = tokenize(text.trim()).find((token) => token.startsWith(QUOTED))?.slice(1);
  const words = read.title.split(' ');
  const keep = quoted && read.title.startsWith(quoted) ? quoted.split(' ').length : 1;
  for (let start = Math.max(keep, words.length - MAX_WHEN_WORDS); start < words.length; start++) {
    const phrase = words.slice(start).join(' ');
    if (readsAsWhen(phrase)) return { ...read, title: words.slice(0, start).join(' '), when: phrase };
  }
  return read;
};

const entryNumber = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  z.string({ error: 'calendar.number_required' }).regex(/^\d{1,9}$/, { error: 'calendar.bad_number' }).transform(Number),
);
const whenText = z.string({ error: 'calendar.when_required' }).trim().min(1, { error: 'calendar.when_required' });
const remind = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  z
    .string()
    .trim()
    .regex(REMIND, { error: 'calendar.bad_remind' })
    .transform((value) => Number(REMIND.exec(value)![1]))
    .refine((days) => days >= 1 && days <= MAX_REMIND_DAYS, { error: 'calendar.bad_remind' }),
);

const viewFor = (ctx: CommandContext, team: TeamRow): View => ({ locale: team.locale, zone: zoneOf(ctx.actor, team), now: ctx.now });

const partiesOf = async (ctx: CommandContext, entry: CalendarEntryRow) => {
  const people = await getPeople({ db: ctx.db, ids: [...new Set([entry.ownerId, entry.creatorId, reminderRecipientId(entry)].filter((id): id is number => id !== null))] });
  const byId = new Map(people.map((person) => [person.id, person]));
  const projectName = entry.projectId === null ? null : ((await projectNames({ db: ctx.db, ids: [entry.projectId] })).get(entry.projectId) ?? null);
  return { owner: entry.ownerId === null ? null : (byId.get(entry.ownerId) ?? null), creator: byId.get(entry.creatorId) ?? null, recipient: byId.get(reminderRecipientId(entry)) ?? null, projectName };
};

const add = defineSubcommand({
  name: 'add',
  usage: 'add <title> <when> [kind launch|campaign|promo|event|milestone|other] [@owner] [remind <n> days before] [project <name>]',
  example: '/calendar add Spring launch 10 mar kind launch @maria remind 5 days before',
  description: 'calendar.add.desc',
  access: { scope: 'team', role: 'manager' },
  options: addOptions,
  parse: parseAdd,
  input: z.object({
    title: z.string({ error: 'calendar.title_required' }).trim().min(1, { error: 'calendar.title_required' }).max(200, { error: 'calendar.title_too_long' }),
    when: whenText,
    kind: z.preprocess((value) => (typeof value === 'string' ? KINDS[value.trim().toLowerCase()] ?? value : value), z.enum(['launch', 'campaign', 'promo', 'event', 'milestone', 'other'], { error: 'calendar.bad_kind' })).optional(),
    owner: z.string().min(1).optional(),
    remind: remind.optional(),
    project: z.string().trim().min(1).optional(),
  }),
  run: async (input, ctx) => {
    const { team } = requireTeam(ctx);
    const owner = input.owner ? await ctx.person(input.owner) : null;
    // Read in the owner's zone (else the one adding it), as a deadline is read in its assignee's, and as the
    // date preview shows it while it is typed.
    const zone = zoneOf(owner ?? ctx.actor, team);
    const when = readEntryWhen({ text: input.when, now: ctx.now, zone, locale: team.locale });
    const project = input.project ? await findProject({ db: ctx.db, teamId: team.id, name: input.project }) : null;
    if (input.project && !project) throw botError('calendar.project_not_found', { project: input.project });
    const { entry, reminders } = await addEntry({
      db: ctx.db,
      now: ctx.now,
      team,
      creator: ctx.actor,
      entry: { title: input.title, when, zone, kind: input.kind ?? 'other', owner, projectId: project?.id ?? null, remindDays: input.remind ?? null },
    });
    return inChannel(entrySaved({ key: 'calendar.added', entry, owner, projectName: project?.name ?? null, reminders, recipient: owner ?? ctx.actor, view: viewFor(ctx, team) }));
  },
});

const list = defineSubcommand({
  name: 'list',
  usage: 'list [next <n> days]',
  example: '/calendar list next 14 days',
  description: 'calendar.list.desc',
  access: { scope: 'team' },
  options: [{ name: 'next', kind: 'keyword', keywords: ['next', 'komende'], accepts: (value) => NEXT.test(value.trim()), description: 'How many days ahead (default 30)' }],
  input: z.object({
    next: z
      .preprocess((value) => (typeof value === 'number' ? String(value) : value), z.string().trim().regex(NEXT, { error: 'calendar.bad_days' }).transform((value) => Number(NEXT.exec(value)![1])))
      .refine((days) => days >= 1 && days <= MAX_LIST_DAYS, { error: 'calendar.bad_days' })
      .optional(),
  }),
  run: async (input, ctx) => {
    const { team } = requireTeam(ctx);
    const days = input.next ?? 30;
    // From the start of today in the team's zone through the last day: today's all-day entries are still
    // coming, what already happened today is not.
    const today = localDateOf(ctx.now, team.zone);
    const items = await upcomingCalendarItems({ db: ctx.db, teamId: team.id, from: atLocalTime(today, 0, team.zone), to: atLocalTime(addDays(today, days + 1), 0, team.zone) });
    const ownerIds = [...new Set(items.flatMap((item) => (item.kind === 'entry' && item.entry.ownerId !== null ? [item.entry.ownerId] : [])))];
    const people = new Map((await getPeople({ db: ctx.db, ids: ownerIds })).map((person) => [person.id, person]));
    return ephemeral(calendarList({ team, items: items.filter((item) => item.startsAt >= ctx.now || (item.kind === 'entry' && item.entry.allDay)), people, days, view: viewFor(ctx, team) }));
  },
});

const show = defineSubcommand({
  name: 'show',
  usage: 'show <n>',
  example: '/calendar show 3',
  description: 'calendar.show.desc',
  access: { scope: 'team' },
  options: [{ name: 'number', kind: 'ref', required: true, description: 'Entry number, e.g. 3' }],
  input: z.object({ number: entryNumber }),
  run: async ({ number }, ctx) => {
    const { team } = requireTeam(ctx);
    const entry = await findEntry({ db: ctx.db, team, number });
    const { owner, creator, projectName } = await partiesOf(ctx, entry);
    return ephemeral(entryCard({ entry, owner, creator, projectName, view: viewFor(ctx, team) }));
  },
});

const move = defineSubcommand({
  name: 'move',
  usage: 'move <n> <when>',
  example: '/calendar move 3 17 mar',
  description: 'calendar.move.desc',
  access: { scope: 'team', role: 'manager' },
  options: [
    { name: 'number', kind: 'ref', required: true, description: 'Entry number, e.g. 3' },
    { name: 'when', kind: 'rest', required: true, when: 'start', description: 'The new day or moment, e.g. 17 mar' },
  ],
  input: z.object({ number: entryNumber, when: whenText }),
  run: async ({ number, when: text }, ctx) => {
    const { team } = requireTeam(ctx);
    const entry = await findEntry({ db: ctx.db, team, number });
    const when = readEntryWhen({ text, now: ctx.now, zone: entry.zone, locale: team.locale });
    const { entry: moved, reminders } = await moveEntry({ db: ctx.db, now: ctx.now, team, entry, when });
    const { owner, recipient, projectName } = await partiesOf(ctx, moved);
    return inChannel(entrySaved({ key: 'calendar.moved', entry: moved, owner, projectName, reminders, recipient, view: viewFor(ctx, team) }));
  },
});

const remove = defineSubcommand({
  name: 'remove',
  usage: 'remove <n>',
  example: '/calendar remove 3',
  description: 'calendar.remove.desc',
  access: { scope: 'team', role: 'manager' },
  options: [{ name: 'number', kind: 'ref', required: true, description: 'Entry number, e.g. 3' }],
  input: z.object({ number: entryNumber }),
  run: async ({ number }, ctx) => {
    const { team } = requireTeam(ctx);
    const entry = await removeEntry({ db: ctx.db, now: ctx.now, entry: await findEntry({ db: ctx.db, team, number }) });
    return inChannel(textMessage(ctx.t('calendar.removed', { number: entry.number, title: entry.title })));
  },
});

export const calendarCommand = defineCommand({ name: 'calendar', description: 'calendar.cmd', fallback: 'list', subcommands: [add, list, show, move, remove] });

export const calendarModule: BotModule = { commands: [calendarCommand], notices: calendarNotices };
