import { and, asc, between, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { people, standupAnswers, standupRuns, standups, teams } from '../../../db/schema/index.js';
import type { PersonRow } from '../../identity.js';

export type StandupRow = typeof standups.$inferSelect;
export type StandupRunRow = typeof standupRuns.$inferSelect;
export type AnswerRow = typeof standupAnswers.$inferSelect;
export type AnswerStatus = AnswerRow['status'];
export type ReportStyle = StandupRow['reportStyle'];

// ---- standups

/** The next per-team standup number, under the team row's lock so two setups at once get two numbers. */
export const nextStandupNumber = async ({ db, teamId }: { db: Db; teamId: number }): Promise<number> => {
  await db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).for('update');
  const [row] = await db.select({ max: sql<number | null>`max(${standups.number})` }).from(standups).where(eq(standups.teamId, teamId));
  return (row?.max ?? 0) + 1;
};

export const insertStandup = async ({ db, values }: { db: Db; values: typeof standups.$inferInsert }): Promise<StandupRow> =>
  (await db.insert(standups).values(values).returning())[0]!;

export const updateStandup = async ({ db, standupId, changes, now }: { db: Db; standupId: number; changes: Partial<typeof standups.$inferInsert>; now: Date }): Promise<StandupRow> =>
  (await db.update(standups).set({ ...changes, updatedAt: now }).where(eq(standups.id, standupId)).returning())[0]!;

export const getStandup = async ({ db, standupId }: { db: Db; standupId: number }): Promise<StandupRow | null> =>
  (await db.select().from(standups).where(eq(standups.id, standupId)))[0] ?? null;

/** The team's standups that are not removed, in number order. */
export const listStandups = async ({ db, teamId }: { db: Db; teamId: number }): Promise<StandupRow[]> =>
  db.select().from(standups).where(and(eq(standups.teamId, teamId), ne(standups.status, 'removed'))).orderBy(asc(standups.number));

// ---- runs

/** The run of a standup day, created on first need; the unique (standup, date) makes it race-free. */
export const ensureRun = async ({ db, standupId, localDate, now }: { db: Db; standupId: number; localDate: string; now: Date }): Promise<{ run: StandupRunRow; created: boolean }> => {
  const inserted = await db.insert(standupRuns).values({ standupId, localDate, createdAt: now }).onConflictDoNothing().returning();
  if (inserted[0]) return { run: inserted[0], created: true };
  return { run: (await db.select().from(standupRuns).where(and(eq(standupRuns.standupId, standupId), eq(standupRuns.localDate, localDate))))[0]!, created: false };
};

/** Locks the run: the report and a late answer serialise, so a late answer is never lost between them. */
export const getRunForUpdate = async ({ db, standupId, localDate }: { db: Db; standupId: number; localDate: string }): Promise<StandupRunRow | null> =>
  (await db.select().from(standupRuns).where(and(eq(standupRuns.standupId, standupId), eq(standupRuns.localDate, localDate))).for('update'))[0] ?? null;

export const markReported = async ({ db, runId, now }: { db: Db; runId: number; now: Date }) =>
  db.update(standupRuns).set({ reportedAt: now }).where(eq(standupRuns.id, runId));

// ---- the outbox, read


// ---- answers

export const getAnswer = async ({ db, runId, personId }: { db: Db; runId: number; personId: number }): Promise<AnswerRow | null> =>
  (await db.select().from(standupAnswers).where(and(eq(standupAnswers.runId, runId), eq(standupAnswers.personId, personId))))[0] ?? null;

export const getAnswerForUpdate = async ({ db, answerId }: { db: Db; answerId: number }): Promise<AnswerRow | null> =>
  (await db.select().from(standupAnswers).where(eq(standupAnswers.id, answerId)).for('update'))[0] ?? null;

/** Inserts the participant's row of a day unless there is one (a skip entered ahead wins over the ask). */
export const insertAnswer = async ({ db, values }: { db: Db; values: typeof standupAnswers.$inferInsert }): Promise<AnswerRow | null> =>
  (await db.insert(standupAnswers).values(values).onConflictDoNothing().returning())[0] ?? null;

export const updateAnswer = async ({ db, answerId, changes, now }: { db: Db; answerId: number; changes: Partial<typeof standupAnswers.$inferInsert>; now: Date }): Promise<AnswerRow> =>
  (await db.update(standupAnswers).set({ ...changes, updatedAt: now }).where(eq(standupAnswers.id, answerId)).returning())[0]!;

export const answersOfRun = async ({ db, runId }: { db: Db; runId: number }): Promise<{ answer: AnswerRow; person: PersonRow }[]> =>
  db
    .select({ answer: standupAnswers, person: people })
    .from(standupAnswers)
    .innerJoin(people, eq(people.id, standupAnswers.personId))
    .where(eq(standupAnswers.runId, runId))
    .orderBy(asc(sql`coalesce(${standupAnswers.submittedAt}, ${standupAnswers.createdAt})`), asc(standupAnswers.id));

/** Answers still waiting on their deadline become missed (the report does this for whoever is left). */
export const markMissed = async ({ db, runId, personId, now }: { db: Db; runId: number; personId?: number; now: Date }) =>
  db
    .update(standupAnswers)
    .set({ status: 'missed', updatedAt: now })
    .where(and(eq(standupAnswers.runId, runId), eq(standupAnswers.status, 'asked'), sql`${standupAnswers.deadlineAt} <= ${now.toISOString()}::timestamptz`, personId === undefined ? undefined : eq(standupAnswers.personId, personId)))
    .returning();

/**
 * The standup day a DM reply answers: the person's latest unfinished one (asked, or missed and still within
 * a day of the question), across all their teams. Null when they have none.
 */
