import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.js';
import { onboardingItems, onboardings, onboardingSteps, people, sops, tasks, teams } from '../../../db/schema/index.js';
import type { JoinVia } from '../../commands.js';
import { enqueueDm } from '../../deliveries.js';
import { botError } from '../../errors.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import { loadWorkingTime } from '../../recipient-time.js';
import { dayOff, nextWorkingMoment, shiftOn, workingDateOf, type WorkingTime } from '../../working-time.js';
import { DateTime } from 'luxon';
import { zoneOf } from '../../view.js';
import { getPeople } from '../people/people.repository.js';
import { addTask } from '../tasks/tasks.usecases.js';
import { onboardingWelcome } from './sop.notices.js';
import { welcomeDm, type OnboardingProgress, type StepRow, type StepWithSop, type WelcomeItem } from './sop.onboarding.messages.js';

export type { OnboardingProgress } from './sop.onboarding.messages.js';
import { inviteToOnboardingClasses } from './sop.onboarding.classes.js';
import { getSop } from './sop.repository.js';
import { giveReadTask } from './sop.usecases.js';


export const listSteps = async ({ db, teamId }: { db: Db; teamId: number }): Promise<StepWithSop[]> =>
  (await db.select({ step: onboardingSteps, sop: sops }).from(onboardingSteps).leftJoin(sops, eq(sops.id, onboardingSteps.sopId)).where(eq(onboardingSteps.teamId, teamId)).orderBy(asc(onboardingSteps.day), asc(onboardingSteps.number))).map(
    ({ step, sop }) => ({ ...step, sop }),
  );

export const addStep = async ({ db, team, actor, kind, sopId, classRef, title, day }: { db: Db; team: TeamRow; actor: PersonRow; kind: 'sop' | 'task' | 'class'; sopId?: number; classRef?: string; title?: string; day: number }): Promise<StepRow> => {
  await db.select({ id: teams.id }).from(teams).where(eq(teams.id, team.id)).for('update');
  const [last] = await db.select({ n: sql<number>`coalesce(max(${onboardingSteps.number}), 0)` }).from(onboardingSteps).where(eq(onboardingSteps.teamId, team.id));
  const [row] = await db
    .insert(onboardingSteps)
    .values({ teamId: team.id, number: Number(last?.n ?? 0) + 1, kind, sopId: sopId ?? null, classRef: classRef ?? null, title: title ?? null, day, creatorId: actor.id })
    .returning();
  return row!;
};

export const removeStep = async ({ db, team, number }: { db: Db; team: TeamRow; number: number }): Promise<StepRow> => {
  const [row] = await db.delete(onboardingSteps).where(and(eq(onboardingSteps.teamId, team.id), eq(onboardingSteps.number, number))).returning();
  if (!row) throw botError('sops.onboarding_step_not_found', { number });
  return row;
};

// Joined with less of the working day left than this, day 1 is the next working day: nobody starts with a task due within the hour.
const DAY_ONE_MIN_LEFT_MS = 4 * 3_600_000;

/**
 * The end of each working day of the newcomer, day 1 being their first working day from joining, in their
 * zone, hours, working days, absences and holidays: day N is due at the end of their N-th working day.
 */
export const workingDayEnds = ({ joinedAt, time, days }: { joinedAt: Date; time: WorkingTime; days: number }): Date[] => {
  const start = nextWorkingMoment(joinedAt, time);
  let date = workingDateOf(start, time);
  const first = shiftOn(date, time);
  if (first && first.endAt.getTime() - start.getTime() < DAY_ONE_MIN_LEFT_MS) date = DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!;
  const ends: Date[] = [];
  for (let step = 0; ends.length < days && step < days * 3 + 60; step++, date = DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!) {
    const shift = dayOff(date, time) ? null : shiftOn(date, time);
    if (shift) ends.push(shift.endAt);
  }
  return ends;
};

/**
 * Starts someone's onboarding in a team, once: the row per team and person (and the one per team, person and
 * step) make joining twice, or two joins at once, create nothing new. A team without a path starts nothing,
 * so a path added later is not sprung on people who joined before it.
 */
