import { randomBytes } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { z } from 'zod';
import { createBot } from '../src/core/bot.js';
import { defineJob } from '../src/core/jobs.js';
import { compose } from '../src/core/messages.js';
import { enqueueDelivery } from '../src/core/deliveries.js';
import { silentLogger, systemClock, type ChatPort } from '../src/core/ports.js';
import { drizzle } from 'drizzle-orm/postgres-js';
import type { DatabaseHandle } from '../src/db/client.js';
import type { Database } from '../src/db/database.js';
import { runMigrations } from '../src/db/migrate.js';
import * as schema from '../src/db/schema/index.js';
import { jobs, people, teams, workspaces } from '../src/db/schema/index.js';
import { claimJobs } from '../src/scheduler/queue.js';
import { createScheduler } from '../src/scheduler/scheduler.js';
import { sampleRss } from './rss.js';

const PEOPLE = 10_000;
const JOBS = 20_000;
const SPREAD_MS = 60_000;
const ZONES = [
  'Pacific/Honolulu', 'America/Anchorage', 'America/Los_Angeles', 'America/Denver', 'America/Chicago', 'America/New_York',
  'America/Halifax', 'America/Sao_Paulo', 'Atlantic/South_Georgia', 'Atlantic/Azores', 'Europe/London', 'Europe/Amsterdam',
  'Europe/Athens', 'Europe/Moscow', 'Asia/Dubai', 'Asia/Karachi', 'Asia/Kolkata', 'Asia/Dhaka', 'Asia/Bangkok',
  'Asia/Singapore', 'Asia/Tokyo', 'Australia/Brisbane', 'Pacific/Noumea', 'Pacific/Auckland',
];

// Every DM goes through the notice discipline (re-check of the recipient's working time, the window) as
// the bot's DMs do; RIGHTHAND_BENCH_NOTICES=0 measures bare deliveries instead, for comparison.
const GOVERNED = process.env.RIGHTHAND_BENCH_NOTICES !== '0';

/**
 * The scheduler on PostgreSQL under a minute's load: 20,000 jobs for 10,000 people falling due over 60 s,
 * each sending one DM through a fake adapter with no limits, on the real 1 s tick and the real clock.
 * The people work around the clock every day, so the discipline holds nothing back and only its cost shows.
 * Then, on the same data, the claim query alone (the ceiling) and a backlog of 20,000 jobs due at once
 * (the scheduler's throughput when it is not waiting for work to fall due).
 */
