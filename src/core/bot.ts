import { linkedPersonIn } from './modules/portfolio/portfolio.links.repository.js';
import { z } from 'zod';
import type { Database, Db } from '../db/database.js';
import { inboundEvents } from '../db/schema/index.js';
import { withConnectionRetry } from '../db/retry.js';
import { createAccepted, type Accepted, type Handled, type HandleHooks } from './accepted.js';
import { cleanStrings } from './clean-text.js';
import { parseOptionText } from './command-text.js';
import { announceJoin, createRegistry, resolveSubcommand, usageOf, type BotModule, type ClickContext, type CommandContext, type CommandDef, type Registry, type SubcommandDef, type TeamOf } from './commands.js';
import { botError, isBotError, type BotError } from './errors.js';
import { asFieldRefusals, fieldMessage, formErrorsReply, fromZodIssues, isFieldRefusals } from './form-errors.js';
import { examplesOf, familyHelp, HELP_WORDS } from './help.js';
import { ephemeral, noReply, type Invocation, type Reply } from './invocation.js';
import { isLocale, isMessageKey, t, type Locale } from './i18n/catalog.js';
import { lookUpPeople, NeedsLookup, type LookedUp } from './lookups.js';
import { DEFAULT_MISSED, type JobContext, type JobHandler } from './jobs.js';
import { compose, type Message } from './messages.js';
import { createFreshen, type Freshen } from './notices.js';
import { findPerson, roleIn, upsertPerson, upsertWorkspace } from './modules/people/people.repository.js';
import { markUnreachable, notifyJobFailed } from './modules/people/people.usecases.js';
import { findTeamByChannel, findTeamByChannelWithRole, getTeam, setMembership } from './modules/teams/teams.repository.js';
import type { Capabilities, ChartRenderer, ChatPort, Clock, DeliveryTarget, Logger, Platform } from './ports.js';
import { previewWhen, type WhenChoice } from './preview.js';
import type { WhenKind } from './time.js';
import type { WorkspaceRow } from './identity.js';

export interface BotDeps {
  db: Database;
  /**
   * Where the accept before an ack is inserted: a connection of its own on PostgreSQL, so an ack never queues
   * behind the pool's work (the outbox, jobs, the work it acked). Defaults to `db`.
   */
  acceptDb?: Database;
  clock: Clock;
  logger: Logger;
  modules: readonly BotModule[];
  jobs: readonly JobHandler[];
  /** PUBLIC_URL: where the calendar feeds are served; null or absent, the feeds say they need it. */
  publicUrl?: string | null;
  /** Draws the digest's chart (src/charts); absent, digests go with their text trend lines only. */
  charts?: ChartRenderer | null;
}

export interface Bot {
  registry: Registry;
  /** Handles one invocation exactly once (by its id) and returns what to answer. Never throws. */
  handle(invocation: Invocation): Promise<Reply>;
  /** Acknowledged work kept in the database until answered (see accepted.ts): accept before the ack, then claim, run, reply. */
  accepted: Accepted;
  /** Runs a claimed job inside the caller's transaction; throws when it fails (the queue retries). */
  runJob(job: { kind: string; payload: unknown; runAt: Date }, ctx: { db: Db; now: Date; ports?: ReadonlyMap<Platform, ChatPort> }): Promise<void>;
  /** A person's home view (Slack's App Home), assembled from every module's section. Never throws. */
  home(person: Pick<Invocation, 'platform' | 'workspace' | 'actor' | 'directory'>): Promise<Message>;
  /**
   * How a date phrase will be read, for autocomplete while a command is typed: in the zone of `forUserId`
   * (the assignee, who the deadline is for) when known, else the person's own, else the team's; as many
   * choices, as long, as the asking platform's `capabilities` allow. Never throws.
   */
  preview(person: Pick<Invocation, 'platform' | 'workspace' | 'actor' | 'directory' | 'channel'>, input: { phrase: string; forUserId?: string; kind?: WhenKind }, capabilities: Capabilities): Promise<WhenChoice[]>;
  /** A job failed for the last time: tells its team's managers, once per job. */
  jobFailed(job: { id: number; kind: string; payload: unknown; error: string }, ctx: { db: Db; now: Date }): Promise<void>;
  /** A delivery failed for good: a person whose DMs are closed is marked unreachable (their managers hear it once). */
  deliveryFailed(delivery: { id: number; target: DeliveryTarget; reason: 'unreachable' | 'channel_gone' | 'other' }, ctx: { db: Db; now: Date }): Promise<void>;
  /** Judges due deliveries against the current state, in the outbox's claim transaction (src/core/notices.ts). */
  freshen: Freshen;
}

