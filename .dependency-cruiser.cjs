/**
 * The design's arrows (../shared/DESIGN.md section 2) as rules; `npm test` runs them (test/architecture.test.ts)
 * and a broken one fails the suite. Paths are relative to the project root.
 */
const PLATFORM_OR_DRIVER = ['@slack/', 'discord\\.js', 'node-cron', 'postgres', '@electric-sql/pglite'];
// A package is either resolved into node_modules or, where it cannot be resolved, named bare.
const packages = (names) => [`(^|/)node_modules/(${names.join('|')})`, `^(${names.join('|')})`];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make a newcomer guess which file comes first; split declarations from what uses them.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-platform-neutral',
      severity: 'error',
      comment: 'src/core imports no Slack, Discord, cron or database driver package, nor the scheduler or an adapter.',
      from: { path: '^src/core/' },
      to: { path: [...packages(PLATFORM_OR_DRIVER), '^src/scheduler/', '^adapters/'] },
    },
    {
      name: 'db-below-core-modules',
      severity: 'error',
      comment: 'The database layer knows no module, no scheduler and no adapter.',
      from: { path: '^src/db/' },
      to: { path: ['^src/core/modules/', '^src/core/bot', '^src/scheduler/', '^adapters/'] },
    },
    {
      name: 'scheduler-imports-no-module',
      severity: 'error',
      comment: 'The scheduler drives the core through the bot’s hooks (runJob, jobFailed, deliveryFailed), never a module.',
      from: { path: '^src/scheduler/' },
      to: { path: ['^src/core/modules/', '^adapters/'] },
    },
    {
      name: 'adapters-translate-only',
      severity: 'error',
      comment: 'Adapters use the core’s ports and message model: never the database, the ORM or a module’s internals.',
      from: { path: '^adapters/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^src/db/', '^src/core/modules/', '^src/scheduler/', ...packages(['drizzle-orm', 'postgres', '@electric-sql/pglite'])] },
    },
    {
      name: 'adapters-apart',
      severity: 'error',
      comment: 'One adapter never imports another; what two share belongs in the core.',
      from: { path: '^adapters/([^/]+)/' },
      to: { path: '^adapters/', pathNot: '^adapters/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
