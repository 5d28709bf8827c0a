import { and, asc, count, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { memberships, standupAnswers, standupRuns, standups, tasks, teams, workspaces } from '../../../db/schema/index.js';
import type { TeamRow } from '../../identity.js';
import { localDateOf } from '../../time.js';
import { openBlockers } from '../briefs/briefs.queries.js';
import { classesBetween, type ClassLine } from '../digests/digests.queries.js';
import { computeBuiltin } from '../metrics/metrics.builtin-types.js';
import { BUILTIN_METRICS } from '../metrics/metrics.builtins.js';
import { periodAt } from '../metrics/metrics.periods.js';
import { listMetrics } from '../metrics/metrics.repository.js';
import { periodReportedBy } from '../metrics/metrics.schedule.js';
import { customSeries } from '../metrics/metrics.series.js';

/** A team one of the person's identities manages, with the place it lives in. */
export interface ManagedTeam {
  team: TeamRow;
  platform: string;
  workspaceName: string;
}

/** The teams any of these person rows manages: the overview's whole scope, so it shows nothing else. */
export const managedTeams = async ({ db, personIds }: { db: Db; personIds: number[] }): Promise<ManagedTeam[]> => {
  const rows = await db
    .selectDistinct({ team: teams, platform: workspaces.platform, workspaceName: workspaces.name })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .innerJoin(workspaces, eq(workspaces.id, teams.workspaceId))
    .where(and(inArray(memberships.personId, personIds), eq(memberships.role, 'manager')))
    .orderBy(asc(teams.clientName), asc(teams.id));
  return rows;
};

/** The few numbers of one team that matter today (see the README's overview). */
export interface TeamToday {
  overdue: number;
  dueToday: number;
  answersMissing: number;
  blockers: number;
  noShows: number;
  nextClass: ClassLine | null;
  offTarget: string[];
}

const CLASS_HORIZON_MS = 30 * 24 * 60 * 60_000;
const NO_SHOWS = BUILTIN_METRICS.find((metric) => metric.key === 'training-no-shows')!;

/**
 * `todayEnds`: the end of the asker's day, so "due today" is her today. Standup answers are the team's
 * today (a run is one local date of the team).
 */
export const teamToday = async ({ db, team, now, todayEnds }: { db: Db; team: TeamRow; now: Date; todayEnds: Date }): Promise<TeamToday> => {
  const open = and(eq(tasks.teamId, team.id), eq(tasks.status, 'open'));
  const [[overdue], [dueToday], [missing]] = await Promise.all([
    db.select({ n: count() }).from(tasks).where(and(open, lt(tasks.dueAt, now))),
    db.select({ n: count() }).from(tasks).where(and(open, gte(tasks.dueAt, now), lt(tasks.dueAt, todayEnds))),
    db
      .select({ n: count() })
      .from(standupAnswers)
      .innerJoin(standupRuns, eq(standupRuns.id, standupAnswers.runId))
      .innerJoin(standups, eq(standups.id, standupRuns.standupId))
      .where(and(eq(standups.teamId, team.id), eq(standupRuns.localDate, localDateOf(now, team.zone)), eq(standupAnswers.status, 'asked'))),
  ]);
  const blockers = await openBlockers({ db, teamId: team.id });
  const [noShows] = await computeBuiltin(NO_SHOWS, { db, teamId: team.id, periods: [periodAt('weekly', now, team.zone)], now });
  const [nextClass] = await classesBetween({ db, teamId: team.id, from: now, to: new Date(now.getTime() + CLASS_HORIZON_MS) });
  const offTarget: string[] = [];
  for (const metric of await listMetrics({ db, teamId: team.id })) {
    if (metric.target === null) continue;
    // The last whole period, as the digest reports it: a week just begun is not yet off target.
    const series = await customSeries({ db, metric, count: 1, last: periodReportedBy(team, metric.cadence, now) });
    const value = series.points.at(-1)?.value ?? null;
    if (value !== null && (series.direction === 'higher' ? value < series.target! : value > series.target!)) offTarget.push(metric.name);
  }
  return { overdue: overdue!.n, dueToday: dueToday!.n, answersMissing: missing!.n, blockers: blockers.length, noShows: noShows ?? 0, nextClass: nextClass ?? null, offTarget };
};
