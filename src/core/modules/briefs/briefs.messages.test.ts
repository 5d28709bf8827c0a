import { describe, expect, it } from 'vitest';
import type { TeamRow } from '../../identity.js';
import { plainText } from '../../messages.js';
import type { TeamBrief } from './briefs.contents.js';
import { briefMessage } from './briefs.messages.js';

const team = { id: 1, clientName: 'Acme Co', locale: 'en', zone: 'Europe/Amsterdam' } as TeamRow;
const empty: TeamBrief = { team, overdue: [], done: [], moved: [], missed: [], followups: [], blockers: [], away: [], unreachable: [] };
const now = new Date('2026-11-24T08:00:00Z');

describe('the brief as a message', () => {
  it('shows ten lines of a section and says how many more there are', () => {
    const overdue = Array.from({ length: 12 }, (_, index) => ({ id: index + 1, number: index + 1, title: `Task ${index + 1}`, dueAt: new Date('2026-11-23T16:00:00Z'), assignees: index === 0 ? [] : ['Maria', 'Jo'] }));
    const text = plainText(briefMessage({ briefs: [{ ...empty, overdue }], since: now, first: true, view: { locale: 'en', zone: 'Europe/Amsterdam', now } }).text).split('\n');
    expect(text.slice(0, 3)).toEqual(['Acme Co · daily brief, Tue 24 Nov', 'Overdue (12)', '• #1 Task 1 · nobody · due Mon 23 Nov, 17:00']);
    expect(text.slice(3, 4)).toEqual(['• #2 Task 2 · Maria, Jo · due Mon 23 Nov, 17:00']);
    expect(text).toHaveLength(14);
    expect(text.slice(11)).toEqual(['• #10 Task 10 · Maria, Jo · due Mon 23 Nov, 17:00', '… and 2 more', 'The last 24 hours · times in Europe/Amsterdam']);
  });

  it('speaks Dutch, in the manager’s zone, with holidays named', () => {
    const view = { locale: 'nl' as const, zone: 'Asia/Manila', now };
    const away: TeamBrief['away'] = [{ name: 'Eva', reason: 'absent' }, { name: 'Maria', reason: 'holiday' }];
    const message = briefMessage({ briefs: [{ ...empty, team: { ...team, clientName: 'Globex' }, away, unreachable: ['Sam'] }, { ...empty, done: [{ id: 3, number: 3, title: 'Factuur', dueAt: null, assignees: ['Jo'], actor: 'Jo', times: 1 }] }], since: new Date('2026-11-23T01:00:00Z'), first: false, view });
    expect(plainText(message.text)).toBe(
      ['Dagoverzicht, di 24 nov · 2 teams', 'Globex', 'Vandaag afwezig: Eva, Maria (feestdag)\nNiet bereikbaar via DM: Sam', 'Acme Co', 'Klaar (1)\n• #3 Factuur · Jo', 'Sinds ma 23 nov om 09:00 · tijden in Asia/Manila'].join('\n'),
    );
    expect(message.blocks?.map((block) => block.type)).toEqual(['header', 'text', 'text', 'divider', 'text', 'text', 'context']);
  });
});
