import { DateTime } from 'luxon';
import { t, type Locale } from '../../i18n/catalog.js';
import { compose, type Message } from '../../messages.js';
import { zoneOptions } from './people.zones.js';
import { hoursOf } from '../../recipient-time.js';
import { formatWorkingHours } from '../../time/working-hours.js';
import type { PersonRow, TeamRow } from '../../identity.js';

/** "08:00-16:00", "22:00-06:00", "Mon-Thu 08:00-16:00, Fri 08:00-12:00" (Dutch day names in a Dutch team). */
export const hoursText = (person: PersonRow, locale: Locale = 'en'): string => formatWorkingHours(hoursOf(person), locale);

export const zoneText = (person: PersonRow, team: TeamRow, locale: Locale): string =>
  person.zone ?? t(locale, 'obm.zone_team_default', { zone: team.zone });

/** Picking a zone in the zone question's menu: the value is the IANA name. */
export const ZONE_PICK_ACTION = 'people.zone';

const wallClock = (now: Date, zone: string) => DateTime.fromJSDate(now, { zone }).toFormat('HH:mm');

/**
 * The one question about a person's zone: which zone is used meanwhile, a menu of common ones, and the
 * command for others. `at` is when it goes out: the clock and the offsets it shows are those of that moment.
 */
export const zoneAskMessage = ({ team, at }: { team: TeamRow; at: Date }): Message =>
  compose([
    { type: 'text', text: t(team.locale, 'people.zone_ask', { team: team.clientName, zone: team.zone, time: wallClock(at, team.zone) }) },
    { type: 'select', actionId: ZONE_PICK_ACTION, placeholder: t(team.locale, 'people.zone_ask_placeholder'), options: zoneOptions({ now: at, include: team.zone }) },
    { type: 'context', text: t(team.locale, 'people.zone_ask_other') },
  ]);

/** What the question becomes once answered, so nobody picks twice. */
export const zonePickedMessage = ({ zone, now, locale }: { zone: string; now: Date; locale: Locale }): Message =>
  compose([{ type: 'text', text: t(locale, 'people.zone_picked', { zone, time: wallClock(now, zone) }) }]);
