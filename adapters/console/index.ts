import { mention } from '../../src/core/mentions.js';
import type { Bot } from '../../src/core/bot.js';
import type { ControllableClock } from '../../src/core/clock.js';
import type { InvocationInput, Reply } from '../../src/core/invocation.js';
import { formErrorsMessage } from '../../src/core/replies.js';
import type { ChatPort, Logger, OutboundMessage, Scheduler, SendResult } from '../../src/core/ports.js';
import { DIRECTIVES_LINE, HELP, parseLine, usageOf, type ConsoleLine, type Directive } from './console.directives.js';
import { createConsoleDirectory } from './console.directory.js';
import { buildInvocation, channelLocation, CONSOLE_WORKSPACE, createInvocationIds, dmLocation, translateMentions, type Location } from './console.inbound.js';
import { toHumanText, toJsonLine, type Audience, type Shown } from './console.render.js';
import { createConsoleSession, type OpenForm, type SeenMessage } from './console.session.js';
import { createTerminal } from './console.terminal.js';
import { advanceClock } from './console.time.js';
import { errorMessage } from '../../src/core/errors.js';
import { join } from 'node:path';
import { writeMessageFiles, type WrittenFile } from './console.files.js';

export { CONSOLE_WORKSPACE } from './console.inbound.js';

export interface ConsoleAdapterOptions {
  bot: Bot;
  clock: ControllableClock;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** `--json`: stdout carries one JSON object per message and nothing else. */
  json: boolean;
  /** stdin is a TTY: greet, prompt, and let real time flow when the clock is not frozen. */
  interactive: boolean;
  logger: Logger;
  /** Who the session starts as (the team's manager, by convention): `olivia` unless given. */
  initialPerson?: string;
  /** Where the session starts: `general` unless given. */
  initialChannel?: string;
  /** Where problems and notes go in `--json` mode; process.stderr unless given. */
  errorOutput?: NodeJS.WritableStream;
  /** Where a message's files are written (one folder per delivery): DATA_DIR/files; ./data/files unless given. */
  filesDir?: string;
}

export interface ConsoleAdapter {
  /** Platform 'console': the outbox calls `send` for DMs and channel posts, which are printed. */
  port: ChatPort;
  /** Reads lines until the input ends or `:quit`, then runs the work due and resolves. Never rejects for a bad line. */
  run(deps: { scheduler: Scheduler }): Promise<void>;
}

type Outcome = 'continue' | 'quit';

const TRY_COMMANDS = ['/obm setup Acme Co', '/task add Send the weekly report @maria due friday 17:00', '/obm help'];


