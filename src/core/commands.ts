import type { z } from 'zod';
import type { Db } from '../db/database.js';
import type { FormRefusals } from './form-errors.js';
import type { OptionSpec } from './command-text.js';
import type { PersonRow, Role, TeamRow, WorkspaceRow } from './identity.js';
import type { Reply, Invocation } from './invocation.js';
import type { Locale, MessageKey } from './i18n/catalog.js';
import type { Block } from './messages.js';
import type { ChartRenderer, Clock, Logger } from './ports.js';
import type { NoticeCheck } from './notices.js';

/** Everything a command, button or form handler may use; `db` is the invocation's transaction. */
export interface CommandContext {
  db: Db;
  now: Date;
  clock: Clock;
  logger: Logger;
  invocation: Invocation;
  /** Every command, for help texts. */
  registry: Registry;
  workspace: WorkspaceRow;
  actor: PersonRow;
  /** The team of the channel the invocation came from; null in a DM or an ordinary channel. */
  team: TeamRow | null;
  role: Role | null;
  locale: Locale;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** Turns a mentioned platform user id into a person of this workspace, asking the platform if new. */
  person: (userId: string) => Promise<PersonRow>;
  /** The address people reach the bot at (PUBLIC_URL), for links such as the calendar feeds; null when unset. */
  publicUrl?: string | null;
  /** The chart renderer (the digest's preview); null when the deployment draws none. */
  charts?: ChartRenderer | null;
}

/** A team handler's context, after the bot checked that the channel is a team channel. */
export type TeamContext = CommandContext & { team: TeamRow; role: Role };

export const requireTeam = (ctx: CommandContext): TeamContext => {
  if (!ctx.team || !ctx.role) throw new Error('requireTeam called outside a team channel: the command lacks access.scope "team"');
  return ctx as TeamContext;
};

/**
 * Where a subcommand may run and who may run it.
 * - `anywhere`: any channel or DM (help, own settings).
 * - `team`: in a team channel, by anyone in the workspace who is on the team; `manager` narrows it further.
 * Finer rules (a member may complete their own task only) live in the use cases.
 */
export type Access = { scope: 'anywhere' } | { scope: 'team'; role?: 'manager' };

export interface SubcommandDef<I = any> {
  name: string;
  /** Usage after the command name, e.g. `add <title> [@assignee ...] [due <when>]`. */
  usage: string;
  example: string;
  description: MessageKey;
  access: Access;
  options: readonly OptionSpec[];
  /** Overrides the shared text grammar for subcommands whose words depend on each other. */
  parse?: (text: string) => Record<string, unknown>;
  input: z.ZodType<I>;
  run: (input: I, ctx: CommandContext) => Promise<Reply>;
}

export interface CommandDef {
  name: string;
  description: MessageKey;
  /** The subcommand used when the command comes with no text at all. */
  fallback?: string;
  /** Send any text that names no subcommand to the fallback too (a family that is not built yet). */
  catchAll?: boolean;
  /** The subcommand for text that starts with no subcommand name: `/followup @maria …` is `ask`. */
  implicit?: string;
  subcommands: readonly SubcommandDef[];
}

/**
 * How a click or a form finds its team: from what its value names (a task, an answer, a follow-up), since it
 * mostly comes from a DM, which has no team. Null when the thing is gone.
 */
export type TeamOf = (value: string, db: Db) => Promise<number | null>;

/**
 * The context of a click or form whose action declares `teamOf`: the bot loaded that team, checked that it
 * is of the actor's workspace (ids of another workspace are as good as missing) and speaks its language.
 * `role` is the actor's role there, null when they are not on the team.
 */
export type ClickContext = CommandContext & { team: TeamRow };

/** A button press; `actionId` is `domain.verb`, the value says on what. */
export interface ActionDef {
  actionId: string;
  teamOf?: TeamOf;
  run: (value: string, ctx: CommandContext) => Promise<Reply>;
}

export interface FormDef<I = any> {
  formId: string;
  input: z.ZodType<I>;
  /** Finds the team from the form's private value. */
  teamOf?: TeamOf;
  /**
   * Which field each refusal of `run` is about, by error code (see `FormRefusals`): such a refusal keeps the
   * form open with the error next to that field. The input schema's issues are their field's already, and
   * `run` may throw `refuseField` itself; a refusal no field owns (not yours, gone) closes the form.
   */
  refusals?: FormRefusals;
  run: (input: I, privateValue: string, ctx: CommandContext) => Promise<Reply>;
}

/** A module's part of a person's home view (Slack's App Home): blocks, or none when it has nothing to show. */
export type HomeSection = (ctx: CommandContext) => Promise<Block[]>;

/**
 * Plain text a person sends (a DM reply, a channel message the platform forwards). The first module whose
 * handler returns a reply owns it; null means "not mine".
 */