export const openAnswerOf = async ({ db, personId, now }: { db: Db; personId: number; now: Date }) =>
  (
    await db
      .select({ answer: standupAnswers, run: standupRuns, standup: standups })
      .from(standupAnswers)
      .innerJoin(standupRuns, eq(standupRuns.id, standupAnswers.runId))
      .innerJoin(standups, eq(standups.id, standupRuns.standupId))
      .where(
        and(
          eq(standupAnswers.personId, personId),
          inArray(standupAnswers.status, ['asked', 'missed']),
          ne(standups.status, 'removed'),
          sql`${standupAnswers.askedAt} > ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz`,
        ),
      )
      .orderBy(desc(standupAnswers.askedAt), desc(standupAnswers.id))
      .limit(1)
  )[0] ?? null;

/** What a person still has to answer, across the workspace's teams: asked, deadline ahead, soonest deadline first. */
export const pendingAnswersOf = async ({ db, personId, now }: { db: Db; personId: number; now: Date }) =>
  db
    .select({ answer: standupAnswers, run: standupRuns, standup: standups, team: teams })
    .from(standupAnswers)
    .innerJoin(standupRuns, eq(standupRuns.id, standupAnswers.runId))
    .innerJoin(standups, eq(standups.id, standupRuns.standupId))
    .innerJoin(teams, eq(teams.id, standups.teamId))
    .where(and(eq(standupAnswers.personId, personId), eq(standupAnswers.status, 'asked'), ne(standups.status, 'removed'), sql`${standupAnswers.deadlineAt} > ${now.toISOString()}::timestamptz`))
    .orderBy(asc(standupAnswers.deadlineAt), asc(standupAnswers.id))
    .limit(10);

export const answerWithContext = async ({ db, answerId }: { db: Db; answerId: number }) =>
  (
    await db
      .select({ answer: standupAnswers, run: standupRuns, standup: standups, person: people })
      .from(standupAnswers)
      .innerJoin(standupRuns, eq(standupRuns.id, standupAnswers.runId))
      .innerJoin(standups, eq(standups.id, standupRuns.standupId))
      .innerJoin(people, eq(people.id, standupAnswers.personId))
      .where(eq(standupAnswers.id, answerId))
  )[0] ?? null;

/** History: the standup days of a period (local dates, inclusive), newest first, optionally of one person. */
export const historyOf = async ({ db, standupId, from, to, personId, limit }: { db: Db; standupId: number; from: string; to: string; personId?: number; limit: number }) =>
  db
    .select({ answer: standupAnswers, run: standupRuns, person: people })
    .from(standupAnswers)
    .innerJoin(standupRuns, eq(standupRuns.id, standupAnswers.runId))
    .innerJoin(people, eq(people.id, standupAnswers.personId))
    .where(and(eq(standupRuns.standupId, standupId), between(standupRuns.localDate, from, to), personId === undefined ? undefined : eq(standupAnswers.personId, personId)))
    .orderBy(desc(standupRuns.localDate), asc(sql`coalesce(${standupAnswers.submittedAt}, ${standupAnswers.createdAt})`), asc(standupAnswers.id))
    .limit(limit);

export interface ParticipationCounts {
  onTime: number;
  late: number;
  missed: number;
  away: number;
  skipped: number;
}

export interface Participation {
  people: (ParticipationCounts & { personId: number; name: string })[];
  team: ParticipationCounts;
}

const zero = (): ParticipationCounts => ({ onTime: 0, late: 0, missed: 0, away: 0, skipped: 0 });

/**
 * Participation per person and for the team over a period of standup days (local dates, inclusive), for the
 * weekly digest: answered on time, late, missed, away (absent or public holiday) and skipped. An answer
 * still open after its deadline counts as missed; one whose deadline is ahead counts nowhere yet.
 */
export const participation = async ({ db, teamId, from, to, now, standupId }: { db: Db; teamId: number; from: string; to: string; now: Date; standupId?: number }): Promise<Participation> => {
  const count = (condition: ReturnType<typeof sql>) => sql<number>`(count(*) filter (where ${condition}))::int`;
  const overdue = sql`${standupAnswers.deadlineAt} <= ${now.toISOString()}::timestamptz`;
  const rows = await db
    .select({
      personId: people.id,
      name: people.displayName,
      onTime: count(sql`${standupAnswers.status} = 'answered' and not ${standupAnswers.late}`),
      late: count(sql`${standupAnswers.status} = 'answered' and ${standupAnswers.late}`),
      missed: count(sql`${standupAnswers.status} = 'missed' or (${standupAnswers.status} = 'asked' and ${overdue})`),
      away: count(sql`${standupAnswers.status} = 'away'`),
      skipped: count(sql`${standupAnswers.status} = 'skipped'`),
    })
    .from(standupAnswers)
    .innerJoin(standupRuns, eq(standupRuns.id, standupAnswers.runId))
    .innerJoin(standups, eq(standups.id, standupRuns.standupId))
    .innerJoin(people, eq(people.id, standupAnswers.personId))
    .where(and(eq(standups.teamId, teamId), between(standupRuns.localDate, from, to), standupId === undefined ? undefined : eq(standups.id, standupId)))
    .groupBy(people.id, people.displayName)
    .orderBy(asc(people.displayName), asc(people.id));
  const team = zero();
  const list = rows.map((row) => {
    const counts = { onTime: Number(row.onTime), late: Number(row.late), missed: Number(row.missed), away: Number(row.away), skipped: Number(row.skipped) };
    for (const key of Object.keys(team) as (keyof ParticipationCounts)[]) team[key] += counts[key];
    return { personId: row.personId, name: row.name, ...counts };
  });
  return { people: list, team };
};
