import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBot, type Bot } from '../../src/core/bot.js';
import { createControllableClock, type ControllableClock } from '../../src/core/clock.js';
import { defineAction, defineCommand, defineForm, defineSubcommand, type BotModule } from '../../src/core/commands.js';
import { inChannel, ephemeral } from '../../src/core/invocation.js';
import { defineJob, scheduleJob } from '../../src/core/jobs.js';
import { compose, timeToken } from '../../src/core/messages.js';
import { enqueueDelivery } from '../../src/core/deliveries.js';
import { silentLogger, type Scheduler } from '../../src/core/ports.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { openPgliteCopy } from '../../test/helpers/database.js';
import { createConsoleAdapter, type ConsoleAdapterOptions } from './index.js';
import { ROLES } from '../../src/core/identity.js';

/**
 * A small module that exercises every reply kind the console translates: a channel post with a button,
 * an update with a notice, a form and its submission, a mention looked up through the directory, and a
 * scheduled DM that goes out through the real outbox.
 */
const remindJob = defineJob({
  kind: 'test.remind',
  payload: z.object({ workspaceId: z.number(), personId: z.number(), userId: z.string() }),
  run: async (payload, ctx) => {
    await enqueueDelivery({
      db: ctx.db,
      workspaceId: payload.workspaceId,
      target: { kind: 'dm', personId: payload.personId, userId: payload.userId },
      message: compose([
        { type: 'text', text: 'Time to call the client' },
        { type: 'buttons', buttons: [{ label: 'Done', actionId: 'test.done', value: '1' }] },
      ]),
      dedupeKey: `test.remind:${payload.userId}:${ctx.runAt.toISOString()}`,
      notBefore: ctx.now,
    });
  },
});

