import type { Db } from '../../../db/database.js';
import { enqueueDm } from '../../deliveries.js';
import type { PersonRow } from '../../identity.js';
import { cancelJobs, scheduleJob } from '../../jobs.js';
import { loadWorkingTime } from '../../recipient-time.js';
import { localDateOf } from '../../time.js';
import { weekdayOf } from '../../time/zone.js';
import { zoneOf, type View } from '../../view.js';
import { nextWorkingDayStart, nextWorkingMoment, type WorkingTime } from '../../working-time.js';
import { teamsManagedBy } from '../teams/teams.repository.js';
import { isEmpty, teamBrief } from './briefs.contents.js';
import { briefScope, portfolioBlocks } from './briefs.portfolio.js';
import { briefJob, briefKey, briefKeyPrefix } from './briefs.jobs.js';
import { briefMessage } from './briefs.messages.js';
import { stillManager } from './briefs.notices.js';
import { getPersonForUpdate, hasPendingBrief, managersWithoutBrief, markBriefed } from './briefs.repository.js';

/**
 * The managers' daily brief. Every person who manages at least one team has exactly one pending brief job,
 * at the start of their next working day; it sends one DM about all the teams they manage and plans the next.
 * - The chain starts when someone becomes a manager (`/obm setup`, `/obm team add … manager`), and for managers
 *   from before the brief existed with `planMissingBriefs` at start-up; a change of their zone, hours, absences
 *   or of their team's days re-plans it (`replanBriefs`).
 * - "Exactly one": planning does nothing while a brief is pending; a run locks the person and sends at most one
 *   brief per local day (the DM's key is the day too), so a rerun, a retry or two chains that met send nothing more.
 * - Whose day: the person's zone and hours, the working days of the team they became manager of first, their
 *   absences and public holidays. A day off moves the brief to the next working day, which covers the gap.
 * - Alerts `instant` is chosen instead of the brief (the issue's words): such a manager gets each alert as it
 *   happens and no brief; the chain keeps running (and `last_brief_at` moving) so switching back to `daily`
 *   starts from that day, not from weeks of old events.
 */

const DAY_MS = 86_400_000;
const MONDAY = 1;

/** The start of the person's next working period: today's start while it is ahead, else the next working day's. */
export const nextBriefAt = (now: Date, time: WorkingTime): Date => {
  const moment = nextWorkingMoment(now, time);
  return moment.getTime() > now.getTime() ? moment : nextWorkingDayStart(now, time);
};

/** The teams a person manages and the working time their brief follows; null when they manage none. */
const briefing = async ({ db, person, now }: { db: Db; person: PersonRow; now: Date }) => {
  const teams = await teamsManagedBy({ db, personId: person.id });
  const home = teams[0];
  return home ? { teams, home, time: await loadWorkingTime({ db, person, team: home, now }) } : null;
};

const schedule = ({ db, personId, runAt }: { db: Db; personId: number; runAt: Date }) =>
  scheduleJob({ db, job: briefJob, payload: { personId }, runAt, dedupeKey: briefKey(personId, runAt) });

/** Plans the person's next brief unless one is pending (or they manage nothing). Safe to call from anywhere. */
export const planBrief = async ({ db, now, person }: { db: Db; now: Date; person: PersonRow }): Promise<Date | null> => {
  if (await hasPendingBrief({ db, personId: person.id })) return null;
  const found = await briefing({ db, person, now });
  if (!found) return null;
  const runAt = nextBriefAt(now, found.time);
  await schedule({ db, personId: person.id, runAt });
  return runAt;
};

/** Their working time changed: the pending brief moves to the new start of their day. */
export const replanBriefs = async ({ db, now, people }: { db: Db; now: Date; people: readonly PersonRow[] }) => {
  for (const person of people) {
    await cancelJobs({ db, dedupeKeyPrefix: briefKeyPrefix(person.id) });
    await planBrief({ db, now, person });
  }
};

/** Starts the chain for every manager without one (the managers of before this release); idempotent. */
export const planMissingBriefs = async ({ db, now }: { db: Db; now: Date }): Promise<number> => {
  const ids = await managersWithoutBrief({ db });
  let planned = 0;
  for (const personId of ids) {
    const person = await getPersonForUpdate({ db, personId });
    if (person && (await planBrief({ db, now, person }))) planned += 1;
  }
  return planned;
};

/**
 * The brief job. Outside the person's working time (their hours moved, an absence entered since, a late run
 * at night after downtime) it moves to their next working moment instead. Sends nothing when there is
 * nothing to say, and still moves `last_brief_at`, so the next brief does not repeat the quiet day's events.
 */
export const runBrief = async ({ db, now, personId }: { db: Db; now: Date; personId: number }): Promise<void> => {
  const person = await getPersonForUpdate({ db, personId });
  const found = person ? await briefing({ db, person, now }) : null;
  // No longer a manager anywhere: the chain ends here, and starts again if they become one.
  if (!person || !found) return;
  const { teams, home, time } = found;
  const moment = nextWorkingMoment(now, time);
  if (moment.getTime() > now.getTime()) {
    await planNext({ db, person, runAt: moment });
    return;
  }
  const today = localDateOf(now, time.zone);
  const briefedToday = person.lastBriefAt !== null && localDateOf(person.lastBriefAt, time.zone) === today;
  // Linked identities (/obm link): one of them briefs on all their teams; the others send nothing.
  const scope = await briefScope({ db, personId: person.id });
  if (!briefedToday && scope.lead) {
    const since = person.lastBriefAt ?? new Date(now.getTime() - DAY_MS);
    const covered = scope.teams.length > 0 ? scope.teams : teams.map((team) => ({ team, managerId: person.id }));
    const briefs = (await Promise.all(covered.map(({ team, managerId }) => teamBrief({ db, team, since, now, managerId })))).filter((brief) => !isEmpty(brief));
    const view: View = { locale: home.locale, zone: zoneOf(person, home), now };
    // Mondays also carry the week of every client in numbers, at the start of the OBM's own day: a portfolio
    // is two clients or more (one client's numbers are its digest, an hour or so later).
    const portfolio = weekdayOf(today) === MONDAY && covered.length > 1 ? await portfolioBlocks({ db, teams: covered.map(({ team }) => team), at: now, locale: view.locale }) : [];
    if ((briefs.length > 0 || portfolio.length > 0) && person.alerts === 'daily') {
      await enqueueDm({
        db,
        person,
        team: home,
        message: briefMessage({ briefs, since, first: person.lastBriefAt === null, view, portfolio }),
        dedupeKey: `dm:${person.id}:brief:${today}`,
        notBefore: now,
        notice: { subject: `brief:${person.id}`, nature: 'news', check: stillManager.spec({ personId: person.id }) },
      });
    }
  }
  if (!briefedToday) await markBriefed({ db, personId: person.id, at: now });
  await planNext({ db, person, runAt: nextWorkingDayStart(now, time) });
};

/** The next link of the chain, unless another brief is already pending (two chains that met become one). */
const planNext = async ({ db, person, runAt }: { db: Db; person: PersonRow; runAt: Date }) => {
  if (await hasPendingBrief({ db, personId: person.id })) return;
  await schedule({ db, personId: person.id, runAt });
};
