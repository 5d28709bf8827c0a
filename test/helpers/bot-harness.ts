import { createBot } from '../../src/core/bot.js';
import { createControllableClock } from '../../src/core/clock.js';
import type { InvocationInput, Reply } from '../../src/core/invocation.js';
import type { JobHandler } from '../../src/core/jobs.js';
import { buttonsOf, plainText, type Message } from '../../src/core/messages.js';
import { coreJobs, coreModules } from '../../src/core/modules/index.js';
import { silentLogger, type ChartRenderer, type ChatPort, type Logger, type OutboundMessage, type UserInfo } from '../../src/core/ports.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { createRecordingPort } from '../fakes/recording-chat-port.js';

/**
 * The real bot, scheduler and outbox on a real migrated database, with a recording chat port: what the
 * console does, minus the terminal. People are platform user ids; `people` says who the directory knows.
 */
export const createHarness = async ({
  handle,
  start,
  people = {},
  jobs = [],
  onSend,
  logger = silentLogger,
  publicUrl,
  charts = null,
}: {
  handle: DatabaseHandle;
  start: string;
  people?: Record<string, Partial<UserInfo>>;
  jobs?: readonly JobHandler[];
  /** Runs at each hand-off, before it is recorded: where a test inspects the database at the moment of sending. */
  onSend?: (message: OutboundMessage) => Promise<void>;
  /** Where the bot and scheduler log (silent unless a test reads what was logged). */
  logger?: Logger;
  /** PUBLIC_URL: the calendar feeds' URLs start with it (unset: the feeds say they need it). */
  publicUrl?: string;
  /** Draws the digest's chart (src/charts); none by default, as the console without files. */
  charts?: ChartRenderer | null;
}) => {
  const clock = createControllableClock({ start: new Date(start), frozen: true });
  const bot = createBot({ db: handle.db, clock, logger, modules: coreModules, jobs: [...coreJobs, ...jobs], publicUrl: publicUrl ?? null, charts });
  const recorder = createRecordingPort('console', () => clock.now());
  const port: ChatPort = onSend ? { ...recorder.port, send: async (message) => (await onSend(message), recorder.port.send(message)) } : recorder.port;
  const scheduler = createScheduler({ db: handle.db, bot, clock, logger, ports: new Map([['console', port]]) });
  const directory = {
    lookup: async (userId: string): Promise<UserInfo | null> =>
      userId in people ? { userId, displayName: people[userId]!.displayName ?? userId[0]!.toUpperCase() + userId.slice(1), ...people[userId] } : null,
  };
  let counter = 0;

  const invoke = async (user: string, channel: string, input: InvocationInput, id?: string): Promise<Reply> => {
    const reply = await bot.handle({
      id: id ?? `test-${++counter}`,
      platform: 'console',
      workspace: { externalId: 'demo', name: 'Demo' },
      actor: (await directory.lookup(user)) ?? { userId: user, displayName: user },
      channel: { id: channel, isDm: channel.startsWith('dm-') },
      input,
      directory,
    });
    await scheduler.runDue(clock.now());
    return reply;
  };

  /** `/task add x @maria` as `user` in `channel`; `@name` becomes the core's mention of `name`. */
  const run = (user: string, channel: string, line: string, id?: string) => {
    const [command = '', ...rest] = line.trim().split(' ');
    const text = rest.join(' ').replace(/(^|\s)@([\w.-]+)/g, '$1@{$2}');
    return invoke(user, channel, { kind: 'command', command: command.replace(/^\//, ''), text }, id);
  };

  /** A client team in `channel`, set up by `manager`, with members in the given roles; the recorder starts empty. */
  const setupTeam = async ({ channel, client, manager, members }: { channel: string; client: string; manager: string; members: Record<string, 'manager' | 'member' | 'owner'> }) => {
    await run(manager, channel, `/obm setup ${client}`);
    for (const [name, role] of Object.entries(members)) await run(manager, channel, `/obm team add @${name} ${role}`);
    recorder.clear();
  };

  return {
    db: handle.db,
    setupTeam,
    bot,
    clock,
    scheduler,
    recorder,
    run,
    click: (user: string, actionId: string, value: string, id?: string) => invoke(user, `dm-${user}`, { kind: 'action', actionId, value }, id),
    submit: (user: string, formId: string, privateValue: string, values: Record<string, string>) => invoke(user, `dm-${user}`, { kind: 'form', formId, privateValue, values }),
    /** Plain text in the person's DM with the bot, as a platform forwards a DM reply. */
    say: (user: string, text: string) => invoke(user, `dm-${user}`, { kind: 'message', text }),
    /** Moves the clock, running due work in time order as it passes, like the console's `:advance`. */
    advanceTo: async (iso: string) => {
      const target = new Date(iso);
      for (let next = await scheduler.nextDueAt(); next && next <= target; next = await scheduler.nextDueAt()) {
        clock.advanceTo(next);
        await scheduler.runDue(clock.now());
      }
      clock.advanceTo(target);
      await scheduler.runDue(clock.now());
    },
  };
};

export type Harness = Awaited<ReturnType<typeof createHarness>>;

/** The reply's text, whatever its kind, with time tokens rendered as their fallback. */
export const replyText = (reply: Reply): string => {
  switch (reply.kind) {
    case 'message':
    case 'update':
      return plainText(reply.message.text) + (reply.kind === 'update' && reply.notice ? `\n${plainText(reply.notice.text)}` : '');
    case 'form':
      return reply.form.title;
    case 'formErrors':
      // What each refused field says, one a line (the form stays open, so there is no other text).
      return reply.errors.map((error) => error.message).join('\n');
    case 'none':
      return '';
  }
};

export const visibility = (reply: Reply) => (reply.kind === 'message' ? reply.visibility : null);

export const buttonsIn = (message: Message) => buttonsOf(message);
