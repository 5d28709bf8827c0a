import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { memberships, people, teams } from '../../../db/schema/index.js';
import type { Role, TeamMember, TeamRow } from '../../identity.js';

export const findTeamByChannel = async ({ db, workspaceId, channelId }: { db: Db; workspaceId: number; channelId: string }): Promise<TeamRow | null> =>
  (await db.select().from(teams).where(and(eq(teams.workspaceId, workspaceId), eq(teams.channelId, channelId))))[0] ?? null;

/**
 * The channel's team and a person's role in it (null when not a member), in one query. The person is named
 * by platform user id, so the query need not wait for the person's upsert in the same transaction.
 */
export const findTeamByChannelWithRole = async ({ db, workspaceId, channelId, userId }: { db: Db; workspaceId: number; channelId: string; userId: string }): Promise<{ team: TeamRow; role: Role | null } | null> =>
  (
    await db
      .select({ team: teams, role: memberships.role })
      .from(teams)
      .leftJoin(people, and(eq(people.workspaceId, teams.workspaceId), eq(people.platformUserId, userId)))
      .leftJoin(memberships, and(eq(memberships.teamId, teams.id), eq(memberships.personId, people.id)))
      .where(and(eq(teams.workspaceId, workspaceId), eq(teams.channelId, channelId)))
  )[0] ?? null;

export const getTeam = async ({ db, teamId }: { db: Db; teamId: number }): Promise<TeamRow | null> =>
  (await db.select().from(teams).where(eq(teams.id, teamId)))[0] ?? null;

/** Creates the team, or renames it when the channel already is one; returns whether it was new. */
// `now` is the bot's clock: the team's first digest reports the week it was set up in, by that clock.
export const upsertTeam = async ({ db, workspaceId, channelId, clientName, zone, locale, now }: { db: Db; workspaceId: number; channelId: string; clientName: string; zone: string; locale: 'en' | 'nl'; now?: Date }) => {
  const [row] = await db
    .insert(teams)
    .values({ workspaceId, channelId, clientName, zone, locale, ...(now ? { createdAt: now } : {}) })
    .onConflictDoUpdate({ target: [teams.workspaceId, teams.channelId], set: { clientName } })
    // xmax = 0 only on a freshly inserted row: it tells "created" from "renamed" without a second query.
    .returning({ ...getTableColumns(teams), created: sql<boolean>`(xmax = 0)` });
  const { created, ...team } = row!;
  return { team: team as TeamRow, created };
};

export const updateTeam = async ({ db, teamId, changes }: { db: Db; teamId: number; changes: Partial<Pick<TeamRow, 'zone' | 'locale' | 'workingDays' | 'clientName' | 'reminderLeadHours' | 'escalateToOwner' | 'noticeWindowMinutes'>> }) => {
  const [row] = await db.update(teams).set(changes).where(eq(teams.id, teamId)).returning();
  return row!;
};

export const listMembers = async ({ db, teamId }: { db: Db; teamId: number }): Promise<TeamMember[]> => {
  const rows = await db
    .select({ person: people, role: memberships.role })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(eq(memberships.teamId, teamId))
    .orderBy(asc(memberships.createdAt), asc(people.id));
  return rows;
};

/**
 * The teams a person manages, the one they became manager of first at the head: that one's working days and
 * language are what a message about all of them (the daily brief) follows.
 */
export const teamsManagedBy = async ({ db, personId }: { db: Db; personId: number }): Promise<TeamRow[]> =>
  (
    await db
      .select({ team: teams })
      .from(memberships)
      .innerJoin(teams, eq(teams.id, memberships.teamId))
      .where(and(eq(memberships.personId, personId), eq(memberships.role, 'manager')))
      .orderBy(asc(memberships.createdAt), asc(teams.id))
  ).map((row) => row.team);

export const setMembership = async ({ db, teamId, personId, role }: { db: Db; teamId: number; personId: number; role: Role }) => {
  await db.insert(memberships).values({ teamId, personId, role }).onConflictDoUpdate({ target: [memberships.teamId, memberships.personId], set: { role } });
};

/** Makes these people members of the team where they are not on it yet; a role they have stays. */
export const ensureMembers = async ({ db, teamId, personIds }: { db: Db; teamId: number; personIds: readonly number[] }) => {
  if (personIds.length === 0) return;
  await db.insert(memberships).values(personIds.map((personId) => ({ teamId, personId, role: 'member' as const }))).onConflictDoNothing({ target: [memberships.teamId, memberships.personId] });
};

export const removeMembership = async ({ db, teamId, personId }: { db: Db; teamId: number; personId: number }) =>
  (await db.delete(memberships).where(and(eq(memberships.teamId, teamId), eq(memberships.personId, personId))).returning()).length > 0;

/** Hands out the next per-team task number; the row lock serialises concurrent adds in one team. */
export const nextTaskNumber = async ({ db, teamId }: { db: Db; teamId: number }): Promise<number> => {
  const [row] = await db
    .update(teams)
    .set({ lastTaskNumber: sql`${teams.lastTaskNumber} + 1` })
    .where(eq(teams.id, teamId))
    .returning({ number: teams.lastTaskNumber });
  return row!.number;
};
