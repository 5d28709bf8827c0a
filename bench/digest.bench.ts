import { randomBytes } from 'node:crypto';
import { asc } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { createChartRenderer } from '../src/charts/echarts-renderer.js';
import { forEachConcurrently } from '../src/scheduler/concurrency.js';
import { databaseKind, defaultJobConcurrency } from '../src/scheduler/database-kind.js';
import { buildDigest } from '../src/core/modules/digests/digests.build.js';
import { digestData } from '../src/core/modules/digests/digests.data.js';
import { TREND_PERIODS } from '../src/core/modules/digests/digests.headlines.js';
import { periodsEndingWith } from '../src/core/modules/metrics/metrics.periods.js';
import { periodReportedBy } from '../src/core/modules/metrics/metrics.schedule.js';
import type { ChartRenderer } from '../src/core/ports.js';
import { atLocalTime } from '../src/core/time.js';
import type { DatabaseHandle } from '../src/db/client.js';
import type { Database } from '../src/db/database.js';
import { runMigrations } from '../src/db/migrate.js';
import * as schema from '../src/db/schema/index.js';
import { teams } from '../src/db/schema/index.js';
import { disagreements, floorDigest } from './digest.floor.js';
import { DIGEST_DATE, DIGEST_MINUTES, seedDigestBench, ZONES } from './digest.seed.js';
import { sampleRss } from './rss.js';

/**
 * Every team's weekly digest built as it posts, without sending: 300 teams of 15 people with a year of
 * tasks, standups, classes and metrics on PostgreSQL (digest.seed.ts), the digest of Monday 09:00 in each
 * team's zone. Timed per team, one after another (a digest's own latency): without charts, then with the
 * chart drawn (the renderer timed on its own); and the whole Monday as the scheduler runs its digest jobs,
 * several at once, each in its own transaction, and in the same run the floor: one hand-written
 * statement per team computing the same numbers (digest.floor.ts), which must agree with the product's for
 * every team, or the bench fails. Targets (issue 16): all teams without charts under 10 s, per-team p99
 * under 200 ms and within 3x of the floor's p99; a chart under 150 ms p99.
 * RIGHTHAND_DIGEST_BENCH_TEAMS sets the number of teams (300). The index it once suggested (standup_answers by
 * blocker_task_id) is now migration 0018.
 */

const TEAMS = Number(process.env.RIGHTHAND_DIGEST_BENCH_TEAMS ?? 300);
const WARMUP = 20;

