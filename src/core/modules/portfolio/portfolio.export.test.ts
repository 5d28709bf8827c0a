import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, replyText, visibility, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { neutralize } from './portfolio.export.js';

const people = { olivia: { zone: 'Europe/Amsterdam' }, maria: { zone: 'Asia/Manila' }, jo: { zone: 'America/New_York' } };

describe.each(testDatabases())('/obm export on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  beforeEach(async () => {
    handle = await open();
    h = await createHarness({ handle, start: '2026-11-02T08:00:00Z', people });
    await h.setupTeam({ channel: 'acme', client: 'Acme Café', manager: 'olivia', members: { maria: 'member' } });
    await h.setupTeam({ channel: 'beta', client: 'Beta Ltd', manager: 'jo', members: { maria: 'member' } });
    await h.run('olivia', 'acme', '/obm setup zone Europe/Amsterdam');
    await h.run('olivia', 'acme', '/task add =SUM(A1:A9) check @maria due 2026-11-05 17:00');
    await h.run('olivia', 'acme', '/task add Crème brûlée for the launch @maria due 2026-11-20 17:00');
    await h.run('maria', 'acme', '/task done 2');
    await h.run('olivia', 'acme', '/metric add Revenue unit €');
    await h.run('olivia', 'acme', '/metric log Revenue -250 for last week');
    await h.run('olivia', 'acme', '/calendar add @maria Spring launch on 2026-11-24');
    await h.run('jo', 'beta', '/task add Beta secret @maria due 2026-11-06 17:00');
    await h.advanceTo('2026-11-18T09:00:00Z');
    await h.run('olivia', 'acme', '/task add Late task @maria due 2026-11-27 17:00');
    h.recorder.clear();
  });
  afterEach(async () => handle.close());

  const exportFiles = () => {
    const [dm] = h.recorder.dmsTo('olivia');
    return { dm, files: new Map((dm?.message.files ?? []).map((file) => [file.name.replace(/^acme-cafe-/, ''), Buffer.from(file.bytes)])) };
  };
  const rowsOf = (bytes: Buffer) => parse(bytes, { bom: true, columns: true }) as Record<string, string>[];

  it('sends the team’s CSV files by DM: UTF-8 with a BOM, ISO times with the offset, formulas neutralized, only this team', async () => {
    const reply = await h.run('olivia', 'acme', '/obm export');
    expect(visibility(reply)).toBe('ephemeral');
    expect(replyText(reply)).toBe('The export of Acme Café (everything so far) is on its way to your DM: 6 CSV files.');
    const { dm, files } = exportFiles();
    expect([...files.keys()]).toEqual(['tasks.csv', 'task-history.csv', 'standup-answers.csv', 'attendance.csv', 'metric-values.csv', 'calendar.csv']);
    expect(dm!.text).toBe('Export of Acme Café, everything so far. Rows: tasks 3 (history 4), standup answers 0, attendance 0, metric values 1, calendar entries 1. Times are ISO 8601 with the offset of Europe/Amsterdam.');
    for (const bytes of files.values()) {
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString('utf8')).not.toContain('Beta');
    }
    const tasks = rowsOf(files.get('tasks.csv')!);
    expect(tasks.map((task) => [task.number, task.title, task.status, task.assignees, task.due_at])).toEqual([
      // Due 17:00 in Maria's Manila: 10:00 on the team's clock, with its offset.
      ['1', "'=SUM(A1:A9) check", 'open', 'Maria', '2026-11-05T10:00:00.000+01:00'],
      ['2', 'Crème brûlée for the launch', 'done', 'Maria', '2026-11-20T10:00:00.000+01:00'],
      ['3', 'Late task', 'open', 'Maria', '2026-11-27T10:00:00.000+01:00'],
    ]);
    expect(tasks[1]!.completed_at).toBe('2026-11-02T09:00:00.000+01:00');
    expect(rowsOf(files.get('task-history.csv')!).map((event) => `${event.task} ${event.event} ${event.by}`)).toEqual(expect.arrayContaining(['1 created Olivia', '2 done Maria', '3 created Olivia']));
    // A negative number is ours, not typed text: it stays a number.
    expect(rowsOf(files.get('metric-values.csv')!)).toEqual([{ metric: 'Revenue', unit: '€', cadence: 'weekly', period: '2026-W44', value: '-250', logged_at: '2026-11-02T09:00:00.000+01:00', logged_by: 'Olivia' }]);
    expect(rowsOf(files.get('calendar.csv')!).map((entry) => [entry.title, entry.date, entry.owner])).toEqual([['Spring launch', '2026-11-24', 'Maria']]);
  });

  it('keeps to a period of the team’s days', async () => {
    await h.run('olivia', 'acme', '/obm export from 1 nov to 10 nov');
    const { dm, files } = exportFiles();
    expect(dm!.text).toMatch(/^Export of Acme Café, Sun 1 Nov to Tue 10 Nov\. Rows: tasks 2 \(history 3\),/);
    expect(rowsOf(files.get('tasks.csv')!).map((task) => task.number)).toEqual(['1', '2']);
    expect(rowsOf(files.get('calendar.csv')!)).toEqual([]);
  });

  it('refuses a member, a manager of another team and a period to come, and sends nothing', async () => {
    expect(replyText(await h.run('maria', 'acme', '/obm export'))).toMatch(/manager/i);
    expect(replyText(await h.run('olivia', 'beta', '/obm export'))).toMatch(/manager/i);
    expect(replyText(await h.run('olivia', 'acme', '/obm export from 2027-01-01 to 2027-01-31'))).toBe('That period has not started yet: an export covers days up to today.');
    expect(replyText(await h.run('olivia', 'acme', '/obm export from someday to never'))).toMatch(/is not a period I can read/);
    await h.advanceTo('2026-11-18T10:00:00Z');
    expect(h.recorder.sent).toEqual([]);
  });
});

describe('neutralize', () => {
  it('turns text a spreadsheet would run into text, and leaves the rest', () => {
    expect(['=1+1', '+31 6 1234', '-x', '@SUM(A1)', '\t=1', '\r=1'].map(neutralize)).toEqual(["'=1+1", "'+31 6 1234", "'-x", "'@SUM(A1)", "'\t=1", "'\r=1"]);
    expect(['Revenue', 'a=b', '', null, -250, true].map(neutralize)).toEqual(['Revenue', 'a=b', '', null, -250, true]);
  });
});
