import { Info } from 'luxon';
import { z } from 'zod';
import { defineCommand, defineSubcommand, requireTeam, type BotModule, type TeamContext } from '../../commands.js';
import { enqueueDm } from '../../deliveries.js';
import { botError } from '../../errors.js';
import { ephemeral, inChannel } from '../../invocation.js';
import { compose, textMessage, type Message } from '../../messages.js';
import { WEEKDAY_WORDS } from '../../time/names.js';
import { parseClock } from '../../time.js';
import { when } from '../../view.js';
import { buildDigest } from './digests.build.js';
import { digestActions, digestForms } from './digests.buttons.js';
import { firstDigestAfter } from './digests.moments.js';
import { digestsNotices } from './digests.notices.js';
import { planDigest } from './digests.plan.js';
import { digestScheduleOf, saveDigestSchedule, type DigestSchedule } from './digests.settings.js';

const FILLERS = new Set(['at', 'om', 'on', 'op', 'every', 'elke', 'iedere']);

/** "monday 09:00", "vrijdag om 16:30", "mon 9am": an ISO weekday and minutes after midnight. */
export const readSchedule = (text: string): { weekday: number; minutes: number } => {
  const words = text.trim().toLowerCase().split(/\s+/).filter((word) => word && !FILLERS.has(word));
  const weekday = words.length >= 2 ? WEEKDAY_WORDS[words[0]!.replace(/[.,]$/, '')] : undefined;
  if (weekday === undefined) throw botError('digests.bad_schedule');
  let minutes: number;
  try {
    minutes = parseClock(words.slice(1).join(' '));
  } catch {
    throw botError('digests.bad_schedule');
  }
  if (minutes >= 24 * 60) throw botError('digests.bad_schedule');
  return { weekday, minutes };
};

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const scheduleParams = (ctx: TeamContext, schedule: DigestSchedule, next: Date | null) => ({
  team: ctx.team.clientName,
  day: Info.weekdays('long', { locale: ctx.team.locale === 'nl' ? 'nl-NL' : 'en-GB' })[schedule.weekday - 1]!,
  time: clock(schedule.minutes),
  zone: ctx.team.zone,
  next: next ? when(next, { locale: ctx.team.locale, zone: ctx.team.zone, now: ctx.now }) : '—',
  review: schedule.review ? ctx.t('digests.status_review') : '',
});

/** Saves a change to the setting and re-plans the coming digest from it. */
const change = async (ctx: TeamContext, changes: Partial<DigestSchedule>) => {
  const schedule = await saveDigestSchedule({ db: ctx.db, teamId: ctx.team.id, now: ctx.now, changes });
  return { schedule, next: await planDigest({ db: ctx.db, now: ctx.now, team: ctx.team }) };
};

const managers = { scope: 'team', role: 'manager' } as const;

const status = defineSubcommand({
  name: 'status',
  usage: 'status',
  example: '/digest status',
  description: 'digests.status.desc',
  access: { scope: 'team' },
  options: [],
  input: z.object({}),
  run: async (_input, raw) => {
    const ctx = requireTeam(raw);
    const schedule = await digestScheduleOf({ db: ctx.db, teamId: ctx.team.id });
    if (!schedule.enabled) return ephemeral(textMessage(ctx.t('digests.status_off', { team: ctx.team.clientName })));
    return ephemeral(textMessage(ctx.t('digests.status', scheduleParams(ctx, schedule, firstDigestAfter({ team: ctx.team, schedule, after: ctx.now })))));
  },
});

const schedule = defineSubcommand({
  name: 'schedule',
  usage: 'schedule <day> <time>',
  example: '/digest schedule monday 09:00',
  description: 'digests.schedule.desc',
  access: managers,
  options: [{ name: 'moment', kind: 'rest', required: true, description: 'A day and a time, e.g. monday 09:00' }],
  input: z.object({ moment: z.string({ error: 'digests.bad_schedule' }).min(1, { error: 'digests.bad_schedule' }) }),
  run: async ({ moment }, raw) => {
    const ctx = requireTeam(raw);
    const { schedule: saved, next } = await change(ctx, { ...readSchedule(moment), enabled: true });
    return inChannel(textMessage(ctx.t('digests.scheduled', scheduleParams(ctx, saved, next))));
  },
});