const anywhere = { scope: 'anywhere' } as const;
const testModule: BotModule = {
  commands: [
    defineCommand({
      name: 'ping',
      description: 'bot.dm_hint',
      fallback: 'now',
      subcommands: [
        defineSubcommand({
          name: 'now',
          usage: '',
          example: '/ping',
          description: 'bot.dm_hint',
          access: anywhere,
          options: [],
          input: z.object({}),
          run: async (_input, ctx) =>
            inChannel(
              compose([
                { type: 'text', text: `pong at ${timeToken(ctx.now, 'Fri 27 Nov, 10:00 (Europe/Amsterdam)')}` },
                { type: 'buttons', buttons: [{ label: 'Ack', actionId: 'test.ack', value: '7' }] },
              ]),
            ),
        }),
      ],
    }),
    defineCommand({
      name: 'test',
      description: 'bot.dm_hint',
      subcommands: [
        defineSubcommand({
          name: 'note',
          usage: 'note',
          example: '/test note',
          description: 'bot.dm_hint',
          access: anywhere,
          options: [],
          input: z.object({}),
          run: async () => ({
            kind: 'form',
            form: {
              formId: 'test.note',
              title: 'Write a note',
              submitLabel: 'Save',
              privateValue: 'note-1',
              fields: [
                { id: 'body', label: 'Note', kind: 'textarea', required: true },
                { id: 'mood', label: 'Mood', kind: 'select', required: false, initial: 'calm', options: [{ label: 'Calm', value: 'calm' }, { label: 'Busy', value: 'busy' }] },
              ],
            },
          }),
        }),
        defineSubcommand({
          name: 'greet',
          usage: 'greet @person',
          example: '/test greet @maria',
          description: 'bot.dm_hint',
          access: anywhere,
          options: [{ name: 'who', kind: 'person', required: true, description: 'who' }],
          input: z.object({ who: z.string() }),
          run: async ({ who }, ctx) => inChannel(compose([{ type: 'text', text: `Hello ${(await ctx.person(who)).displayName}` }])),
        }),
        defineSubcommand({
          name: 'remind',
          usage: 'remind @person',
          example: '/test remind @maria',
          description: 'bot.dm_hint',
          access: anywhere,
          options: [{ name: 'who', kind: 'person', required: true, description: 'who' }],
          input: z.object({ who: z.string() }),
          run: async ({ who }, ctx) => {
            const person = await ctx.person(who);
            const runAt = new Date(ctx.now.getTime() + 2 * 3_600_000);
            await scheduleJob({ db: ctx.db, job: remindJob, payload: { workspaceId: ctx.workspace.id, personId: person.id, userId: person.platformUserId }, runAt, dedupeKey: `test.remind:${person.id}` });
            await enqueueDelivery({
              db: ctx.db,
              workspaceId: ctx.workspace.id,
              target: { kind: 'channel', channelId: ctx.invocation.channel.id },
              message: compose([{ type: 'text', text: `Reminder for ${person.displayName} set for ${runAt.toISOString()}` }]),
              dedupeKey: `test.remind-post:${person.id}`,
              notBefore: ctx.now,
            });
            return ephemeral(compose([{ type: 'text', text: 'OK' }]));
          },
        }),
      ],
    }),
    // Stands in for the real `/obm team add`, which `:as <name> <role>` asks for.
    defineCommand({
      name: 'obm',
      description: 'bot.dm_hint',
      subcommands: [
        defineSubcommand({
          name: 'team add',
          usage: 'team add @person <role>',
          example: '/obm team add @maria member',
          description: 'bot.dm_hint',
          access: anywhere,
          options: [
            { name: 'who', kind: 'person', required: true, description: 'who' },
            { name: 'role', kind: 'word', choices: [...ROLES], required: true, description: 'role' },
          ],
          input: z.object({ who: z.string(), role: z.enum(ROLES) }),
          run: async ({ who, role }, ctx) => ephemeral(compose([{ type: 'text', text: `${ctx.actor.displayName} added ${(await ctx.person(who)).displayName} as ${role}.` }])),
        }),
      ],
    }),
  ],
  actions: [
    defineAction({
      actionId: 'test.ack',
      run: async (value, ctx) => ({
        kind: 'update',
        message: compose([{ type: 'text', text: `pong ${value} (acknowledged by ${ctx.actor.displayName})` }]),
        notice: compose([{ type: 'text', text: 'Thanks!' }]),
      }),
    }),
    defineAction({ actionId: 'test.done', run: async () => ({ kind: 'update', message: compose([{ type: 'text', text: 'Called ✓' }]) }) }),
  ],
  forms: [
    defineForm({
      formId: 'test.note',
      input: z.object({ body: z.string().min(1), mood: z.string() }),
      run: async ({ body, mood }, privateValue) => ephemeral(compose([{ type: 'text', text: `Noted (${privateValue}): ${body} [${mood}]` }])),
    }),
  ],
};

const START = new Date('2026-11-27T09:00:00Z');

interface Run {
  stdout: string;
  stderr: string;
}

