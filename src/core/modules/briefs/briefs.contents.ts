import type { Db } from '../../../db/database.js';
import type { TeamRow } from '../../identity.js';
import { absencesOf, workingTimeFrom } from '../../recipient-time.js';
import { localDateOf } from '../../time.js';
import { dayOff } from '../../working-time.js';
import { listMembers } from '../teams/teams.repository.js';
import { doneTasks, missedTasks, movedTasks, openBlockers, overdueTasks, unansweredFollowups, type ActedLine, type BlockerLine, type FollowupLine, type TaskLine } from './briefs.queries.js';

/** One team's part of a brief. */
export interface TeamBrief {
  team: TeamRow;
  overdue: TaskLine[];
  done: ActedLine[];
  moved: ActedLine[];
  missed: ActedLine[];
  followups: FollowupLine[];
  blockers: BlockerLine[];
  away: { name: string; reason: 'absent' | 'holiday' }[];
  unreachable: string[];
}

export const isEmpty = (brief: TeamBrief): boolean =>
  [brief.overdue, brief.done, brief.moved, brief.missed, brief.followups, brief.blockers, brief.away, brief.unreachable].every((list) => list.length === 0);

/**
 * The team's people the manager may not reach today: away in their own zone's today (an absence or a public
 * holiday; a weekend is no news), or with their DMs closed. The client owner is not on the working team.
 */
const peopleOf = async ({ db, team, now, managerId }: { db: Db; team: TeamRow; now: Date; managerId: number }) => {
  const members = (await listMembers({ db, teamId: team.id })).filter(({ person, role }) => role !== 'owner' && person.id !== managerId);
  const absences = await absencesOf({ db, personIds: members.map(({ person }) => person.id), now });
  const away: TeamBrief['away'] = [];
  for (const { person } of members) {
    const time = workingTimeFrom({ person, team, absences: absences.get(person.id) ?? [] });
    const reason = dayOff(localDateOf(now, time.zone), time);
    if (reason === 'absent' || reason === 'holiday') away.push({ name: person.displayName, reason });
  }
  return { away, unreachable: members.filter(({ person }) => !person.dmReachable).map(({ person }) => person.displayName) };
};

/** Everything one team's brief says, for the manager `managerId`, about the period (since, now]. */
export const teamBrief = async ({ db, team, since, now, managerId }: { db: Db; team: TeamRow; since: Date; now: Date; managerId: number }): Promise<TeamBrief> => {
  const window = { db, teamId: team.id, since, now, except: managerId };
  const [overdue, done, moved, missed, followups, blockers, people] = await Promise.all([
    overdueTasks({ db, teamId: team.id, now }),
    doneTasks(window),
    movedTasks(window),
    missedTasks(window),
    unansweredFollowups({ db, teamId: team.id }),
    openBlockers({ db, teamId: team.id }),
    peopleOf({ db, team, now, managerId }),
  ]);
  return { team, overdue, done, moved, missed, followups, blockers, ...people };
};
