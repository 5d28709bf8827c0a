import { describe, expect, it } from 'vitest';
import { isBotError } from '../../errors.js';
import { clipText, EVENT_LIMITS, mirroredEventOf, occurrenceEventSpec, ONLINE } from './events.limits.js';

const start = new Date('2026-12-01T10:00:00Z');
const end = new Date('2026-12-01T11:00:00Z');

describe('Discord’s limits, applied in the core', () => {
  it('clips a name to 100 characters and a description to 1,000, with an ellipsis, never splitting an emoji', () => {
    const event = mirroredEventOf({ name: 'N'.repeat(150), description: 'D'.repeat(1500), start, end, location: 'https://meet.example/abc' });
    expect(event.name).toHaveLength(EVENT_LIMITS.name);
    expect(event.name.endsWith('…')).toBe(true);
    expect(event.description).toHaveLength(EVENT_LIMITS.description);
    expect(event.description!.endsWith('…')).toBe(true);
    const emoji = clipText(`${'a'.repeat(98)}😀😀`, 100);
    expect(emoji.length).toBeLessThanOrEqual(100);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF]…$/);
    expect(clipText('short', 100)).toBe('short');
  });

  it('keeps a name on one line, and names a class with no title “Class”', () => {
    expect(mirroredEventOf({ name: '  Canva\n basics ', start, end }).name).toBe('Canva basics');
    expect(mirroredEventOf({ name: '   ', start, end }).name).toBe('Class');
  });

  it('uses the link as the location, “online” without one, and for a link over 100 characters puts it at the top of the description instead', () => {
    expect(mirroredEventOf({ name: 'A', start, end, location: 'https://zoom.us/j/123' }).location).toBe('https://zoom.us/j/123');
    expect(mirroredEventOf({ name: 'A', start, end }).location).toBe(ONLINE);
    expect(mirroredEventOf({ name: 'A', start, end, location: '' }).location).toBe(ONLINE);
    const long = `https://meet.example/${'x'.repeat(120)}`;
    const event = mirroredEventOf({ name: 'A', description: 'Bring your questions.', start, end, location: long });
    expect(event.location).toBe(ONLINE);
    expect(event.description).toBe(`${long}\n\nBring your questions.`);
  });

  it('has no description rather than an empty one, and refuses an end before the start', () => {
    expect(mirroredEventOf({ name: 'A', description: '  ', start, end }).description).toBeNull();
    let refused: unknown;
    try {
      mirroredEventOf({ name: 'A', start: end, end: start });
    } catch (error) {
      refused = error;
    }
    expect(isBotError(refused) && refused.code).toBe('events.end_before_start');
  });

  it('builds an occurrence’s spec: its end one duration after its start, and no recurrence at all', () => {
    const spec = occurrenceEventSpec({ title: 'Onboarding call', start, durationMinutes: 90, link: 'https://meet.example/x' });
    expect(spec).toEqual({ name: 'Onboarding call', description: null, start, end: new Date('2026-12-01T11:30:00Z'), location: 'https://meet.example/x' });
    expect(Object.keys(mirroredEventOf(spec as Exclude<typeof spec, { cancelled: true }>))).toEqual(['name', 'description', 'start', 'end', 'location']);
  });
});
