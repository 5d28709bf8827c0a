import { DateTime } from 'luxon';

/**
 * The zones offered when the bot asks someone for theirs: where OBMs' clients and team members most often
 * are, about one per offset from the Americas to New Zealand. Anyone elsewhere types `/obm me zone <IANA>`.
 */
export const COMMON_ZONES: readonly { zone: string; city: string }[] = [
  { zone: 'America/Los_Angeles', city: 'Los Angeles' },
  { zone: 'America/Denver', city: 'Denver' },
  { zone: 'America/Chicago', city: 'Chicago' },
  { zone: 'America/Mexico_City', city: 'Mexico City' },
  { zone: 'America/New_York', city: 'New York' },
  { zone: 'America/Bogota', city: 'Bogotá' },
  { zone: 'America/Sao_Paulo', city: 'São Paulo' },
  { zone: 'Europe/London', city: 'London' },
  { zone: 'Europe/Amsterdam', city: 'Amsterdam' },
  { zone: 'Africa/Lagos', city: 'Lagos' },
  { zone: 'Africa/Johannesburg', city: 'Johannesburg' },
  { zone: 'Africa/Cairo', city: 'Cairo' },
  { zone: 'Africa/Nairobi', city: 'Nairobi' },
  { zone: 'Asia/Dubai', city: 'Dubai' },
  { zone: 'Asia/Karachi', city: 'Karachi' },
  { zone: 'Asia/Kolkata', city: 'India' },
  { zone: 'Asia/Jakarta', city: 'Jakarta' },
  { zone: 'Asia/Manila', city: 'Manila' },
  { zone: 'Asia/Tokyo', city: 'Tokyo' },
  { zone: 'Australia/Sydney', city: 'Sydney' },
  { zone: 'Pacific/Auckland', city: 'Auckland' },
];

/** "UTC+8", "UTC+5:30", "UTC-3", "UTC+0": the offset right now, so a label is true on the day it is read. */
export const offsetLabel = (zone: string, now: Date): string => {
  const minutes = DateTime.fromJSDate(now, { zone }).offset;
  const sign = minutes < 0 ? '-' : '+';
  const hours = Math.floor(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  return `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
};

/** A zone's city as a person would name it: the last part of the IANA name ("America/Toronto" -> "Toronto"). */
const cityOf = (zone: string): string => COMMON_ZONES.find((common) => common.zone === zone)?.city ?? zone.split('/').at(-1)!.replace(/_/g, ' ');

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