export const startOnboarding = async ({ db, now, team, person, via }: { db: Db; now: Date; team: TeamRow; person: PersonRow; via: JoinVia }): Promise<WelcomeItem[] | null> => {
  const steps = await listSteps({ db, teamId: team.id });
  if (steps.length === 0) return null;
  const started = await db.insert(onboardings).values({ teamId: team.id, personId: person.id, joinedAt: now, via }).onConflictDoNothing().returning();
  if (started.length === 0) return null;
  const time = await loadWorkingTime({ db, person, team, now });
  const ends = workingDayEnds({ joinedAt: now, time, days: Math.max(...steps.map((step) => step.day)) });
  const creators = new Map((await getPeople({ db, ids: [...new Set(steps.map((step) => step.creatorId))] })).map((row) => [row.id, row]));
  const items: WelcomeItem[] = [];
  for (const step of steps) {
    const dueAt = ends[step.day - 1] ?? ends[ends.length - 1] ?? now;
    const claimed = await db.insert(onboardingItems).values({ teamId: team.id, personId: person.id, stepId: step.id, dueAt }).onConflictDoNothing().returning();
    if (claimed.length === 0 || step.kind === 'class') continue;
    const actor = { person: creators.get(step.creatorId) ?? person, role: 'manager' as const };
    const sop = step.sopId ? await getSop({ db, sopId: step.sopId }) : null;
    if (step.kind === 'sop' && (!sop || sop.removedAt)) continue;
    const task = sop
      ? await giveReadTask({ db, now, team, actor, sop, person, dueAt })
      : (await addTask({ db, now, team, actor, input: { title: step.title ?? '', assignees: [person], dueAt } })).task;
    await db.update(onboardingItems).set({ taskId: task.id }).where(and(eq(onboardingItems.teamId, team.id), eq(onboardingItems.personId, person.id), eq(onboardingItems.stepId, step.id)));
    items.push({ task, sop, dueAt });
  }
  await inviteToOnboardingClasses({ db, now, team, person, classRefs: steps.flatMap((step) => (step.kind === 'class' && step.classRef ? [step.classRef] : [])) });
  await enqueueDm({
    db,
    person,
    team,
    message: welcomeDm({ person, team, items, view: { locale: team.locale, zone: zoneOf(person, team), now } }),
    dedupeKey: `dm:${person.id}:onboarding:${team.id}:welcome`,
    notBefore: now,
    notice: { subject: `onboarding:${team.id}`, nature: 'news', check: onboardingWelcome.spec({ teamId: team.id }) },
  });
  return items;
};


/** Every onboarding of a team, newest first: done / total and how many are overdue. For `/obm onboarding` and the weekly digest. */
export const onboardingProgress = async ({ db, teamId, now = new Date() }: { db: Db; teamId: number; now?: Date }): Promise<OnboardingProgress[]> => {
  const runs = await db.select({ run: onboardings, person: people }).from(onboardings).innerJoin(people, eq(people.id, onboardings.personId)).where(eq(onboardings.teamId, teamId)).orderBy(sql`${onboardings.joinedAt} desc`);
  if (runs.length === 0) return [];
  const rows = await db
    .select({ personId: onboardingItems.personId, status: tasks.status, dueAt: onboardingItems.dueAt })
    .from(onboardingItems)
    .leftJoin(tasks, eq(tasks.id, onboardingItems.taskId))
    .where(and(eq(onboardingItems.teamId, teamId), inArray(onboardingItems.personId, runs.map(({ person }) => person.id))));
  return runs.map(({ run, person }) => {
    // A class step has no task (it is an invitation): progress counts the tasks.
    const mine = rows.filter((row) => row.personId === person.id && row.status !== null && row.status !== 'cancelled');
    return {
      person,
      joinedAt: run.joinedAt,
      done: mine.filter((row) => row.status === 'done').length,
      total: mine.length,
      overdue: mine.filter((row) => row.status === 'open' && row.dueAt < now).length,
    };
  });
};

/** One person's onboarding tasks in order, for `/obm onboarding @person`. */
export const onboardingItemsOf = async ({ db, teamId, personId }: { db: Db; teamId: number; personId: number }) =>
  db
    .select({ task: tasks, dueAt: onboardingItems.dueAt })
    .from(onboardingItems)
    .innerJoin(tasks, eq(tasks.id, onboardingItems.taskId))
    .where(and(eq(onboardingItems.teamId, teamId), eq(onboardingItems.personId, personId)))
    .orderBy(asc(onboardingItems.dueAt), asc(tasks.number));

export const isOnboarding = async ({ db, teamId, personId }: { db: Db; teamId: number; personId: number }) =>
  (await db.select({ at: onboardings.joinedAt }).from(onboardings).where(and(eq(onboardings.teamId, teamId), eq(onboardings.personId, personId)))).length > 0;
