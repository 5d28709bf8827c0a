import { z } from 'zod';
import { defineSubcommand, type CommandContext } from '../../commands.js';
import { botError } from '../../errors.js';
import { isLocale, t } from '../../i18n/catalog.js';
import { parseOptionText, type OptionSpec } from '../../command-text.js';
import { ephemeral, inChannel, type Reply } from '../../invocation.js';
import { compose, textMessage } from '../../messages.js';
import { formatDays, parseDays, parseDuration } from '../../time.js';
import { managersOf } from '../../recipients.js';
import { planBrief, replanBriefs } from '../briefs/briefs.usecases.js';
import { findTeamByChannel, getTeam, setMembership, updateTeam, upsertTeam } from '../teams/teams.repository.js';
import { readWindow, settingsLine, windowText } from './obm.settings.js';
import { planDigest } from '../digests/digests.plan.js';
import { setTeamZone } from './obm.team-zone.js';
import type { TeamRow } from '../../identity.js';

const SETTINGS = ['zone', 'language', 'days', 'reminders', 'escalate-owner', 'window'] as const;
type Setting = (typeof SETTINGS)[number];

/**
 * Each setting is its own option, named in English and Dutch: `/obm setup zone Europe/Amsterdam` and
 * `/obm setup tijdzone Europe/Amsterdam` in text, `zone:` (with autocomplete) on Discord, one declaration.
 */
const SETTING_OPTIONS: readonly OptionSpec[] = [
  { name: 'zone', kind: 'keyword', keywords: ['zone', 'tijdzone'], complete: 'zone', description: 'The team’s time zone: a city or IANA name' },
  { name: 'language', kind: 'keyword', keywords: ['language', 'taal'], choices: ['en', 'nl'], description: 'The team’s language' },
  { name: 'days', kind: 'keyword', keywords: ['days', 'dagen', 'werkdagen'], choices: ['mon-fri', 'mon-thu', 'mon-sat', 'sun-thu', 'tue-sat', 'mon-sun'], description: 'The team’s working days' },
  { name: 'reminders', kind: 'keyword', keywords: ['reminders', 'herinneringen'], description: 'How long before a deadline reminders go, e.g. 24h, or off' },
  { name: 'escalate-owner', kind: 'keyword', keywords: ['escalate-owner', 'escaleren'], choices: ['on', 'off'], description: 'Whether overdue tasks reach the client owner in the end' },
  { name: 'window', kind: 'keyword', keywords: ['window', 'venster'], description: 'At most one automatic message per person within this time, e.g. 2h' },
];
const settingKeywords = new Set(SETTING_OPTIONS.flatMap((spec) => spec.keywords ?? []));

const settingValue = z.string().trim().min(1, { error: 'obm.setup_value_required' }).optional();

