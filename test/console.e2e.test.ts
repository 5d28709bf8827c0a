import { describe, expect, inject, it } from 'vitest';
import { runConsole, withFreshDataDir, withFreshPostgres, type Transcript } from './helpers/console-process.js';

const startBot = (script: string, env: Record<string, string>) => runConsole({ script, clock: '2026-11-23T08:00:00Z', env });

const SCRIPT = `
# a team, people in three zones, a task with a due date, Done clicked on the DM
/obm setup Acme Co
/obm setup zone Europe/Amsterdam
:as maria member
/obm me zone Asia/Manila
:as jo member
/obm me zone America/New_York
:as olivia
/task add Send the weekly report @maria due friday 17:00 !high
:as maria
:click Done
:as olivia
/task list all
`;

const expectTranscript = (lines: Transcript[]) => {
  const where = (to: Transcript['to']) => [to.channel, to.person].filter(Boolean).join('>');
  const summary = lines.map((line) => `${line.to.kind}:${where(line.to)}${line.ephemeral ? ' (ephemeral)' : ''}${line.updated ? ' (updated)' : ''}: ${line.text.split('\n')[0]}`);
  expect(summary).toEqual([
    'channel:general: Acme Co is set up in this channel, and you are its manager.',
    'channel:general: The team’s zone is now Europe/Amsterdam. People who have not set their own zone use it.',
    'channel:general: Maria is now a member of Acme Co.',
    'channel:general>maria (ephemeral): Your zone is now Asia/Manila; it is 16:00 there now.',
    'channel:general: Jo is now a member of Acme Co.',
    'channel:general>jo (ephemeral): Your zone is now America/New_York; it is 03:00 there now.',
    'channel:general: Added #1 Send the weekly report for Maria, due Fri 27 Nov, 17:00 (Asia/Manila) = Fri 27 Nov, 10:00 (Europe/Amsterdam) your time.',
    'dm:maria: Olivia gave you a task in Acme Co:',
    'dm:maria (updated): #1 Send the weekly report',
    'dm:maria (ephemeral): #1 Send the weekly report is done. Nice work, Maria!',
    'channel:general>olivia (ephemeral): All tasks in Acme Co',
  ]);
  const dm = lines[7]!;
  expect(dm.text).toBe('Olivia gave you a task in Acme Co:\n#1 Send the weekly report\nDue Fri 27 Nov, 17:00 (Asia/Manila)');
  expect(dm.buttons.map((button) => button.label)).toEqual(['Done', 'Snooze', 'Need help']);
  expect(dm.at).toBe('2026-11-23T08:00:00.000Z');
  expect(lines[8]!.buttons).toEqual([]);
  expect(lines[9]!.text).toBe('#1 Send the weekly report is done. Nice work, Maria!');
  expect(lines[10]!.text).toContain('#1 Send the weekly report · Maria · Due Fri 27 Nov, 10:00 (Europe/Amsterdam) · !high · done');
};

const REMINDER_SCRIPT = `
/obm setup Acme Co
/obm setup zone Europe/Amsterdam
:as maria member
/obm me zone Asia/Manila
:as olivia
/task add Send the weekly report @maria due friday 17:00
:advance 9d
`;

describe('the console, end to end as a newcomer runs it', () => {
  it('shows the pre-due reminder, the due reminder, the overdue nudge and the manager’s daily brief, each at the right local hour', async () => {
    await withFreshDataDir(async (env) => {
      const { lines } = await startBot(REMINDER_SCRIPT, env);
      const dms = lines.filter((line) => line.to.kind === 'dm');
      const nudges = dms.map((line) => `${line.to.person} ${line.at}: ${line.text.split('\n')[0]}`);
      expect(nudges).toEqual([
        'maria 2026-11-23T08:00:00.000Z: Olivia gave you a task in Acme Co:',
        // Thu 17:00, Fri 09:00 and Fri 17:00 in Manila (UTC+8).
        'maria 2026-11-26T09:00:00.000Z: Reminder: #1 Send the weekly report is due Fri 27 Nov, 17:00 (Asia/Manila).',
        'maria 2026-11-27T01:00:00.000Z: Today: #1 Send the weekly report is due Fri 27 Nov, 17:00 (Asia/Manila).',
        'maria 2026-11-27T09:00:00.000Z: #1 Send the weekly report is due now: Fri 27 Nov, 17:00 (Asia/Manila).',
        // Her next working morning: Monday 09:00 Manila, saying how long ago it was due.
        'maria 2026-11-30T01:00:00.000Z: #1 Send the weekly report was due Fri 27 Nov, 17:00 (Asia/Manila), 3 days ago, and is still open. Done, or snooze it to a new time?',
        // The manager (daily alerts, the default) reads it in her brief at the start of her own day, 09:00 Amsterdam (UTC+1).
        'olivia 2026-11-30T08:00:00.000Z: Acme Co · daily brief, Mon 30 Nov',
        'olivia 2026-12-01T08:00:00.000Z: Acme Co · daily brief, Tue 1 Dec',
        'olivia 2026-12-02T08:00:00.000Z: Acme Co · daily brief, Wed 2 Dec',
      ]);
      expect(dms.filter((line) => line.to.person === 'olivia').every((line) => line.text.includes('#1 Send the weekly report · Maria'))).toBe(true);
    });
  }, 120_000);

  it('runs the script on a fresh embedded database and prints one JSON object per message', async () => {
    await withFreshDataDir(async (env) => {
      const { lines, stderr } = await startBot(SCRIPT, env);
      // Directive feedback ("You are maria…") goes to stderr in --json mode; logs and errors must not.
      expect(stderr).not.toMatch(/"level"|error|could not/i);
      expectTranscript(lines);
    });
  }, 120_000);

  it.runIf(inject('postgresTemplate'))('runs the same script on PostgreSQL', async () => {
    await withFreshPostgres(async (env) => expectTranscript((await startBot(SCRIPT, env)).lines));
  }, 120_000);
});
