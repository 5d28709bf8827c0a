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

// A week of classes in the console, in process (no child process): from Monday 23 Nov 2026, 09:00 in
// Amsterdam. Olivia schedules a class with one seat; Maria (Manila) takes it, Jo (New York) waits, Maria
// drops out, Jo moves up, is reminded, says he attended; the recording goes out; the next week's list is past.
const SCRIPT = `
/obm setup Acme Co
/obm setup zone Europe/Amsterdam
:as maria member
/obm me zone Asia/Manila
:as jo member
/obm me zone America/New_York
:as olivia
/training add Onboarding call tuesday 15:00 for 90 minutes link https://meet.example.com/abc with @maria @jo max 1
:as maria
:click Going
:as jo
:click Going
:as maria
:click Can’t make it
:as olivia
:advance 1d
:advance 8h
:as jo
:click I attended
:as olivia
/training recording 1 https://videos.example.com/x
:advance 5d
/training list past
`;

interface Line {
  at: string;
  to: { kind: string; channel?: string; person?: string };
  text: string;
  buttons: { label: string }[];
  ephemeral: boolean;
  updated?: boolean;
}

describe('a week of classes in the console', () => {
  let handle: DatabaseHandle;
  let bot: Bot;
  let clock: ControllableClock;

  beforeEach(async () => {
    handle = await openPgliteCopy();
    clock = createControllableClock({ start: new Date('2026-11-23T08:00:00Z'), frozen: true });
    bot = createBot({ db: handle.db, clock, logger: silentLogger, modules: coreModules, jobs: coreJobs });
  });
  afterEach(async () => handle.close());

  it('announces, answers, waitlists, reminds in each zone, and shares the recording', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    const adapter = createConsoleAdapter({ bot, clock, input, output, errorOutput: new PassThrough(), json: true, interactive: false, logger: silentLogger });
    const scheduler = createScheduler({ db: handle.db, bot, clock, logger: silentLogger, ports: new Map([['console', adapter.port]]) });
    input.end(SCRIPT);
    await adapter.run({ scheduler });
    const lines = chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Line);
    const summary = lines.map((line) => `${line.at.slice(5, 16)} ${line.to.kind}:${line.to.person ?? line.to.channel}${line.ephemeral ? ' (only you)' : ''}${line.updated ? ' (updated)' : ''}: ${line.text.split('\n').slice(0, 2).join(' | ')}`);
    expect(summary).toEqual([
      '11-23T08:00 channel:general: Acme Co is set up in this channel, and you are its manager. | Zone UTC · language English · working days Mon-Fri · notice window 2h.',
      '11-23T08:00 channel:general: The team’s zone is now Europe/Amsterdam. People who have not set their own zone use it.',
      '11-23T08:00 channel:general: Maria is now a member of Acme Co.',
      '11-23T08:00 channel:maria (only you): Your zone is now Asia/Manila; it is 16:00 there now.',
      '11-23T08:00 channel:general: Jo is now a member of Acme Co.',
      '11-23T08:00 channel:jo (only you): Your zone is now America/New_York; it is 03:00 there now.',
      '11-23T08:00 channel:olivia (only you): Scheduled #1 Onboarding call · Tue 24 Nov, 15:00 (Europe/Amsterdam) · 1 h 30 min. It is announced in the channel. | Heads-up before it goes out:',
      '11-23T08:00 channel:general: #1 Onboarding call | Tue 24 Nov, 15:00 (Europe/Amsterdam) · 1 h 30 min',
      '11-23T08:00 channel:general (updated): #1 Onboarding call | Tue 24 Nov, 15:00 (Europe/Amsterdam) · 1 h 30 min',
      '11-23T08:00 channel:maria (only you): You are going to Onboarding call.',
      '11-23T08:00 channel:general (updated): #1 Onboarding call | Tue 24 Nov, 15:00 (Europe/Amsterdam) · 1 h 30 min',
      '11-23T08:00 channel:jo (only you): Onboarding call is full: you are number 1 on the waitlist. I will tell you when a seat opens.',
      '11-23T08:00 channel:general (updated): #1 Onboarding call | Tue 24 Nov, 15:00 (Europe/Amsterdam) · 1 h 30 min',
      '11-23T08:00 channel:maria (only you): Noted: you can’t make Onboarding call.',
      // Jo hears of his seat at the start of his day; Maria, who cannot come, is never reminded.
      '11-23T14:00 dm:jo: A seat opened up: you are going to Onboarding call on Tue 24 Nov, 09:00 (America/New_York).',
      '11-23T14:00 dm:jo: Reminder: Onboarding call starts Tue 24 Nov, 09:00 (America/New_York) (in 24 h). | Join: https://meet.example.com/abc',
      '11-24T13:00 dm:jo: Reminder: Onboarding call starts Tue 24 Nov, 09:00 (America/New_York) (in 1 h). | Join: https://meet.example.com/abc',
      '11-24T14:00 dm:jo: Onboarding call is starting now. | Join: https://meet.example.com/abc',
      '11-24T15:30 channel:general: #1 Onboarding call has ended. Were you there? Tap below.',
      '11-24T16:00 channel:jo (only you): Thanks: marked you as attended at Onboarding call.',
      '11-24T16:00 channel:olivia (only you): Shared the recording of #1 with the channel and 2 people; 0 who said Going and did not attend got a task to watch it.',
      '11-24T16:00 channel:general: The recording of #1 Onboarding call: https://videos.example.com/x',
      '11-24T16:00 dm:jo: The recording of #1 Onboarding call: https://videos.example.com/x',
      // Maria's copy waits for her morning in Manila.
      '11-25T01:00 dm:maria: The recording of #1 Onboarding call: https://videos.example.com/x',
      '11-29T16:00 channel:olivia (only you): Past classes in Acme Co | #1 Onboarding call · Tue 24 Nov, 15:00 (Europe/Amsterdam) · 1 h 30 min',
    ]);
    // The counts changed in the announcement itself, click by click.
    expect(lines.filter((line) => line.updated).map((line) => line.text.split('\n').find((text) => text.startsWith('Going ')))).toEqual([
      'Going 1 / 1 · Maybe 0 · Can’t 0 · Waitlist 0',
      'Going 1 / 1 · Maybe 0 · Can’t 0 · Waitlist 1',
      'Going 1 / 1 · Maybe 0 · Can’t 1 · Waitlist 0',
    ]);
    expect(lines[7]!.buttons.map((button) => button.label)).toEqual(['Going', 'Maybe', 'Can’t make it']);
  });
});
