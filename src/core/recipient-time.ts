import { and, gte, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { absences } from '../db/schema/index.js';
import type { AbsenceRow, PersonRow, TeamRow } from './identity.js';
import { localDateOf } from './time.js';
import { uniformHours, weekOf, workingHoursSchema, type WorkingHours } from './time/working-hours.js';
import type { WorkingTime } from './working-time.js';

/**
 * A person's working time within a team: their zone (else the team's), their hours, the team's working
 * days, their absences and their country's public holidays. The outbox and every module read it here.
 */
export const workingTimeFrom = ({ person, team, absences: rows }: { person: PersonRow; team: TeamRow; absences: readonly Pick<AbsenceRow, 'fromDate' | 'toDate'>[] }): WorkingTime => ({
  zone: person.zone ?? team.zone,
  // Hours naming weekdays say which days the person works; hours without days hold on the team's working days.
  ...weekOf(hoursOf(person), team.workingDays),
  absences: rows.map((absence) => ({ from: absence.fromDate, to: absence.toDate })),
  country: person.country,
});

/** The person's hours: as set (people.hours), else the start and end columns that rows from before it carry. */
export const hoursOf = (person: Pick<PersonRow, 'hours' | 'workStart' | 'workEnd'>): WorkingHours => {
  const stored = person.hours ? workingHoursSchema.safeParse(person.hours) : null;
  return stored?.success ? stored.data : uniformHours(person.workStart, person.workEnd);
};

// From two days back: an absence that ends "today" in one zone may still be running in another.
const sinceOf = (now: Date) => localDateOf(new Date(now.getTime() - 2 * 86_400_000), 'UTC');

/** The absences of many people at once, from about today on, by person id. */
export const absencesOf = async ({ db, personIds, now }: { db: Db; personIds: number[]; now: Date }): Promise<Map<number, AbsenceRow[]>> => {
  const byPerson = new Map<number, AbsenceRow[]>();
  if (personIds.length === 0) return byPerson;
  const rows = await db.select().from(absences).where(and(inArray(absences.personId, [...new Set(personIds)]), gte(absences.toDate, sinceOf(now))));
  for (const row of rows) byPerson.set(row.personId, [...(byPerson.get(row.personId) ?? []), row]);
  return byPerson;
};

export const loadWorkingTime = async ({ db, person, team, now }: { db: Db; person: PersonRow; team: TeamRow; now: Date }): Promise<WorkingTime> =>
  workingTimeFrom({ person, team, absences: (await absencesOf({ db, personIds: [person.id], now })).get(person.id) ?? [] });