describe('the console adapter on a real bot and database', () => {
  let handle: DatabaseHandle;
  let bot: Bot;
  let clock: ControllableClock;

  beforeEach(async () => {
    handle = await openPgliteCopy();
    clock = createControllableClock({ start: START, frozen: true });
    bot = createBot({ db: handle.db, clock, logger: silentLogger, modules: [testModule], jobs: [remindJob] });
  });
  afterEach(async () => handle.close());

  const collect = (stream: PassThrough) => {
    const chunks: string[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    return () => chunks.join('');
  };

  /** Runs a script through the adapter the way `righthand console < script` would. */
  const runScript = async (lines: string[], options: Partial<ConsoleAdapterOptions> & { wrap?: (scheduler: Scheduler) => Scheduler } = {}): Promise<Run> => {
    const input = new PassThrough();
    const output = new PassThrough();
    const errorOutput = new PassThrough();
    const stdout = collect(output);
    const stderr = collect(errorOutput);
    const { wrap = (scheduler: Scheduler) => scheduler, ...rest } = options;
    const adapter = createConsoleAdapter({ bot, clock, input, output, errorOutput, json: false, interactive: false, logger: silentLogger, ...rest });
    const scheduler = wrap(createScheduler({ db: handle.db, bot, clock, logger: silentLogger, ports: new Map([['console', adapter.port]]) }));
    input.end(lines.map((line) => `${line}\n`).join(''));
    await adapter.run({ scheduler });
    return { stdout: stdout(), stderr: stderr() };
  };

  it('prints one JSON object per message in --json mode, and problems on stderr', async () => {
    const { stdout, stderr } = await runScript(
      [
        '# a comment, then a blank line',
        '',
        '/ping',
        ':click ack',
        '/test note',
        ':submit body="Call the client"',
        '/test greet @bob',
        ':click Nope',
        ':as maria member',
        '/test remind @maria',
        ':advance 3h',
        ':click Done',
        ':quit',
        '/ping',
      ],
      { json: true },
    );
    const at9 = '"at":"2026-11-27T09:00:00.000Z"';
    expect(stdout.split('\n')).toEqual([
      `{${at9},"to":{"kind":"channel","channel":"general"},"text":"pong at Fri 27 Nov, 10:00 (Europe/Amsterdam)","buttons":[{"label":"Ack","actionId":"test.ack","value":"7"}],"ephemeral":false}`,
      `{${at9},"to":{"kind":"channel","channel":"general"},"text":"pong 7 (acknowledged by Olivia)","buttons":[],"ephemeral":false,"updated":true}`,
      `{${at9},"to":{"kind":"channel","channel":"general","person":"olivia"},"text":"Thanks!","buttons":[],"ephemeral":true}`,
      `{${at9},"to":{"kind":"channel","channel":"general","person":"olivia"},"form":{"formId":"test.note","title":"Write a note","fields":[{"id":"body","label":"Note","kind":"textarea","required":true},{"id":"mood","label":"Mood","kind":"select","required":false}]},"text":"Write a note","buttons":[],"ephemeral":true}`,
      `{${at9},"to":{"kind":"channel","channel":"general","person":"olivia"},"text":"Noted (note-1): Call the client [calm]","buttons":[],"ephemeral":true}`,
      `{${at9},"to":{"kind":"channel","channel":"general","person":"olivia"},"text":"I do not know bob in this workspace. Mention them with @ so I can look them up.","buttons":[],"ephemeral":true}`,
      `{${at9},"to":{"kind":"channel","channel":"general","person":"olivia"},"text":"Olivia added Maria as member.","buttons":[],"ephemeral":true}`,
      `{${at9},"to":{"kind":"channel","channel":"general","person":"maria"},"text":"OK","buttons":[],"ephemeral":true}`,
      `{${at9},"to":{"kind":"channel","channel":"general"},"text":"Reminder for Maria set for 2026-11-27T11:00:00.000Z","buttons":[],"ephemeral":false}`,
      `{"at":"2026-11-27T11:00:00.000Z","to":{"kind":"dm","person":"maria"},"text":"Time to call the client","buttons":[{"label":"Done","actionId":"test.done","value":"1"}],"ephemeral":false}`,
      `{"at":"2026-11-27T12:00:00.000Z","to":{"kind":"dm","person":"maria"},"text":"Called ✓","buttons":[],"ephemeral":false,"updated":true}`,
      '',
    ]);
    expect(stderr.split('\n')).toEqual([
      'No button “Nope” on a message to olivia. Usage: :click <button label or action id>',
      'You are maria (Maria) in #general.',
      'Clock: 2026-11-27T12:00:00.000Z',
      '',
    ]);
  });

  it('greets, prompts and renders for a person at a terminal', async () => {
    const { stdout } = await runScript(['/ping', ':channel #Acme', ':dm', 'hello', ':at 2026-11-27T08:00Z', ':advance 90m', ':clock', ':quit'], { interactive: true });
    expect(stdout).toBe(
      [
        'Righthand console (Demo workspace). You are olivia (Olivia) in #general.',
        'Try:',
        '  /obm setup Acme Co',
        '  /task add Send the weekly report @maria due friday 17:00',
        '  /obm help',
        'Directives: :as <name> [manager|member|owner], :channel <name>, :dm, :click <button label or action id>, :pick <option>, :submit field=value field2="two words" ..., :at <ISO time>, :advance <90m|2h|1d12h>, :clock, :help, :quit (:help explains them)',
        'olivia@#general> [#general] Righthand: pong at Fri 27 Nov, 10:00 (Europe/Amsterdam)',
        '  [Ack]',
        'olivia@#general> You are olivia in #acme.',
        'olivia@#acme> You are olivia in a DM with Righthand (:channel <name> to leave).',
        'olivia@dm> (only you) Righthand: I answer slash commands. Type /obm help to see them all.',
        'olivia@dm> The clock only moves forward; it is 2026-11-27T09:00:00.000Z. Usage: :at <ISO time, e.g. 2026-11-27T09:00Z>',
        'olivia@dm> Clock: 2026-11-27T10:30:00.000Z',
        'olivia@dm> 2026-11-27T10:30:00.000Z',
        'olivia@dm> ',
      ].join('\n'),
    );
  });

  it('shows deliveries made while time moves under the moment they went out', async () => {
    const { stdout } = await runScript([':as maria', '/test remind @maria', ':advance 1d', ':click done', ':submit'], {});
    expect(stdout).toBe(
      [
        'You are maria (Maria) in #general.',
        '(only you) Righthand: OK',
        '[#general] Righthand: Reminder for Maria set for 2026-11-27T11:00:00.000Z',
        '-- 2026-11-27T11:00:00.000Z',
        '[DM to maria] Righthand: Time to call the client',
        '  [Done]',
        'Clock: 2026-11-28T09:00:00.000Z',
        '[DM to maria] Righthand (updated): Called ✓',
        'No form is open for maria. Usage: :submit field=value field2="two words" ...',
        '',
      ].join('\n'),
    );
  });

  it('keeps a form for the person it was opened for and checks its fields', async () => {
    const { stdout } = await runScript(['/test note', ':as maria', ':submit body=x', ':as olivia', ':submit title=x', ':submit body="Two words" mood=busy'], {});
    expect(stdout).toBe(
      [
        '(only you) Form: Write a note',
        '  body: Note (textarea, required)',
        '  mood: Mood (select) one of: calm | busy [now: calm]',
        '  Answer with :submit body="..." mood=...',
        'You are maria (Maria) in #general.',
        'The open form “Write a note” is olivia’s: :as olivia first. Usage: :submit field=value field2="two words" ...',
        'You are olivia (Olivia) in #general.',
        'The form has no field title; its fields are body, mood. Usage: :submit field=value field2="two words" ...',
        '(only you) Righthand: Noted (note-1): Two words [busy]',
        '',
      ].join('\n'),
    );
  });

  it('prints an error line when a line fails and carries on with the next', async () => {
    let failures = 1;
    const { stdout } = await runScript(['/ping', '/ping'], {
      wrap: (scheduler) => ({
        ...scheduler,
        runDue: async (now) => {
          if (failures-- > 0) throw new Error('database went away');
          return scheduler.runDue(now);
        },
      }),
    });
    expect(stdout).toBe(
      [
        '[#general] Righthand: pong at Fri 27 Nov, 10:00 (Europe/Amsterdam)',
        '  [Ack]',
        'Error: database went away (the line was not completed; carry on)',
        '[#general] Righthand: pong at Fri 27 Nov, 10:00 (Europe/Amsterdam)',
        '  [Ack]',
        '',
      ].join('\n'),
    );
  });

  it('lets real time tick at a terminal with a moving clock, and stops it when input ends', async () => {
    const calls: string[] = [];
    const spy: Scheduler = {
      runDue: async (now) => void calls.push(`runDue ${now.getTime() >= START.getTime()}`),
      nextDueAt: async () => null,
      start: () => void calls.push('start'),
      stop: async () => void calls.push('stop'),
    };
    const input = new PassThrough();
    const output = new PassThrough();
    const stdout = collect(output);
    const moving = createControllableClock({ start: START, frozen: false });
    const adapter = createConsoleAdapter({ bot, clock: moving, input, output, json: true, interactive: true, logger: silentLogger });
    input.end(':clock\n');
    await adapter.run({ scheduler: spy });
    expect(calls).toEqual(['start', 'runDue true', 'runDue true', 'stop']);
    // --json keeps stdout for JSON lines even at a terminal: no greeting, no prompt.
    expect(stdout()).toBe('');
  });

  it('resolves when piped input ends, after sending what is due', async () => {
    const { stdout, stderr } = await runScript([], { json: true });
    expect(stdout).toBe('');
    expect(stderr).toBe('');
  });
});
