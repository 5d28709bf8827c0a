import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob } from '../../../src/core/jobs.js';
import { compose } from '../../../src/core/messages.js';
import { enqueueDelivery } from '../../../src/core/deliveries.js';
import type { Db } from '../../../src/db/database.js';

/** A table only the tests have: one row per time a job's effect ran, with no key, so a second run shows. */
export const createEffectsTable = async (db: Db) => {
  await db.execute(sql`create table if not exists test_job_effects (job text not null, worker text not null)`);
};

export const countEffects = async (db: Db): Promise<{ rows: number; jobs: number; workers: string[] }> => {
  const result = await db.execute(sql`select count(*)::int as rows, count(distinct job)::int as jobs, coalesce(array_agg(distinct worker), '{}') as workers from test_job_effects`);
  const row = (Array.isArray(result) ? result[0] : (result as { rows: unknown[] }).rows[0]) as { rows: number; jobs: number; workers: string[] };
  return row;
};

/**
 * A job whose effect is one outbox delivery to a channel and, when asked, one row in test_job_effects
 * naming the worker that ran it (each scheduler gets its own bot with its own label).
 */
export const noteJob = ({ worker, recordEffect }: { worker: string; recordEffect: boolean }) =>
  defineJob({
    kind: 'test.note',
    payload: z.object({ n: z.number().int(), workspaceId: z.number().int(), channel: z.string() }),
    run: async ({ n, workspaceId, channel }, { db, now }) => {
      if (recordEffect) await db.execute(sql`insert into test_job_effects (job, worker) values (${`note:${n}`}, ${worker})`);
      await enqueueDelivery({ db, workspaceId, target: { kind: 'channel', channelId: channel }, message: compose([{ type: 'text', text: `note ${n}` }]), dedupeKey: `note:${n}`, notBefore: now });
    },
  });

/** A job that never succeeds, for its team's managers to hear about once. */
export const alwaysFailsJob = () =>
  defineJob({
    kind: 'test.always-fails',
    payload: z.object({ teamId: z.number().int() }),
    teamOf: async ({ teamId }) => teamId,
    run: async () => {
      throw new Error('the upstream service is down');
    },
  });
