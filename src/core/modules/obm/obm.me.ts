import { DateTime } from 'luxon';
import { z } from 'zod';
import { defineAction, defineSubcommand, type CommandContext } from '../../commands.js';
import { botError } from '../../errors.js';
import { t } from '../../i18n/catalog.js';
import { ephemeral } from '../../invocation.js';
import { compose, textMessage } from '../../messages.js';
import { assertZone, formatLocalDate, isValidZone, localDateOf, parseDateRange, parseHours } from '../../time.js';
import { isKnownCountry } from '../../working-time.js';
import { setAlerts, type Alerts } from '../briefs/briefs.repository.js';
import { replanBriefs } from '../briefs/briefs.usecases.js';
import { hoursText, ZONE_PICK_ACTION, zonePickedMessage } from '../people/people.messages.js';
import { addMergedAbsence, removeNthAbsence } from '../people/people.absences.js';
import { listAbsences, localeOfPerson, removeAbsences, updatePerson } from '../people/people.repository.js';
import type { PersonRow } from '../../identity.js';

const ME_SETTINGS = ['zone', 'hours', 'away', 'country', 'alerts'] as const;

// English and Dutch words for the two alert settings.
const ALERT_WORDS = new Map<string, Alerts>([['daily', 'daily'], ['dagelijks', 'daily'], ['instant', 'instant'], ['direct', 'instant'], ['meteen', 'instant']]);

/** The person's zone, hours or days off changed: a manager's brief moves to the new start of their day. */
const replan = (ctx: CommandContext, person: PersonRow) => replanBriefs({ db: ctx.db, now: ctx.now, people: [person] });

/** Where the person's times are read when they have not set a zone: the team's, else UTC. */
const zoneFor = (ctx: CommandContext) => ctx.actor.zone ?? ctx.team?.zone ?? 'UTC';

export const me = defineSubcommand({
  name: 'me',
  usage: 'me [zone <IANA zone> | hours <08:00-16:00> | away <from> to <to> | away clear | country <PH|none> | alerts daily|instant]',
  example: '/obm me zone Asia/Manila',
  description: 'obm.me.desc',
  access: { scope: 'anywhere' },
  options: [
    { name: 'setting', kind: 'word', choices: [...ME_SETTINGS], description: 'zone, hours, away, country or alerts' },
    { name: 'value', kind: 'rest', description: 'The new value' },
  ],
  parse: (value) => {
    const [first = '', ...rest] = value.trim().split(/\s+/).filter(Boolean);
    return first ? { setting: first.toLowerCase(), value: rest.join(' ') } : {};
  },
  input: z.object({ setting: z.enum(ME_SETTINGS, { error: 'obm.me_bad_setting' }).optional(), value: z.string().trim().optional() }),
  run: async (input, ctx) => {
    if (!input.setting) return ephemeral(await showMe(ctx));
    if (input.setting === 'away' && !input.value) return ephemeral(await awayList(ctx));
    if (!input.value) throw botError('obm.me_bad_setting');
    switch (input.setting) {
      case 'zone': {
        const zone = assertZone(input.value);
        await replan(ctx, await updatePerson({ db: ctx.db, personId: ctx.actor.id, changes: { zone } }));
        const time = DateTime.fromJSDate(ctx.now, { zone }).toFormat('HH:mm');
        return ephemeral(textMessage(ctx.t('obm.me_zone_set', { zone, time })));
      }
      case 'hours': {
        const { start, end } = parseHours(input.value);
        const person = await updatePerson({ db: ctx.db, personId: ctx.actor.id, changes: { workStart: start, workEnd: end } });
        await replan(ctx, person);
        return ephemeral(textMessage(ctx.t('obm.me_hours_set', { hours: hoursText(person), zone: zoneFor(ctx) })));
      }
      case 'country': {
        // Public holidays of this country count as days off; "none" stops that.
        const code = input.value.trim().toUpperCase();
        if (/^(NONE|GEEN)$/.test(code)) {
          await replan(ctx, await updatePerson({ db: ctx.db, personId: ctx.actor.id, changes: { country: null } }));
          return ephemeral(textMessage(ctx.t('obm.me_country_cleared')));
        }
        if (!isKnownCountry(code)) throw botError('obm.bad_country', { country: input.value });
        await replan(ctx, await updatePerson({ db: ctx.db, personId: ctx.actor.id, changes: { country: code } }));
        return ephemeral(textMessage(ctx.t('obm.me_country_set', { country: code })));
      }
      case 'away': {
        if (/^(clear|none|geen|wis)$/i.test(input.value)) {
          await removeAbsences({ db: ctx.db, personId: ctx.actor.id, fromDate: localDateOf(ctx.now, zoneFor(ctx)) });
          await replan(ctx, ctx.actor);
          return ephemeral(textMessage(ctx.t('obm.me_away_cleared')));
        }
        const today = localDateOf(ctx.now, zoneFor(ctx));
        const format = (date: string) => formatLocalDate(date, ctx.locale, { now: ctx.now, zone: zoneFor(ctx) });
        const removal = /^(?:remove|delete|verwijder|wis)\s+#?(\d{1,3})$/i.exec(input.value);
        if (removal) {
          const removed = await removeNthAbsence({ db: ctx.db, personId: ctx.actor.id, today, n: Number(removal[1]) });
          await replan(ctx, ctx.actor);
          return ephemeral(textMessage(ctx.t('obm.me_away_removed', { period: periodText(removed.fromDate, removed.toDate, format) })));
        }
        const range = parseDateRange(input.value, { now: ctx.now, zone: zoneFor(ctx), locale: ctx.locale });
        const stored = await addMergedAbsence({ db: ctx.db, personId: ctx.actor.id, from: range.from, to: range.to, today });
        await replan(ctx, ctx.actor);
        const key = stored.merged ? 'obm.me_away_merged' : 'obm.me_away_set';
        return ephemeral(textMessage(ctx.t(key, { from: format(stored.from), to: format(stored.to) })));
      }
      case 'alerts': {
        const alerts = ALERT_WORDS.get(input.value.toLowerCase());
        if (!alerts) throw botError('obm.bad_alerts', { value: input.value });
        await setAlerts({ db: ctx.db, personId: ctx.actor.id, alerts });
        return ephemeral(textMessage(ctx.t(alerts === 'daily' ? 'obm.me_alerts_set_daily' : 'obm.me_alerts_set_instant')));
      }
    }
  },
});

