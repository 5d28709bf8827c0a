import { describe, expect, it } from 'vitest';
import { DIRECTIVES_LINE, parseAssignments, parseDuration, parseInstant, parseLine } from './console.directives.js';

describe('parseLine', () => {
  it('ignores blank lines and # comments, so scripts can explain themselves', () => {
    expect(parseLine('')).toEqual({ kind: 'skip' });
    expect(parseLine('   ')).toEqual({ kind: 'skip' });
    expect(parseLine('# set up the client')).toEqual({ kind: 'skip' });
  });

  it('reads a slash command as the command and the rest of the line', () => {
    expect(parseLine('/task add Send the weekly report @maria due friday 17:00')).toEqual({
      kind: 'command',
      command: '/task',
      text: 'add Send the weekly report @maria due friday 17:00',
    });
    expect(parseLine('  /obm  ')).toEqual({ kind: 'command', command: '/obm', text: '' });
  });

  it('reads anything else that is not a directive as a plain message', () => {
    expect(parseLine('hello there')).toEqual({ kind: 'message', text: 'hello there' });
  });

  it('gives a usage line for a slash with no command', () => {
    expect(parseLine('/ task')).toEqual({ kind: 'invalid', message: 'Usage: /<command> [text], e.g. /obm help' });
  });

  it('reads :as with and without a role, lowercasing the name', () => {
    expect(parseLine(':as Maria')).toEqual({ kind: 'directive', directive: { kind: 'as', person: 'maria' } });
    expect(parseLine(':as maria member')).toEqual({ kind: 'directive', directive: { kind: 'as', person: 'maria', role: 'member' } });
    expect(parseLine(':AS sam owner')).toEqual({ kind: 'directive', directive: { kind: 'as', person: 'sam', role: 'owner' } });
  });

  it('rejects :as without a name, with an unknown role or with extra words', () => {
    const usage = { kind: 'invalid', message: 'Usage: :as <name> [manager|member|owner]' };
    expect(parseLine(':as')).toEqual(usage);
    expect(parseLine(':as maria boss')).toEqual(usage);
    expect(parseLine(':as maria member extra')).toEqual(usage);
    expect(parseLine(':as @maria')).toEqual(usage);
  });

  it('reads :channel with or without the #', () => {
    expect(parseLine(':channel #Acme')).toEqual({ kind: 'directive', directive: { kind: 'channel', channel: 'acme' } });
    expect(parseLine(':channel acme')).toEqual({ kind: 'directive', directive: { kind: 'channel', channel: 'acme' } });
    expect(parseLine(':channel')).toEqual({ kind: 'invalid', message: 'Usage: :channel <name>' });
  });

  it('reads the directives without arguments and refuses arguments to them', () => {
    expect(parseLine(':dm')).toEqual({ kind: 'directive', directive: { kind: 'dm' } });
    expect(parseLine(':clock')).toEqual({ kind: 'directive', directive: { kind: 'clock' } });
    expect(parseLine(':help')).toEqual({ kind: 'directive', directive: { kind: 'help' } });
    expect(parseLine(':quit')).toEqual({ kind: 'directive', directive: { kind: 'quit' } });
    expect(parseLine(':dm maria')).toEqual({ kind: 'invalid', message: 'Usage: :dm' });
  });

  it('reads :pick with an option of several words', () => {
    expect(parseLine(':pick  New York ')).toEqual({ kind: 'directive', directive: { kind: 'pick', option: 'New York' } });
    expect(parseLine(':pick Asia/Manila')).toEqual({ kind: 'directive', directive: { kind: 'pick', option: 'Asia/Manila' } });
    expect(parseLine(':pick')).toEqual({ kind: 'invalid', message: 'Usage: :pick <option label, its start, or value>' });
  });

  it('reads :click with a label of several words', () => {
    expect(parseLine(':click Need help')).toEqual({ kind: 'directive', directive: { kind: 'click', button: 'Need help' } });
    expect(parseLine(':click')).toEqual({ kind: 'invalid', message: 'Usage: :click <button label or action id>' });
  });

  it('reads :submit assignments, quoted values keeping their spaces', () => {
    expect(parseLine(':submit title="Weekly report" due=friday note=')).toEqual({
      kind: 'directive',
      directive: { kind: 'submit', values: { title: 'Weekly report', due: 'friday', note: '' } },
    });
    expect(parseLine(':submit')).toEqual({ kind: 'directive', directive: { kind: 'submit', values: {} } });
    expect(parseLine(':submit title')).toEqual({ kind: 'invalid', message: 'Usage: :submit field=value field2="two words" ...' });
  });

  it('reads :at as an instant, UTC when no offset is given', () => {
    expect(parseLine(':at 2026-11-27T09:00')).toEqual({ kind: 'directive', directive: { kind: 'at', instant: new Date('2026-11-27T09:00:00Z') } });
    expect(parseLine(':at 2026-11-27T10:00+01:00')).toEqual({ kind: 'directive', directive: { kind: 'at', instant: new Date('2026-11-27T09:00:00Z') } });
    expect(parseLine(':at friday')).toEqual({ kind: 'invalid', message: 'Usage: :at <ISO time, e.g. 2026-11-27T09:00Z>' });
  });

  it('reads :advance durations', () => {
    expect(parseLine(':advance 1d12h')).toEqual({ kind: 'directive', directive: { kind: 'advance', ms: 36 * 3_600_000 } });
    expect(parseLine(':advance soon')).toEqual({ kind: 'invalid', message: 'Usage: :advance <duration: 90m, 2h, 2d, 1w, 1d12h>' });
  });

  it('names every directive when one is unknown', () => {
    expect(parseLine(':teleport acme')).toEqual({ kind: 'invalid', message: `Unknown directive :teleport. ${DIRECTIVES_LINE}` });
    expect(DIRECTIVES_LINE).toBe(
      'Directives: :as <name> [manager|member|owner], :channel <name>, :dm, :click <button label or action id>, :pick <option>, :submit field=value field2="two words" ..., :at <ISO time>, :advance <90m|2h|1d12h>, :clock, :help, :quit',
    );
  });
});

describe('parseDuration', () => {
  it('reads minutes, hours, days, weeks and combinations', () => {
    expect(parseDuration('90m')).toBe(90 * 60_000);
    expect(parseDuration('2h')).toBe(2 * 3_600_000);
    expect(parseDuration('2d')).toBe(48 * 3_600_000);
    expect(parseDuration('1w')).toBe(7 * 24 * 3_600_000);
    expect(parseDuration('1d12h')).toBe(36 * 3_600_000);
    expect(parseDuration('1h30m')).toBe(90 * 60_000);
    expect(parseDuration('3 dagen')).toBe(72 * 3_600_000);
  });

  it('refuses nothing, zero, units out of order and unknown units', () => {
    for (const text of ['', '0m', '3y', '90', 'm']) expect(parseDuration(text)).toBeNull();
  });
});

describe('parseAssignments', () => {
  it('accepts straight, curly and single quotes', () => {
    expect(parseAssignments(`a="x y" b=“p q” c='r s' d=t`)).toEqual({ a: 'x y', b: 'p q', c: 'r s', d: 't' });
  });

  it('refuses a word that is not an assignment or a quote left open', () => {
    expect(parseAssignments('a=1 b')).toBeNull();
    expect(parseAssignments('a="open')).toBeNull();
    expect(parseAssignments('a=x"y')).toBeNull();
  });
});

describe('parseInstant', () => {
  it('reads a date alone as midnight UTC', () => {
    expect(parseInstant('2026-11-27')?.toISOString()).toBe('2026-11-27T00:00:00.000Z');
  });
});
