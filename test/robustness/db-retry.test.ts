import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { silentLogger } from '../../src/core/ports.js';
import { checkReachable, openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { watchDatabase } from '../../src/db/health.js';
import { isConnectionError, withConnectionRetry } from '../../src/db/retry.js';
import { rowsOf } from '../../src/db/rows.js';
import { workspaces } from '../../src/db/schema/index.js';
import { openPostgresCopy } from '../helpers/database.js';
import { waitFor } from '../slack/harness.js';

const root = join(import.meta.dirname, '..', '..');

/** A server that accepts TCP connections and never says a word (a hung database, a black-holed proxy). */
const startSilentServer = async () => {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

describe('recognising a lost database connection (no PostgreSQL needed)', () => {
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  beforeAll(async () => {
    silent = await startSilentServer();
  });
  afterAll(async () => silent.close());

  it('a refused connection and a silent server are connection errors; the first question fails in seconds, naming the database', async () => {
    const refused = await openDatabase({ driver: 'postgres', url: 'postgres://bot:s3cret@127.0.0.1:1/righthand', connectTimeoutSeconds: 1 });
    const quiet = await openDatabase({ driver: 'postgres', url: `postgres://bot:s3cret@127.0.0.1:${silent.port}/righthand`, connectTimeoutSeconds: 1 });
    try {
      const refusal = await refused.db.execute(sql`select 1`).then(() => null, (error: unknown) => error);
      const silence = await quiet.db.execute(sql`select 1`).then(() => null, (error: unknown) => error);
      expect([isConnectionError(refusal), isConnectionError(silence)]).toEqual([true, true]);
      await expect(checkReachable(quiet)).rejects.toThrow(new RegExp(`^PostgreSQL at postgres://bot:\\*\\*\\*@127\\.0\\.0\\.1:${silent.port}/righthand is unreachable \\(write CONNECT_TIMEOUT 127\\.0\\.0\\.1:${silent.port}\\)$`));
      await expect(checkReachable(refused)).rejects.toThrow('PostgreSQL at postgres://bot:***@127.0.0.1:1/righthand is unreachable (connect ECONNREFUSED 127.0.0.1:1)');
      expect(await quiet.ping(500)).toBe(false);
    } finally {
      await Promise.all([refused.close(), quiet.close()]);
    }
  });

  it('any other error is not retried: it fails on the first attempt', async () => {
    let attempts = 0;
    await expect(
      withConnectionRetry(async () => {
        attempts += 1;
        throw Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
      }),
    ).rejects.toThrow('duplicate key');
    expect(attempts).toBe(1);
  });
});

/** Runs a few lines of TypeScript in a child process with the containment installed; resolves its exit code and stderr. */
const runContained = (body: string) =>
  new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
    const script = `import { containDriverFaults } from ${JSON.stringify(join(root, 'src/db/driver-faults.ts'))};
const logger = { debug() {}, info() {}, error() {}, warn: (_: unknown, message: string) => console.log('warn: ' + message) };
containDriverFaults({ logger: logger as never, databaseUrl: 'postgres://bot@db.example:6543/righthand' });
${body}
setTimeout(() => { console.log('alive'); process.exit(0); }, 300);`;
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['--eval', script], { cwd: root, env: { PATH: process.env.PATH ?? '' } });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
  });

