import { describe, expect, inject, it } from 'vitest';
import { runConsole, withFreshDataDir, withFreshPostgres, type Transcript } from './helpers/console-process.js';

const startBot = (script: string, env: Record<string, string>) => runConsole({ script, clock: '2026-11-22T12:00:00Z', env });

// A week of a team in three zones, from Sunday 22 Nov 2026: Maria in Manila answers by DM replies (with a
// blocker that Olivia makes a task), Olivia by the form, Jo skips a day and otherwise lets it slide; Maria is
// late on Tuesday. Nobody answers from Wednesday on.
const SCRIPT = `
/obm setup Acme Co
/obm setup zone Europe/Amsterdam
:as maria member
/obm me zone Asia/Manila
:as jo member
/obm me zone America/New_York
:as olivia
/standup setup at 09:00 deadline 12:00
# Monday 09:30 in Manila
:at 2026-11-23T01:30:00Z
:as maria
:dm
Sent the invoices
Update the CRM
Waiting for the client's logins
# Monday 09:15 in Amsterdam: the blocker waited for Olivia's working day
:at 2026-11-23T08:15:00Z
:as olivia
:click Make it a task
:submit assignee=@jo due="tuesday 17:00"
:click Answer
:submit q1="Weekly report" q2="Client call" q3=none
:at 2026-11-23T20:00:00Z
:as jo
:channel general
/standup skip tomorrow
# Tuesday 13:00 in Manila: after her deadline
:at 2026-11-24T05:00:00Z
:as maria
:dm
Logins arrived
Set up the CRM
none
:as olivia
:channel general
:advance 4d
/standup report from 23 nov to 27 nov
`;

