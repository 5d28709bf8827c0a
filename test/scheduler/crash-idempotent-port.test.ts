import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.js';
import { deliveries, jobs } from '../../src/db/schema/index.js';
import { openPostgresCopy } from '../helpers/database.js';
import { insertNoteJobs, seedWorkspace, statusCounts } from './support/fixtures.js';

const JOBS = 300;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
const waitFor = async (condition: () => boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

const killGroup = (child: ChildProcess) => {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // Already gone.
  }
};

describe('a scheduler process killed in the middle of sending, through a port that honours the delivery id as an idempotency key (as Discord does the nonce; Slack does not: see crash-slack-process.test.ts)', () => {
  it.runIf(inject('postgresTemplate'))(
    'leaves nothing lost and, with the idempotency key, nothing posted twice once another process takes over',
    async () => {
      const handle: DatabaseHandle = await openPostgresCopy();
      cleanups.push(() => handle.close());
      const dir = mkdtempSync(join(tmpdir(), 'rh-crash-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const workspace = await seedWorkspace({ db: handle.db, platform: 'console', externalId: 'acme' });
      await insertNoteJobs({ db: handle.db, count: JOBS, workspaceId: workspace.id, runAt: new Date(Date.now() - 1_000), channels: 30 });
      const calls = join(dir, 'calls.log');
      const accepted = join(dir, 'accepted.log');
      const start = () => {
        const child = spawn('node_modules/.bin/tsx', ['test/scheduler/support/crash-child.ts'], {
          env: { ...process.env, CRASH_DATABASE_URL: handle.url!, CRASH_DIR: dir, CRASH_LEASE_MS: '1500', CRASH_SEND_MS: '20' },
          stdio: ['ignore', 'inherit', 'inherit'],
          // Its own process group: tsx runs the script in a node process of its own, which a SIGKILL to
          // tsx alone would leave running; killing the group kills the worker itself.
          detached: true,
        });
        cleanups.push(() => killGroup(child));
        return child;
      };

      const first = start();
      await waitFor(() => lines(calls).length >= 45, 20_000, 'the first process to hand over 45 messages');
      killGroup(first);
      await exited(first);
      const callsAtKill = lines(calls).length;
      expect(callsAtKill).toBeLessThan(JOBS);

      const second = start();
      expect(await exited(second)).toBe(0);

      const rows = await handle.db.select().from(deliveries);
      expect(await statusCounts(handle.db, jobs)).toEqual({ done: JOBS });
      expect(await statusCounts(handle.db, deliveries)).toEqual({ sent: JOBS });
      const handedOver = lines(calls);
      const unique = new Set(handedOver);
      // None lost: every delivery reached the platform.
      expect([...unique].sort()).toEqual(rows.map((row) => String(row.id)).sort());
      // None posted twice: a resend carried the same key and the platform kept the first.
      const posted = lines(accepted);
      expect(posted).toHaveLength(JOBS);
      expect(new Set(posted.map((line) => line.split(' ')[0])).size).toBe(JOBS);
      // And each channel got its messages in the order they were written.
      const byChannel = new Map<string, number[]>();
      for (const [id, channel] of posted.map((line) => line.split(' '))) byChannel.set(channel!, [...(byChannel.get(channel!) ?? []), Number(id)]);
      for (const ids of byChannel.values()) expect(ids).toEqual([...ids].sort((a, b) => a - b));
      console.info(`crash test: ${callsAtKill} hand-offs before SIGKILL, ${handedOver.length} in all, ${handedOver.length - unique.size} raw duplicates (resends the key absorbed)`);
    },
    60_000,
  );
});
