import ICAL from 'ical.js';

export interface ParsedEvent {
  uid: string;
  summary: string;
  sequence: number;
  status: string | null;
  /** The instant, as ical.js reads it with the feed's own VTIMEZONE blocks. */
  start: Date;
  /** The TZID ical.js resolved the start in ('UTC' for a Z time); 'floating' when nothing resolved it. */
  tzid: string;
  /** The wall time as written in the feed, e.g. 2026-03-28T17:00:00. */
  wall: string;
  description: string | null;
}

/**
 * Parses a feed with ical.js, an independent implementation: only the VTIMEZONE blocks of the feed itself
 * are registered (after a reset, so nothing from another test or the library's defaults resolves a TZID the
 * feed failed to describe: an event whose zone is missing comes back 'floating').
 */
export const parseFeed = (text: string): { name: string | null; events: ParsedEvent[]; zones: string[] } => {
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zones: string[] = [];
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    const timezone = new ICAL.Timezone(vtimezone);
    ICAL.TimezoneService.register(timezone);
    zones.push(timezone.tzid);
  }
  // Parsed again now that the zones are known: ical.js binds a TZID to its zone when the event is read.
  const bound = new ICAL.Component(ICAL.parse(text));
  const events = bound.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const start = event.startDate;
    return {
      uid: event.uid,
      summary: event.summary,
      sequence: event.sequence,
      status: (component.getFirstPropertyValue('status') as string | null) ?? null,
      start: start.toJSDate(),
      tzid: start.zone?.tzid ?? 'floating',
      wall: start.toString(),
      description: event.description ?? null,
    };
  });
  return { name: (calendar.getFirstPropertyValue('x-wr-calname') as string | null) ?? null, events, zones };
};
