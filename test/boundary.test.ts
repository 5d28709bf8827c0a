import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

const sourceFiles = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );

/** Every module specifier a file imports or re-exports, static or dynamic. */
const importsOf = (file: string): string[] => {
  const source = readFileSync(join(root, file), 'utf8');
  const patterns = [/^\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/gm, /^\s*import\s*['"]([^'"]+)['"]/gm, /import\(\s*['"]([^'"]+)['"]\s*\)/g];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]!));
};

const FORBIDDEN_IN_CORE = [/^@slack\//, /^discord\.js/, /^node-cron/, /^postgres$/, /^@electric-sql\/pglite/, /adapters\//, /scheduler\//];

describe('the import boundary', () => {
  it('finds the files it checks (a walk that finds nothing would pass vacuously)', () => {
    expect(sourceFiles('src/core').length).toBeGreaterThan(20);
    expect(importsOf('src/core/bot.ts')).toContain('zod');
  });

  it('keeps src/core free of platform, scheduler and driver packages', () => {
    const leaks = sourceFiles('src/core').flatMap((file) =>
      importsOf(file)
        .filter((specifier) => FORBIDDEN_IN_CORE.some((pattern) => pattern.test(specifier)))
        .map((specifier) => `${relative(root, join(root, file))} imports ${specifier}`),
    );
    expect(leaks).toEqual([]);
  });

  it('keeps adapters away from the database and from modules’ internals', () => {
    const leaks = sourceFiles('adapters')
      .filter((file) => !file.endsWith('.test.ts'))
      .flatMap((file) => importsOf(file).filter((specifier) => /src\/db\/|core\/modules\/|^drizzle-orm/.test(specifier)).map((specifier) => `${file} imports ${specifier}`));
    expect(leaks).toEqual([]);
  });

  it('would catch a leak: the checker flags a forbidden import', () => {
    const flagged = ["import { App } from '@slack/bolt';", "import cron from 'node-cron';", "export { x } from 'postgres';"].flatMap((line) =>
      [...line.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/gm)].map((match) => match[1]!).filter((specifier) => FORBIDDEN_IN_CORE.some((pattern) => pattern.test(specifier))),
    );
    expect(flagged).toEqual(['@slack/bolt', 'node-cron', 'postgres']);
  });
});
