import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { people, workspaces } from '../db/schema/index.js';
import type { Invocation } from './invocation.js';
import { mentionedIn } from './mentions.js';
import type { UserInfo } from './ports.js';

/**
 * People an invocation names whom the database does not know yet are looked up on the platform (a network
 * call) before its transaction opens, never inside it: a transaction held open while Slack answers would
 * hold PGlite's only connection, and a PostgreSQL row lock, for that long.
 */
export type LookedUp = Map<string, UserInfo | null>;

/** Thrown inside the transaction when a handler needs a person nobody looked up: the bot rolls back, looks them up, runs again. */
export class NeedsLookup extends Error {
  constructor(readonly userId: string) {
    super(`needs a look-up of ${userId}`);
  }
}

const textsOf = (input: Invocation['input']): string[] => {
  switch (input.kind) {
    case 'command':
    case 'message':
      return [input.text];
    case 'form':
      return Object.values(input.values);
    case 'action':
    case 'joined':
      return [];
  }
};

/** Looks up, outside any transaction, the mentioned people this workspace does not know yet, and `also` (typed person options). */
export const lookUpPeople = async ({ db, invocation, also = [], into }: { db: Database; invocation: Invocation; also?: readonly string[]; into: LookedUp }): Promise<void> => {
  const wanted = [...new Set([...textsOf(invocation.input).flatMap(mentionedIn), ...also])].filter((userId) => !into.has(userId));
  if (wanted.length === 0) return;
  const known = await db
    .select({ userId: people.platformUserId })
    .from(people)
    .innerJoin(workspaces, eq(workspaces.id, people.workspaceId))
    .where(and(eq(workspaces.platform, invocation.platform), eq(workspaces.externalId, invocation.workspace.externalId), inArray(people.platformUserId, wanted)));
  const knownIds = new Set(known.map((row) => row.userId));
  await Promise.all(
    wanted.filter((userId) => !knownIds.has(userId)).map(async (userId) => {
      into.set(userId, await invocation.directory.lookup(userId));
    }),
  );
};
