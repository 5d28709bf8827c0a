import { z } from 'zod';
import type { Db } from '../../../db/database.js';
import { defineJob } from '../../jobs.js';
import { getStandup } from './standups.repository.js';
import { askNow, deadlineNow, nudgeNow, reportNow } from './standups.usecases.js';

const day = z.object({ standupId: z.number().int().positive(), personId: z.number().int().positive(), date: z.iso.date() });

const teamOf = async ({ standupId }: { standupId: number }, db: Db) => (await getStandup({ db, standupId }))?.teamId ?? null;

// The deadline is at most a day after the question (both are clock times of one local date), so a question or
// reminder found more than a day late is always past it. Within that day the handlers check the participant's
// own deadline, which differs per standup: that is the real window.
const WITHIN_A_DAY = { policy: 'skip', afterMs: 24 * 60 * 60_000 } as const;

/**
 * The question, on a participant's standup day at the standup's time in their zone
 * (`standup:<standup>:<person>:<local date>`). Missed: `skip` once the participant's deadline has passed;
 * before it, asked late, saying so.
 */
export const standupAskJob = defineJob({
  kind: 'standup.ask',
  payload: day,
  missed: WITHIN_A_DAY,
  teamOf,
  run: async ({ standupId, personId, date }, { db, now, runAt }) => askNow({ db, now, standupId, personId, date, runAt }),
});

/** The one reminder before the deadline (`standup-nudge:…`). Missed: `skip` once the deadline has passed. */
export const standupNudgeJob = defineJob({
  kind: 'standup.nudge',
  payload: day,
  missed: WITHIN_A_DAY,
  teamOf,
  run: async ({ standupId, personId, date }, { db, now, runAt }) => nudgeNow({ db, now, standupId, personId, date, runAt }),
});

/**
 * A participant's deadline (`standup-deadline:…`): marks a missing answer missed and plans their next standup
 * day. Missed: `once`, always, since it carries the chain; after downtime it plans the first day still ahead.
 */
export const standupDeadlineJob = defineJob({
  kind: 'standup.deadline',
  payload: day,
  missed: { policy: 'once', afterMs: 15 * 60_000 },
  teamOf,
  run: async ({ standupId, personId, date }, { db, now }) => deadlineNow({ db, now, standupId, personId, date }),
});

/**
 * The day's report, once the last participant's deadline has passed (`standup-report:<standup>:<date>`).
 * Missed: `once`: the report of a day that had questions still goes, once, late.
 */
export const standupReportJob = defineJob({
  kind: 'standup.report',
  payload: z.object({ standupId: z.number().int().positive(), date: z.iso.date() }),
  missed: { policy: 'once', afterMs: 15 * 60_000 },
  teamOf,
  run: async ({ standupId, date }, { db, now }) => reportNow({ db, now, standupId, date }),
});

export const standupJobs = [standupAskJob, standupNudgeJob, standupDeadlineJob, standupReportJob];