export type MessageHandler = (text: string, ctx: CommandContext) => Promise<Reply | null>;

/** How someone became a member of a team: the platform said so, a manager added them, or their first command there. */
export type JoinVia = 'event' | 'added' | 'command';

/**
 * Someone became a member of a team (never before, or again after leaving it): a module's welcome (onboarding).
 * Runs in the invocation's transaction; it must be idempotent per team and person, as they may join twice.
 */
export type JoinHook = (join: { db: Db; now: Date; team: TeamRow; person: PersonRow; via: JoinVia }) => Promise<void>;

export interface BotModule {
  commands?: readonly CommandDef[];
  actions?: readonly ActionDef[];
  forms?: readonly FormDef[];
  home?: HomeSection;
  onMessage?: MessageHandler;
  /** Re-checks of the messages this module queues, run when each falls due (src/core/notices.ts). */
  notices?: readonly NoticeCheck[];
  onJoin?: JoinHook;
}

export const defineCommand = (command: CommandDef): CommandDef => command;
export const defineSubcommand = <I>(subcommand: SubcommandDef<I>): SubcommandDef<I> => subcommand;
export const defineAction = (action: Omit<ActionDef, 'teamOf'>): ActionDef => action;
export const defineForm = <I>(form: Omit<FormDef<I>, 'teamOf'>): FormDef<I> => form;

/** A button about something of one team; its handler gets that team (see `ClickContext`). */
export const defineTeamAction = (action: { actionId: string; teamOf: TeamOf; run: (value: string, ctx: ClickContext) => Promise<Reply> }): ActionDef =>
  action as ActionDef;
export const defineTeamForm = <I>(form: { formId: string; input: z.ZodType<I>; teamOf: TeamOf; refusals?: FormRefusals; run: (input: I, privateValue: string, ctx: ClickContext) => Promise<Reply> }): FormDef<I> =>
  form as FormDef<I>;

export interface Registry {
  homeSections: readonly HomeSection[];
  messageHandlers: readonly MessageHandler[];
  joinHooks: readonly JoinHook[];
  commands: ReadonlyMap<string, CommandDef>;
  actions: ReadonlyMap<string, ActionDef>;
  forms: ReadonlyMap<string, FormDef>;
}

export const createRegistry = (modules: readonly BotModule[]): Registry => {
  const commands = new Map<string, CommandDef>();
  const actions = new Map<string, ActionDef>();
  const forms = new Map<string, FormDef>();
  const add = <T>(map: Map<string, T>, key: string, value: T, what: string) => {
    if (map.has(key)) throw new Error(`registry: duplicate ${what} ${key}`);
    map.set(key, value);
  };
  for (const module of modules) {
    for (const command of module.commands ?? []) add(commands, command.name, command, 'command');
    for (const action of module.actions ?? []) add(actions, action.actionId, action, 'action');
    for (const form of module.forms ?? []) add(forms, form.formId, form, 'form');
  }
  return { commands, actions, forms, homeSections: modules.flatMap((module) => (module.home ? [module.home] : [])), messageHandlers: modules.flatMap((module) => (module.onMessage ? [module.onMessage] : [])), joinHooks: modules.flatMap((module) => (module.onJoin ? [module.onJoin] : [])) };
};

/**
 * Picks the subcommand named by the first words (names may have two words: `project add`);
 * returns it with the remaining text. Empty text goes to the command's fallback.
 */
export const resolveSubcommand = (
  command: CommandDef,
  text: string,
): { subcommand: SubcommandDef; rest: string } | null => {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    const fallback = command.subcommands.find((sub) => sub.name === command.fallback);
    return fallback ? { subcommand: fallback, rest: '' } : null;
  }
  for (const length of [2, 1]) {
    const name = words.slice(0, length).join(' ').toLowerCase();
    const named = command.subcommands.find((sub) => sub.name === name);
    if (named) return { subcommand: named, rest: words.slice(length).join(' ') };
  }
  const implicit = command.subcommands.find((sub) => sub.name === command.implicit);
  if (implicit) return { subcommand: implicit, rest: text.trim() };
  const fallback = command.catchAll ? command.subcommands.find((sub) => sub.name === command.fallback) : undefined;
  return fallback ? { subcommand: fallback, rest: '' } : null;
};

/** Tells every module that `person` just became a member of `team`. */
export const announceJoin = async (ctx: Pick<CommandContext, 'db' | 'now' | 'registry'>, team: TeamRow, person: PersonRow, via: JoinVia): Promise<void> => {
  for (const hook of ctx.registry.joinHooks) await hook({ db: ctx.db, now: ctx.now, team, person, via });
};

export const usageOf = (command: CommandDef, subcommand: SubcommandDef): string => `/${command.name} ${subcommand.usage}`.trim();
