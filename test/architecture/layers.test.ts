import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const config = join(root, '.dependency-cruiser.cjs');
const cli = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}

/** Runs dependency-cruiser's own command line with the checked-in rules, as `npx depcruise` would. */
const cruise = async (cwd: string, paths: string[]): Promise<{ violations: Violation[]; totalCruised: number }> => {
  // It exits non-zero when it finds violations; the JSON on stdout says which.
  const { stdout } = await promisify(execFile)(process.execPath, [cli, '--config', config, '--output-type', 'json', ...paths], { cwd, maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  const result = JSON.parse(stdout) as { summary: { violations: Violation[]; totalCruised: number } };
  return result.summary;
};

const describeViolation = (violation: Violation) =>
  `${violation.rule.name}: ${violation.from} → ${violation.cycle ? violation.cycle.map((step) => step.name).join(' → ') : violation.to}`;

describe('the layers (dependency-cruiser, .dependency-cruiser.cjs)', () => {
  it('holds for src and adapters: no cycle, and every arrow points the way the design draws it', async () => {
    const summary = await cruise(root, ['src', 'adapters']);
    expect(summary.totalCruised).toBeGreaterThan(150);
    expect(summary.violations.map(describeViolation)).toEqual([]);
  });

  const sandbox = mkdtemp(join(tmpdir(), 'righthand-layers-'));
  afterAll(async () => rm(await sandbox, { recursive: true, force: true }));

  it('fails on each kind of break: a cycle, a platform package in the core, the scheduler or the database reaching into a module, an adapter reaching into the database or another adapter', async () => {
    const dir = await sandbox;
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
      'src/core/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'src/core/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
      'src/core/leak.ts': "import cron from 'node-cron';\nexport const leak = cron;\n",
      'src/core/modules/tasks/tasks.usecases.ts': 'export const addTask = () => 1;\n',
      'src/scheduler/outbox.ts': "import { addTask } from '../core/modules/tasks/tasks.usecases.js';\nexport const send = addTask;\n",
      'src/db/schema.ts': 'export const tasks = 1;\n',
      'src/db/queries.ts': "import { addTask } from '../core/modules/tasks/tasks.usecases.js';\nexport const q = addTask;\n",
      'adapters/slack/index.ts': "import { tasks } from '../../src/db/schema.js';\nimport { render } from '../discord/render.js';\nexport const slack = [tasks, render];\n",
      'adapters/discord/render.ts': 'export const render = 1;\n',
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const summary = await cruise(dir, ['src', 'adapters']);
    const broken = new Set(summary.violations.map((violation) => violation.rule.name));
    expect([...broken].sort()).toEqual(['adapters-apart', 'adapters-translate-only', 'core-is-platform-neutral', 'db-below-core-modules', 'no-circular', 'scheduler-imports-no-module']);
  });
});
