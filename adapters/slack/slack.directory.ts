import type { webApi } from '@slack/bolt';
import type { Logger, UserDirectory, UserInfo } from '../../src/core/ports.js';
import { errorMessage } from '../../src/core/errors.js';

/** The fields of a Slack user object Righthand reads (users.info, and the `user_change` event). */
export interface SlackUser {
  id: string;
  name?: string;
  real_name?: string;
  tz?: string;
  is_bot?: boolean;
  deleted?: boolean;
  profile?: { display_name?: string; real_name?: string };
}

/** What people are called in Slack's own UI: the display name, else the full name, else the handle. */
export const userInfoOf = (user: SlackUser): UserInfo => ({
  userId: user.id,
  displayName: user.profile?.display_name?.trim() || user.profile?.real_name?.trim() || user.real_name?.trim() || user.name || user.id,
  // Slack gives the IANA zone (`Asia/Manila`): stored as is, so DST changes need no event.
  ...(user.tz ? { zone: user.tz } : {}),
  ...(user.is_bot || user.id === 'USLACKBOT' ? { isBot: true } : {}),
});

/** Enough of a WebClient to ask for one user. */
export type UsersClient = Pick<webApi.WebClient, 'users'>;

export interface SlackDirectory {
  /** The directory of one workspace, asking Slack with that workspace's client when the cache has nobody. */
  forTeam(teamId: string, client: UsersClient): UserDirectory;
  /** A `user_change` event: the new profile replaces the cached one. */
  update(teamId: string, user: SlackUser): void;
  forget(teamId: string): void;
}

const DEFAULT_TTL_MS = 6 * 60 * 60_000;
const MAX_ENTRIES = 50_000;

/**
 * users.info, cached per workspace and user. `user_change` keeps the cache current; the time to live only
 * covers an event that never arrived. Failed look-ups are not cached (the next command asks again), and two
 * commands by a newcomer at once ask Slack once.
 */
export const createSlackDirectory = ({ logger, ttlMs = DEFAULT_TTL_MS, now = Date.now }: { logger: Logger; ttlMs?: number; now?: () => number }): SlackDirectory => {
  const cache = new Map<string, { info: UserInfo; at: number }>();
  const pending = new Map<string, Promise<UserInfo | null>>();
  const keyOf = (teamId: string, userId: string) => `${teamId}:${userId}`;

  const remember = (key: string, info: UserInfo) => {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, { info, at: now() });
  };

  const fetchUser = async (teamId: string, userId: string, client: UsersClient): Promise<UserInfo | null> => {
    try {
      const result = await client.users.info({ user: userId });
      if (!result.user?.id) return null;
      const info = userInfoOf(result.user as SlackUser);
      remember(keyOf(teamId, userId), info);
      return info;
    } catch (error) {
      logger.warn({ team: teamId, user: userId, err: errorMessage(error) }, 'slack users.info failed');
      return null;
    }
  };

  return {
    forTeam: (teamId, client) => ({
      lookup: async (userId) => {
        const key = keyOf(teamId, userId);
        const cached = cache.get(key);
        if (cached && now() - cached.at < ttlMs) return cached.info;
        const inFlight = pending.get(key);
        if (inFlight) return inFlight;
        const lookup = fetchUser(teamId, userId, client).finally(() => pending.delete(key));
        pending.set(key, lookup);
        return lookup;
      },
    }),
    update: (teamId, user) => remember(keyOf(teamId, user.id), userInfoOf(user)),
    forget: (teamId) => {
      for (const key of cache.keys()) if (key.startsWith(`${teamId}:`)) cache.delete(key);
    },
  };
};
