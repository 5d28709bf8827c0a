import type { UserDirectory, UserInfo } from '../../src/core/ports.js';

/**
 * The console's "platform user list": the people introduced with `:as`, plus the one the session starts as.
 * The core asks it when a command mentions someone it has not met; an unknown name answers null, so the
 * core says it does not know them, as it would for a typo on Slack.
 */
export interface ConsoleDirectory extends UserDirectory {
  /** Adds the person if new and returns them; the display name is the capitalised name. */
  add(name: string): UserInfo;
  get(name: string): UserInfo | null;
}

export const displayNameOf = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

export const createConsoleDirectory = ({ people = [] }: { people?: readonly string[] } = {}): ConsoleDirectory => {
  const known = new Map<string, UserInfo>();
  const add = (name: string): UserInfo => {
    const existing = known.get(name);
    if (existing) return existing;
    const info: UserInfo = { userId: name, displayName: displayNameOf(name) };
    known.set(name, info);
    return info;
  };
  for (const name of people) add(name);
  return {
    add,
    get: (name) => known.get(name) ?? null,
    lookup: async (userId) => known.get(userId.toLowerCase()) ?? null,
  };
};
