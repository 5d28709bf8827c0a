import { DateTime } from 'luxon';
import { z } from 'zod';
import { defineSubcommand } from '../../commands.js';
import type { CommandContext } from '../../context.js';
import { botError } from '../../errors.js';
import { ephemeral } from '../../invocation.js';
import { compose } from '../../messages.js';
import { assertZone, formatLocalDate, localDateOf, parseDateRange, parseHours } from '../../time.js';
import { hoursText } from './people.messages.js';
import { addAbsence, listAbsences, removeAbsences, updatePerson } from './people.repository.js';

const ME_SETTINGS = ['zone', 'hours', 'away'] as const;

const text = (value: string) => compose([{ type: 'text', text: value }]);

/** Where the person's times are read when they have not set a zone: the team's, else UTC. */
const zoneFor = (ctx: CommandContext) => ctx.actor.zone ?? ctx.team?.zone ?? 'UTC';

export const me = defineSubcommand({
  name: 'me',
  usage: 'me [zone <IANA zone> | hours <08:00-16:00> | away <from> to <to> | away clear]',
  example: '/obm me zone Asia/Manila',
  description: 'obm.me.desc',
  access: { scope: 'anywhere' },
  options: [
    { name: 'setting', kind: 'word', choices: [...ME_SETTINGS], description: 'zone, hours or away' },
    { name: 'value', kind: 'rest', description: 'The new value' },
  ],
  parse: (value) => {
    const [first = '', ...rest] = value.trim().split(/\s+/).filter(Boolean);
    return first ? { setting: first.toLowerCase(), value: rest.join(' ') } : {};
  },
  input: z.object({ setting: z.enum(ME_SETTINGS, { error: 'obm.me_bad_setting' }).optional(), value: z.string().trim().optional() }),
  run: async (input, ctx) => {
    if (!input.setting) return ephemeral(await showMe(ctx));
    if (!input.value) throw botError('obm.me_bad_setting');
    switch (input.setting) {
      case 'zone': {
        const zone = assertZone(input.value);
        await updatePerson({ db: ctx.db, personId: ctx.actor.id, changes: { zone } });
        const time = DateTime.fromJSDate(ctx.now, { zone }).toFormat('HH:mm');
        return ephemeral(text(ctx.t('obm.me_zone_set', { zone, time })));
      }
      case 'hours': {
        const { start, end } = parseHours(input.value);
        const person = await updatePerson({ db: ctx.db, personId: ctx.actor.id, changes: { workStart: start, workEnd: end } });
        return ephemeral(text(ctx.t('obm.me_hours_set', { hours: hoursText(person), zone: zoneFor(ctx) })));
      }
      case 'away': {
        if (/^(clear|none|geen|wis)$/i.test(input.value)) {
          await removeAbsences({ db: ctx.db, personId: ctx.actor.id, fromDate: localDateOf(ctx.now, zoneFor(ctx)) });
          return ephemeral(text(ctx.t('obm.me_away_cleared')));
        }
        const range = parseDateRange(input.value, { now: ctx.now, zone: zoneFor(ctx), locale: ctx.locale });
        await addAbsence({ db: ctx.db, personId: ctx.actor.id, from: range.from, to: range.to, reason: '' });
        const format = (date: string) => formatLocalDate(date, ctx.locale, { now: ctx.now, zone: zoneFor(ctx) });
        return ephemeral(text(ctx.t('obm.me_away_set', { from: format(range.from), to: format(range.to) })));
      }
    }
  },
});

const showMe = async (ctx: CommandContext) => {
  const zone = zoneFor(ctx);
  const absences = await listAbsences({ db: ctx.db, personId: ctx.actor.id, fromDate: localDateOf(ctx.now, zone) });
  const format = (date: string) => formatLocalDate(date, ctx.locale, { now: ctx.now, zone });
  const periods = absences.map((absence) => (absence.fromDate === absence.toDate ? format(absence.fromDate) : `${format(absence.fromDate)} – ${format(absence.toDate)}`));
  return compose([
    { type: 'header', text: ctx.t('obm.me_title', { person: ctx.actor.displayName }) },
    { type: 'text', text: ctx.actor.zone ? ctx.t('obm.me_zone', { zone }) : ctx.t('obm.me_zone_unset', { zone }) },
    { type: 'text', text: ctx.t('obm.me_hours', { hours: hoursText(ctx.actor) }) },
    { type: 'text', text: periods.length ? ctx.t('obm.me_away', { periods: periods.join(', ') }) : ctx.t('obm.me_away_none') },
  ]);
};
