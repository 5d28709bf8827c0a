import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { memberships, people, teams } from '../../../db/schema/index.js';
import { t } from '../../i18n/catalog.js';
import { compose } from '../../messages.js';
import { enqueueDelivery } from '../../outbox.js';
import { listMembers } from '../teams/teams.repository.js';

/**
 * A DM failed for good (DMs closed, user gone). Flip the flag once; only the flip tells the managers,
 * so a person who stays unreachable never causes a stream of notices.
 */
export const markUnreachable = async ({ db, personId, now }: { db: Db; personId: number; now: Date }): Promise<void> => {
  const flipped = await db.update(people).set({ dmReachable: false }).where(and(eq(people.id, personId), eq(people.dmReachable, true))).returning();
  const person = flipped[0];
  if (!person) return;
  const teamRows = await db.select({ team: teams }).from(memberships).innerJoin(teams, eq(teams.id, memberships.teamId)).where(eq(memberships.personId, personId));
  for (const { team } of teamRows) {
    const managers = (await listMembers({ db, teamId: team.id })).filter((member) => member.role === 'manager' && member.person.id !== personId);
    const locale = team.locale;
    for (const { person: manager } of managers) {
      await enqueueDelivery({
        db,
        workspaceId: team.workspaceId,
        target: { kind: 'dm', personId: manager.id, userId: manager.platformUserId },
        message: compose([{ type: 'text', text: t(locale, 'people.unreachable_notice', { person: person.displayName, team: team.clientName }) }]),
        dedupeKey: `unreachable:${personId}:${team.id}:${manager.id}:${now.toISOString()}`,
        notBefore: now,
      });
    }
  }
};