/** `/obm setup Acme Co` names the team; `/obm setup zone|language|days|… <value>` changes settings, several at once. */
export const setup = defineSubcommand({
  name: 'setup',
  usage: 'setup <client name> | setup zone <city or IANA zone> | setup language en|nl | setup days <mon-fri> | setup reminders <24h|off> | setup escalate-owner on|off | setup window <2h>',
  example: '/obm setup Acme Co',
  description: 'obm.setup.desc',
  // Anyone may turn a plain channel into a team (and becomes its manager); changing a team is for managers.
  access: { scope: 'anywhere' },
  options: [{ name: 'client', kind: 'rest', description: 'The client’s name: makes this channel their team' }, ...SETTING_OPTIONS],
  // Text that starts with a setting's name changes settings; any other text is the client's name, whole
  // (so a client called "Acme Window Cleaning" is not read as a window).
  parse: (value) => {
    const first = value.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    if (settingKeywords.has(first)) return parseOptionText(value, SETTING_OPTIONS);
    // Quotes keep a name that starts with a setting's name a name: /obm setup "Window Cleaning Co".
    const client = value.trim().replace(/^["“]([^"“”]*)["”]$/, '$1').trim();
    return client ? { client } : {};
  },
  input: z.object({
    client: z.string().trim().min(1, { error: 'obm.setup_name_required' }).max(80, { error: 'obm.client_name_too_long' }).optional(),
    zone: settingValue,
    language: settingValue,
    days: settingValue,
    reminders: settingValue,
    'escalate-owner': settingValue,
    window: settingValue,
  }),
  run: async (input, ctx) => {
    if (ctx.invocation.channel.isDm) throw botError('bot.not_in_dm', { command: '/obm setup' });
    if (ctx.team && ctx.role !== 'manager') throw botError('bot.managers_only', { usage: '/obm setup …' });
    const settings = SETTINGS.filter((setting) => input[setting] !== undefined);
    if (!input.client && settings.length === 0) throw botError('obm.setup_name_required');
    const replies: Reply[] = [];
    if (input.client) replies.push(await nameTeam(ctx, input.client));
    if (settings.length === 0) return replies[0]!;
    const team = ctx.team ?? (await findTeamByChannel({ db: ctx.db, workspaceId: ctx.workspace.id, channelId: ctx.invocation.channel.id }));
    if (!team) throw botError('bot.not_team_channel', { command: '/obm setup' });
    // The language first, so what the other settings say is in the new one.
    for (const setting of [...settings].sort((a, b) => Number(b === 'language') - Number(a === 'language'))) {
      const current = (await getTeam({ db: ctx.db, teamId: team.id })) ?? team;
      replies.push(await changeSetting(ctx, current, setting, input[setting]!));
    }
    return mergeReplies(replies);
  },
});

/**
 * Several settings changed at once (Discord's options, or `zone … language …`) answer in one message, in the
 * channel unless one of them is for the asker only (a menu to pick a zone from). A reply that is no message
 * (a form) is answered alone: the settings before it are changed all the same.
 */
export const mergeReplies = (replies: readonly Reply[]): Reply => {
  if (replies.length === 1) return replies[0]!;
  const messages = replies.filter((reply): reply is Extract<Reply, { kind: 'message' }> => reply.kind === 'message');
  const other = replies.find((reply) => reply.kind !== 'message');
  if (other) return other;
  const blocks = messages.flatMap((reply) => reply.message.blocks ?? [{ type: 'text' as const, text: reply.message.text }]);
  const message = compose(blocks);
  return messages.every((reply) => reply.visibility === 'channel') ? inChannel(message) : ephemeral(message);
};

const nameTeam = async (ctx: CommandContext, clientName: string) => {
  const { team, created } = await upsertTeam({ db: ctx.db, workspaceId: ctx.workspace.id, channelId: ctx.invocation.channel.id, clientName, zone: ctx.actor.zone ?? 'UTC', locale: ctx.locale, now: ctx.now });
  if (!created) return inChannel(textMessage(t(team.locale, 'obm.renamed', { team: team.clientName })));
  await setMembership({ db: ctx.db, teamId: team.id, personId: ctx.actor.id, role: 'manager' });
  // A new manager's daily brief starts with their first team (planning twice is a no-op).
  await planBrief({ db: ctx.db, now: ctx.now, person: ctx.actor });
  await planDigest({ db: ctx.db, now: ctx.now, team });
  return inChannel(textMessage([t(team.locale, 'obm.created', { team: team.clientName }), settingsLine(team), t(team.locale, 'obm.settings_hint')].join('\n')));
};

const changeSetting = async (ctx: CommandContext, team: TeamRow, setting: Setting, value: string) => {
  if (setting === 'zone') return setTeamZone(ctx, team, value);
  if (setting === 'language') {
    const language = value.toLowerCase();
    if (!isLocale(language)) throw botError('obm.bad_language', { language: value });
    const updated = await updateTeam({ db: ctx.db, teamId: team.id, changes: { locale: language } });
    return inChannel(textMessage(t(updated.locale, 'obm.language_set')));
  }
  if (setting === 'reminders') {
    const hours = /^(off|uit|none|0)$/i.test(value) ? 0 : Math.round(parseDuration(value) / 3_600_000);
    if (hours > 24 * 14) throw botError('obm.bad_reminders', { value });
    const updated = await updateTeam({ db: ctx.db, teamId: team.id, changes: { reminderLeadHours: hours } });
    return inChannel(textMessage(hours ? t(updated.locale, 'obm.reminders_set', { hours }) : t(updated.locale, 'obm.reminders_off')));
  }
  if (setting === 'escalate-owner') {
    const on = /^(on|aan|yes|ja)$/i.test(value);
    if (!on && !/^(off|uit|no|nee)$/i.test(value)) throw botError('obm.bad_switch', { value });
    const updated = await updateTeam({ db: ctx.db, teamId: team.id, changes: { escalateToOwner: on } });
    return inChannel(textMessage(t(updated.locale, on ? 'obm.escalate_owner_on' : 'obm.escalate_owner_off')));
  }
  if (setting === 'window') {
    const updated = await updateTeam({ db: ctx.db, teamId: team.id, changes: { noticeWindowMinutes: readWindow(value) } });
    return inChannel(textMessage(t(updated.locale, 'obm.window_set', { window: windowText(updated.noticeWindowMinutes) })));
  }
  const updated = await updateTeam({ db: ctx.db, teamId: team.id, changes: { workingDays: parseDays(value) } });
  await replanManagers(ctx, updated);
  // A reviewed digest's draft goes the working day before: the days move it.
  await planDigest({ db: ctx.db, now: ctx.now, team: updated });
  return inChannel(textMessage(t(updated.locale, 'obm.days_set', { days: formatDays(updated.workingDays, updated.locale) })));
};

/** The team's zone and days are its managers' too (for one who set no zone, or whose first team it is): their briefs move. */
const replanManagers = async (ctx: CommandContext, team: TeamRow) =>
  replanBriefs({ db: ctx.db, now: ctx.now, people: await managersOf({ db: ctx.db, teamId: team.id }) });
