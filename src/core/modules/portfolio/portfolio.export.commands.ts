import { DateTime } from 'luxon';
import { z } from 'zod';
import { defineSubcommand, requireTeam } from '../../commands.js';
import { enqueueDm } from '../../deliveries.js';
import { botError } from '../../errors.js';
import { ephemeral } from '../../invocation.js';
import { textMessage } from '../../messages.js';
import { formatLocalDate, localDateOf, parseDateRange } from '../../time.js';
import { buildExport, type ExportRange } from './portfolio.export.js';

const yearBefore = (date: string) => DateTime.fromISO(date).minus({ years: 1 }).toISODate()!;

// A day-month without a year reads as the next one not yet over; an export is of the past, so it is last year's.
const pastRange = (range: { from: string; to: string }, typed: string, today: string): ExportRange =>
  range.from > today && !/\b\d{4}\b/.test(typed) ? { from: yearBefore(range.from), to: yearBefore(range.to) } : range;

/**
 * `/obm export [from <date> to <date>]`: the team's data as CSV files, by DM to the manager who asked (an
 * ephemeral answer carries no files on any platform). Only this team's rows: every query is rooted at its id.
 */
export const exportData = defineSubcommand({
  name: 'export',
  usage: 'export [from <date> to <date>]',
  example: '/obm export from 2026-11-01 to 2026-11-30',
  description: 'portfolio.export.desc',
  access: { scope: 'team', role: 'manager' },
  options: [{ name: 'period', kind: 'rest', description: 'From a day to a day, e.g. from 1 nov to 30 nov (default: everything)' }],
  input: z.object({ period: z.string().max(100, { error: 'portfolio.export_bad_period' }).optional() }),
  run: async ({ period }, raw) => {
    const ctx = requireTeam(raw);
    const { team } = ctx;
    const today = localDateOf(ctx.now, team.zone);
    const range: ExportRange = period?.trim() ? pastRange(parseDateRange(period, { now: ctx.now, zone: team.zone, locale: ctx.locale }), period, today) : { from: null, to: null };
    if (range.from && range.from > today) throw botError('portfolio.export_future');
    const built = await buildExport({ db: ctx.db, team, range });
    const span = range.from && range.to
      ? ctx.t('portfolio.export_span', { from: formatLocalDate(range.from, ctx.locale, { now: ctx.now, zone: team.zone }), to: formatLocalDate(range.to, ctx.locale, { now: ctx.now, zone: team.zone }) })
      : ctx.t('portfolio.export_all');
    const text = ctx.t('portfolio.export_dm', { team: team.clientName, span, zone: team.zone, ...built.counts });
    await enqueueDm({
      db: ctx.db,
      person: ctx.actor,
      team,
      message: { ...textMessage(text), files: built.files },
      dedupeKey: `export:${ctx.invocation.id}`,
      notBefore: ctx.now,
      // Asked for just now: it goes at once, whatever the hour.
      notice: { subject: `export:${team.id}`, nature: 'news', urgent: true },
    });
    return ephemeral(textMessage(ctx.t('portfolio.export_sent', { team: team.clientName, count: built.files.length, span })));
  },
});
