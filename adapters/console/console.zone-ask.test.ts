import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/bot.js';
import { createControllableClock } from '../../src/core/clock.js';
import { coreJobs, coreModules } from '../../src/core/modules/index.js';
import { silentLogger } from '../../src/core/ports.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { openPgliteCopy } from '../../test/helpers/database.js';
import { createConsoleAdapter } from './index.js';

type Line = { at: string; to: { kind: string; person?: string }; text: string; selects?: { actionId: string; options: { label: string; value: string }[] }[]; updated?: boolean; ephemeral: boolean };

// The console's people have no zone (like Discord's), so the real core asks them, and `:pick` answers.
describe('the zone question in the console', () => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await openPgliteCopy();
  });
  afterEach(async () => handle.close());

  const runScript = async (lines: string[]) => {
    const clock = createControllableClock({ start: new Date('2026-11-23T08:00:00Z'), frozen: true });
    const bot = createBot({ db: handle.db, clock, logger: silentLogger, modules: coreModules, jobs: coreJobs });
    const [input, output, errorOutput] = [new PassThrough(), new PassThrough(), new PassThrough()];
    const chunks: string[] = [];
    const problems: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    errorOutput.on('data', (chunk: Buffer) => problems.push(chunk.toString('utf8')));
    const adapter = createConsoleAdapter({ bot, clock, input, output, errorOutput, json: true, interactive: false, logger: silentLogger });
    const scheduler = createScheduler({ db: handle.db, bot, clock, logger: silentLogger, ports: new Map([['console', adapter.port]]) });
    input.end(lines.map((line) => `${line}\n`).join(''));
    await adapter.run({ scheduler });
    return { lines: chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Line), stderr: problems.join('') };
  };

  it('asks a person without a zone once, and :pick sets it and replaces the question', async () => {
    const { lines, stderr } = await runScript([
      '/obm setup Acme Co',
      '/obm setup zone Europe/Amsterdam',
      ':as maria member',
      ':as olivia',
      '/task add Send the weekly report @maria due friday 17:00',
      '/task add Book the venue @maria due thursday 12:00',
      ':as maria',
      ':pick Atlantis',
      ':pick Manila',
      '/obm me',
    ]);
    const toMaria = lines.filter((line) => line.to.kind === 'dm' && line.to.person === 'maria');
    const asks = toMaria.filter((line) => line.selects);
    expect(asks).toHaveLength(1);
    expect(asks[0]!.text).toContain('I’m using Europe/Amsterdam (the team’s zone) for your times until you tell me yours: it is 09:00 there now.');
    expect(asks[0]!.selects![0]!.options).toContainEqual({ label: 'Manila (UTC+8)', value: 'Asia/Manila' });
    expect(stderr).toContain('No menu option “Atlantis” on a message to maria. Usage: :pick <option label, its start, or value>');
    const picked = lines.find((line) => line.updated)!;
    expect(picked).toMatchObject({ to: { kind: 'dm', person: 'maria' }, text: 'Thanks! Your zone is now Asia/Manila; it is 16:00 there now. I’ll use it for your times from now on.' });
    expect(picked.selects).toBeUndefined();
    expect(lines.at(-1)!.text).toContain('Zone: Asia/Manila');
  });
});
