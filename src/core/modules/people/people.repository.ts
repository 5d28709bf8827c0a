import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { absences, memberships, people, teams, workspaces } from '../../../db/schema/index.js';
import { isLocale, type Locale } from '../../i18n/catalog.js';
import type { Platform, UserInfo } from '../../ports.js';
import type { AbsenceRow, PersonRow, Role, WorkspaceRow } from '../../identity.js';


/** Insert-or-get, race-free: ON CONFLICT keeps the first row, and the name is refreshed when the platform sends one. */
export const upsertWorkspace = async ({ db, platform, externalId, name }: { db: Db; platform: Platform; externalId: string; name?: string }): Promise<WorkspaceRow> => {
  const [row] = await db
    .insert(workspaces)
    .values({ platform, externalId, name: name ?? '' })
    .onConflictDoUpdate({
      target: [workspaces.platform, workspaces.externalId],
      set: name ? { name } : { externalId },
    })
    .returning();
  return row!;
};

export const upsertPerson = async ({ db, workspaceId, user }: { db: Db; workspaceId: number; user: UserInfo }): Promise<PersonRow> => {
  const [row] = await db
    .insert(people)
    .values({ workspaceId, platformUserId: user.userId, displayName: user.displayName, zone: user.zone ?? null })
    .onConflictDoUpdate({
      target: [people.workspaceId, people.platformUserId],
      // A zone the person set themselves wins over the platform's; the platform's fills a gap.
      set: {
        displayName: user.displayName,
        zone: sql`coalesce(${people.zone}, ${user.zone ?? null})`,
      },
    })
    .returning();
  return row!;
};

export const findPerson = async ({ db, workspaceId, userId }: { db: Db; workspaceId: number; userId: string }) =>
  (await db.select().from(people).where(and(eq(people.workspaceId, workspaceId), eq(people.platformUserId, userId))))[0] ?? null;

export const findPersonByName = async ({ db, workspaceId, name }: { db: Db; workspaceId: number; name: string }) =>
  (await db.select().from(people).where(and(eq(people.workspaceId, workspaceId), sql`lower(${people.displayName}) = lower(${name})`)))[0] ?? null;

export const getPeople = async ({ db, ids }: { db: Db; ids: number[] }): Promise<PersonRow[]> =>
  ids.length === 0 ? [] : db.select().from(people).where(inArray(people.id, ids));

export const updatePerson = async ({ db, personId, changes }: { db: Db; personId: number; changes: Partial<Pick<PersonRow, 'zone' | 'workStart' | 'workEnd' | 'hours' | 'country' | 'dmReachable'>> }) => {
  const [row] = await db.update(people).set(changes).where(eq(people.id, personId)).returning();
  return row!;
};

export const roleIn = async ({ db, teamId, personId }: { db: Db; teamId: number; personId: number }): Promise<Role | null> =>
  (await db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.teamId, teamId), eq(memberships.personId, personId))))[0]?.role ?? null;

/** The language of a person's first team: a DM has no team, yet what the bot says there should be in theirs. */
export const localeOfPerson = async ({ db, personId }: { db: Db; personId: number }): Promise<Locale> => {
  const [row] = await db
    .select({ locale: teams.locale })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(eq(memberships.personId, personId))
    .orderBy(teams.id)
    .limit(1);
  return row && isLocale(row.locale) ? row.locale : 'en';
};

export const addAbsence = async ({ db, personId, from, to, reason }: { db: Db; personId: number; from: string; to: string; reason: string }) => {
  const [row] = await db.insert(absences).values({ personId, fromDate: from, toDate: to, reason }).returning();
  return row!;
};

/** Absences that end on or after `fromDate` (current and upcoming). */
export const listAbsences = async ({ db, personId, fromDate }: { db: Db; personId: number; fromDate: string }) =>
  db.select().from(absences).where(and(eq(absences.personId, personId), gte(absences.toDate, fromDate))).orderBy(absences.fromDate);

export const absentOn = async ({ db, personId, date }: { db: Db; personId: number; date: string }): Promise<AbsenceRow | null> =>
  (await db.select().from(absences).where(and(eq(absences.personId, personId), lte(absences.fromDate, date), gte(absences.toDate, date))))[0] ?? null;

export const removeAbsences = async ({ db, personId, fromDate }: { db: Db; personId: number; fromDate: string }) =>
  db.delete(absences).where(and(eq(absences.personId, personId), gte(absences.toDate, fromDate))).returning();

/** Absences that overlap the inclusive local dates `from`..`to` (widen the range by a day to find touching ones). */
export const absencesOverlapping = async ({ db, personId, from, to }: { db: Db; personId: number; from: string; to: string }) =>
  db.select().from(absences).where(and(eq(absences.personId, personId), lte(absences.fromDate, to), gte(absences.toDate, from)));

export const deleteAbsences = async ({ db, ids }: { db: Db; ids: readonly number[] }) => {
  if (ids.length > 0) await db.delete(absences).where(inArray(absences.id, [...ids]));
};