const off = defineSubcommand({
  name: 'off',
  usage: 'off',
  example: '/digest off',
  description: 'digests.off.desc',
  access: managers,
  options: [],
  input: z.object({}),
  run: async (_input, raw) => {
    const ctx = requireTeam(raw);
    await change(ctx, { enabled: false });
    return inChannel(textMessage(ctx.t('digests.turned_off', { team: ctx.team.clientName })));
  },
});

const on = defineSubcommand({
  name: 'on',
  usage: 'on',
  example: '/digest on',
  description: 'digests.on.desc',
  access: managers,
  options: [],
  input: z.object({}),
  run: async (_input, raw) => {
    const ctx = requireTeam(raw);
    const { schedule: saved, next } = await change(ctx, { enabled: true });
    return inChannel(textMessage(ctx.t('digests.turned_on', scheduleParams(ctx, saved, next))));
  },
});

const SWITCH_ON = /^(on|aan|yes|ja)$/i;
const SWITCH_OFF = /^(off|uit|no|nee)$/i;

const review = defineSubcommand({
  name: 'review',
  usage: 'review on|off',
  example: '/digest review on',
  description: 'digests.review.desc',
  access: managers,
  options: [{ name: 'setting', kind: 'word', required: true, choices: ['on', 'off'], description: 'on: approve the draft first; off: post at its time' }],
  input: z.object({ setting: z.string({ error: 'digests.bad_setting' }).regex(/^(on|aan|yes|ja|off|uit|no|nee)$/i, { error: 'digests.bad_setting' }) }),
  run: async ({ setting }, raw) => {
    const ctx = requireTeam(raw);
    const enabled = SWITCH_ON.test(setting) && !SWITCH_OFF.test(setting);
    await change(ctx, { review: enabled });
    return inChannel(textMessage(ctx.t(enabled ? 'digests.review_on' : 'digests.review_off')));
  },
});

/**
 * The preview, for the asker only. An ephemeral answer carries no files on any platform, so the chart follows
 * by DM, at once (it was asked for), once per invocation.
 */
const now = defineSubcommand({
  name: 'now',
  usage: 'now',
  example: '/digest now',
  description: 'digests.now.desc',
  access: { scope: 'team' },
  options: [],
  input: z.object({}),
  run: async (_input, raw) => {
    const ctx = requireTeam(raw);
    const saved = await digestScheduleOf({ db: ctx.db, teamId: ctx.team.id });
    const intro = saved.enabled ? ctx.t('digests.preview_intro', { next: when(firstDigestAfter({ team: ctx.team, schedule: saved, after: ctx.now }), { locale: ctx.team.locale, zone: ctx.team.zone, now: ctx.now }) }) : ctx.t('digests.preview_intro_off');
    const built = await buildDigest({ db: ctx.db, team: ctx.team, at: ctx.now, charts: ctx.charts ?? null });
    const { files, image, ...text } = built.message;
    if (files?.length && image) {
      const chart: Message = { ...textMessage(image.alt), files, image };
      await enqueueDm({ db: ctx.db, person: ctx.actor, team: ctx.team, message: chart, dedupeKey: `digest-preview:${ctx.invocation.id}`, notBefore: ctx.now, notice: { subject: `digest-preview:${ctx.team.id}`, nature: 'news', urgent: true } });
    }
    return ephemeral(compose([{ type: 'context', text: intro }, ...(text.blocks ?? [])]));
  },
});

export const digestCommand = defineCommand({ name: 'digest', description: 'digests.cmd', fallback: 'status', subcommands: [status, now, schedule, review, off, on] });

export const digestsModule: BotModule = { commands: [digestCommand], actions: digestActions, forms: digestForms, notices: digestsNotices };
