import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { memberships, people } from '../db/schema/index.js';
import type { PersonRow, Role } from './identity.js';

/**
 * The people of a team with one role, in the order they joined, leaving out `except` (the person the
 * notice is about, or who acted: nobody is told of their own doing).
 */
export const membersWithRole = async ({ db, teamId, role, except = [] }: { db: Db; teamId: number; role: Role; except?: readonly number[] }): Promise<PersonRow[]> => {
  const rows = await db
    .select({ person: people })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.teamId, teamId), eq(memberships.role, role)))
    .orderBy(asc(memberships.createdAt), asc(people.id));
  return rows.map((row) => row.person).filter((person) => !except.includes(person.id));
};

/** The team's managers, who hear about blockers, failures and people they cannot reach. */
export const managersOf = ({ db, teamId, except }: { db: Db; teamId: number; except?: readonly number[] }): Promise<PersonRow[]> =>
  membersWithRole({ db, teamId, role: 'manager', ...(except ? { except } : {}) });