export const runSchedulerBench = async (): Promise<void> => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('The scheduler benchmark needs DATABASE_URL (a PostgreSQL it may create a database beside).');
  const name = `${decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres'}_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  let handle: DatabaseHandle | null = null;
  const rss = sampleRss();
  try {
    const benchUrl = new URL(url);
    benchUrl.pathname = `/${name}`;
    handle = openPostgres(benchUrl.toString());
    await runMigrations(handle);
    await report(handle, rss);
  } finally {
    rss.stop();
    await handle?.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
};

const report = async (handle: DatabaseHandle, rss: { peak(): number }) => {
  const { db } = handle;
  const seeded = Date.now();
  const [workspace] = await db.insert(workspaces).values({ platform: 'console', externalId: 'bench', name: 'Bench' }).returning();
  // Seeded in SQL: the rows are the workload, building them in JavaScript is not.
  const zones = `{${ZONES.join(',')}}`;
  await db.execute(sql`insert into ${people} (workspace_id, platform_user_id, display_name, zone, work_start, work_end)
    select ${workspace!.id}, 'u' || n, 'Person ' || n, (${zones}::text[])[1 + n % ${ZONES.length}], 0, 1439 from generate_series(0, ${PEOPLE - 1}) as n`);
  const [team] = await db.insert(teams).values({ workspaceId: workspace!.id, channelId: 'bench', clientName: 'Bench', workingDays: [1, 2, 3, 4, 5, 6, 7] }).returning();
  const remind = defineJob({
    kind: 'bench.remind',
    payload: z.object({ personId: z.number().int(), userId: z.string(), n: z.number().int(), phase: z.string() }),
    run: async ({ personId, userId, n, phase }, { db: tx, now, runAt }) => {
      await enqueueDelivery({
        db: tx,
        workspaceId: workspace!.id,
        target: { kind: 'dm', personId, userId },
        // The due time rides along so the adapter can tell how late the hand-off is.
        message: compose([{ type: 'text', text: `${runAt.getTime()}` }]),
        dedupeKey: `bench:${phase}:${n}`,
        notBefore: now,
        ...(GOVERNED ? { notice: { teamId: team!.id, subject: `bench:${phase}:${n}`, nature: 'nudge' as const } } : {}),
      });
    },
  });
  /** JOBS jobs for the people in turn, due from `from` over `spreadMs`. */
  const insertJobs = async (phase: string, from: Date, spreadMs: number) => {
    await db.execute(sql`insert into ${jobs} (kind, run_at, payload, dedupe_key)
      select ${remind.kind}, ${from.toISOString()}::timestamptz + make_interval(secs => (n * ${spreadMs} / ${JOBS}) / 1000.0),
        jsonb_build_object('personId', p.id, 'userId', p.platform_user_id, 'n', n, 'phase', ${phase}::text), 'bench:' || ${phase}::text || ':' || n
      from generate_series(0, ${JOBS - 1}) as n join ${people} as p on p.platform_user_id = 'u' || (n % ${PEOPLE})`);
  };

  const adapter = createRecordingAdapter();
  const bot = createBot({ db, clock: systemClock, logger: silentLogger, modules: [], jobs: [remind] });

  const scheduler = createScheduler({ db, bot, clock: systemClock, logger: silentLogger, ports: new Map([['console', adapter.port]]), tickSeconds: 1 });

  // 1. On time: due over one minute from a few seconds from now, on the real tick.
  const start = Date.now() + 3_000;
  await insertJobs('minute', new Date(start), SPREAD_MS);
  await db.execute(sql`analyze`);
  console.log(`seeded ${PEOPLE} people in ${ZONES.length} zones and ${JOBS} jobs in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
  scheduler.start();
  await adapter.waitFor(JOBS, start + SPREAD_MS + 60_000);
  await scheduler.stop();
  const minute = adapter.take();
  const lateness = minute.lateness.sort((a, b) => a - b);

  // 2. The ceiling: the claim query alone on the same rows, claim and complete, nothing else.
  await db.update(jobs).set({ status: 'pending', attempts: 0, runAt: new Date(Date.now() - 60_000), lockedBy: null, lockedUntil: null, finishedAt: null });
  const claimStart = performance.now();
  let claimed = 0;
  for (;;) {
    const rows = await claimJobs({ db, now: new Date(), workerId: 'ceiling', limit: 200, leaseMs: 60_000 });
    if (rows.length === 0) break;
    await db.update(jobs).set({ status: 'done', lockedBy: null, lockedUntil: null }).where(inArray(jobs.id, rows.map((row) => row.id)));
    claimed += rows.length;
  }
  const claimSeconds = (performance.now() - claimStart) / 1000;

  // 3. A backlog: as many jobs due at once, run by the same scheduler until it is done.
  await insertJobs('backlog', new Date(), 0);
  const backlogStart = performance.now();
  await scheduler.runDue(new Date());
  const backlogSeconds = (performance.now() - backlogStart) / 1000;
  const backlog = adapter.take();

  const duplicates = minute.duplicates + backlog.duplicates;
  const losses = JOBS - minute.unique + (JOBS - backlog.unique);
  const at = (q: number) => lateness[Math.min(lateness.length - 1, Math.floor(q * lateness.length))] ?? NaN;
  const lines = [
    `on-time minute (${JOBS} jobs due over ${SPREAD_MS / 1000} s, 1 s tick, real clock, ${GOVERNED ? 'every DM through the notice discipline' : 'bare deliveries'}):`,
    `  deliveries/s while due: ${(minute.unique / ((minute.last - start) / 1000)).toFixed(0)} (bounded by the rate they fall due: ${((JOBS / SPREAD_MS) * 1000).toFixed(0)}/s)`,
    `  lateness (due -> hand-off) p50 ${ms(at(0.5))}  p99 ${ms(at(0.99))}  max ${ms(lateness.at(-1) ?? NaN)}`,
    `backlog (${JOBS} jobs due at once): ${(backlog.unique / backlogSeconds).toFixed(0)} deliveries/s (${backlogSeconds.toFixed(1)} s)`,
    `claim query alone (claim + complete, batches of 200): ${(claimed / claimSeconds).toFixed(0)} jobs/s (${claimed} in ${claimSeconds.toFixed(2)} s)`,
    `duplicates: ${duplicates}  losses: ${losses}`,
    `peak RSS: ${(rss.peak() / 1024 / 1024).toFixed(0)} MB`,
  ];
  console.log(lines.join('\n'));
};

/**
 * The pool `openDatabase` makes for PostgreSQL (same options), without importing the module that also
 * loads PGlite: the bench measures the scheduler's memory, not that of a driver it does not use.
 */
const openPostgres = (url: string): DatabaseHandle => {
  const client = postgres(url, { max: 10, onnotice: () => {}, connection: { TimeZone: 'UTC' } });
  const db = drizzle(client, { schema }) as unknown as Database;
  return { db, acceptDb: db, driver: 'postgres', url, ping: async () => true, close: () => client.end({ timeout: 5 }) };
};

/** A platform with no limits that notes when each delivery was handed over and how often. */
const createRecordingAdapter = () => {
  let seen = new Map<number, number>();
  let lateness: number[] = [];
  let last = 0;
  let duplicates = 0;
  const port: ChatPort = {
    platform: 'console',
    send: async (message) => {
      const now = Date.now();
      const count = (seen.get(message.deliveryId) ?? 0) + 1;
      seen.set(message.deliveryId, count);
      if (count > 1) duplicates += 1;
      else lateness.push(now - Number(message.message.text));
      last = now;
      return { ok: true };
    },
  };
  return {
    port,
    async waitFor(count: number, deadline: number) {
      while (seen.size < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    },
    take() {
      const taken = { unique: seen.size, duplicates, lateness, last };
      seen = new Map();
      lateness = [];
      duplicates = 0;
      return taken;
    },
  };
};


const ms = (value: number) => `${Math.round(value)} ms`;
