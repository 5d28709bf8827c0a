/**
 * `npm run bench -- <name>`: runs one benchmark script. They are scripts, not tests: they print figures
 * for a person to read and compare with the targets, and exit non-zero only when they could not run.
 */
const benches: Record<string, () => Promise<void>> = {
  scheduler: async () => (await import('./scheduler.bench.js')).runSchedulerBench(),
  // Slash-command acks under load (bench/slack.ts, from the Slack adapter's work).
  slack: async () => (await import('./slack.js')).runSlackBench(),
  // bot.handle for the same /task add alone: commands/s and CPU ms per command (bench/core.bench.ts).
  core: async () => (await import('./core.bench.js')).runCoreBench(),
  // One digest chart: ECharts SSR to SVG, resvg to PNG (bench/chart.bench.ts).
  chart: async () => (await import('./chart.bench.js')).runChartBench(),
  // Every team's weekly digest built without sending, with and without charts, against a hand-written SQL floor (bench/digest.bench.ts).
  digest: async () => (await import('./digest.bench.js')).runDigestBench(),
};

const name = process.argv[2] ?? '';
const bench = benches[name];
if (!bench) {
  console.error(`Usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
bench().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
