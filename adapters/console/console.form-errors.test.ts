import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/bot.js';
import { createControllableClock } from '../../src/core/clock.js';
import { coreJobs, coreModules } from '../../src/core/modules/index.js';
import { silentLogger } from '../../src/core/ports.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { openPgliteCopy, queryRows } from '../../test/helpers/database.js';
import { createConsoleAdapter } from './index.js';

type Line = { text: string; form?: { formId: string }; errors?: { field: string; message: string }[]; ephemeral: boolean };

// A form answered with a mistake stays the open form, as a modal stays open: the next :submit answers it.
describe('a refused form in the console', () => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await openPgliteCopy();
  });
  afterEach(async () => handle.close());

  const runScript = async (lines: string[], json: boolean) => {
    const clock = createControllableClock({ start: new Date('2026-11-23T08:00:00Z'), frozen: true });
    const bot = createBot({ db: handle.db, clock, logger: silentLogger, modules: coreModules, jobs: coreJobs });
    const [input, output, errorOutput] = [new PassThrough(), new PassThrough(), new PassThrough()];
    const chunks: string[] = [];
    const problems: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    errorOutput.on('data', (chunk: Buffer) => problems.push(chunk.toString('utf8')));
    const adapter = createConsoleAdapter({ bot, clock, input, output, errorOutput, json, interactive: false, logger: silentLogger });
    const scheduler = createScheduler({ db: handle.db, bot, clock, logger: silentLogger, ports: new Map([['console', adapter.port]]) });
    input.end(lines.map((line) => `${line}\n`).join(''));
    await adapter.run({ scheduler });
    return { out: chunks.join(''), stderr: problems.join('') };
  };
  const titles = async () => (await queryRows<{ title: string }>(handle, sql`select title from tasks order by number`)).map((row) => row.title);

  it('shows the error under its field, keeps the answers, and takes the next :submit', async () => {
    const { out, stderr } = await runScript(['/obm setup Acme Co', '/task new', ':submit title="Renew the domain" due="someday maybe"'], true);
    const lines = out.trim().split('\n').map((line) => JSON.parse(line) as Line);
    const refused = lines.at(-1)!;
    expect(refused).toMatchObject({
      form: { formId: 'task.new' },
      text: 'Not saved yet: fix this and send the form again.',
      errors: [{ field: 'due', message: 'That is not a date or time I can read: “someday maybe”.' }],
      ephemeral: true,
    });
    expect(stderr).toBe('');
    expect(await titles()).toEqual([]);
  });

  it('answers the same form again with only the field that was wrong', async () => {
    const { out, stderr } = await runScript(['/obm setup Acme Co', '/task new', ':submit title="Renew the domain" due="someday maybe"', ':submit due="friday 17:00"'], false);
    // The form is shown again with what was typed, and the error under the field.
    expect(out).toContain(['  Not saved yet: fix this and send the form again.', '  title: Title (text, required) [now: Renew the domain]'].join('\n'));
    expect(out).toContain('  due: Due (e.g. friday 17:00) (when) [now: someday maybe]\n    ! That is not a date or time I can read: “someday maybe”.');
    expect(out).toMatch(/Righthand: Added #1 Renew the domain, due Fri 27 Nov, 17:00/);
    // The second :submit found the form open: no "No form is open".
    expect(stderr).toBe('');
    expect(await titles()).toEqual(['Renew the domain']);
  });
});
