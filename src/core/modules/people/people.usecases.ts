import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { memberships, people, teams } from '../../../db/schema/index.js';
import { t } from '../../i18n/catalog.js';
import { compose } from '../../messages.js';
import { enqueueDm } from '../../deliveries.js';
import { managersOf } from '../../recipients.js';
import { localDateOf } from '../../time.js';
import type { WorkingTime } from '../../working-time.js';
import { listAbsences } from './people.repository.js';
import type { PersonRow, TeamRow } from '../../identity.js';

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
    for (const manager of await managersOf({ db, teamId: team.id, except: [personId] })) {
      await enqueueDm({
        db,
        person: manager,
        message: compose([{ type: 'text', text: t(team.locale, 'people.unreachable_notice', { person: person.displayName, team: team.clientName }) }]),
        dedupeKey: `unreachable:${personId}:${team.id}:${manager.id}:${now.toISOString()}`,
        notBefore: now,
      });
    }
  }
};

/**
 * A person's working time within a team: their zone (else the team's), their hours, the team's working
 * days, their absences from today on, and their country's public holidays.
 */
export const workingTimeOf = async ({ db, person, team, now }: { db: Db; person: PersonRow; team: TeamRow; now: Date }): Promise<WorkingTime> => {
  const zone = person.zone ?? team.zone;
  // From yesterday: an absence that ends today in one zone may still be running in another.
  const since = localDateOf(new Date(now.getTime() - 86_400_000), zone);
  const absences = await listAbsences({ db, personId: person.id, fromDate: since });
  return {
    zone,
    start: person.workStart,
    end: person.workEnd,
    days: team.workingDays,
    absences: absences.map((absence) => ({ from: absence.fromDate, to: absence.toDate })),
    country: person.country,
  };
};

/** Scheduled work failed after every retry: the team's managers hear it once (the key is the job's). */
export const notifyJobFailed = async ({ db, now, teamId, jobId, kind }: { db: Db; now: Date; teamId: number; jobId: number; kind: string }): Promise<void> => {
  const [team] = await db.select().from(teams).where(eq(teams.id, teamId));
  if (!team) return;
  for (const person of await managersOf({ db, teamId })) {
    await enqueueDm({
      db,
      person,
      message: compose([{ type: 'text', text: t(team.locale, 'people.job_failed_notice', { team: team.clientName, kind }) }]),
      dedupeKey: `job-failed:${jobId}:${person.id}`,
      notBefore: now,
    });
  }
};
