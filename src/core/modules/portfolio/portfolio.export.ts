import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../../db/database.js';
import type { TeamRow } from '../../identity.js';
import type { FileAttachment } from '../../messages.js';
import { atLocalTime, isoWithOffset } from '../../time.js';
import { addDays } from '../../time/zone.js';
import { periodOfKey } from '../metrics/metrics.periods.js';
import { exportAnswers, exportAttendance, exportCalendar, exportMetricValues, exportTasks, type ExportWindow } from './portfolio.export.queries.js';

/** Whole local days of the team, both ends included; null ends are open (everything). */
export interface ExportRange {
  from: string | null;
  to: string | null;
}

type Cell = string | number | boolean | null;

/**
 * A text cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return that
 * some programs strip before them) gets a leading apostrophe, which they show as text. Numbers are ours,
 * never typed text, and stay numbers.
 */
export const neutralize = (cell: Cell): Cell => (typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

/** UTF-8 with a byte order mark, so spreadsheet programs read accents right. */
export const csvFile = (name: string, header: string[], rows: Cell[][]): FileAttachment => {
  const text = stringify([header, ...rows.map((row) => row.map(neutralize))], { record_delimiter: 'windows' });
  return { name, mimeType: 'text/csv', bytes: new TextEncoder().encode(`\uFEFF${text}`) };
};

const slugOf = (name: string) => name.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().toLowerCase().replace(/[\s_-]+/g, '-').slice(0, 40) || 'team';

export interface BuiltExport {
  files: FileAttachment[];
  counts: { tasks: number; events: number; answers: number; attendance: number; values: number; entries: number };
}

/** Every file of one team's export, times as ISO 8601 with the team zone's offset. */
export const buildExport = async ({ db, team, range }: { db: Db; team: TeamRow; range: ExportRange }): Promise<BuiltExport> => {
  const toDate = range.to ? addDays(range.to, 1) : null;
  const window: ExportWindow = {
    teamId: team.id,
    from: range.from ? atLocalTime(range.from, 0, team.zone) : null,
    to: toDate ? atLocalTime(toDate, 0, team.zone) : null,
    fromDate: range.from,
    toDate,
  };
  const iso = (at: Date | null) => (at ? isoWithOffset(at, team.zone) : null);
  const slug = slugOf(team.clientName);
  const { tasks, events } = await exportTasks({ db, window });
  const answers = await exportAnswers({ db, window });
  const attendance = await exportAttendance({ db, window });
  // A metric's period is in the window when it starts in it.
  const values = (await exportMetricValues({ db, teamId: team.id })).filter((row) => {
    const start = periodOfKey(row.period, team.zone)?.start ?? null;
    return start !== null && (!window.fromDate || start >= window.fromDate) && (!window.toDate || start < window.toDate);
  });
  const entries = await exportCalendar({ db, window });
  const files = [
    csvFile(`${slug}-tasks.csv`, ['number', 'title', 'status', 'priority', 'project', 'assignees', 'created_by', 'created_at', 'due_at', 'completed_at', 'repeats'],
      tasks.map(({ task, project, creator, assignees }) => [task.number, task.title, task.status, task.priority, project, assignees.join(', '), creator, iso(task.createdAt), iso(task.dueAt), iso(task.completedAt), task.recurrence !== null])),
    csvFile(`${slug}-task-history.csv`, ['task', 'at', 'event', 'by', 'details'],
      events.map((event) => [event.number, iso(event.at), event.kind, event.actor, Object.keys(event.data).length > 0 ? JSON.stringify(event.data) : null])),
    csvFile(`${slug}-standup-answers.csv`, ['date', 'standup', 'person', 'status', 'answers', 'blocker', 'submitted_at', 'late'],
      answers.map(({ date, standup, standupNumber, person, answer }) => [
        date, standup ?? `#${standupNumber}`, person, answer.status,
        answer.answers.map((text, index) => `${answer.questions[index]?.text ?? `Q${index + 1}`}: ${text}`).join('\n') || null,
        answer.blocker, iso(answer.submittedAt), answer.late,
      ])),
    csvFile(`${slug}-attendance.csv`, ['class', 'starts_at', 'class_status', 'person', 'rsvp', 'attended', 'marked_by'],
      attendance.map(({ occurrence, name, rsvp, attended, source }) => [occurrence.title, iso(occurrence.startsAt), occurrence.status, name, rsvp || null, attended, source || null])),
    csvFile(`${slug}-metric-values.csv`, ['metric', 'unit', 'cadence', 'period', 'value', 'logged_at', 'logged_by'],
      values.map((row) => [row.metric, row.unit, row.cadence, row.period, row.value, iso(row.loggedAt), row.loggedBy])),
    csvFile(`${slug}-calendar.csv`, ['number', 'title', 'kind', 'all_day', 'date', 'starts_at', 'zone', 'owner'],
      entries.map(({ entry, owner }) => [entry.number, entry.title, entry.kind, entry.allDay, entry.localDate, iso(entry.startsAt), entry.zone, owner])),
  ];
  return { files, counts: { tasks: tasks.length, events: events.length, answers: answers.length, attendance: attendance.length, values: values.length, entries: entries.length } };
};
