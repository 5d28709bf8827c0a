import { inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/database.js';
import { rowsOf } from '../db/rows.js';
import { deliveries, people, teams } from '../db/schema/index.js';
import type { PersonRow, TeamRow } from './identity.js';
import type { Message } from './messages.js';
import type { NoticeCheckSpec } from './notice-types.js';
import type { DeliveryTarget } from './ports.js';
import { absencesOf, workingTimeFrom } from './recipient-time.js';
import { isAwayAt, nextWorkingMoment, type WorkingTime } from './working-time.js';

export type { NoticeCheckSpec, NoticeMeta } from './notice-types.js';

/**
 * The notice discipline, one mechanism for every module. A queued message names its subject, its nature and
 * a re-check; when it falls due, in the transaction that hands it to the sender, the outbox asks `freshen`:
 * - a re-check that finds the subject changed (task done, follow-up answered, standup skipped) drops it;
 *   one that finds it late re-words it ("was due Fri 17:00, 15 hours ago") rather than saying "due now";
 * - a DM outside the recipient's working time waits for it (a nudge to someone now away is dropped);
 * - a nudge gives way to any other message on its subject to the same person within the team's window.
 * What is dropped stays in the outbox as `superseded`, with the reason, and is never sent.
 */

export interface NoticeCheckContext {
  db: Db;
  now: Date;
  team: TeamRow;
  /** The person a DM goes to; null for a channel post. */
  recipient: PersonRow | null;
  time: WorkingTime | null;
  message: Message;
}

/** Still true: send (re-worded when given a message); or no longer true, and why. */
export type CheckVerdict = { fresh: true; message?: Message } | { fresh: false; reason: string };

export interface NoticeCheck<A = Record<string, unknown>> {
  name: string;
  args: z.ZodType<A>;
  check(args: A, ctx: NoticeCheckContext): Promise<CheckVerdict>;
}

/** A module's re-check; `spec(args)` is what a queued message stores. */
export const defineNoticeCheck = <A extends Record<string, unknown>>(check: NoticeCheck<A>) => ({
  check: check as unknown as NoticeCheck,
  spec: (args: A): NoticeCheckSpec => ({ name: check.name, args }),
});

export type Verdict = { kind: 'send'; message?: Message } | { kind: 'drop'; reason: string } | { kind: 'hold'; until: Date };

/** What the outbox knows of a due delivery. */
export interface DueDelivery {
  id: number;
  targetKey: string;
  target: DeliveryTarget;
  message: Message;
  teamId: number | null;
  subject: string | null;
  nature: 'news' | 'nudge';
  rank: number;
  urgent: boolean;
  check: NoticeCheckSpec | null;
}

export type Freshen = (rows: DueDelivery[], ctx: { db: Db; now: Date }) => Promise<Map<number, Verdict>>;

/** Where the recipient's working time says a message may go: now, or the start of their next working period. */
export const heldUntil = ({ now, time, urgent }: { now: Date; time: WorkingTime; urgent: boolean }): Date | null => {
  if (urgent) return null;
  const at = nextWorkingMoment(now, time);
  return at.getTime() > now.getTime() ? at : null;
};

/**
 * Which of these nudges give way: another message on the same subject to the same target was sent within
 * the team's window, or is due within it and is news or ranks higher. One query for the whole batch.
 */
const givingWay = async ({ db, now, candidates }: { db: Db; now: Date; candidates: { row: DueDelivery; windowMs: number }[] }): Promise<Set<number>> => {
  if (candidates.length === 0) return new Set();
  const values = candidates.map(({ row, windowMs }) => ({
    id: row.id,
    target_key: row.targetKey,
    subject: row.subject,
    rank: row.rank,
    since: new Date(now.getTime() - windowMs).toISOString(),
    until: new Date(now.getTime() + windowMs).toISOString(),
  }));
  const result = await db.execute(sql`select c.id from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
      as c(id bigint, target_key text, subject text, rank int, since timestamptz, until timestamptz)
    where exists (select 1 from ${deliveries} as other
      where other.target_key = c.target_key and other.subject = c.subject and other.id <> c.id
        and ((other.status = 'sent' and other.sent_at > c.since)
          or (other.status in ('pending', 'sending') and other.not_before <= c.until and (other.nature = 'news' or other.rank > c.rank))))`);
  return new Set(rowsOf<{ id: number | string }>(result).map((row) => Number(row.id)));
};

/** The outbox's hook: a verdict for every due delivery that carries notice metadata (the others just go). */
export const createFreshen =
  (checks: readonly NoticeCheck[]): Freshen =>
  async (rows, { db, now }) => {
    const verdicts = new Map<number, Verdict>();
    const governed = rows.filter((row) => row.teamId !== null);
    if (governed.length === 0) return verdicts;
    const byName = new Map(checks.map((check) => [check.name, check]));
    const teamRows = await db.select().from(teams).where(inArray(teams.id, [...new Set(governed.map((row) => row.teamId!))]));
    const teamById = new Map(teamRows.map((team) => [team.id, team]));
    const personIds = governed.flatMap((row) => (row.target.kind === 'dm' ? [row.target.personId] : []));
    const personRows = personIds.length === 0 ? [] : await db.select().from(people).where(inArray(people.id, [...new Set(personIds)]));
    const personById = new Map(personRows.map((person) => [person.id, person]));
    const absences = await absencesOf({ db, personIds, now });
    // Nudges still going after their re-check and the recipient's hours: the window decides, for all at once.
    const windowed: { row: DueDelivery; windowMs: number }[] = [];

    for (const row of governed) {
      const team = teamById.get(row.teamId!);
      // The team is gone (its rows cascade), or the person: nothing left to be true about.
      if (!team) {
        verdicts.set(row.id, { kind: 'drop', reason: 'team_gone' });
        continue;
      }
      const recipient = row.target.kind === 'dm' ? (personById.get(row.target.personId) ?? null) : null;
      if (row.target.kind === 'dm' && !recipient) {
        verdicts.set(row.id, { kind: 'drop', reason: 'recipient_gone' });
        continue;
      }
      const time = recipient ? workingTimeFrom({ person: recipient, team, absences: absences.get(recipient.id) ?? [] }) : null;
      const verdict = await judge({ db, now, row, team, recipient, time, byName });
      verdicts.set(row.id, verdict);
      if (verdict.kind === 'send' && row.nature === 'nudge' && row.subject) windowed.push({ row, windowMs: team.noticeWindowMinutes * 60_000 });
    }
    for (const id of await givingWay({ db, now, candidates: windowed })) verdicts.set(id, { kind: 'drop', reason: 'window' });
    return verdicts;
  };

const judge = async ({ db, now, row, team, recipient, time, byName }: { db: Db; now: Date; row: DueDelivery; team: TeamRow; recipient: PersonRow | null; time: WorkingTime | null; byName: Map<string, NoticeCheck> }): Promise<Verdict> => {
  let message: Message | undefined;
  if (row.check) {
    const check = byName.get(row.check.name);
    // A check this process does not know (queued by a newer version): the message goes unchecked rather
    // than holding up the whole outbox.
    const verdict: CheckVerdict = !check ? { fresh: true } : await check.check(check.args.parse(row.check.args), { db, now, team, recipient, time, message: row.message });
    if (!verdict.fresh) return { kind: 'drop', reason: verdict.reason };
    message = verdict.message;
  }
  if (time) {
    const until = heldUntil({ now, time, urgent: row.urgent });
    if (until) return row.nature === 'nudge' && isAwayAt(now, time) ? { kind: 'drop', reason: 'recipient_away' } : { kind: 'hold', until };
  }
  return message ? { kind: 'send', message } : { kind: 'send' };
};

/** Nothing to judge: used where no bot is wired (bare outbox tests). */
export const sendEverything: Freshen = async () => new Map();