export const createConsoleAdapter = (options: ConsoleAdapterOptions): ConsoleAdapter => {
  const filesDir = options.filesDir ?? join('data', 'files');
  const { bot, clock, logger, json } = options;
  const session = createConsoleSession({ person: (options.initialPerson ?? 'olivia').toLowerCase(), channel: (options.initialChannel ?? 'general').replace(/^#/, '').toLowerCase() });
  const directory = createConsoleDirectory({ people: [session.firstPerson] });
  const terminal = createTerminal({ output: options.output, errorOutput: options.errorOutput ?? process.stderr, json, interactive: options.interactive });
  const nextInvocationId = createInvocationIds();
  let sentCount = 0;

  const show = (shown: Shown) => terminal.show(json ? toJsonLine(shown) : toHumanText(shown, { viewer: session.person }));

  const where = () => (session.inDm ? 'a DM with Righthand' : `#${session.channel}`);
  const promptText = () => `${session.person}@${session.inDm ? 'dm' : `#${session.channel}`}> `;

  /** Who sees a reply given at `location` to `actor`: in a DM that is always just them. */
  const replyAudience = ({ actor, location, ephemeral }: { actor: string; location: Location; ephemeral: boolean }): Audience => {
    if (location.isDm) return { kind: 'dm', person: actor };
    return ephemeral ? { kind: 'channel', channel: location.id, person: actor } : { kind: 'channel', channel: location.id };
  };

  const showMessage = ({ to, location, ephemeral, message, updated, files }: Omit<SeenMessage, 'id'> & { updated?: boolean; files?: WrittenFile[] }) => {
    session.remember({ to, location, ephemeral, message });
    show({ kind: 'message', at: clock.now(), to, message, ephemeral, ...(updated ? { updated } : {}), ...(files?.length ? { files } : {}) });
  };

  const present = (reply: Reply, { actor, location, clicked, submitted }: { actor: string; location: Location; clicked?: SeenMessage; submitted?: OpenForm }): void => {
    switch (reply.kind) {
      case 'none':
        return;
      case 'message': {
        const ephemeral = reply.visibility === 'ephemeral';
        showMessage({ to: replyAudience({ actor, location, ephemeral }), location, ephemeral, message: reply.message });
        return;
      }
      case 'form':
        // Like a modal, the form is the actor's alone and replaces any form still open.
        session.openForm({ form: reply.form, person: actor, location });
        show({ kind: 'form', at: clock.now(), to: replyAudience({ actor, location, ephemeral: true }), form: reply.form });
        return;
      case 'formErrors': {
        if (!submitted) {
          showMessage({ to: replyAudience({ actor, location, ephemeral: true }), location, ephemeral: true, message: formErrorsMessage(reply) });
          return;
        }
        // Like a modal that stays open: the same form, as it was sent, with each error under its field; the next :submit answers it.
        const form = { ...submitted.form, fields: submitted.form.fields.map((field) => (reply.values[field.id] !== undefined ? { ...field, initial: reply.values[field.id]! } : field)) };
        session.openForm({ ...submitted, form });
        show({ kind: 'form', at: clock.now(), to: replyAudience({ actor, location, ephemeral: true }), form, errors: { summary: reply.summary, fields: reply.errors } });
        return;
      }
      case 'update':
        if (clicked) {
          session.replace(clicked.id, reply.message);
          show({ kind: 'message', at: clock.now(), to: clicked.to, message: reply.message, ephemeral: clicked.ephemeral, updated: true });
        } else {
          // Nothing was clicked, so there is no message to replace: show it to the person where they are.
          showMessage({ to: replyAudience({ actor, location, ephemeral: true }), location, ephemeral: true, message: reply.message, updated: true });
        }
        if (reply.notice) present({ kind: 'message', message: reply.notice, visibility: 'ephemeral' }, { actor, location });
        return;
    }
  };

  const invoke = async ({ actor, location, input, clicked, submitted }: { actor: string; location: Location; input: InvocationInput; clicked?: SeenMessage; submitted?: OpenForm }) => {
    const info = directory.add(actor);
    const reply = await bot.handle(buildInvocation({ id: nextInvocationId(), actor: info, location, input, directory }));
    present(reply, { actor, location, ...(clicked ? { clicked } : {}), ...(submitted ? { submitted } : {}) });
  };

  /** A button clicked or a menu option picked on a message the person saw: an action that may replace it. */
  const press = (seen: SeenMessage, actionId: string, value: string) => invoke({ actor: session.person, location: seen.location, input: { kind: 'action', actionId, value }, clicked: seen });

  const moveClock = async (scheduler: Scheduler, target: Date, usage: string) => {
    const now = clock.now();
    if (target.getTime() <= now.getTime()) {
      terminal.problem(`The clock only moves forward; it is ${now.toISOString()}. ${usage}`);
      return;
    }
    await advanceClock({ clock, scheduler, target, onStop: (at) => terminal.heading(`-- ${at.toISOString()}`) });
    terminal.heading(null);
    terminal.note(`Clock: ${clock.now().toISOString()}`);
  };

  const runDirective = async (directive: Directive, scheduler: Scheduler): Promise<Outcome> => {
    switch (directive.kind) {
      case 'as': {
        directory.add(directive.person);
        if (directive.role) {
          // Membership is the core's business: the first person (the manager) asks for it the way anyone would.
          await invoke({
            actor: session.firstPerson,
            location: channelLocation(session.channel),
            input: { kind: 'command', command: '/obm', text: `team add ${mention(directive.person)} ${directive.role}` },
          });
        }
        session.switchPerson(directive.person);
        terminal.note(`You are ${directive.person} (${directory.add(directive.person).displayName}) in ${where()}.`);
        return 'continue';
      }
      case 'channel':
        session.switchChannel(directive.channel);
        terminal.note(`You are ${session.person} in #${session.channel}.`);
        return 'continue';
      case 'dm':
        session.enterDm();
        terminal.note(`You are ${session.person} in a DM with Righthand (:channel <name> to leave).`);
        return 'continue';
      case 'click': {
        const found = session.findButton(session.person, directive.button);
        if (!found) {
          terminal.problem(`No button “${directive.button}” on a message to ${session.person}. ${usageOf('click')}`);
          return 'continue';
        }
        await press(found.seen, found.button.actionId, found.button.value);
        return 'continue';
      }
      case 'pick': {
        const found = session.findOption(session.person, directive.option);
        if (!found) {
          terminal.problem(`No menu option “${directive.option}” on a message to ${session.person}. ${usageOf('pick')}`);
          return 'continue';
        }
        await press(found.seen, found.select.actionId, found.option.value);
        return 'continue';
      }
      case 'submit': {
        const open = session.formOf(session.person);
        if (!open) {
          const other = session.currentForm();
          terminal.problem(other ? `The open form “${other.form.title}” is ${other.person}’s: :as ${other.person} first. ${usageOf('submit')}` : `No form is open for ${session.person}. ${usageOf('submit')}`);
          return 'continue';
        }
        // A modal only has its own fields; prefilled ones come back unchanged unless answered.
        const unknown = Object.keys(directive.values).filter((id) => !open.form.fields.some((field) => field.id === id));
        if (unknown.length > 0) {
          terminal.problem(`The form has no field ${unknown.join(', ')}; its fields are ${open.form.fields.map((field) => field.id).join(', ')}. ${usageOf('submit')}`);
          return 'continue';
        }
        const initial = Object.fromEntries(open.form.fields.flatMap((field) => (field.initial !== undefined ? [[field.id, field.initial]] : [])));
        session.closeForm();
        await invoke({
          actor: open.person,
          location: open.location,
          input: { kind: 'form', formId: open.form.formId, privateValue: open.form.privateValue, values: { ...initial, ...directive.values } },
          submitted: open,
        });
        return 'continue';
      }
      case 'at':
        await moveClock(scheduler, directive.instant, usageOf('at'));
        return 'continue';
      case 'advance':
        await moveClock(scheduler, new Date(clock.now().getTime() + directive.ms), usageOf('advance'));
        return 'continue';
      case 'clock':
        terminal.note(clock.now().toISOString());
        return 'continue';
      case 'help':
        terminal.note(HELP);
        return 'continue';
      case 'quit':
        return 'quit';
    }
  };

  const perform = async (line: Exclude<ConsoleLine, { kind: 'skip' }>, scheduler: Scheduler): Promise<Outcome> => {
    switch (line.kind) {
      case 'invalid':
        terminal.problem(line.message);
        return 'continue';
      case 'command':
        await invoke({ actor: session.person, location: session.location(), input: { kind: 'command', command: line.command, text: translateMentions(line.text) } });
        return 'continue';
      case 'message':
        await invoke({ actor: session.person, location: session.location(), input: { kind: 'message', text: translateMentions(line.text) } });
        return 'continue';
      case 'directive':
        return runDirective(line.directive, scheduler);
    }
  };

  /** One line, to completion: its reply, then whatever it queued (the outbox sends it now). */
  const handleLine = async (raw: string, scheduler: Scheduler): Promise<Outcome> => {
    const line = parseLine(raw);
    if (line.kind === 'skip') return 'continue';
    try {
      if ((await perform(line, scheduler)) === 'quit') return 'quit';
      await scheduler.runDue(clock.now());
    } catch (error) {
      logger.error({ err: errorMessage(error), line: raw }, 'console line failed');
      terminal.problem(`Error: ${errorMessage(error)} (the line was not completed; carry on)`);
    }
    return 'continue';
  };

  const settle = async (scheduler: Scheduler) => {
    try {
      await scheduler.runDue(clock.now());
    } catch (error) {
      logger.error({ err: errorMessage(error) }, 'console: due work failed at the end of input');
      terminal.problem(`Error: ${errorMessage(error)} (while sending what was due)`);
    }
  };

  const greet = () => {
    const person = directory.add(session.person);
    terminal.note(
      [
        `Righthand console (${CONSOLE_WORKSPACE.name}). You are ${person.userId} (${person.displayName}) in ${where()}.`,
        'Try:',
        ...TRY_COMMANDS.map((command) => `  ${command}`),
        `${DIRECTIVES_LINE} (:help explains them)`,
      ].join('\n'),
    );
  };

  const port: ChatPort = {
    platform: 'console',
    send: async ({ deliveryId, target, message }: OutboundMessage): Promise<SendResult> => {
      let files: WrittenFile[];
      try {
        files = await writeMessageFiles({ dir: filesDir, deliveryId, message });
      } catch (error) {
        // A full disk or a folder we may not write: shown later, when the outbox tries again.
        return { ok: false, kind: 'retry', error: `cannot write the message's files: ${errorMessage(error)}` };
      }
      const platformMessageId = String(++sentCount);
      if (target.kind === 'dm') {
        showMessage({ to: { kind: 'dm', person: target.userId }, location: dmLocation(target.userId), ephemeral: false, message, files });
      } else {
        const to: Audience = { kind: 'channel', channel: target.channelId, ...(target.threadId ? { thread: target.threadId } : {}) };
        showMessage({ to, location: channelLocation(target.channelId), ephemeral: false, message, files });
      }
      return { ok: true, platformMessageId };
    },
  };

  let running = false;
  const run = async ({ scheduler }: { scheduler: Scheduler }) => {
    if (running) throw new Error('the console adapter is already running');
    running = true;
    // Real time flows only for a person at a terminal with a moving clock; scripts move time with :at/:advance.
    const realTime = options.interactive && !clock.frozen;
    const lines = terminal.readLines(options.input);
    if (options.interactive && !json) greet();
    if (realTime) scheduler.start();
    try {
      terminal.prompt(promptText());
      for await (const raw of lines) {
        if ((await handleLine(raw, scheduler)) === 'quit') break;
        terminal.prompt(promptText());
      }
      await settle(scheduler);
    } finally {
      terminal.close();
      if (realTime) await scheduler.stop();
      running = false;
    }
  };

  return { port, run };
};
