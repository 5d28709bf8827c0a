/**
 * A scheduler process for the crash test: it works the outbox of the PostgreSQL database it is given
 * until nothing is left, through a slow fake platform whose memory lives in files (so it outlives us):
 * `calls.log` gets every hand-off, `accepted.log` each message the platform accepted, once per
 * idempotency key, as Discord does with a message nonce.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createBot } from '../../../src/core/bot.js';
import { silentLogger, systemClock, type ChatPort } from '../../../src/core/ports.js';
import { openDatabase } from '../../../src/db/client.js';
import { createScheduler } from '../../../src/scheduler/scheduler.js';
import { noteJob } from './test-jobs.js';

const url = process.env.CRASH_DATABASE_URL!;
const dir = process.env.CRASH_DIR!;
const sendMs = Number(process.env.CRASH_SEND_MS ?? 20);
const callsFile = join(dir, 'calls.log');
const acceptedFile = join(dir, 'accepted.log');
const accepted = new Set(existsSync(acceptedFile) ? readFileSync(acceptedFile, 'utf8').split('\n').filter(Boolean).map((line) => line.split(' ')[0]!) : []);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const port: ChatPort = {
  platform: 'console',
  send: async (message) => {
    await sleep(sendMs);
    const key = String(message.deliveryId);
    const target = message.target.kind === 'channel' ? message.target.channelId : message.target.userId;
    appendFileSync(callsFile, `${key}\n`);
    if (!accepted.has(key)) {
      accepted.add(key);
      appendFileSync(acceptedFile, `${key} ${target}\n`);
    }
    return { ok: true, platformMessageId: key };
  },
};

const handle = await openDatabase({ driver: 'postgres', url, maxConnections: 6 });
const bot = createBot({ db: handle.db, clock: systemClock, logger: silentLogger, modules: [], jobs: [noteJob({ worker: `pid-${process.pid}`, recordEffect: false })] });
const scheduler = createScheduler({
  db: handle.db,
  bot,
  clock: systemClock,
  logger: silentLogger,
  ports: new Map([['console', port]]),
  leaseMs: Number(process.env.CRASH_LEASE_MS ?? 2_000),
  batchSize: 40,
  // One job lane: jobs then commit one group after the other, so delivery ids follow commit order and the
  // test may check each channel's order by id. With several lanes, two groups committing at once have no
  // order between them (the outbox may send the one committed first though its id is higher), which is
  // the promise: messages keep the order in which they were committed, not in which ids were drawn.
  concurrency: 1,
  sendConcurrency: 8,
});
const open = async () => {
  const result = await handle.db.execute(sql`select
    (select count(*) from jobs where status in ('pending', 'running'))::int
    + (select count(*) from deliveries where status in ('pending', 'sending'))::int as open`);
  return (result as unknown as Array<{ open: number }>)[0]!.open;
};
// What the previous process left 'running' or 'sending' comes back once its lease runs out.
while ((await open()) > 0) {
  await scheduler.runDue(new Date());
  await sleep(100);
}
await handle.close();
