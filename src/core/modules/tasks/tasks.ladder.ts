import type { TeamRow } from '../../identity.js';
import { nextWorkingDayStart, nextWorkingMoment, shiftOn, workingDateOf, type WorkingTime } from '../../working-time.js';
import type { ReminderStep } from './tasks.jobs.js';

/**
 * When the rungs of one deadline fall, as plain arithmetic on the pacing assignee's working time: what
 * schedules the ladder (tasks.reminders.ts) and what re-checks a rung when it is sent (tasks.notices.ts)
 * read the same plan.
 */

export type Rung = { step: ReminderStep; at: Date };

/** Among the rungs about one deadline that reach one person close together, the later one is the more relevant. */
export const RUNG_RANK: Record<ReminderStep, number> = { before: 1, day_start: 2, due: 3, overdue_assignee: 4, overdue_managers: 5, overdue_owner: 6 };

/** Two rungs within the same hour read as a glitch, even in a team with a shorter window. */
const DAY_MS = 86_400_000;

const gapOf = (team: Pick<TeamRow, 'noticeWindowMinutes'>) => Math.max(team.noticeWindowMinutes * 60_000, 3_600_000);

type LadderTeam = Pick<TeamRow, 'reminderLeadHours' | 'noticeWindowMinutes'>;

/**
 * The rungs planned for a deadline: the warnings, then the deadline's own. A warning on or after the
 * deadline is left out; so is one within the team's window of the next rung, which would only make the
 * later, more relevant one give way. A deadline outside the assignee's hours would put "due now" and
 * "still open?" in front of them together at the start of their next day: only the overdue rung is planned
 * then, and it says how long ago the deadline was. A repeating task gets the warnings only: at its deadline
 * the next occurrence appears and this one, if still open, is closed as missed, which its assignee reads in
 * the new occurrence's DM rather than in a "due now" beside it. That DM (`announcedAt`, when the occurrence
 * appeared) is itself the reminder for a day: warnings within a day of it are left out, so a daily task
 * costs its assignee one DM a day, not three.
 */
export const plannedRungs = ({ due, time, team, announcedAt }: { due: Date; time: WorkingTime; team: LadderTeam; announcedAt: Date | null }): Rung[] => {
  const repeating = announcedAt !== null;
  const warnings: Rung[] = [];
  if (team.reminderLeadHours > 0) warnings.push({ step: 'before', at: nextWorkingMoment(new Date(due.getTime() - team.reminderLeadHours * 3_600_000), time) });
  // The start of the working day the deadline falls in: for a 22:00-06:00 shift, 03:00's day began at 22:00 the evening before.
  const dueDay = shiftOn(workingDateOf(due, time), time);
  if (dueDay) warnings.push({ step: 'day_start', at: dueDay.startAt });
  const dueRung = nextWorkingMoment(due, time);
  const overdueAt = nextWorkingDayStart(due, time);
  const last: Rung = dueRung > due && dueRung >= overdueAt ? { step: 'overdue_assignee', at: overdueAt } : { step: 'due', at: dueRung };
  const rungs = [...warnings.filter(({ at }) => at < due && (!announcedAt || at.getTime() - announcedAt.getTime() >= DAY_MS)).sort((a, b) => a.at.getTime() - b.at.getTime()), ...(repeating ? [] : [last])];
  return rungs.filter((rung, index) => index === rungs.length - 1 || rungs[index + 1]!.at.getTime() - rung.at.getTime() >= gapOf(team));
};

/** The assignee's rung that follows this one, or null after the overdue rung (the next ones go to others). */
export const followingRung = ({ step, due, time, team, announcedAt }: { step: ReminderStep; due: Date; time: WorkingTime; team: LadderTeam; announcedAt: Date | null }): Rung | null => {
  if (step === 'due') return { step: 'overdue_assignee', at: nextWorkingDayStart(due, time) };
  if (step !== 'before' && step !== 'day_start') return null;
  const rungs = plannedRungs({ due, time, team, announcedAt });
  const index = rungs.findIndex((rung) => rung.step === step);
  return index >= 0 ? (rungs[index + 1] ?? null) : (rungs.find((rung) => RUNG_RANK[rung.step] > RUNG_RANK[step]) ?? null);
};

/** Whether the next rung reaches the person within the window from now: then this one gives way to it. */
export const nextRungIsNear = ({ rung, now, recipientTime, team }: { rung: Rung | null; now: Date; recipientTime: WorkingTime; team: Pick<TeamRow, 'noticeWindowMinutes'> }): boolean =>
  rung !== null && nextWorkingMoment(rung.at, recipientTime).getTime() - now.getTime() < team.noticeWindowMinutes * 60_000;
