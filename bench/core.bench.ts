import { randomBytes } from 'node:crypto';
import { count } from 'drizzle-orm';
import postgres from 'postgres';
import { createBot, type Bot } from '../src/core/bot.js';
import type { Invocation } from '../src/core/invocation.js';
import { coreJobs, coreModules } from '../src/core/modules/index.js';
import { silentLogger, systemClock, type UserInfo } from '../src/core/ports.js';
import { openDatabase, type DatabaseHandle } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { tasks } from '../src/db/schema/index.js';

/**
 * The core alone: `bot.handle` for the Slack benchmark's `/task add` (a manager in a team channel, one
 * mentioned member, a due phrase), on PGlite in memory and, with DATABASE_URL, on PostgreSQL. No HTTP, no
 * Slack: what the work after an ack costs. Figures: commands per second one at a time and 4 at a time (the
 * Slack adapter's limit), and the process's CPU milliseconds per command (user + system). On PGlite the
 * database runs in this process, so its CPU counts; on PostgreSQL only the bot's does, which is the figure
 * that competes with the acks. CPU time hardly moves when the machine is busy; wall time does.
 *
 * Profile it: `node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/run.ts core`
 * (RIGHTHAND_CORE_BENCH_DRIVER=postgres or pglite runs one driver only; RIGHTHAND_CORE_BENCH_MEASURED sets the count).
 */

const WARMUP = 300;
const MEASURED = Number(process.env.RIGHTHAND_CORE_BENCH_MEASURED ?? 2_000);
const CONCURRENT = 4;
const CHANNEL = 'C0BENCH01';
const MANAGER: UserInfo = { userId: 'U0BENCHMGR', displayName: 'manager' };
const ASSIGNEES = ['U0BENCH001', 'U0BENCH002', 'U0BENCH003', 'U0BENCH004', 'U0BENCH005'];

const directory = { lookup: async (userId: string): Promise<UserInfo | null> => ({ userId, displayName: `Person ${userId.slice(-3)}`, zone: 'Europe/Amsterdam' }) };

let ids = 0;
const invocation = (line: string): Invocation => {
  const [command = '', ...rest] = line.split(' ');
  return {
    id: `bench-${++ids}-${randomBytes(4).toString('hex')}`,
    platform: 'slack',
    workspace: { externalId: 'T0BENCH' },
    actor: MANAGER,
    channel: { id: CHANNEL, isDm: false },
    input: { kind: 'command', command, text: rest.join(' ') },
    directory,
  };
};

const taskAdd = (n: number) => invocation(`/task add Bench task ${n} <@${ASSIGNEES[n % ASSIGNEES.length]}> due friday 17:00`);

/** `total` commands, `concurrent` in flight; returns wall seconds and CPU ms per command. */
const drive = async (bot: Bot, from: number, total: number, concurrent: number) => {
  let next = from;
  const end = from + total;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrent }, async () => {
      while (next < end) {
        const reply = await bot.handle(taskAdd(next++));
        if (reply.kind !== 'message' || !/#\d+/.test(JSON.stringify(reply))) throw new Error(`unexpected reply: ${JSON.stringify(reply).slice(0, 300)}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: total / seconds, cpuMs: (used.user + used.system) / 1000 / total };
};

const benchOn = async (label: string, handle: DatabaseHandle) => {
  await runMigrations(handle);
  const bot = createBot({ db: handle.db, clock: systemClock, logger: silentLogger, modules: coreModules, jobs: coreJobs });
  const setup = await bot.handle(invocation('/obm setup Bench Co'));
  if (setup.kind !== 'message') throw new Error('setup failed');
  for (const person of ASSIGNEES) await bot.handle(invocation(`/obm team add <@${person}> member`));
  let sent = 0;
  await drive(bot, sent, WARMUP, 1);
  sent += WARMUP;
  const serial = await drive(bot, sent, MEASURED, 1);
  sent += MEASURED;
  const parallel = await drive(bot, sent, MEASURED, CONCURRENT);
  sent += MEASURED;
  const [row] = await handle.db.select({ n: count() }).from(tasks);
  if (row!.n !== sent) throw new Error(`${row!.n} tasks for ${sent} commands`);
  const line = (what: string, result: { perSecond: number; cpuMs: number }) =>
    console.log(`${label.padEnd(11)}${what.padEnd(14)}${result.perSecond.toFixed(0).padStart(8)}${result.cpuMs.toFixed(2).padStart(12)}`);
  line('1 at a time', serial);
  line(`${CONCURRENT} at a time`, parallel);
};

export const runCoreBench = async (): Promise<void> => {
  const only = process.env.RIGHTHAND_CORE_BENCH_DRIVER;
  console.log(`bot.handle('/task add ... <@member> due friday 17:00'), ${MEASURED} measured commands after ${WARMUP} warm-up`);
  console.log('database   in flight      cmds/s  CPU ms/cmd');
  if (only !== 'postgres') {
    const handle = await openDatabase({ driver: 'pglite' });
    try {
      await benchOn('PGlite', handle);
    } finally {
      await handle.close();
    }
  }
  const url = process.env.DATABASE_URL;
  if (only === 'pglite') return;
  if (!url) {
    console.log('PostgreSQL skipped: set DATABASE_URL (a PostgreSQL it may create a database beside)');
    return;
  }
  const name = `${decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres'}_core_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const benchUrl = new URL(url);
  benchUrl.pathname = `/${name}`;
  const handle = await openDatabase({ driver: 'postgres', url: benchUrl.toString() });
  try {
    await benchOn('PostgreSQL', handle);
  } finally {
    await handle.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
};
