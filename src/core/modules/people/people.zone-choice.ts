import { botError } from '../../errors.js';
import { t, type Locale } from '../../i18n/catalog.js';
import { compose, type Message } from '../../messages.js';
import { resolveZoneName } from '../../time/zone-names.js';

export type ZoneChoice = { kind: 'zone'; zone: string } | { kind: 'menu'; message: Message };

export interface ZoneChoiceDeps {
  /** What the person typed: an IANA name, a city, a country or an alias. */
  text: string;
  now: Date;
  locale: Locale;
  /** The action the menu's pick goes to, and how a zone becomes its value (a team's id may ride along). */
  actionId: string;
  valueFor?: (zone: string) => string;
}

/**
 * Reads a typed zone wherever one is set (`/obm me zone`, `/obm setup zone`): one zone is the answer, a
 * place with several clocks becomes a menu of them, and a fixed abbreviation is refused with the zone that
 * fits, since a person "in EST" would be an hour off all summer.
 */
export const chooseZone = ({ text, now, locale, actionId, valueFor = (zone) => zone }: ZoneChoiceDeps): ZoneChoice => {
  const reading = resolveZoneName(text, now);
  if (reading.kind === 'zone') return reading;
  if (reading.kind === 'abbreviation') throw botError('time.zone_abbreviation', { abbreviation: reading.abbreviation, suggestion: reading.suggestion });
  if (reading.kind === 'unknown') throw botError('time.bad_zone', { zone: text.slice(0, 64) });
  return {
    kind: 'menu',
    message: compose([
      { type: 'text', text: t(locale, 'time.zone_several', { zone: text.slice(0, 64) }) },
      { type: 'select', actionId, placeholder: t(locale, 'time.zone_pick'), options: reading.options.map((option) => ({ label: option.label, value: valueFor(option.value) })) },
    ]),
  };
};
