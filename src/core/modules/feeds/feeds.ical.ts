import { ICalCalendar, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { FeedItemRow } from './feeds.repository.js';

const STATUS = { confirmed: ICalEventStatus.CONFIRMED, tentative: ICalEventStatus.TENTATIVE, cancelled: ICalEventStatus.CANCELLED } as const;

/**
 * The VTIMEZONE block of `zone`, named `zone`. timezones-ical-library answers some zones with another of the
 * same rules (Europe/Amsterdam gets a block with TZID Europe/Brussels): a TZID nothing refers to leaves the
 * events' TZID unresolved, and a calendar app would read them as floating times. Null for a zone it lacks.
 */
export const vtimezoneOf = (zone: string): string | null => {
  const found = tzlib_get_ical_block(zone);
  const block = Array.isArray(found) ? found[0] : null;
  if (!block || !block.includes('BEGIN:VTIMEZONE')) return null;
  return block.replace(/^TZID:.*$/m, `TZID:${zone}`).replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${zone}`);
};

/**
 * The feed as iCalendar text, from what the feed stored (src/core/modules/feeds/feeds.usecases.ts): the same
 * rows give the same bytes, so the ETag holds until something changes. Two traps of ical-generator 10: with a
 * zone set it reads a JS Date as wall time, so times go in as luxon DateTimes in their zone; and a
 * calendar-level zone name drops the Z of DTSTAMP, so zones are set per event and the calendar only carries
 * the VTIMEZONE generator (an empty name: no X-WR-TIMEZONE, DTSTAMP stays UTC).
 */
export const renderCalendar = ({ name, items }: { name: string; items: readonly FeedItemRow[] }): string => {
  const calendar = new ICalCalendar({ prodId: { company: 'righthand', product: 'feeds', language: 'EN' }, name });
  calendar.timezone({ name: '', generator: (zone) => vtimezoneOf(zone) ?? '' });
  for (const item of items) {
    const { snapshot } = item;
    const known = snapshot.zone !== 'UTC' && vtimezoneOf(snapshot.zone) !== null;
    const zone = known ? snapshot.zone : 'UTC';
    const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
    calendar.createEvent({
      id: item.uid,
      sequence: item.sequence,
      // The moment this event last changed: a calendar app compares it, and a fetch that changed nothing keeps it.
      stamp: DateTime.fromJSDate(item.changedAt, { zone: 'utc' }),
      start: at(snapshot.start),
      ...(snapshot.end ? { end: at(snapshot.end) } : {}),
      ...(zone === 'UTC' ? {} : { timezone: zone }),
      allDay: snapshot.allDay,
      summary: snapshot.summary,
      ...(snapshot.description ? { description: snapshot.description } : {}),
      ...(snapshot.url ? { url: snapshot.url } : {}),
      status: STATUS[snapshot.status],
    });
  }
  return calendar.toString();
};
