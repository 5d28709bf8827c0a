import type { Db } from '../db/database.js';
import type { Registry, Role } from './commands.js';
import type { Invocation } from './invocation.js';
import type { Locale, MessageKey } from './i18n/catalog.js';
import type { PersonRow, WorkspaceRow } from './modules/people/people.repository.js';
import type { TeamRow } from './modules/teams/teams.repository.js';
import type { Clock, Logger } from './ports.js';

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
}

/** A team handler's context, after the bot checked that the channel is a team channel. */
export type TeamContext = CommandContext & { team: TeamRow; role: Role };

export const requireTeam = (ctx: CommandContext): TeamContext => {
  if (!ctx.team || !ctx.role) throw new Error('requireTeam called outside a team channel: the command lacks access.scope "team"');
  return ctx as TeamContext;
};
