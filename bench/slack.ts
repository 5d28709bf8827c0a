import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { App, LogLevel } from '@slack/bolt';
import { createSlackAdapter, startHttpServer } from '../adapters/slack/index.js';
import { createBot } from '../src/core/bot.js';
import { coreJobs, coreModules } from '../src/core/modules/index.js';
import { silentLogger, systemClock } from '../src/core/ports.js';
import { openDatabase } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { commandBody, signedRequest } from '../test/fakes/slack-signing.js';
import { DEFAULT_TEAM, startFakeSlack } from '../test/fakes/slack-web-api.js';

/**
 * Slash command acks under load: signed `/task add` requests, 50 at a time, against the bot in HTTP mode on
 * PostgreSQL and, in the same run, against a bare Bolt app that only acks the same requests (the floor).
 * Each server, and the fake Slack they answer to, runs in its own process, as Slack is remote; this
 * process only sends requests and times them from the first byte sent to the response.
 * Targets: p99 under 100 ms, and within 1.5x of the floor.
 */

const CONCURRENCY = 50;
const WARMUP = 300;
const MEASURED = 2_000;
const ROUNDS = 2;
const SECRET = 'bench-signing-secret';
const TEAM = DEFAULT_TEAM.id;
const CHANNEL = 'C0BENCH01';
const MANAGER = 'U0BENCHMGR';
const ASSIGNEES = ['U0BENCH001', 'U0BENCH002', 'U0BENCH003', 'U0BENCH004', 'U0BENCH005'];
const ROLE = process.env.RIGHTHAND_SLACK_BENCH_ROLE;

type Role = 'fake' | 'bot' | 'floor';

// ---- the servers (child processes)

/** Prints `ready <url>` once serving; the parent reads it. */
const serve = async (role: Role) => {
  // A clean exit on the parent's SIGTERM, so a CPU profile (RIGHTHAND_SLACK_BENCH_PROFILE) gets written.
  process.once('SIGTERM', () => process.exit(0));
  const apiUrl = process.env.SLACK_API_URL!;
  if (role === 'fake') {
    const fake = await startFakeSlack();
    console.log(`ready ${fake.url}`);
    return;
  }
  if (role === 'floor') {
    const app = new App({ signingSecret: SECRET, token: DEFAULT_TEAM.token, clientOptions: { slackApiUrl: apiUrl }, logLevel: LogLevel.ERROR, deferInitialization: true });
    await app.init();
    app.command(/^\/.+/, async ({ ack }) => {
      await ack();
    });
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as { address(): { port: number } };
    console.log(`ready http://127.0.0.1:${server.address().port}`);
    return;
  }
  const handle = await openDatabase({ driver: 'postgres', url: process.env.DATABASE_URL! });
  await runMigrations(handle);
  const bot = createBot({ db: handle.db, acceptDb: handle.acceptDb, clock: systemClock, logger: silentLogger, modules: coreModules, jobs: coreJobs });
  const http = await startHttpServer({ port: 0, host: '127.0.0.1', logger: silentLogger });
  const adapter = createSlackAdapter({
    bot,
    config: { mode: 'http', port: http.port, signingSecret: SECRET, appToken: null, apiUrl, auth: { kind: 'token', botToken: DEFAULT_TEAM.token } },
    logger: silentLogger,
    http,
  });
  await adapter.start();
  http.setReady(true);
  console.log(`ready ${http.url}`);
};

/** RIGHTHAND_SLACK_BENCH_PROFILE=<dir>: the bot's process (only) writes a CPU profile there when it stops. */
const PROFILE_DIR = process.env.RIGHTHAND_SLACK_BENCH_PROFILE;

