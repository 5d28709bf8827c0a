import { z } from 'zod';
import { defineSubcommand, type CommandContext } from '../../commands.js';
import { botError } from '../../errors.js';
import { isLocale, t } from '../../i18n/catalog.js';
import { inChannel } from '../../invocation.js';
import { textMessage } from '../../messages.js';
import { assertZone, formatDays, parseDays, parseDuration } from '../../time.js';
import { managersOf } from '../../recipients.js';
import { planBrief, replanBriefs } from '../briefs/briefs.usecases.js';
import { setMembership, updateTeam, upsertTeam } from '../teams/teams.repository.js';
import { readWindow, settingsLine, windowText } from './obm.settings.js';
import type { TeamRow } from '../../identity.js';

const SETTINGS = ['zone', 'language', 'days', 'reminders', 'escalate-owner', 'window'] as const;

/** `/obm setup Acme Co` names the team; `/obm setup zone|language|days|… <value>` changes one setting. */
export const setup = defineSubcommand({
  name: 'setup',
  usage: 'setup <client name> | setup zone <IANA zone> | setup language en|nl | setup days <mon-fri> | setup reminders <24h|off> | setup escalate-owner on|off | setup window <2h>',
  example: '/obm setup Acme Co',
  description: 'obm.setup.desc',
  // Anyone may turn a plain channel into a team (and becomes its manager); changing a team is for managers.
  access: { scope: 'anywhere' },
  options: [
    { name: 'setting', kind: 'word', choices: [...SETTINGS], description: 'zone, language, days, reminders, escalate-owner or window' },
    { name: 'value', kind: 'rest', description: 'The client name, or the setting’s value' },
  ],
  parse: (value) => {
    const [first = '', ...rest] = value.trim().split(/\s+/);
    if ((SETTINGS as readonly string[]).includes(first.toLowerCase())) return { setting: first.toLowerCase(), value: rest.join(' ') };
    return value.trim() ? { value: value.trim() } : {};
  },
  input: z.object({
    setting: z.enum(SETTINGS).optional(),
    value: z.string({ error: 'obm.setup_name_required' }).trim().min(1, { error: 'obm.setup_name_required' }).max(80, { error: 'tasks.title_too_long' }),
  }),
  run: async (input, ctx) => {
    if (ctx.invocation.channel.isDm) throw botError('bot.not_in_dm', { command: '/obm setup' });
    if (ctx.team && ctx.role !== 'manager') throw botError('bot.managers_only', { usage: '/obm setup …' });
    if (!input.setting) return nameTeam(ctx, input.value);
    if (!ctx.team) throw botError('bot.not_team_channel', { command: '/obm setup' });
    return changeSetting(ctx, ctx.team, input.setting, input.value);
  },
});

const nameTeam = async (ctx: CommandContext, clientName: string) => {
  const { team, created } = await upsertTeam({ db: ctx.db, workspaceId: ctx.workspace.id, channelId: ctx.invocation.channel.id, clientName, zone: ctx.actor.zone ?? 'UTC', locale: ctx.locale });
  if (!created) return inChannel(textMessage(t(team.locale, 'obm.renamed', { team: team.clientName })));
  await setMembership({ db: ctx.db, teamId: team.id, personId: ctx.actor.id, role: 'manager' });
  // A new manager's daily brief starts with their first team (planning twice is a no-op).
  await planBrief({ db: ctx.db, now: ctx.now, person: ctx.actor });
  return inChannel(textMessage([t(team.locale, 'obm.created', { team: team.clientName }), settingsLine(team), t(team.locale, 'obm.settings_hint')].join('\n')));
};

const changeSetting = async (ctx: CommandContext, team: TeamRow, setting: (typeof SETTINGS)[number], value: string) => {
  if (setting === 'zone') {
    const updated = await updateTeam({ db: ctx.db, teamId: team.id, changes: { zone: assertZone(value) } });
    await replanManagers(ctx, updated);
    return inChannel(textMessage(t(updated.locale, 'obm.zone_set', { zone: updated.zone })));
  }
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
  return inChannel(textMessage(t(updated.locale, 'obm.days_set', { days: formatDays(updated.workingDays, updated.locale) })));
};

/** The team's zone and days are its managers' too (for one who set no zone, or whose first team it is): their briefs move. */
const replanManagers = async (ctx: CommandContext, team: TeamRow) =>
  replanBriefs({ db: ctx.db, now: ctx.now, people: await managersOf({ db: ctx.db, teamId: team.id }) });
