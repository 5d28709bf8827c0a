import { z } from 'zod';
import { defineSubcommand, requireTeam, type CommandContext } from '../../commands.js';
import { botError } from '../../errors.js';
import { t, type Locale } from '../../i18n/catalog.js';
import { ephemeral, type Reply } from '../../invocation.js';
import { compose } from '../../messages.js';
import { formatInstant } from '../../time.js';
import { localeOfPerson } from '../people/people.repository.js';
import { openFeed, resetFeed } from './feeds.usecases.js';
import type { FeedKey } from './feeds.repository.js';

// `reset` in English and Dutch: /obm me calendar reset, /obm me calendar vernieuw.
const RESET_WORDS = new Map<unknown, string>([['vernieuw', 'reset'], ['opnieuw', 'reset']]);
const resetWord = z.preprocess((value) => (typeof value === 'string' ? (RESET_WORDS.get(value.toLowerCase()) ?? value.toLowerCase()) : value), z.enum(['reset'], { error: 'feeds.bad_word' }).optional());

/** Replies in the team's language in a team channel, else in the person's (a DM has no team). */
const localeFor = async (ctx: CommandContext): Promise<Locale> => (ctx.team ? ctx.locale : localeOfPerson({ db: ctx.db, personId: ctx.actor.id }));

const subscribeHint = (locale: Locale) => ({ type: 'context' as const, text: t(locale, 'feeds.subscribe_hint') });

const shown = async (ctx: CommandContext, key: FeedKey, reset: boolean, what: 'team' | 'person'): Promise<Reply> => {
  const locale = await localeFor(ctx);
  const say = (messageKey: Parameters<typeof t>[1], params: Record<string, string> = {}) => t(locale, messageKey, params);
  const name = ctx.team?.clientName ?? '';
  if (reset) {
    const { url, replaced } = await resetFeed({ db: ctx.db, key, publicUrl: ctx.publicUrl ?? null, now: ctx.now });
    const intro = what === 'team' ? say(replaced ? 'feeds.team_reset' : 'feeds.team_created', { team: name }) : say(replaced ? 'feeds.person_reset' : 'feeds.person_created');
    return ephemeral(compose([{ type: 'text', text: intro }, { type: 'text', text: url }, subscribeHint(locale)]));
  }
  const opened = await openFeed({ db: ctx.db, key, publicUrl: ctx.publicUrl ?? null, now: ctx.now });
  if (opened.kind === 'created') {
    const intro = what === 'team' ? say('feeds.team_created', { team: name }) : say('feeds.person_created');
    return ephemeral(compose([{ type: 'text', text: intro }, { type: 'text', text: opened.url }, subscribeHint(locale)]));
  }
  const since = formatInstant(opened.feed.resetAt ?? opened.feed.createdAt, ctx.actor.zone ?? ctx.team?.zone ?? 'UTC', locale, { now: ctx.now });
  return ephemeral(compose([{ type: 'text', text: what === 'team' ? say('feeds.team_exists', { team: name, since }) : say('feeds.person_exists', { since }) }]));
};

/** `/obm calendar [reset]`: the team's feed, for its managers (the URL shows everything dated of the team). */
const teamCalendarRun = (reset: boolean) => async (_input: unknown, ctx: CommandContext) => {
  const { team, role } = requireTeam(ctx);
  // Said in full rather than the generic "managers only": a member has a feed of their own to go to.
  if (role !== 'manager') throw botError('feeds.team_managers_only');
  return shown(ctx, { kind: 'team', teamId: team.id }, reset, 'team');
};

export const teamCalendar = defineSubcommand({
  name: 'calendar',
  usage: 'calendar',
  example: '/obm calendar',
  description: 'feeds.team.desc',
  access: { scope: 'team' },
  options: [],
  input: z.object({}),
  run: teamCalendarRun(false),
});

export const teamCalendarReset = defineSubcommand({
  name: 'calendar reset',
  usage: 'calendar reset',
  example: '/obm calendar reset',
  description: 'feeds.team_reset.desc',
  access: { scope: 'team' },
  options: [],
  input: z.object({}),
  run: teamCalendarRun(true),
});

/** `/obm me calendar [reset]`: one's own feed, across all one's teams; anywhere, a DM included. */
export const meCalendar = defineSubcommand({
  name: 'me calendar',
  usage: 'me calendar [reset]',
  example: '/obm me calendar',
  description: 'feeds.me.desc',
  access: { scope: 'anywhere' },
  options: [{ name: 'action', kind: 'word', choices: ['reset'], description: 'reset: a new URL (the old one stops working)' }],
  input: z.object({ action: resetWord }),
  run: async (input, ctx) => shown(ctx, { kind: 'person', personId: ctx.actor.id }, input.action === 'reset', 'person'),
});
