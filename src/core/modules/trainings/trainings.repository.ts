import { and, asc, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { memberships, people, trainingAttendance, trainingInvitees, trainingOccurrences, trainingRsvps, trainings, trainingSettings } from '../../../db/schema/index.js';
import type { PersonRow } from '../../identity.js';

export type TrainingRow = typeof trainings.$inferSelect;
export type OccurrenceRow = typeof trainingOccurrences.$inferSelect;
export type RsvpRow = typeof trainingRsvps.$inferSelect;
export type Answer = RsvpRow['answer'];
export type SettingsRow = typeof trainingSettings.$inferSelect;

export const DEFAULT_OFFSETS = [1440, 60];

export const settingsOf = async ({ db, teamId }: { db: Db; teamId: number }): Promise<SettingsRow> => {
  const [row] = await db.select().from(trainingSettings).where(eq(trainingSettings.teamId, teamId));
  return row ?? { teamId, lastNumber: 0, reminderOffsets: DEFAULT_OFFSETS, noShowDays: 3 };
};

export const updateSettings = async ({ db, teamId, changes }: { db: Db; teamId: number; changes: Partial<Pick<SettingsRow, 'reminderOffsets' | 'noShowDays'>> }) => {
  await db.insert(trainingSettings).values({ teamId, ...changes }).onConflictDoUpdate({ target: trainingSettings.teamId, set: changes });
};

/** The team's next class number, handed out under the settings row's lock. */
export const nextTrainingNumber = async ({ db, teamId }: { db: Db; teamId: number }): Promise<number> => {
  const [row] = await db
    .insert(trainingSettings)
    .values({ teamId, lastNumber: 1 })
    .onConflictDoUpdate({ target: trainingSettings.teamId, set: { lastNumber: sql`${trainingSettings.lastNumber} + 1` } })
    .returning({ number: trainingSettings.lastNumber });
  return row!.number;
};

export const insertTraining = async ({ db, values }: { db: Db; values: typeof trainings.$inferInsert }) => (await db.insert(trainings).values(values).returning())[0]!;

export const updateTraining = async ({ db, id, changes }: { db: Db; id: number; changes: Partial<typeof trainings.$inferInsert> }) => {
  await db.update(trainings).set(changes).where(eq(trainings.id, id));
};

export const getTraining = async ({ db, id }: { db: Db; id: number }): Promise<TrainingRow | null> => (await db.select().from(trainings).where(eq(trainings.id, id)))[0] ?? null;

export const getTrainingByNumber = async ({ db, teamId, number }: { db: Db; teamId: number; number: number }): Promise<TrainingRow | null> =>
  (await db.select().from(trainings).where(and(eq(trainings.teamId, teamId), eq(trainings.number, number))))[0] ?? null;

/** Inserts an occurrence once per sequence number; null when it exists already (a retried materialisation). */
export const insertOccurrence = async ({ db, values }: { db: Db; values: typeof trainingOccurrences.$inferInsert }): Promise<OccurrenceRow | null> =>
  (await db.insert(trainingOccurrences).values(values).onConflictDoNothing().returning())[0] ?? null;

export const updateOccurrence = async ({ db, id, changes }: { db: Db; id: number; changes: Partial<typeof trainingOccurrences.$inferInsert> }) => {
  await db.update(trainingOccurrences).set(changes).where(eq(trainingOccurrences.id, id));
};

/** The occurrence, locked: clicks on one class wait for each other, so seats are counted once. */
export const getOccurrenceForUpdate = async ({ db, id }: { db: Db; id: number }): Promise<OccurrenceRow | null> =>
  (await db.select().from(trainingOccurrences).where(eq(trainingOccurrences.id, id)).for('update'))[0] ?? null;

export const getOccurrence = async ({ db, id }: { db: Db; id: number }): Promise<OccurrenceRow | null> => (await db.select().from(trainingOccurrences).where(eq(trainingOccurrences.id, id)))[0] ?? null;

export const occurrencesOf = async ({ db, trainingId }: { db: Db; trainingId: number }): Promise<OccurrenceRow[]> =>
  db.select().from(trainingOccurrences).where(eq(trainingOccurrences.trainingId, trainingId)).orderBy(asc(trainingOccurrences.seq));

/** The class's latest occurrence: the one to come, or the one that was last. */
export const latestOccurrence = async ({ db, trainingId }: { db: Db; trainingId: number }): Promise<OccurrenceRow | null> =>
  (await db.select().from(trainingOccurrences).where(eq(trainingOccurrences.trainingId, trainingId)).orderBy(desc(trainingOccurrences.seq)).limit(1))[0] ?? null;

/** The latest occurrence that has started by `now` (what a recording is of). */
export const lastStarted = async ({ db, trainingId, now }: { db: Db; trainingId: number; now: Date }): Promise<OccurrenceRow | null> =>
  (
    await db
      .select()
      .from(trainingOccurrences)
      .where(and(eq(trainingOccurrences.trainingId, trainingId), eq(trainingOccurrences.status, 'scheduled'), lte(trainingOccurrences.startsAt, now)))
      .orderBy(desc(trainingOccurrences.startsAt))
      .limit(1)
  )[0] ?? null;

export type Listed = { training: TrainingRow; occurrence: OccurrenceRow };

export const listOccurrences = async ({ db, teamId, now, when }: { db: Db; teamId: number; now: Date; when: 'upcoming' | 'past' }): Promise<Listed[]> => {
  const rows = await db
    .select({ training: trainings, occurrence: trainingOccurrences })
    .from(trainingOccurrences)
    .innerJoin(trainings, eq(trainings.id, trainingOccurrences.trainingId))
    .where(
      and(
        eq(trainings.teamId, teamId),
        eq(trainingOccurrences.status, 'scheduled'),
        when === 'upcoming' ? gt(trainingOccurrences.startsAt, now) : lte(trainingOccurrences.startsAt, now),
      ),
    )
    .orderBy(when === 'upcoming' ? asc(trainingOccurrences.startsAt) : desc(trainingOccurrences.startsAt))
    .limit(25);
  return rows;
};

export const setInvitees = async ({ db, trainingId, personIds }: { db: Db; trainingId: number; personIds: readonly number[] }) => {
  if (personIds.length > 0) await db.insert(trainingInvitees).values(personIds.map((personId) => ({ trainingId, personId }))).onConflictDoNothing();
};

/** Who is invited: the named people, or everyone on the team now (a class "with everyone" follows the team). */
export const inviteesOf = async ({ db, training }: { db: Db; training: TrainingRow }): Promise<PersonRow[]> => {
  if (training.everyone) {
    const rows = await db.select({ person: people }).from(memberships).innerJoin(people, eq(people.id, memberships.personId)).where(eq(memberships.teamId, training.teamId)).orderBy(asc(people.id));
    return rows.map((row) => row.person);
  }
  const rows = await db.select({ person: people }).from(trainingInvitees).innerJoin(people, eq(people.id, trainingInvitees.personId)).where(eq(trainingInvitees.trainingId, training.id)).orderBy(asc(people.id));
  return rows.map((row) => row.person);
};

export type RsvpWithPerson = RsvpRow & { person: PersonRow };

/** Every answer to one occurrence, in the order given (the waitlist's order). */
export const rsvpsOf = async ({ db, occurrenceId }: { db: Db; occurrenceId: number }): Promise<RsvpWithPerson[]> => {
  const rows = await db
    .select({ rsvp: trainingRsvps, person: people })
    .from(trainingRsvps)
    .innerJoin(people, eq(people.id, trainingRsvps.personId))
    .where(eq(trainingRsvps.occurrenceId, occurrenceId))
    .orderBy(asc(trainingRsvps.answeredAt), asc(people.id));
  return rows.map((row) => ({ ...row.rsvp, person: row.person }));
};

export const rsvpsOfPerson = async ({ db, personId, occurrenceIds }: { db: Db; personId: number; occurrenceIds: number[] }): Promise<Map<number, Answer>> => {
  if (occurrenceIds.length === 0) return new Map();
  const rows = await db.select().from(trainingRsvps).where(and(eq(trainingRsvps.personId, personId), inArray(trainingRsvps.occurrenceId, occurrenceIds)));
  return new Map(rows.map((row) => [row.occurrenceId, row.answer]));
};

export const setRsvp = async ({ db, occurrenceId, personId, answer, at }: { db: Db; occurrenceId: number; personId: number; answer: Answer; at: Date }) => {
  await db
    .insert(trainingRsvps)
    .values({ occurrenceId, personId, answer, answeredAt: at })
    .onConflictDoUpdate({ target: [trainingRsvps.occurrenceId, trainingRsvps.personId], set: { answer, answeredAt: at } });
};

export type AttendanceRow = typeof trainingAttendance.$inferSelect;

export const attendanceOf = async ({ db, occurrenceId }: { db: Db; occurrenceId: number }): Promise<AttendanceRow[]> =>
  db.select().from(trainingAttendance).where(eq(trainingAttendance.occurrenceId, occurrenceId));

/** Marks someone present; a no-show row is turned into attendance (they came after all, or a manager says so). */
export const markAttended = async ({ db, occurrenceId, personId, source, at }: { db: Db; occurrenceId: number; personId: number; source: 'self' | 'manager'; at: Date }): Promise<boolean> => {
  const rows = await db
    .insert(trainingAttendance)
    .values({ occurrenceId, personId, attended: true, source, markedAt: at })
    .onConflictDoUpdate({ target: [trainingAttendance.occurrenceId, trainingAttendance.personId], set: { attended: true, source, markedAt: at }, setWhere: eq(trainingAttendance.attended, false) })
    .returning({ personId: trainingAttendance.personId });
  return rows.length > 0;
};

/** Records a no-show once; false when the person's attendance was already known. */
export const markNoShow = async ({ db, occurrenceId, personId, at }: { db: Db; occurrenceId: number; personId: number; at: Date }): Promise<boolean> => {
  const rows = await db.insert(trainingAttendance).values({ occurrenceId, personId, attended: false, source: 'no_show', markedAt: at }).onConflictDoNothing().returning({ personId: trainingAttendance.personId });
  return rows.length > 0;
};

export const setNoShowTask = async ({ db, occurrenceId, personId, taskId }: { db: Db; occurrenceId: number; personId: number; taskId: number }) => {
  await db.update(trainingAttendance).set({ taskId }).where(and(eq(trainingAttendance.occurrenceId, occurrenceId), eq(trainingAttendance.personId, personId)));
};

/** Upcoming occurrences of every team of a workspace a person is invited to or answered, for the Home tab. */
export const upcomingFor = async ({ db, workspaceId, person, now }: { db: Db; workspaceId: number; person: PersonRow; now: Date }) => {
  const rows = await db
    .select({ training: trainings, occurrence: trainingOccurrences })
    .from(trainingOccurrences)
    .innerJoin(trainings, eq(trainings.id, trainingOccurrences.trainingId))
    .where(
      and(
        eq(trainingOccurrences.status, 'scheduled'),
        gt(trainingOccurrences.startsAt, now),
        sql`${trainings.teamId} in (select t.id from teams t where t.workspace_id = ${workspaceId})`,
        sql`(exists (select 1 from ${trainingInvitees} i where i.training_id = ${trainings.id} and i.person_id = ${person.id})
          or exists (select 1 from ${trainingRsvps} r where r.occurrence_id = ${trainingOccurrences.id} and r.person_id = ${person.id})
          or (${trainings.everyone} and exists (select 1 from ${memberships} m where m.team_id = ${trainings.teamId} and m.person_id = ${person.id})))`,
      ),
    )
    .orderBy(asc(trainingOccurrences.startsAt))
    .limit(10);
  return rows;
};
