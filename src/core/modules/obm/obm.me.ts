import { DateTime } from 'luxon';
import { z } from 'zod';
import { defineAction, defineSubcommand, type CommandContext } from '../../commands.js';
import { botError } from '../../errors.js';
import { t } from '../../i18n/catalog.js';
import { parseOptionText, type OptionSpec } from '../../command-text.js';
import { ephemeral, type Reply } from '../../invocation.js';
import { compose, textMessage } from '../../messages.js';
import { assertZone, formatLocalDate, isValidZone, localDateOf, parseDateRange } from '../../time.js';
import { parseWorkingHours } from '../../time/working-hours.js';
import { isKnownCountry } from '../../working-time.js';
import { setAlerts, type Alerts } from '../briefs/briefs.repository.js';
import { replanBriefs } from '../briefs/briefs.usecases.js';
import { hoursText, ZONE_PICK_ACTION, zonePickedMessage } from '../people/people.messages.js';
import { addMergedAbsence, removeNthAbsence } from '../people/people.absences.js';
import { chooseZone } from '../people/people.zone-choice.js';
import { getPeople, listAbsences, localeOfPerson, removeAbsences, updatePerson } from '../people/people.repository.js';
import { mergeReplies } from './obm.setup.js';
import type { PersonRow } from '../../identity.js';

const ME_SETTINGS = ['zone', 'hours', 'away', 'country', 'alerts'] as const;
type MeSetting = (typeof ME_SETTINGS)[number];

const ME_OPTIONS: readonly OptionSpec[] = [
  { name: 'zone', kind: 'keyword', keywords: ['zone', 'tijdzone'], complete: 'zone', description: 'Your time zone: a city or IANA name, e.g. Manila or Asia/Manila' },
  { name: 'hours', kind: 'keyword', keywords: ['hours', 'uren', 'werktijden'], description: 'Your working hours, e.g. 08:00-16:00, 22:00-06:00, or mon-thu 08:00-16:00, fri 08:00-12:00' },
  { name: 'away', kind: 'keyword', keywords: ['away', 'afwezig'], description: 'Days off, e.g. 24 dec to 2 jan; list, remove 2, or clear' },
  { name: 'country', kind: 'keyword', keywords: ['country', 'land'], description: 'Country whose public holidays are your days off, e.g. PH, or none' },
  { name: 'alerts', kind: 'keyword', keywords: ['alerts', 'meldingen'], choices: ['daily', 'instant'], description: 'One daily brief, or alerts as they happen' },
];

// English and Dutch words for the two alert settings.
const ALERT_WORDS = new Map<string, Alerts>([['daily', 'daily'], ['dagelijks', 'daily'], ['instant', 'instant'], ['direct', 'instant'], ['meteen', 'instant']]);

/** The person's zone, hours or days off changed: a manager's brief moves to the new start of their day. */
const replan = (ctx: CommandContext, person: PersonRow) => replanBriefs({ db: ctx.db, now: ctx.now, people: [person] });

/** Where the person's times are read when they have not set a zone: the team's, else UTC. */
const zoneFor = (ctx: CommandContext) => ctx.actor.zone ?? ctx.team?.zone ?? 'UTC';

export const me = defineSubcommand({
  name: 'me',
  usage: 'me [zone <city or IANA zone>] [hours <08:00-16:00 | 22:00-06:00 | mon-thu 08:00-16:00, fri 08:00-12:00>] [away <from> to <to> | away remove <n> | away clear] [country <PH|none>] [alerts daily|instant]',
  example: '/obm me zone Asia/Manila',
  description: 'obm.me.desc',
  access: { scope: 'anywhere' },
  // Each setting its own option, named in English and Dutch: `/obm me zone Asia/Manila`, `/obm me tijdzone
  // Asia/Manila`, `zone:` on Discord. Several may come at once (`hours 09:00-17:00 country NL`).
  options: ME_OPTIONS,
  parse: (value) => {
    const { _extra, ...given } = parseOptionText(value, ME_OPTIONS);
    // Words before any setting's name: no setting of ours (the schema answers with the ones there are).
    return _extra === undefined ? given : { ...given, unknown: _extra };
  },
  input: z.object({
    zone: z.string().trim().optional(),
    hours: z.string().trim().optional(),
    away: z.string().trim().optional(),
    country: z.string().trim().optional(),
    alerts: z.string().trim().optional(),
    unknown: z.never({ error: 'obm.me_bad_setting' }).optional(),
  }),
  run: async (input, ctx) => {
    const given = ME_SETTINGS.filter((setting) => input[setting] !== undefined);
    if (given.length === 0) return ephemeral(await showMe(ctx));
    const replies: Reply[] = [];
    let current = ctx;
    for (const setting of given) {
      replies.push(await applySetting({ setting, value: input[setting] }, current));
      // The next setting reads the person as this one left them (hours are echoed in the zone just set).
      current = { ...current, actor: (await getPeople({ db: ctx.db, ids: [ctx.actor.id] }))[0] ?? current.actor };
    }
    return mergeReplies(replies);
  },
});

const applySetting = async (input: { setting: MeSetting; value?: string | undefined }, ctx: CommandContext): Promise<Reply> => {
  if (input.setting === 'away' && (!input.value || /^(list|lijst)$/i.test(input.value))) return ephemeral(await awayList(ctx));
  if (!input.value) throw botError('obm.me_bad_setting');
  switch (input.setting) {
    case 'zone': {
      // A city or country with several clocks answers with a menu of them, picked through the zone question's action.
      const choice = chooseZone({ text: input.value, now: ctx.now, locale: ctx.locale, actionId: ZONE_PICK_ACTION });
      if (choice.kind === 'menu') return ephemeral(choice.message);
      const zone = choice.zone;
      await replan(ctx, await updatePerson({ db: ctx.db, personId: ctx.actor.id, changes: { zone } }));
      const time = DateTime.fromJSDate(ctx.now, { zone }).toFormat('HH:mm');
      return ephemeral(textMessage(ctx.t('obm.me_zone_set', { zone, time })));
    }
    case 'hours': {
      // Across midnight and per weekday; the start/end columns keep the main hours for rows read the old way.
      const hours = parseWorkingHours(input.value);
      const main = hours.find((period) => !period.days) ?? hours[0]!;
      const person = await updatePerson({ db: ctx.db, personId: ctx.actor.id, changes: { hours, workStart: main.start, workEnd: main.end } });
      await replan(ctx, person);
      return ephemeral(textMessage(ctx.t('obm.me_hours_set', { hours: hoursText(person, ctx.locale), zone: zoneFor(ctx) })));
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
};

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
    { type: 'text', text: ctx.t('obm.me_hours', { hours: hoursText(ctx.actor, ctx.locale) }) },
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