export const createBot = (deps: BotDeps): Bot => {
  const registry = createRegistry(deps.modules);
  const jobKinds = new Map(deps.jobs.map((job) => [job.kind, job]));

  const handle = async (received: Invocation): Promise<Reply> => (await handleOnce(received)).reply;

  /** `hooks`: accepted work, run only while still claimed, its stored reply committed with its effects. */
  const handleOnce = async (received: Invocation, hooks?: HandleHooks): Promise<Handled> => {
    // Every string that came in (typed text, Discord options, form values, button values, DM text, names) made
    // storable, here where every adapter's input enters: see clean-text.ts. The directory is behaviour, not text.
    const invocation: Invocation = { ...cleanStrings({ ...received, directory: undefined }), directory: received.directory };
    // The language refusals are answered in: the channel's team's, or the team of what was clicked.
    const speaking: { locale: Locale } = { locale: 'en' };
    const lookedUp: LookedUp = new Map();
    try {
      // A dropped database connection runs the whole transaction again (src/db/retry.ts): the dedupe row keeps it once.
      await withConnectionRetry(() => lookUpPeople({ db: deps.db, invocation, also: typedPeopleOf(invocation.input), into: lookedUp }));
      return await withLookUps(invocation, lookedUp, () => withConnectionRetry(() => deps.db.transaction(async (db) => {
        // The dedupe row commits with the effects, so a retry of a failed attempt runs again. It travels with
        // the workspace upsert (queries of one transaction sent together share one round trip); a duplicate
        // rolls that back too, so it changes nothing.
        const [fresh, workspace, mine] = await Promise.all([
          db.insert(inboundEvents).values({ platform: invocation.platform, eventId: invocation.id, receivedAt: deps.clock.now() }).onConflictDoNothing().returning(),
          upsertWorkspaceOf(db, invocation),
          hooks ? hooks.claimed(db) : true,
        ]);
        if (!mine) throw LOST;
        if (fresh.length === 0) throw DUPLICATE;
        const ctx = await buildContext(db, invocation, lookedUp, workspace);
        speaking.locale = ctx.locale;
        const reply = await dispatch(ctx, speaking);
        await hooks?.onReply(db, reply);
        return { reply, outcome: 'ran' as const };
      })));
    } catch (error) {
      if (error === LOST) return { reply: noReply, outcome: 'lost' };
      if (error === DUPLICATE) return { reply: noReply, outcome: 'duplicate' };
      if (isFieldRefusals(error)) {
        // Rolled back with everything else; the form stays open with the values as sent.
        if (invocation.input.kind === 'form') return { reply: formErrorsReply(error, invocation.input.values, speaking.locale), outcome: 'refused' };
        return { reply: ephemeral(compose([{ type: 'text', text: fieldMessage(speaking.locale, error.refusals[0]!) }])), outcome: 'refused' };
      }
      if (isBotError(error)) return { reply: errorReply(error, speaking.locale), outcome: 'refused' };
      deps.logger.error({ err: describeError(error), invocation: invocation.id, platform: invocation.platform }, 'invocation failed');
      return { reply: ephemeral(compose([{ type: 'text', text: t(speaking.locale, 'bot.unexpected') }])), outcome: 'failed' };
    }
  };

  const accepted = createAccepted({ db: deps.db, ...(deps.acceptDb ? { acceptDb: deps.acceptDb } : {}), clock: deps.clock, logger: deps.logger, run: handleOnce });

  const upsertWorkspaceOf = (db: Db, invocation: Invocation) =>
    upsertWorkspace({ db, platform: invocation.platform, externalId: invocation.workspace.externalId, name: invocation.workspace.name });

  /**
   * Runs the transaction again when a handler needed someone nobody looked up (a person named in a way the
   * pre-scan cannot see), after looking them up outside it; a few rounds at most.
   */
  const withLookUps = async <T>(invocation: Invocation, lookedUp: LookedUp, run: () => Promise<T>): Promise<T> => {
    for (let round = 1; ; round++) {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof NeedsLookup) || round >= MAX_LOOKUP_ROUNDS) throw error;
        await lookUpPeople({ db: deps.db, invocation, also: [error.userId], into: lookedUp });
        if (!lookedUp.has(error.userId)) lookedUp.set(error.userId, null);
      }
    }
  };

  /** Person options of a command that came typed (Discord): their values are user ids. */
  const typedPeopleOf = (input: Invocation['input']): string[] => {
    if (input.kind !== 'command' || !input.options) return [];
    const command = registry.commands.get(input.command.replace(/^\//, '').toLowerCase());
    const subcommand = command ? findNamed(command, input.text)?.subcommand : undefined;
    const specs = subcommand?.options.filter((spec) => spec.kind === 'person' || spec.kind === 'people') ?? [];
    return specs.flatMap((spec) => {
      const value = input.options![spec.name];
      return (Array.isArray(value) ? value : [value]).filter((id): id is string => typeof id === 'string' && id !== '');
    });
  };

  const buildContext = async (db: Db, invocation: Invocation, lookedUp: LookedUp, known?: WorkspaceRow): Promise<CommandContext> => {
    const now = deps.clock.now();
    const workspace = known ?? (await upsertWorkspaceOf(db, invocation));
    // The person's upsert and the channel's team (with the person's role in it) go in one round trip: the role
    // is looked up by platform user id, so it does not wait for the upsert (a person new here has no role yet).
    const [actor, found] = await Promise.all([
      upsertPerson({ db, workspaceId: workspace.id, user: invocation.actor }),
      invocation.channel.isDm ? null : findTeamByChannelWithRole({ db, workspaceId: workspace.id, channelId: invocation.channel.id, userId: invocation.actor.userId }),
    ]);
    const team = found?.team ?? null;
    let role = found?.role ?? null;
    if (team && !role) {
      // The channel is the team: whoever works in it joins as a member on first use.
      await setMembership({ db, teamId: team.id, personId: actor.id, role: 'member' });
      role = 'member';
      await announceJoin({ db, now, registry }, team, actor, invocation.input.kind === 'joined' ? 'event' : 'command');
    }
    const locale: Locale = team && isLocale(team.locale) ? team.locale : 'en';
    return {
      db,
      now,
      clock: deps.clock,
      logger: deps.logger,
      invocation,
      registry,
      workspace,
      actor,
      team,
      role,
      locale,
      t: (key, params) => t(locale, key, params),
      publicUrl: deps.publicUrl ?? null,
      charts: deps.charts ?? null,
      person: async (userId) => {
        const known = await findPerson({ db, workspaceId: workspace.id, userId });
        if (known) return known;
        if (!lookedUp.has(userId)) throw new NeedsLookup(userId);
        const info = lookedUp.get(userId);
        if (!info || info.isBot) throw botError('people.unknown', { person: userId });
        return upsertPerson({ db, workspaceId: workspace.id, user: info });
      },
    };
  };

  const dispatch = async (ctx: CommandContext, speaking: { locale: Locale }): Promise<Reply> => {
    const input = ctx.invocation.input;
    switch (input.kind) {
      case 'command':
        return runCommand(ctx, input.command, input.text, input.options);
      case 'action': {
        const action = registry.actions.get(input.actionId);
        if (!action) throw botError('bot.unknown_action');
        return action.run(input.value, action.teamOf ? await clickContext(ctx, action.teamOf, input.value, speaking) : ctx);
      }
      case 'form': {
        const form = registry.forms.get(input.formId);
        if (!form) throw botError('bot.unknown_action');
        const teamCtx = form.teamOf ? await clickContext(ctx, form.teamOf, input.privateValue, speaking) : ctx;
        const parsed = form.input.safeParse(input.values);
        if (!parsed.success) throw fromZodIssues(parsed.error) ?? inputError(parsed.error, null);
        try {
          return await form.run(parsed.data, input.privateValue, teamCtx);
        } catch (error) {
          throw asFieldRefusals(error, form.refusals) ?? error;
        }
      }
      case 'message': {
        for (const handler of registry.messageHandlers) {
          const reply = await handler(input.text, ctx);
          if (reply) return reply;
        }
        return ctx.invocation.channel.isDm ? ephemeral(compose([{ type: 'text', text: ctx.t('bot.dm_hint') }])) : noReply;
      }
      // Whatever joining a team means happened as the context was built (the membership and its join hooks).
      case 'joined':
        return noReply;
    }
  };

  /** The one cross-workspace guard for clicks and forms: see `ClickContext`. */
  const clickContext = async (ctx: CommandContext, teamOf: TeamOf, value: string, speaking: { locale: Locale }): Promise<ClickContext> => {
    const teamId = await teamOf(value, ctx.db);
    const team = teamId === null ? null : await getTeam({ db: ctx.db, teamId });
    if (!team) throw botError('bot.unknown_action');
    if (team.workspaceId !== ctx.workspace.id) {
      // A task of another client shown in the cross-client list: the click acts as the person's own linked
      // identity in that workspace, or not at all (nothing crosses between identities nobody linked).
      const linked = await linkedPersonIn({ db: ctx.db, personId: ctx.actor.id, workspaceId: team.workspaceId });
      if (!linked) throw botError('bot.unknown_action');
      ctx = { ...ctx, actor: linked.person, workspace: linked.workspace };
    }
    const role = await roleIn({ db: ctx.db, teamId: team.id, personId: ctx.actor.id });
    // The click came from a DM: answer in the team's language, refusals included.
    speaking.locale = team.locale;
    return { ...ctx, team, role, locale: team.locale, t: (key, params) => t(team.locale, key, params) };
  };

  const runCommand = async (ctx: CommandContext, name: string, text: string, options?: Record<string, unknown>): Promise<Reply> => {
    const command = registry.commands.get(name.replace(/^\//, '').toLowerCase());
    if (!command) throw botError('bot.unknown_command', { command: name });
    const resolved = asksHelp(command, text) ? null : options ? findNamed(command, text) : resolveSubcommand(command, helpAsHelp(command, text));
    // `/task help`, and a subcommand the family lacks (`/task frobnicate`): the family's help teaches the right one.
    if (!resolved) return ephemeral(familyHelp(command, ctx.locale, unknownWordIntro(ctx, command, text)));
    const { subcommand, rest } = resolved;
    checkAccess(ctx, command, subcommand);
    const raw = options ?? (subcommand.parse ?? ((value: string) => parseOptionText(value, subcommand.options)))(rest);
    if ('_extra' in raw) throw botError('bot.unexpected_words', { words: String(raw._extra), usage: usageFor(command, subcommand, ctx.locale) });
    const parsed = subcommand.input.safeParse(raw);
    if (!parsed.success) throw inputError(parsed.error, usageFor(command, subcommand, ctx.locale));
    return subcommand.run(parsed.data, ctx);
  };

  const runJob: Bot['runJob'] = async (job, ctx) => {
    const def = jobKinds.get(job.kind);
    if (!def) throw new Error(`unknown job kind ${job.kind}`);
    const payload = def.payload.parse(job.payload);
    const missed = def.missed ?? DEFAULT_MISSED;
    const late = ctx.now.getTime() - job.runAt.getTime() > missed.afterMs;
    if (late && missed.policy === 'skip') {
      deps.logger.info({ kind: job.kind, runAt: job.runAt.toISOString() }, 'missed occurrence skipped');
      return;
    }
    const jobContext: JobContext = { db: ctx.db, now: ctx.now, logger: deps.logger, runAt: job.runAt, late, charts: deps.charts ?? null, ...(ctx.ports ? { ports: ctx.ports } : {}) };
    await def.run(payload, jobContext);
  };

  const home: Bot['home'] = async (person) => {
    const invocation: Invocation = { ...person, id: `home:${person.actor.userId}`, channel: { id: `home:${person.actor.userId}`, isDm: true }, input: { kind: 'message', text: '' } };
    try {
      return await withConnectionRetry(() => deps.db.transaction(async (db) => {
        const ctx = await buildContext(db, invocation, new Map());
        const sections = [];
        for (const section of registry.homeSections) sections.push(...(await section(ctx)));
        return compose(sections.length > 0 ? sections : [{ type: 'text', text: ctx.t('home.empty') }]);
      }));
    } catch (error) {
      deps.logger.error({ err: describeError(error) }, 'home view failed');
      return compose([{ type: 'text', text: t('en', 'bot.unexpected') }]);
    }
  };

  const preview: Bot['preview'] = async (person, input, capabilities) => {
    try {
      // Autocomplete is answered within Slack's 3 s or not at all.
      return await withConnectionRetry(() => deps.db.transaction(async (db) => {
        const now = deps.clock.now();
        const workspace = await upsertWorkspace({ db, platform: person.platform, externalId: person.workspace.externalId, name: person.workspace.name });
        const actor = await upsertPerson({ db, workspaceId: workspace.id, user: person.actor });
        const team = person.channel.isDm ? null : await findTeamByChannel({ db, workspaceId: workspace.id, channelId: person.channel.id });
        const other = input.forUserId && input.forUserId !== actor.platformUserId ? await findPerson({ db, workspaceId: workspace.id, userId: input.forUserId }) : null;
        const subject = other ?? actor;
        const locale: Locale = team && isLocale(team.locale) ? team.locale : 'en';
        const zone = subject.zone ?? team?.zone ?? 'UTC';
        const zoneNote = subject.zone ? undefined : t(locale, team ? 'time.zone_of_team' : 'time.zone_default');
        return previewWhen({ phrase: input.phrase, now, zone, locale, kind: input.kind ?? 'due', capabilities, ...(zoneNote ? { zoneNote } : {}) });
      }), { budgetMs: 2_000 });
    } catch (error) {
      deps.logger.error({ err: describeError(error) }, 'date preview failed');
      return [];
    }
  };

  const jobFailed: Bot['jobFailed'] = async (job, ctx) => {
    const def = jobKinds.get(job.kind);
    const parsed = def?.payload.safeParse(job.payload);
    const teamId = def?.teamOf && parsed?.success ? await def.teamOf(parsed.data, ctx.db) : null;
    if (teamId !== null) await notifyJobFailed({ db: ctx.db, now: ctx.now, teamId, jobId: job.id, kind: job.kind });
  };

  const deliveryFailed: Bot['deliveryFailed'] = async (delivery, ctx) => {
    if (delivery.reason === 'unreachable' && delivery.target.kind === 'dm') await markUnreachable({ db: ctx.db, personId: delivery.target.personId, now: ctx.now });
  };

  const freshen = createFreshen(deps.modules.flatMap((module) => module.notices ?? []));

  return { registry, handle, accepted, home, preview, runJob, jobFailed, deliveryFailed, freshen };
};

const MAX_LOOKUP_ROUNDS = 4;

/** Thrown inside the transaction when the invocation was handled before: rolls back, answers nothing. */
const DUPLICATE = Symbol('duplicate invocation');
/** Thrown inside the transaction when accepted work is no longer this worker's (its lease ran out): rolls back. */
const LOST = Symbol('accepted work lost');

const findNamed = (command: CommandDef, name: string) => {
  const subcommand = command.subcommands.find((sub) => sub.name === name.trim().toLowerCase());
  return subcommand ? { subcommand, rest: '' } : null;
};

const hasHelp = (command: CommandDef) => command.subcommands.some((sub) => sub.name === 'help');

/** `help` (or `hulp`) as the first word, for a family with no `help` subcommand of its own (a catch-all family answers anything). */
const asksHelp = (command: CommandDef, text: string): boolean => {
  const first = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return HELP_WORDS.includes(first) && !command.catchAll && !hasHelp(command);
};

/** `/obm hulp` is `/obm help`: a family with a `help` of its own hears it by any of the help words. */
const helpAsHelp = (command: CommandDef, text: string): string => {
  const [first = '', ...rest] = text.trim().split(/\s+/);
  return hasHelp(command) && HELP_WORDS.includes(first.toLowerCase()) ? ['help', ...rest].join(' ') : text;
};

/** What the person typed that named no subcommand, said before the family's help; nothing when they asked for help. */
const unknownWordIntro = (ctx: CommandContext, command: CommandDef, text: string): string | undefined => {
  const first = text.trim().split(/\s+/)[0] ?? '';
  return first && !HELP_WORDS.includes(first.toLowerCase()) ? ctx.t('help.unknown', { command: command.name, word: first.slice(0, 40) }) : undefined;
};

/**
 * How to say it right, after a refusal: the usage line in English; in a Dutch team the first Dutch example,
 * since the usage line's placeholders and keywords are English.
 */
const usageFor = (command: CommandDef, subcommand: SubcommandDef, locale: Locale): string =>
  locale === 'nl' ? (examplesOf(command, subcommand, 'nl')[0] ?? usageOf(command, subcommand)) : usageOf(command, subcommand);

const checkAccess = (ctx: CommandContext, command: CommandDef, subcommand: SubcommandDef) => {
  if (subcommand.access.scope === 'anywhere') return;
  if (!ctx.team) throw botError(ctx.invocation.channel.isDm ? 'bot.not_in_dm' : 'bot.not_team_channel', { command: `/${command.name}` });
  if (subcommand.access.role === 'manager' && ctx.role !== 'manager') throw botError('bot.managers_only', { usage: usageFor(command, subcommand, ctx.locale) });
};

/**
 * Zod messages in input schemas are catalog keys (`tasks.title_required`), so validation failures
 * read as sentences in the team's language; anything else falls back to the usage line.
 */
const inputError = (error: z.ZodError, usage: string | null): BotError => {
  const issue = error.issues[0];
  const key = issue?.message;
  if (key && isMessageKey(key)) {
    const params = (issue as { params?: Record<string, string> }).params ?? {};
    return botError(key, { usage: usage ?? '', ...params });
  }
  return botError('bot.invalid_input', { usage: usage ?? '' });
};

const errorReply = (error: BotError, locale: Locale): Reply => ephemeral(compose([{ type: 'text', text: t(locale, error.code, error.params) }]));

const describeError = (error: unknown) => (error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) });