const check = (lines: Transcript[]) => {
  const local = (line: Transcript, zone: string) => new Date(line.at).toLocaleString('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit' });
  const zones: Record<string, string> = { maria: 'Asia/Manila', jo: 'America/New_York', olivia: 'Europe/Amsterdam' };
  const dmsTo = (person: string) => lines.filter((line) => line.to.kind === 'dm' && line.to.person === person && !line.ephemeral);

  // Each is asked at 09:00 in their own zone on their working days, and reminded once at 11:00 unless answered.
  for (const person of ['maria', 'jo', 'olivia']) {
    const questions = dmsTo(person).filter((line) => line.text.startsWith(`Hi `));
    const expected = person === 'jo' ? ['Mon', 'Wed', 'Thu', 'Fri'] : ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];
    expect(questions.map((line) => local(line, zones[person]!)), person).toEqual(expected.map((day) => `${day} 09:00`));
    expect(questions[0]!.buttons.map((button) => button.label)).toEqual(['Answer', 'Skip today']);
    const reminders = dmsTo(person).filter((line) => line.text.startsWith('Reminder: Standup'));
    expect(new Set(reminders.map((line) => local(line, zones[person]!).slice(4))), person).toEqual(new Set(['11:00']));
  }
  expect(dmsTo('maria').filter((line) => line.text.startsWith('Reminder: Standup')).map((line) => local(line, 'Asia/Manila'))).toEqual(['Tue 11:00', 'Wed 11:00', 'Thu 11:00', 'Fri 11:00']);

  // Answering by DM replies: the next question each time, then the thanks.
  const toMaria = lines.filter((line) => line.to.kind === 'dm' && line.to.person === 'maria' && line.ephemeral).map((line) => line.text);
  expect(toMaria.slice(0, 3)).toEqual([
    '2/3 · What will you do today?',
    '3/3 · Anything blocking you?',
    'Thanks, Maria! Your answers are in. You can change them until Mon 23 Nov, 12:00 (Asia/Manila) with Edit answers. I told Olivia about your blocker. Olivia gets it Mon 23 Nov, 09:00 (Europe/Amsterdam).',
  ]);
  expect(toMaria.at(-1)).toBe('Thanks, Maria! Your answers are in, marked late: the deadline was Tue 24 Nov, 12:00 (Asia/Manila).');

  // The blocker reached Olivia at the start of her day, with Make it a task; the task went to Jo at the start of his.
  const blocker = dmsTo('olivia').find((line) => line.text.startsWith('🚧'))!;
  expect(blocker.text).toBe("🚧 Maria is blocked (Standup, Acme Co, Mon 23 Nov): Waiting for the client's logins");
  expect(blocker.at).toBe('2026-11-23T08:00:00.000Z');
  expect(blocker.buttons.map((button) => button.label)).toEqual(['Make it a task']);
  expect(lines.some((line) => line.text === "Added #1 Blocker: Waiting for the client's logins for Jo, from Maria’s standup answer of Mon 23 Nov.\nJo gets the message Mon 23 Nov, 09:00 (America/New_York).")).toBe(true);
  expect(dmsTo('jo')[0]!.text).toBe("Olivia gave you a task in Acme Co:\n#1 Blocker: Waiting for the client's logins\nDue Tue 24 Nov, 17:00 (America/New_York)");
  expect(dmsTo('jo')[0]!.at).toBe('2026-11-23T14:00:00.000Z');

  // The team channel: a parent per day, each answer as it came, and the summary at the last deadline (12:00 in New York).
  // The Monday digest shares the channel; its own tests cover it.
  const channel = lines.filter((line) => line.to.kind === 'channel' && !line.ephemeral && line.at >= '2026-11-23' && !line.text.includes('· weekly digest,'));
  expect(channel.map((line) => `${line.at.slice(5, 16)} ${line.text.split('\n')[0]}`)).toEqual([
    '11-23T01:30 Standup, Mon 23 Nov',
    '11-23T01:30 Maria',
    '11-23T08:15 Olivia',
    '11-23T17:00 Standup, Mon 23 Nov: 2 of 3 answered.',
    '11-24T05:00 Standup, Tue 24 Nov',
    '11-24T05:00 Maria (late)',
    '11-24T17:00 Standup, Tue 24 Nov: 1 of 2 answered.',
    '11-25T17:00 Standup, Wed 25 Nov',
    '11-25T17:00 Standup, Wed 25 Nov: 0 of 3 answered.',
    '11-26T17:00 Standup, Thu 26 Nov',
    '11-26T17:00 Standup, Thu 26 Nov: 0 of 3 answered.',
    '11-27T17:00 Standup, Fri 27 Nov',
    '11-27T17:00 Standup, Fri 27 Nov: 0 of 3 answered.',
  ]);
  expect(channel[1]!.text).toBe("Maria\nWhat did you finish yesterday? Sent the invoices\nWhat will you do today? Update the CRM\n🚧 Anything blocking you? Waiting for the client's logins");
  expect(channel[2]!.text).toBe('Olivia\nWhat did you finish yesterday? Weekly report\nWhat will you do today? Client call\nAnything blocking you? none');
  expect(channel[3]!.text).toBe('Standup, Mon 23 Nov: 2 of 3 answered.\nAnswered: Maria, Olivia\nNot answered: Jo\n🚧 Blocked: Maria');
  expect(channel[6]!.text).toBe('Standup, Tue 24 Nov: 1 of 2 answered.\nAnswered: Maria (late)\nAway: Jo (skipped)\nNot answered: Olivia');

  // The week in numbers, for the weekly digest.
  const report = lines.at(-1)!;
  expect(report.to).toEqual({ kind: 'channel', channel: 'general', person: 'olivia' });
  expect(report.text.split('\n')[0]).toBe('Standup: answers Mon 23 Nov – Fri 27 Nov');
  expect(report.text).toContain('Participation:\nJo: 0 on time, 0 late, 4 missed, 0 away, 1 skipped\nMaria: 1 on time, 1 late, 3 missed, 0 away, 0 skipped\nOlivia: 1 on time, 0 late, 4 missed, 0 away, 0 skipped\nTeam: 2 on time, 1 late, 11 missed, 0 away, 1 skipped');
};

describe('standups in the console, over a simulated week', () => {
  it('asks, collects, reports and counts, each at their own hour', async () => {
    await withFreshDataDir(async (env) => {
      const { lines, stderr } = await startBot(SCRIPT, env);
      expect(stderr).not.toMatch(/"level"|error|could not|No button|No form/i);
      check(lines);
    });
  }, 120_000);

  it.runIf(inject('postgresTemplate'))('runs the same week on PostgreSQL', async () => {
    await withFreshPostgres(async (env) => check((await startBot(SCRIPT, env)).lines));
  }, 120_000);
});