const startChild = (role: Role, env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> =>
  new Promise((resolve, reject) => {
    const script = fileURLToPath(import.meta.url);
    const profile = role === 'bot' && PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [];
    const child = spawn(process.execPath, ['--import', 'tsx', ...profile, script], { env: { ...process.env, ...env, RIGHTHAND_SLACK_BENCH_ROLE: role }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /ready (\S+)/.exec(out);
      if (ready) resolve({ url: ready[1]!, child });
    });
    child.on('exit', (code) => reject(new Error(`the ${role} server exited (${code}) before it was ready`)));
  });

// ---- the load (this process)

let triggers = 0;
const taskCommand = (text: string, responseUrl: string) =>
  commandBody({
    token: 'bench',
    team_id: TEAM,
    team_domain: 'bench',
    channel_id: CHANNEL,
    channel_name: 'bench',
    user_id: MANAGER,
    user_name: 'manager',
    command: text.split(' ')[0]!,
    text: text.split(' ').slice(1).join(' '),
    api_app_id: 'A0BENCH',
    response_url: responseUrl,
    trigger_id: `${++triggers}.${randomBytes(6).toString('hex')}`,
  });

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** One signed POST; resolves with the ms from sending to the complete response (the ack). */
const post = (url: string, signed: { headers: Record<string, string>; raw: string }): Promise<number> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { method: 'POST', agent, headers: { ...signed.headers, 'content-length': Buffer.byteLength(signed.raw) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(signed.raw);
  });

/** `count` requests, `CONCURRENCY` in flight at any moment; returns each ack's latency and the wall time. */
const load = async (url: string, count: number, responseUrl: string, offset: number) => {
  // Signed before the clock starts: the client's own work is not the servers'.
  const bodies = Array.from({ length: count }, (_, n) => signedRequest(taskCommand(`/task add Bench task ${offset + n} <@${ASSIGNEES[n % ASSIGNEES.length]}> due friday 17:00`, responseUrl), { secret: SECRET }));
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) latencies.push(await post(`${url}/slack/events`, bodies[next++]!));
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const waitForTasks = async (sql: postgres.Sql, count: number) => {
  const started = performance.now();
  for (;;) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from tasks`;
    if (row!.n >= count) return (performance.now() - started) / 1000;
    if (performance.now() - started > 300_000) throw new Error(`only ${row!.n} of ${count} tasks after 5 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const once = async (url: string, line: string, fakeUrl: string) => post(`${url}/slack/events`, signedRequest(taskCommand(line, `${fakeUrl}/response/setup`), { secret: SECRET }));

export const runSlackBench = async (): Promise<void> => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('The Slack benchmark needs DATABASE_URL (a PostgreSQL it may create a database beside).');
  const name = `${decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres'}_slack_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const benchUrl = new URL(url);
  benchUrl.pathname = `/${name}`;
  const children: ChildProcess[] = [];
  const sql = postgres(benchUrl.toString(), { max: 1, onnotice: () => {} });
  try {
    const fake = await startChild('fake', {});
    children.push(fake.child);
    const env = { SLACK_API_URL: `${fake.url}/api/`, DATABASE_URL: benchUrl.toString() };
    const [bot, floor] = await Promise.all([startChild('bot', env), startChild('floor', env)]);
    children.push(bot.child, floor.child);
    const responseUrl = `${fake.url}/response/bench`;

    // A team channel with its manager and members, as in real use.
    await once(bot.url, '/obm setup Bench Co', fake.url);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const person of ASSIGNEES) await once(bot.url, `/obm team add <@${person}> member`, fake.url);

    let sent = 0;
    const results = { floor: { latencies: [] as number[], seconds: 0 }, bot: { latencies: [] as number[], seconds: 0 } };
    let drainSeconds = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const [label, target] of [['floor', floor.url], ['bot', bot.url]] as const) {
        await load(target, WARMUP, responseUrl, sent);
        if (label === 'bot') sent += WARMUP;
        const measured = await load(target, MEASURED, responseUrl, sent);
        if (label === 'bot') {
          sent += MEASURED;
          // Let the bot finish what it acked before the next round, so rounds do not pile up.
          drainSeconds += await waitForTasks(sql, sent);
        }
        results[label].latencies.push(...measured.latencies);
        results[label].seconds += measured.seconds;
      }
    }

    const row = (label: 'floor' | 'bot') => {
      const { latencies, seconds } = results[label];
      return { label, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies), perSecond: latencies.length / seconds };
    };
    const floorRow = row('floor');
    const botRow = row('bot');
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    console.log(`Slack /task add acks, ${CONCURRENCY} concurrent, ${ROUNDS} x ${MEASURED} measured requests each (after ${WARMUP} warm-up), PostgreSQL`);
    console.log('target          p50        p99        max        acks/s');
    for (const item of [floorRow, botRow]) {
      console.log(`${(item.label === 'floor' ? 'bare Bolt (floor)' : 'Righthand bot').padEnd(16)}${ms(item.p50).padStart(9)}  ${ms(item.p99).padStart(9)}  ${ms(item.max).padStart(9)}  ${item.perSecond.toFixed(0).padStart(9)}`);
    }
    console.log(`ratio bot/floor: p50 ${(botRow.p50 / floorRow.p50).toFixed(2)}x, p99 ${(botRow.p99 / floorRow.p99).toFixed(2)}x (target: p99 < 100 ms and <= 1.5x)`);
    const [tasks] = await sql<{ n: number }[]>`select count(*)::int as n from tasks`;
    console.log(`bot: ${tasks!.n} tasks created; work still queued after the last ack took ${drainSeconds.toFixed(1)} s in total to finish`);
    console.log(botRow.p99 < 100 && botRow.p99 <= 1.5 * floorRow.p99 ? 'targets met' : 'targets NOT met');
  } finally {
    agent.destroy();
    for (const child of children) child.kill('SIGTERM');
    await sql.end();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
};

if (ROLE) {
  serve(ROLE as Role).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
