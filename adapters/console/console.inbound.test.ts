import { describe, expect, it } from 'vitest';
import { createInvocationIds, translateMentions } from './console.inbound.js';

describe('translateMentions', () => {
  it('turns @name into the core’s mention form', () => {
    expect(translateMentions('add Send the weekly report @maria due friday 17:00')).toBe('add Send the weekly report @{maria} due friday 17:00');
    expect(translateMentions('@Maria and @sam.k, then (@lee).')).toBe('@{maria} and @{sam.k}, then (@{lee}).');
  });

  it('leaves e-mail addresses, a lone @ and existing mentions alone', () => {
    expect(translateMentions('mail olivia@example.com @ @{maria}')).toBe('mail olivia@example.com @ @{maria}');
  });
});

describe('createInvocationIds', () => {
  it('never repeats an id, within a run or across runs', () => {
    const first = createInvocationIds();
    const second = createInvocationIds();
    const ids = [first(), first(), second(), second()];
    expect(new Set(ids).size).toBe(4);
    expect(ids[0]).toMatch(/^console-1-[0-9a-f]{8}$/);
  });
});
