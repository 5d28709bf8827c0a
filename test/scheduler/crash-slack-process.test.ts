import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { DELIVERY_EVENT_TYPE } from '../../adapters/slack/slack.outbound.js';
import { upsertPerson } from '../../src/core/modules/people/people.repository.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { deliveries } from '../../src/db/schema/index.js';
import { DEFAULT_TEAM, startFakeSlack, type FakeSlack } from '../fakes/slack-web-api.js';
import { openPostgresCopy } from '../helpers/database.js';
import { freePort } from '../helpers/main-process.js';
import { enqueueDm, seedWorkspace, statusCounts } from './support/fixtures.js';

const DMS = 200;
const PEOPLE = 100;
// CRASH_RUNS=20 runs it more times by hand (the README's figures).
const RUNS = Number(process.env.CRASH_RUNS ?? 3);
const KILL_AFTER_POSTS = 50;
const root = join(import.meta.dirname, '..', '..');

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const waitFor = async (condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
const killGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
};

/**
 * `npm start` as an operator runs it on Slack and PostgreSQL, in a process group of its own: tsx runs
 * main.ts in a node process of its own, which a SIGKILL to tsx alone would leave running.
 */
const startMain = ({ databaseUrl, fake, port }: { databaseUrl: string; fake: FakeSlack; port: number }) => {
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', DATABASE_URL: databaseUrl, PORT: String(port), SLACK_SIGNING_SECRET: 'crash-secret', SLACK_BOT_TOKEN: DEFAULT_TEAM.token, SLACK_API_URL: fake.apiUrl, TICK_SECONDS: '1', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  cleanups.push(() => killGroup(child, 'SIGKILL'));
  return child;
};

/** Posts Slack holds per delivery id, read from the metadata the bot put on each one. */
const postsPerDelivery = (fake: FakeSlack) => {
  const counts = new Map<number, number>();
  for (const post of fake.posted) {
    if (post.metadata?.event_type !== DELIVERY_EVENT_TYPE) continue;
    const id = Number(post.metadata.event_payload.delivery_id);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
};

/**
 * The runs share one database and one Slack, and follow each other: each queues 200 DMs to the process
 * the previous run restarted, kills it with -9 once Slack got ~50 of them, and starts the next one. (Each
 * start of main.ts costs seconds; chaining spares one per run.)
 */
const crashRuns = async (runs: number) => {
  const handle: DatabaseHandle = await openPostgresCopy();
  cleanups.push(() => handle.close());
  // Slack answers each post 40 ms after keeping it: a kill lands between the two for some of them.
  const fake = await startFakeSlack({ postDelayMs: 40 });
  cleanups.push(() => fake.close());
  const workspace = await seedWorkspace({ db: handle.db, platform: 'slack', externalId: DEFAULT_TEAM.id });
  const people = [];
  for (let n = 0; n < PEOPLE; n += 1) people.push(await upsertPerson({ db: handle.db, workspaceId: workspace.id, user: { userId: `U0CRASH${String(n).padStart(3, '0')}`, displayName: `Person ${n}` } }));
  const port = await freePort();
  let running = startMain({ databaseUrl: handle.url!, fake, port });

  for (let run = 1; run <= runs; run += 1) {
    const postedBefore = fake.posted.length;
    for (let n = 0; n < DMS; n += 1) await enqueueDm({ db: handle.db, workspaceId: workspace.id, person: people[n % PEOPLE]!, text: `run ${run} assignment ${n}`, at: new Date(Date.now() - 1_000) });
    const queued = (await handle.db.select({ id: deliveries.id }).from(deliveries)).map((row) => row.id);
    expect(queued).toHaveLength(DMS * run);

    // Killed while sends are in flight: Slack holds posts it has not answered yet.
    await waitFor(() => fake.posted.length >= postedBefore + KILL_AFTER_POSTS && fake.unanswered() > 0, 30_000, `Slack to get ${KILL_AFTER_POSTS} DMs of run ${run}`);
    killGroup(running, 'SIGKILL');
    await exited(running);
    const postedAtKill = fake.posted.length - postedBefore;
    // What the dead process had claimed and not recorded, with the lease it would otherwise have waited out.
    const orphaned = await handle.db
      .select({ id: deliveries.id, lockedUntil: deliveries.lockedUntil })
      .from(deliveries)
      .where(and(eq(deliveries.status, 'sending'), isNotNull(deliveries.claimedBy)));
    const postedButUnrecorded = orphaned.filter((row) => postsPerDelivery(fake).has(row.id)).length;

    const restartedAt = Date.now();
    running = startMain({ databaseUrl: handle.url!, fake, port });
    await waitFor(async () => (await statusCounts(handle.db, deliveries)).sent === DMS * run, 30_000, `every DM of run ${run} to be sent after the restart`);
    const finishedMs = Date.now() - restartedAt;

    const counts = postsPerDelivery(fake);
    // None lost: every delivery is on Slack and recorded sent. None twice: one post per delivery id.
    expect(await statusCounts(handle.db, deliveries)).toEqual({ sent: DMS * run });
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual(queued.sort((a, b) => a - b));
    const duplicates = [...counts.values()].filter((count) => count > 1).length;
    expect(duplicates).toBe(0);
    expect(fake.posted).toHaveLength(DMS * run);
    // The restart took over the dead process's claims at once: each was sent before its 60 s lease ran out.
    const after = new Map((await handle.db.select({ id: deliveries.id, sentAt: deliveries.sentAt, platformMessageId: deliveries.platformMessageId }).from(deliveries)).map((row) => [row.id, row]));
    for (const row of orphaned) expect(after.get(row.id)!.sentAt!.getTime()).toBeLessThan(row.lockedUntil!.getTime());
    // Each DM's recorded message is the one Slack holds.
    for (const post of fake.posted) expect(after.get(Number(post.metadata!.event_payload.delivery_id))!.platformMessageId).toBe(`${post.channel}:${post.ts}`);
    console.info(
      `slack crash run ${run}: ${postedAtKill} posted at kill -9, ${orphaned.length} claims left sending, ${postedButUnrecorded} of them already on Slack (reconciled), ${duplicates} duplicates, all ${DMS} sent ${finishedMs} ms after the restart (start-up included)`,
    );
  }
  killGroup(running, 'SIGTERM');
  await exited(running);
};

describe('the bot process on Slack killed with -9 while the outbox sends 200 DMs, then started again on the same database', () => {
  it.runIf(inject('postgresTemplate'))(
    `loses none and posts none twice, and the DMs after the crash do not wait out the lease (${RUNS} runs)`,
    async () => {
      await crashRuns(RUNS);
    },
    RUNS * 40_000,
  );
});
