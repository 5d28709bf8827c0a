import type { Db } from '../../../db/database.js';
import { entriesBetween, projectDatesBetween, projectNames, type CalendarEntryRow } from './calendar.repository.js';

// What is coming: the list, the weekly digest and the team's calendar feed read the same items

export type CalendarItem =
  | {
      kind: 'entry';
      /** Stable across versions: a feed's UID. */
      uid: string;
      entry: CalendarEntryRow;
      /** Bumped on every change: a feed's SEQUENCE. */
      version: number;
      cancelled: boolean;
      projectName: string | null;
      startsAt: Date;
    }
  | { kind: 'project'; uid: string; projectId: number; name: string; startsAt: Date };

/**
 * Calendar entries starting in [from, to) (removed ones included, marked cancelled, so a feed can show them as
 * such) and the due dates of the team's projects, soonest first. A project's milestones are its entries of
 * kind `milestone` (entries that name the project).
 */
export const upcomingCalendarItems = async ({ db, teamId, from, to }: { db: Db; teamId: number; from: Date; to: Date }): Promise<CalendarItem[]> => {
  const [entries, projects] = await Promise.all([entriesBetween({ db, teamId, from, to }), projectDatesBetween({ db, teamId, from, to })]);
  const names = await projectNames({ db, ids: [...new Set(entries.flatMap((entry) => (entry.projectId === null ? [] : [entry.projectId])))] });
  const items: CalendarItem[] = [
    ...entries.map((entry) => ({
      kind: 'entry' as const,
      uid: `calendar-entry-${entry.id}`,
      entry,
      version: entry.version,
      cancelled: entry.status !== 'active',
      projectName: entry.projectId === null ? null : (names.get(entry.projectId) ?? null),
      startsAt: entry.startsAt,
    })),
    ...projects.map((project) => ({ kind: 'project' as const, uid: `project-due-${project.id}`, projectId: project.id, name: project.name, startsAt: project.dueAt })),
  ];
  return items.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
};

