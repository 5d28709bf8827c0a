import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** A TCP port nobody listens on right now, for a process that needs PORT. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** `npm start` with this environment (and nothing else from ours); resolves the exit code and what it wrote. */
export const runMain = (env: Record<string, string>) => {
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['src/main.ts'], { cwd: root, env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, exited };
};

/** Polls the process's /healthz until it answers 200, and returns that answer's body. */
export const waitHealthy = async (port: number, timeoutMs: number): Promise<unknown> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
    if (answer?.status === 200) return answer.json();
    if (Date.now() > deadline) throw new Error(`timed out waiting for a healthy process on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
