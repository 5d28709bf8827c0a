import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../src/core/ports.js';
import { workingTimeFrom } from '../../src/core/recipient-time.js';
import { nextWorkingMoment } from '../../src/core/working-time.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { absences, deliveries, followups, people, standupAnswers, standupRuns, taskAssignees, tasks, teams } from '../../src/db/schema/index.js';
import { createHarness, type Harness } from '../helpers/bot-harness.js';
import { testDatabases } from '../helpers/database.js';
import { PEOPLE, WEEK, WEEK_START, ZONES, type Person } from './week.script.js';

/**
 * The notification budget: a simulated working week (week.script.ts) through the real bot, scheduler and
 * outbox, with every hand-off inspected against the database at that moment by rules written here, apart
 * from the bot's own re-checks. It prints the DMs each person got per day (the README's table).
 */

interface Sent {
  to: Person;
  at: Date;
  text: string;
  subject: string | null;
  nature: string;
  urgent: boolean;
  /** Why this message was no longer true when it went, by the rules below; null when it was. */
  stale: string | null;
}

/** Independent of the bot's checks: is a reminder-like message about its subject still about something open? */
const staleness = async (db: Harness['db'], row: typeof deliveries.$inferSelect, personId: number): Promise<string | null> => {
  if (row.nature !== 'nudge' || !row.subject) return null;
  const [kind, id, date] = row.subject.split(':');
  if (kind === 'task') {
    const [task] = await db.select().from(tasks).where(eq(tasks.id, Number(id)));
    if (!task || task.status !== 'open') return `task ${task?.status ?? 'gone'}`;
    const assigned = await db.select().from(taskAssignees).where(and(eq(taskAssignees.taskId, task.id), eq(taskAssignees.personId, personId)));
    // A nudge to an assignee about a task no longer theirs; managers and owners are told about others' tasks.
    return assigned.length === 0 && row.rank <= 4 ? 'no longer assigned' : null;
  }
  if (kind === 'followup') {
    const [followup] = await db.select().from(followups).where(eq(followups.id, Number(id)));
    return !followup || followup.status === 'done' || followup.status === 'cancelled' ? `follow-up ${followup?.status ?? 'gone'}` : null;
  }
  if (kind === 'standup' && date) {
    const [answer] = await db
      .select({ status: standupAnswers.status })
      .from(standupAnswers)
      .innerJoin(standupRuns, eq(standupRuns.id, standupAnswers.runId))
      .where(and(eq(standupRuns.standupId, Number(id)), eq(standupRuns.localDate, date), eq(standupAnswers.personId, personId)));
    return answer && answer.status !== 'asked' ? `standup ${answer.status}` : null;
  }
  return null;
};

const handles: DatabaseHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
});

const runWeek = async (handle: DatabaseHandle) => {
  const sent: Sent[] = [];
  let harness: Harness | null = null;
  const onSend = async (message: OutboundMessage) => {
    if (message.target.kind !== 'dm' || !harness) return;
    const db = harness.db;
    const [row] = await db.select().from(deliveries).where(eq(deliveries.id, message.deliveryId));
    sent.push({
      to: message.target.userId as Person,
      at: harness.clock.now(),
      text: message.message.text,
      subject: row!.subject,
      nature: row!.nature,
      urgent: row!.urgent,
      stale: await staleness(db, row!, message.target.personId),
    });
  };
  harness = await createHarness({ handle, start: WEEK_START, people: Object.fromEntries(PEOPLE.map((who) => [who, {}])), onSend });
  for (const step of WEEK) {
    await harness.advanceTo(step.at);
    await step.do(harness);
  }
  return { sent, harness };
};

/** DMs per person per local day, Monday to Sunday of the week. */
const table = (sent: Sent[]) => {
  const days = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
  const rows = PEOPLE.map((who) => {
    const counts = days.map((day) => sent.filter((message) => message.to === who && DateTime.fromJSDate(message.at, { zone: ZONES[who] }).toISODate() === day).length);
    return { who, counts, total: counts.reduce((sum, count) => sum + count, 0) };
  });
  const lines = ['| person (zone) | Mon | Tue | Wed | Thu | Fri | Sat | Sun | week |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const row of rows) lines.push(`| ${row.who} (${ZONES[row.who]}) | ${row.counts.join(' | ')} | ${row.total} |`);
  return { rows, text: lines.join('\n') };
};

describe.each(testDatabases())('a working week of notifications on $driver', ({ open }) => {
  it('sends nothing at night, nothing stale, no two about one subject within the window, and few per day', { timeout: 240_000 }, async () => {
    const handle = await open();
    handles.push(handle);
    const { sent, harness } = await runWeek(handle);
    const db = harness.db;
    const [team] = await db.select().from(teams);
    const windowMs = team!.noticeWindowMinutes * 60_000;
    const personRows = await db.select().from(people);
    const absenceRows = await db.select().from(absences);
    const timeOf = (who: Person) => {
      const person = personRows.find((row) => row.platformUserId === who)!;
      return workingTimeFrom({ person, team: team!, absences: absenceRows.filter((row) => row.personId === person.id) });
    };

    const atNight = sent.filter((message) => !message.urgent && nextWorkingMoment(message.at, timeOf(message.to)).getTime() !== message.at.getTime());
    expect(atNight.map((message) => `${message.to} ${message.at.toISOString()} ${message.text.slice(0, 60)}`)).toEqual([]);
    expect(sent.filter((message) => message.stale).map((message) => `${message.to} ${message.stale}: ${message.text.slice(0, 60)}`)).toEqual([]);
    const pairs = sent.filter((message, index) =>
      sent.slice(0, index).some((earlier) => earlier.to === message.to && earlier.subject !== null && earlier.subject === message.subject && message.at.getTime() - earlier.at.getTime() < windowMs),
    );
    expect(pairs.map((message) => `${message.to} ${message.at.toISOString()} ${message.subject}: ${message.text.slice(0, 60)}`)).toEqual([]);

    if (process.env.RIGHTHAND_WEEK_DETAIL) for (const message of sent) console.log(`${message.to} ${DateTime.fromJSDate(message.at, { zone: ZONES[message.to] }).toFormat('ccc HH:mm')} [${message.subject} ${message.nature}] ${message.text.split('\n').slice(0, 2).join(' / ').slice(0, 110)}`);
    const { rows, text } = table(sent);
    console.log(`DMs per person per day (their local day), ${sent.length} in all:\n${text}`);
    // A VA with about five open tasks and a daily standup sees about six bot DMs on an ordinary day at most.
    // Their first working day of the week is not ordinary: it brings the week's new assignments.
    for (const row of rows.filter((candidate) => candidate.who !== 'olga')) {
      const [first = 0, ...ordinary] = row.counts.filter((count) => count > 0);
      expect(first, `${row.who} on their first day`).toBeLessThanOrEqual(10);
      for (const count of ordinary) expect(count, row.who).toBeLessThanOrEqual(6);
    }
    // Something was sent to everyone on their working days: the budget is not met by sending nothing.
    for (const row of rows) expect(row.total, row.who).toBeGreaterThan(3);
  });
});
