import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/main-process.js';

/**
 * A database that accepts the TCP connection and then never says a word (a hung server, a black-holed
 * proxy): start-up used to sit in postgres.js's 30 s connect timeout twice, 62 s, before failing.
 * No PostgreSQL needed: the silent server is this test's.
 */
describe('start-up against a database that accepts connections and never answers', () => {
  let silent: Server;
  const sockets = new Set<Socket>();
  let port = 0;

  beforeAll(async () => {
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('stops with one line naming the database, password redacted, instead of waiting a minute', async () => {
    const { output, exited } = runMain({ DATABASE_URL: `postgres://righthand:hunter2-secret@127.0.0.1:${port}/righthand`, LOG_LEVEL: 'silent' });
    // The vitest timeout below is the bound: connect_timeout 5 s, the first answer 6 s, plus tsx's start (seconds on a
    // loaded machine); it took 62 s before.
    expect(await exited).toBe(1);
    const lines = output.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Righthand could not start: PostgreSQL at postgres://righthand:\\*+@127\\.0\\.0\\.1:${port}/righthand is unreachable \\(.+\\)$`));
    expect(output.stderr).not.toContain('hunter2');
    // It did reach the server: this is the silent case, not a refused connection.
    expect(output.stdout).toBe('');
  }, 40_000);
});
