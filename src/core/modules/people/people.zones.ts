import { DateTime } from 'luxon';
import { COMMON_ZONES, offsetLabel, zoneCity as cityOf } from '../../time/zone-names.js';

// The common zones, their offsets and city names live with the zone names (src/core/time/zone-names.ts), so the
// zone question's menu and the autocomplete show one list in one spelling.
export { COMMON_ZONES, offsetLabel } from '../../time/zone-names.js';

/**
 * The menu of zones, west to east by their offset at `now` (DST moves São Paulo and New York past each
 * other): "Manila (UTC+8)" with the IANA name as the value. `include` adds a zone that is not a common one
 * (the team's), so keeping the team's zone is always one pick away. The whole list is offered (about one
 * zone per offset, fewer than any platform's menu holds); each renderer clips a menu to its platform's limit.
 */
export const zoneOptions = ({ now, include }: { now: Date; include?: string }): { label: string; value: string }[] => {
  const zones = COMMON_ZONES.map((common) => common.zone);
  if (include && !zones.includes(include)) zones.unshift(include);
  return zones
    .map((zone) => ({ zone, offset: DateTime.fromJSDate(now, { zone }).offset }))
    .sort((a, b) => a.offset - b.offset || cityOf(a.zone).localeCompare(cityOf(b.zone)))
    .map(({ zone }) => ({ label: `${cityOf(zone)} (${offsetLabel(zone, now)})`, value: zone }));
};