const periodText = (from: string, to: string, format: (date: string) => string) => (from === to ? format(from) : `${format(from)} – ${format(to)}`);

/** `/obm me away`: the current and upcoming absences, numbered for `away remove <n>`. */
const awayList = async (ctx: CommandContext) => {
  const zone = zoneFor(ctx);
  const list = await listAbsences({ db: ctx.db, personId: ctx.actor.id, fromDate: localDateOf(ctx.now, zone) });
  if (list.length === 0) return textMessage(ctx.t('obm.me_away_none'));
  const format = (date: string) => formatLocalDate(date, ctx.locale, { now: ctx.now, zone });
  const lines = list.map((absence, index) => `${index + 1}. ${periodText(absence.fromDate, absence.toDate, format)}`);
  return textMessage(`${ctx.t('obm.me_away_list')}\n${lines.join('\n')}`);
};

const showMe = async (ctx: CommandContext) => {
  const zone = zoneFor(ctx);
  const absences = await listAbsences({ db: ctx.db, personId: ctx.actor.id, fromDate: localDateOf(ctx.now, zone) });
  const format = (date: string) => formatLocalDate(date, ctx.locale, { now: ctx.now, zone });
  const periods = absences.map((absence) => periodText(absence.fromDate, absence.toDate, format));
  return compose([
    { type: 'header', text: ctx.t('obm.me_title', { person: ctx.actor.displayName }) },
    { type: 'text', text: ctx.actor.zone ? ctx.t('obm.me_zone', { zone }) : ctx.t('obm.me_zone_unset', { zone }) },
    { type: 'text', text: ctx.t('obm.me_hours', { hours: hoursText(ctx.actor) }) },
    { type: 'text', text: periods.length ? ctx.t('obm.me_away', { periods: periods.join(', ') }) : ctx.t('obm.me_away_none') },
    { type: 'text', text: ctx.actor.country ? ctx.t('obm.me_country', { country: ctx.actor.country }) : ctx.t('obm.me_country_none') },
    { type: 'text', text: ctx.t(ctx.actor.alerts === 'daily' ? 'obm.me_alerts_daily' : 'obm.me_alerts_instant') },
  ]);
};

// A menu value is short text from the platform; anything else is not a pick of ours.
const pickedZone = z.string().trim().min(1).max(64).refine(isValidZone);

/**
 * A zone picked from the zone question (see people/people.zone-ask.ts), the menu form of `/obm me zone`:
 * sets the picker's own zone and replaces the question with a confirmation. A value that is no zone changes nothing and says so, in the team's language.
 */
export const zonePick = defineAction({
  actionId: ZONE_PICK_ACTION,
  run: async (value, ctx) => {
    const locale = ctx.team ? ctx.locale : await localeOfPerson({ db: ctx.db, personId: ctx.actor.id });
    const parsed = pickedZone.safeParse(value);
    // Answered, not thrown: the bot would say a thrown error in English, as a DM has no team.
    if (!parsed.success) return ephemeral(textMessage(t(locale, 'time.bad_zone', { zone: value.slice(0, 64) })));
    const zone = assertZone(parsed.data);
    await replan(ctx, await updatePerson({ db: ctx.db, personId: ctx.actor.id, changes: { zone } }));
    return { kind: 'update', message: zonePickedMessage({ zone, now: ctx.now, locale }) };
  },
});
