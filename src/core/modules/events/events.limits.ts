import { z } from 'zod';
import type { MirroredEvent } from '../../../db/schema/index.js';
import { botError } from '../../errors.js';

/**
 * Discord's limits on a Guild Scheduled Event, applied in the core so every platform port receives an event
 * it can take as is (https://discord.com/developers/docs/resources/guild-scheduled-event): a name of 1-100
 * characters, a description of at most 1,000, a location of 1-100. There is no recurrence rule here on
 * purpose: Discord's rules can set neither an end nor a count, so each occurrence is its own event.
 */
export const EVENT_LIMITS = { name: 100, description: 1000, location: 100 } as const;

/** Where an occurrence without a link happens. */
export const ONLINE = 'online';

/** What a module asks to be mirrored: one occurrence, or the news that it is off. */
export type EventMirrorSpec = { name: string; description?: string | null; start: Date; end: Date; location?: string | null } | { cancelled: true };

export const eventMirrorSpecSchema = z.union([
  z.object({ cancelled: z.literal(true) }),
  z.object({
    name: z.string(),
    description: z.string().nullish(),
    start: z.date(),
    end: z.date(),
    location: z.string().nullish(),
  }),
]);

/**
 * At most `max` UTF-16 units, with an ellipsis when cut. Discord counts characters; a string within this many
 * UTF-16 units is within that many characters too, and a surrogate pair is never split.
 */
export const clipText = (text: string, max: number): string => {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
};

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The event as the platform gets it. The name is one line (clipped); an empty one becomes "Class"; a
 * location that does not fit (a long link) becomes "online", the link then opening the description so it
 * is never lost to the clipping; an empty description is none (Discord refuses an empty one).
 */
export const mirroredEventOf = (spec: Exclude<EventMirrorSpec, { cancelled: true }>): MirroredEvent => {
  const name = clipText(oneLine(spec.name) || 'Class', EVENT_LIMITS.name);
  const location = oneLine(spec.location ?? '');
  const fits = location.length > 0 && location.length <= EVENT_LIMITS.location;
  const body = (spec.description ?? '').trim();
  const description = [fits || location.length === 0 ? '' : location, body].filter((part) => part !== '').join('\n\n');
  if (!(spec.end.getTime() > spec.start.getTime())) throw botError('events.end_before_start');
  return {
    name,
    description: description === '' ? null : clipText(description, EVENT_LIMITS.description),
    start: spec.start.toISOString(),
    end: spec.end.toISOString(),
    location: fits ? location : ONLINE,
  };
};

/**
 * The spec of one class occurrence, for the trainings module: the title, the join link (or "online"), and an
 * end one duration after the start. `requestEventMirror({ db, now, teamId, subjectKey, spec: occurrenceEventSpec(…) })`.
 */
export const occurrenceEventSpec = ({ title, description, start, durationMinutes, link }: { title: string; description?: string | null; start: Date; durationMinutes: number; link?: string | null }): EventMirrorSpec => ({
  name: title,
  description: description ?? null,
  start,
  end: new Date(start.getTime() + durationMinutes * 60_000),
  location: link ?? null,
});
