import { describe, expect, it } from 'vitest';
import { parseOptionText } from '../../command-text.js';
import { calendarCommand } from './calendar.commands.js';

const subcommand = (name: string) => calendarCommand.subcommands.find((sub) => sub.name === name)!;
const read = (name: string, text: string) => {
  const sub = subcommand(name);
  return (sub.parse ?? ((value: string) => parseOptionText(value, sub.options)))(text);
};

describe('the /calendar add grammar', () => {
  it.each<[string, Record<string, unknown>]>([
    ['Spring launch 10 dec', { title: 'Spring launch', when: '10 dec' }],
    ['Spring launch 10 dec 14:00 kind launch @{maria}', { title: 'Spring launch', when: '10 dec 14:00', kind: 'launch', owner: 'maria' }],
    ['Launch on Product Hunt next friday', { title: 'Launch on Product Hunt', when: 'next friday' }],
    ['Launch on Product Hunt on 3 dec', { title: 'Launch on Product Hunt', when: '3 dec' }],
    ['"Launch friday" on 12 dec', { title: 'Launch friday', when: '12 dec' }],
    ['"Launch friday" 12 dec', { title: 'Launch friday', when: '12 dec' }],
    ['Webinar 3 dec remind 5 days before', { title: 'Webinar', when: '3 dec', remind: '5 days before' }],
    ['Webinar 3 dec herinner 5 werkdagen van tevoren soort evenement', { title: 'Webinar', when: '3 dec', remind: '5 werkdagen van tevoren', kind: 'evenement' }],
    ['Beta live 30 nov kind milestone project Website launch', { title: 'Beta live', when: '30 nov', kind: 'milestone', project: 'Website launch' }],
    ['Remind the kind people 4 dec', { title: 'Remind the kind people', when: '4 dec' }],
    ['Voorjaarslancering op 10 mrt soort lancering', { title: 'Voorjaarslancering', when: '10 mrt', kind: 'lancering' }],
    ['Launch', { title: 'Launch' }],
  ])('%j', (text, expected) => expect(read('add', text)).toEqual(expected));

  it('reads the list window and a move', () => {
    expect(read('list', 'next 14 days')).toEqual({ next: '14 days' });
    expect(read('list', 'komende 7 dagen')).toEqual({ next: '7 dagen' });
    expect(read('move', '3 17 mar 10:00')).toEqual({ number: '3', when: '17 mar 10:00' });
  });
});