export const runDigestBench = async (): Promise<void> => {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('The digest bench needs DATABASE_URL (a PostgreSQL it may create a database beside).');
    process.exit(2);
  }
  const name = `${decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres'}_digest_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  let opened: ReturnType<typeof openPostgres> | null = null;
  const rss = sampleRss();
  let disagreeing = 0;
  try {
    const benchUrl = new URL(url);
    benchUrl.pathname = `/${name}`;
    opened = openPostgres(benchUrl.toString());
    // As the bot does at start.
    await runMigrations(opened.handle);
    disagreeing = await report(opened, rss);
  } finally {
    rss.stop();
    await opened?.handle.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
  if (disagreeing > 0) throw new Error(`the floor and the product disagree for ${disagreeing} of ${TEAMS} teams: the floor measures something else`);
};

const report = async ({ handle, pg }: { handle: DatabaseHandle; pg: postgres.Sql }, rss: ReturnType<typeof sampleRss>): Promise<number> => {
  const { db } = handle;
  const seedStart = performance.now();
  const counts = await seedDigestBench(pg, TEAMS);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const rows = Object.values(counts).reduce((sum, count) => sum + count, 0);
  console.log(`digest bench: ${TEAMS} teams x 15 people, a year up to Monday ${DIGEST_DATE} 09:00 in ${ZONES.join(', ')}`);
  console.log(`seeded ${rows.toLocaleString('en')} rows in ${seedSeconds.toFixed(1)} s (with vacuum and analyze):`);
  console.log(`  ${Object.entries(counts).map(([table, count]) => `${table} ${count.toLocaleString('en')}`).join(' · ')}`);

  const list = (await db.select().from(teams).orderBy(asc(teams.id))).map((team) => {
    const at = atLocalTime(DIGEST_DATE, DIGEST_MINUTES, team.zone);
    return { team, at, weeks: periodsEndingWith(periodReportedBy(team, 'weekly', at), TREND_PERIODS) };
  });
  const renderer = createChartRenderer();
  const chartMs: number[] = [];
  let timing = false;
  // The renderer timed on its own: the chart's share of a digest with one.
  const charts: ChartRenderer = {
    svg: (spec) => renderer.svg(spec),
    png: async (spec) => {
      const started = performance.now();
      const bytes = await renderer.png(spec);
      if (timing) chartMs.push(performance.now() - started);
      return bytes;
    },
  };

  // Warm-up: the JIT, drizzle's query building, the pool's connections and PostgreSQL's plans and buffers.
  for (const { team, at, weeks } of list.slice(0, WARMUP)) {
    await buildDigest({ db, team, at, charts: null });
    await buildDigest({ db, team, at, charts });
    await floorDigest(pg, { teamId: team.id, at, weeks });
  }

  // 1. Every team without charts, one after another.
  const plain = await pass(list, async ({ team, at }) => {
    await buildDigest({ db, team, at, charts: null });
  });
  const rssPlain = rss.peak();
  // 1b. Every team without charts as the scheduler runs the Monday's digest jobs: each in its own transaction,
  // as many at once as it runs jobs on this pool (scheduler/database-kind.ts).
  const lanes = defaultJobConcurrency(databaseKind(db));
  const scheduledStart = performance.now();
  await forEachConcurrently({ items: list, limit: lanes, work: async ({ team, at }) => void (await db.transaction((tx) => buildDigest({ db: tx, team, at, charts: null }))) });
  const scheduled = (performance.now() - scheduledStart) / 1000;
  // 2. The floor, timed the same way.
  const floor = await pass(list, async ({ team, at, weeks }) => {
    await floorDigest(pg, { teamId: team.id, at, weeks });
  });
  // 3. With charts.
  timing = true;
  let empty = 0;
  let pictures = 0;
  const charted = await pass(list, async ({ team, at }) => {
    const built = await buildDigest({ db, team, at, charts });
    if (built.empty) empty += 1;
    if (built.message.files?.length) pictures += 1;
  });
  timing = false;
  // 4. The check, untimed: the product's numbers (digestData, what buildDigest renders) against the floor's.
  const wrong: string[] = [];
  let disagreeing = 0;
  for (const { team, at, weeks } of list) {
    const lines = disagreements(await digestData({ db, team, at }), await floorDigest(pg, { teamId: team.id, at, weeks }));
    if (lines.length > 0) disagreeing += 1;
    wrong.push(...lines.slice(0, 3).map((line) => `  team ${team.id} (${team.zone}): ${line}`));
  }

  const ratio = plain.p(99) / floor.p(99);
  const chart = stats(chartMs);
  const extra = charted.p(50) - plain.p(50);
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
  const lines = [
    `without charts, one after another: ${TEAMS} digests in ${plain.total.toFixed(2)} s; per team p50 ${ms(plain.p(50))}  p99 ${ms(plain.p(99))}  max ${ms(plain.max)}`,
    `without charts, as the scheduler runs them (${lanes} jobs at once, each in its transaction): ${TEAMS} digests in ${scheduled.toFixed(2)} s`,
    `floor (one SQL statement per team): ${TEAMS} in ${floor.total.toFixed(2)} s; per team p50 ${ms(floor.p(50))}  p99 ${ms(floor.p(99))}  max ${ms(floor.max)}`,
    `per-team p99 against the floor's: ${ratio.toFixed(2)}x`,
    `with charts: ${TEAMS} digests in ${charted.total.toFixed(2)} s (${pictures} with a chart, ${empty} quiet); per team p50 ${ms(charted.p(50))}  p99 ${ms(charted.p(99))}  max ${ms(charted.max)}`,
    `  chart (renderer.png, ${chartMs.length} charts): p50 ${ms(chart.p(50))}  p99 ${ms(chart.p(99))}  max ${ms(chart.max)}; extra per team at p50 ${ms(extra)}`,
    `peak RSS: ${mb(rssPlain)} through the pass without charts, ${mb(rss.peak())} for the whole run`,
    disagreeing === 0
      ? `check: the floor and the product agree for all ${TEAMS} teams (every headline's 8 points, done per person, overdue with assignees, blockers, next 7 days, owner needs)`
      : `check: the floor and the product DISAGREE for ${disagreeing} teams:\n${wrong.slice(0, 20).join('\n')}`,
    `targets: all without charts < 10 s ${mark(scheduled < 10)} (one after another: ${mark(plain.total < 10)}); per-team p99 < 200 ms ${mark(plain.p(99) < 200)}; within 3x of the floor ${mark(ratio <= 3)}; chart p99 < 150 ms ${mark(chart.p(99) < 150)}`,
  ];
  console.log(lines.join('\n'));
  return disagreeing;
};

type Item = { team: typeof teams.$inferSelect; at: Date; weeks: ReturnType<typeof periodsEndingWith> };

/** Runs `work` for each team in turn: the wall time of the whole pass and each team's. */
const pass = async (list: Item[], work: (item: Item) => Promise<void>) => {
  const samples: number[] = [];
  const started = performance.now();
  for (const item of list) {
    const begun = performance.now();
    await work(item);
    samples.push(performance.now() - begun);
  }
  return { total: (performance.now() - started) / 1000, ...stats(samples) };
};

const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p: (q: number) => sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((q / 100) * sorted.length) - 1))] ?? NaN,
    max: sorted.at(-1) ?? NaN,
  };
};

/** The pool `openDatabase` makes for PostgreSQL (same options), and the raw client for the seed and the floor. */
const openPostgres = (url: string): { handle: DatabaseHandle; pg: postgres.Sql } => {
  const pg = postgres(url, { max: 10, onnotice: () => {}, connection: { TimeZone: 'UTC' } });
  const db = drizzle(pg, { schema }) as unknown as Database;
  return { pg, handle: { db, acceptDb: db, driver: 'postgres', url, ping: async () => true, close: () => pg.end({ timeout: 5 }) } };
};


const ms = (value: number) => `${value.toFixed(1)} ms`;
const mark = (met: boolean) => (met ? 'met' : 'MISSED');
