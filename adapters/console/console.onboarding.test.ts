import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/core/bot.js';
import { createControllableClock, type ControllableClock } from '../../src/core/clock.js';
import { coreJobs, coreModules } from '../../src/core/modules/index.js';
import { silentLogger } from '../../src/core/ports.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { openPgliteCopy } from '../../test/helpers/database.js';
import { createConsoleAdapter } from './index.js';

/** Onboarding in the console, the real core behind it: `:as <name> <role>` adds the newcomer, their first command joins them. */
describe('onboarding in the console', () => {
  let handle: DatabaseHandle;
  let bot: Bot;
  let clock: ControllableClock;

  beforeEach(async () => {
    handle = await openPgliteCopy();
    // Monday 23 Nov 2026, 08:00 UTC.
    clock = createControllableClock({ start: new Date('2026-11-23T08:00:00Z'), frozen: true });
    bot = createBot({ db: handle.db, clock, logger: silentLogger, modules: coreModules, jobs: coreJobs });
  });
  afterEach(async () => handle.close());

  const run = async (lines: string[]) => {
    const input = new PassThrough();
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    const adapter = createConsoleAdapter({ bot, clock, input, output, errorOutput: new PassThrough(), json: true, interactive: false, logger: silentLogger });
    const scheduler = createScheduler({ db: handle.db, bot, clock, logger: silentLogger, ports: new Map([['console', adapter.port]]) });
    input.end(lines.map((line) => `${line}\n`).join(''));
    await adapter.run({ scheduler });
    return chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { at: string; to: { kind: string; person?: string }; text: string });
  };

  it('welcomes a newcomer added with :as, and one who just types in the team channel, each once', async () => {
    const shown = await run([
      '/obm setup Acme Co',
      '/sop add Refunds SOP https://docs.example.com/refunds',
      '/sop onboarding add 1 day 1',
      '/sop onboarding task "Set up your 1Password" day 2',
      ':as maria member',
      '/task list mine',
      ':as olivia',
      ':as jo',
      '/task list mine',
      '/task list mine',
      // 08:00 UTC is before their day starts: the welcomes wait for 09:00.
      ':advance 2h',
    ]);
    const welcomes = shown.filter((entry) => entry.to.kind === 'dm' && entry.text.startsWith('Welcome to Acme Co'));
    expect(welcomes.map((entry) => entry.to.person)).toEqual(['maria', 'jo']);
    // The console's people work in the team's zone (UTC here): Monday is day 1, Tuesday day 2.
    expect(welcomes[0]!.text.split('\n').slice(1, 3)).toEqual([
      '#1 Read Refunds SOP · Due Mon 23 Nov, 17:00 (UTC) · https://docs.example.com/refunds',
      '#2 Set up your 1Password · Due Tue 24 Nov, 17:00 (UTC)',
    ]);
  });
});
