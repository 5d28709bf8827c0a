import { DateTime } from 'luxon';
import type { Db } from '../../../db/database.js';
import { t } from '../../i18n/catalog.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import { loadWorkingTime } from '../../recipient-time.js';
import { dayOff, shiftAt, workingDateOf } from '../../working-time.js';

/**
 * What the manager should know before announcing: each invitee for whom the class falls outside their working
 * time, in an absence or on a public holiday, with their own clock ("20:00 for Maria (Asia/Manila), after
 * their hours"), so she can move it first.
 */
export const scheduleWarnings = async ({ db, now, team, people, startsAt }: { db: Db; now: Date; team: TeamRow; people: readonly PersonRow[]; startsAt: Date }): Promise<string[]> => {
  const lines: string[] = [];
  for (const person of people) {
    const time = await loadWorkingTime({ db, person, team, now });
    const clock = DateTime.fromJSDate(startsAt, { zone: time.zone }).toFormat('HH:mm');
    const params = { time: clock, person: person.displayName, zone: time.zone };
    const off = dayOff(workingDateOf(startsAt, time), time);
    if (off === 'absent') lines.push(t(team.locale, 'trainings.warn_absent', params));
    else if (off === 'holiday') lines.push(t(team.locale, 'trainings.warn_holiday', params));
    else if (off === 'weekend') lines.push(t(team.locale, 'trainings.warn_day_off', params));
    else if (!shiftAt(startsAt, time)) lines.push(t(team.locale, 'trainings.warn_hours', params));
  }
  return lines;
};
