import { mention } from '../../src/core/mentions.js';
import { randomBytes } from 'node:crypto';
import type { Invocation, InvocationInput } from '../../src/core/invocation.js';
import type { UserDirectory, UserInfo } from '../../src/core/ports.js';

/** The console is one workspace; its user ids and channel ids are simply the names people type. */
export const CONSOLE_WORKSPACE = { externalId: 'demo', name: 'Demo workspace' } as const;

export type Location = Invocation['channel'];

/** The direct message between a person and the bot. */
export const dmLocation = (person: string): Location => ({ id: `dm-${person}`, isDm: true });
export const channelLocation = (channel: string): Location => ({ id: channel, isDm: false });

/**
 * `@maria` becomes the core's mention of the user `maria`. Only an `@` at the
 * start of a word counts, so e-mail addresses stay as they are; names are lowercase ids, and a trailing
 * full stop or comma ends the name.
 */
export const translateMentions = (text: string): string =>
  text.replace(/(^|[\s(“"'])@([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/g, (_whole, before: string, name: string) => `${before}${mention(name.toLowerCase())}`);

/**
 * Ids must differ for every line typed: the bot handles an id once (platform retries), and a database kept
 * between console runs remembers old ones, hence the random part beside the counter.
 */
export const createInvocationIds = (): (() => string) => {
  const run = randomBytes(4).toString('hex');
  let counter = 0;
  return () => `console-${++counter}-${run}`;
};

export const buildInvocation = ({ id, actor, location, input, directory }: { id: string; actor: UserInfo; location: Location; input: InvocationInput; directory: UserDirectory }): Invocation => ({
  id,
  platform: 'console',
  workspace: { ...CONSOLE_WORKSPACE },
  actor,
  channel: location,
  input,
  directory,
});
