import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openPostgresCopy } from './database.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

/** One line of `--json` output: a delivered message or a reply. */
export type Transcript = {
  at: string;
  to: { kind: string; person?: string; channel?: string; thread?: string };
  text: string;
  buttons: { label: string; actionId: string; value: string }[];
  ephemeral: boolean;
  updated?: boolean;
  form?: unknown;
};

/** Runs `npm start -- --json --clock <clock>` as a newcomer would, with the script piped to stdin. */
export const runConsole = async ({ script, clock, env }: { script: string; clock: string; env: Record<string, string> }) => {
  const child = run(join(root, 'node_modules/.bin/tsx'), ['src/main.ts', '--json', '--clock', clock], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', TZ: process.env.TZ ?? 'UTC', ...env },
    timeout: 90_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  child.child.stdin!.end(script);
  const { stdout, stderr } = await child;
  return { lines: stdout.trim().split('\n').map((line) => JSON.parse(line) as Transcript), stderr };
};

/** The environment of a fresh embedded database in a temporary DATA_DIR, removed afterwards. */
export const withFreshDataDir = async <T>(body: (env: Record<string, string>) => Promise<T>): Promise<T> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'righthand-e2e-'));
  try {
    return await body({ DATA_DIR: dataDir });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};

/** The environment of a fresh PostgreSQL database (needs DATABASE_URL), dropped afterwards. */
export const withFreshPostgres = async <T>(body: (env: Record<string, string>) => Promise<T>): Promise<T> => {
  const handle = await openPostgresCopy();
  try {
    return await body({ DATABASE_URL: handle.url! });
  } finally {
    await handle.close();
  }
};
