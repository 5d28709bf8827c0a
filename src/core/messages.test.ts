import { describe, expect, it } from 'vitest';
import { fitText } from './messages.js';

describe('fitText', () => {
  it.each([
    ['Standup, Mon 23 Nov', 24, 'Standup, Mon 23 Nov'],
    ['Daily check-in, Mon 7 Dec', 24, 'Daily check-in, Mon 7…'],
    ['Daily check-in', 13, 'Daily…'],
    ['Dagelijkse check-in', 12, 'Dagelijkse…'],
    ['Supercalifragilistic', 10, 'Supercali…'],
  ])('%j in %i characters is %j', (text, max, expected) => {
    expect(fitText(text, max)).toBe(expected);
    expect(fitText(text, max).length).toBeLessThanOrEqual(max);
  });
});