describe('the process-wide containment of driver faults (a child process each)', () => {
  it("carries on after postgres.js 3.4's null-socket write (porsager/postgres#1154) and an orphaned connection rejection, with one warn line each", async () => {
    const { code, stdout } = await runContained(`
setImmediate(() => {
  const error = new TypeError("Cannot read properties of null (reading 'write')");
  error.stack = error.message + '\\n    at Immediate.nextWrite (file:///app/node_modules/postgres/src/connection.js:255:22)';
  throw error;
});
void Promise.reject(Object.assign(new Error('write CONNECTION_CLOSED db.example:6543'), { code: 'CONNECTION_CLOSED', errno: 'CONNECTION_CLOSED' }));
void Promise.reject(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104, syscall: 'read', port: 6543 }));`);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([
      'warn: a database query lost its connection with nobody waiting for it; carrying on',
      'warn: a database query lost its connection with nobody waiting for it; carrying on',
      'warn: database driver wrote to a closed connection (porsager/postgres#1154); carrying on',
      'alive',
    ]);
  });

  it('still ends the process on anything else: the same TypeError from elsewhere, another library’s ECONNRESET, a plain error', async () => {
    const elsewhere = await runContained(`setImmediate(() => { throw new TypeError("Cannot read properties of null (reading 'write')"); });`);
    const foreign = await runContained(`void Promise.reject(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read', port: 443 }));`);
    const plain = await runContained(`setImmediate(() => { throw new Error('boom'); });`);
    expect([elsewhere.code, foreign.code, plain.code]).toEqual([1, 1, 1]);
    expect(elsewhere.stderr).toContain("Cannot read properties of null (reading 'write')");
    expect(foreign.stderr).toContain('ECONNRESET');
    expect(plain.stderr).toContain('boom');
    expect(`${elsewhere.stdout}${foreign.stdout}${plain.stdout}`).not.toContain('alive');
  }, 30_000);
});

describe('the database watch behind /healthz', () => {
  it('turns down after a failed probe asked twice, and up when the database answers again', async () => {
    let answering = true;
    let pings = 0;
    const changes: boolean[] = [];
    const watch = watchDatabase({ ping: async () => (pings++, answering), intervalMs: 20, logger: silentLogger, onChange: (up) => changes.push(up) });
    try {
      await waitFor(() => pings >= 2, 'two probes');
      expect(changes).toEqual([]);
      answering = false;
      await waitFor(() => changes.length === 1, 'the watch to turn down');
      answering = true;
      await waitFor(() => changes.length === 2, 'the watch to turn up');
      expect(changes).toEqual([false, true]);
      expect(watch.up).toBe(true);
    } finally {
      watch.stop();
    }
  });
});

describe.runIf(inject('postgresTemplate'))('retrying on PostgreSQL', () => {
  let handle: DatabaseHandle;
  let admin: postgres.Sql;
  beforeAll(async () => {
    handle = await openPostgresCopy({ maxConnections: 2 });
    admin = postgres(handle.url!, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await admin?.end();
    await handle?.close();
  });

  it('runs a transaction again whole when its connection is cut in the middle: its effect lands once', async () => {
    const externalId = `cut-${randomBytes(4).toString('hex')}`;
    let attempts = 0;
    const errors: unknown[] = [];
    await withConnectionRetry(
      () =>
        handle.db.transaction(async (tx) => {
          attempts += 1;
          await tx.insert(workspaces).values({ platform: 'console', externalId }).onConflictDoNothing();
          if (attempts === 1) {
            // Every backend of the bot's pool, this transaction's included, as an administrator would.
            await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
          }
          await tx.execute(sql`select 1`);
        }),
      { onRetry: (error) => errors.push(error) },
    );
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(errors.length).toBe(attempts - 1);
    expect(errors.every(isConnectionError)).toBe(true);
    const rows = await handle.db.select().from(workspaces).where(sql`${workspaces.externalId} = ${externalId}`);
    expect(rows).toHaveLength(1);
  });

  it('a database that refuses connections for a moment (allow_connections false) is waited out', async () => {
    const name = new URL(handle.url!).pathname.slice(1);
    // From the database DATABASE_URL names: PostgreSQL will not disallow connections to the one you are in.
    const outside = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const errors: unknown[] = [];
    try {
      await outside.unsafe(`alter database "${name}" allow_connections false`);
      await outside`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name}`;
      // (A postgres.js query runs once it is awaited or then'd: `void` alone would never send it.)
      const reopen = setTimeout(() => outside.unsafe(`alter database "${name}" allow_connections true`).then(() => {}), 1_000);
      const result = await withConnectionRetry(() => handle.db.execute(sql`select 7 as seven`), { onRetry: (error) => errors.push(error) }).finally(() => clearTimeout(reopen));
      expect(rowsOf(result)).toEqual([{ seven: 7 }]);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every(isConnectionError)).toBe(true);
    } finally {
      await outside.unsafe(`alter database "${name}" allow_connections true`);
      await outside.end();
    }
  });
});
