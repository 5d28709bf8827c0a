import type { Db } from '../../../db/database.js';
import type { TeamRow } from '../../identity.js';
import { doneTasks, openBlockers, overdueTasks, type ActedLine, type BlockerLine, type TaskLine } from '../briefs/briefs.queries.js';
import { upcomingCalendarItems, type CalendarItem } from '../calendar/calendar.items.js';
import { periodReportedBy } from '../metrics/metrics.schedule.js';
import type { Period } from '../metrics/metrics.periods.js';
import { digestHeadlines, type Headline } from './digests.headlines.js';
import { classesBetween, deadlinesBetween, ownerNeeds, ownersOf, type ClassLine, type DeadlineLine, type OwnerNeeds } from './digests.queries.js';

const WEEK_MS = 7 * 24 * 60 * 60_000;

/** Everything one team's digest says, read at the moment it goes: the week it reports and the week ahead. */
export interface DigestData {
  team: TeamRow;
  at: Date;
  /** The week reported: the last one that ended before the digest's day. */
  week: Period;
  headlines: Headline[];
  /** Done in the reported week, per person (an assignee, else whoever marked it done). */
  done: { person: string; tasks: ActedLine[] }[];
  overdue: TaskLine[];
  blockers: BlockerLine[];
  deadlines: DeadlineLine[];
  classes: ClassLine[];
  calendar: CalendarItem[];
  owners: string[];
  needs: OwnerNeeds;
}

const byPerson = (tasks: ActedLine[]): DigestData['done'] => {
  const people = new Map<string, ActedLine[]>();
  for (const task of tasks) {
    for (const person of task.assignees.length > 0 ? task.assignees : [task.actor ?? '—']) people.set(person, [...(people.get(person) ?? []), task]);
  }
  return [...people.entries()].map(([person, list]) => ({ person, tasks: list })).sort((a, b) => b.tasks.length - a.tasks.length || a.person.localeCompare(b.person));
};

/** Reads one team's digest for the moment `at` (its scheduled time, or now for a preview). */
export const digestData = async ({ db, team, at }: { db: Db; team: TeamRow; at: Date }): Promise<DigestData> => {
  const week = periodReportedBy(team, 'weekly', at);
  const ahead = new Date(at.getTime() + WEEK_MS);
  // Independent reads, sent together: in a transaction they share the connection's round trips.
  const [headlines, done, overdue, blockers, deadlines, classes, upcoming, owners] = await Promise.all([
    digestHeadlines({ db, team, at }),
    // Window bounds of the brief's query are (since, now]: the week is [from, to).
    doneTasks({ db, teamId: team.id, since: new Date(week.from.getTime() - 1), now: new Date(week.to.getTime() - 1), except: 0 }),
    overdueTasks({ db, teamId: team.id, now: at }),
    openBlockers({ db, teamId: team.id }),
    deadlinesBetween({ db, teamId: team.id, from: at, to: ahead }),
    classesBetween({ db, teamId: team.id, from: at, to: ahead }),
    upcomingCalendarItems({ db, teamId: team.id, from: at, to: ahead }),
    ownersOf({ db, teamId: team.id }),
  ]);
  const calendar = upcoming.filter((item) => item.kind === 'project' || !item.cancelled);
  const needs = await ownerNeeds({ db, teamId: team.id, ownerIds: owners.map((owner) => owner.id) });
  return { team, at, week, headlines, done: byPerson(done), overdue, blockers, deadlines, classes, calendar, owners: owners.map((owner) => owner.name), needs };
};

/** Nothing to report at all: the digest says so in two lines rather than show empty sections. */
// A built-in at zero is a week where nothing happened; a team's own number logged as 0 is news.
const hasNumbers = ({ series, current, previous }: Headline) =>
  series.builtinKey === null ? current !== null || previous !== null : Boolean(current) || Boolean(previous);

export const isQuiet = (data: DigestData): boolean =>
  !data.headlines.some(hasNumbers) &&
  data.done.length === 0 &&
  data.overdue.length === 0 &&
  data.blockers.length === 0 &&
  data.deadlines.length === 0 &&
  data.classes.length === 0 &&
  data.calendar.length === 0 &&
  data.needs.tasks.length === 0 &&
  data.needs.questions.length === 0;
