import { DiscordAPIError, Routes, type Client, type GuildMember, type User } from 'discord.js';
import type { Logger, UserDirectory, UserInfo } from '../../src/core/ports.js';
import { decodeCustomId } from './discord.render.js';
import { errorMessage } from '../../src/core/errors.js';

/**
 * People and workspaces on Discord. A guild is a workspace (its id the external id, its name the name);
 * a person is a guild member. Discord shares no time zone, so `zone` is never set here: the core asks the
 * person once and stores the answer.
 */

/** What a person is called where they are: their server nickname, else their display name, else their username. */
export const userInfoOf = (user: Pick<User, 'id' | 'username' | 'globalName' | 'bot'>, member?: Pick<GuildMember, 'nickname'> | { nick?: string | null } | null): UserInfo => {
  const nick = member ? ('nickname' in member ? member.nickname : (member as { nick?: string | null }).nick) : null;
  return {
    userId: user.id,
    displayName: nick?.trim() || user.globalName?.trim() || user.username || user.id,
    ...(user.bot ? { isBot: true } : {}),
  };
};

/**
 * The people of one guild, for the core's look-ups of mentioned users: first what the interaction itself
 * resolved (a USER option comes with its user and member), then the guild's members (GET
 * /guilds/:id/members/:user, which needs no privileged intent for one member), then the user alone. Unknown
 * is null, and a failure is not cached.
 */
export const guildDirectory = ({ client, guildId, resolved, logger }: { client: Client; guildId: string; resolved?: Map<string, UserInfo>; logger: Logger }): UserDirectory => ({
  lookup: async (userId) => {
    const known = resolved?.get(userId);
    if (known) return known;
    if (!/^\d{15,21}$/.test(userId)) return null;
    try {
      const guild = client.guilds.cache.get(guildId);
      if (guild) {
        const member = await guild.members.fetch(userId);
        return userInfoOf(member.user, member);
      }
      const member = (await client.rest.get(Routes.guildMember(guildId, userId))) as { user: { id: string; username: string; global_name?: string | null; bot?: boolean }; nick?: string | null };
      return userInfoOf({ id: member.user.id, username: member.user.username, globalName: member.user.global_name ?? null, bot: member.user.bot ?? false }, { nick: member.nick ?? null });
    } catch (error) {
      if (error instanceof DiscordAPIError && (error.code === 10007 || error.code === 10013)) {
        // Not a member of this guild (nothing crosses between guilds): only a user Discord does not know is unknown.
        try {
          const user = await client.users.fetch(userId);
          return userInfoOf(user);
        } catch {
          return null;
        }
      }
      logger.warn({ guild: guildId, user: userId, err: errorMessage(error) }, 'discord member look-up failed');
      return null;
    }
  },
});

/** Whether a user is a member of a guild (asked of the cache, then Discord). */
export const isMemberOf = async (client: Client, guildId: string, userId: string): Promise<boolean> => {
  const guild = client.guilds.cache.get(guildId);
  if (!guild) return false;
  if (guild.members.cache.has(userId)) return true;
  try {
    await guild.members.fetch(userId);
    return true;
  } catch {
    return false;
  }
};

/**
 * Which guild a DM is about. A DM on Discord belongs to no guild, while Righthand's people, tasks and
 * standups belong to a workspace; so a reply typed in the DM (a standup answer) or a command used there must
 * find the guild. In order:
 * 1. the guild of the last message the bot sent to this DM, or of the person's last command in a guild
 *    (remembered in memory);
 * 2. after a restart, the guild written in the custom id of the bot's latest message with buttons in the DM
 *    (every button carries its guild, see discord.render.ts);
 * 3. the only guild the bot is in (the common case: one community server).
 * Otherwise null: the adapter asks the person to use a command in their server first.
 */
export interface DmWorkspaces {
  remember(userId: string, guildId: string): void;
  resolve(userId: string, dmChannelId: string): Promise<string | null>;
}

const MAX_REMEMBERED = 100_000;
const HISTORY_LIMIT = 25;

export const createDmWorkspaces = ({ client, logger }: { client: Client; logger: Logger }): DmWorkspaces => {
  const lastGuild = new Map<string, string>();
  return {
    remember(userId, guildId) {
      lastGuild.delete(userId);
      if (lastGuild.size >= MAX_REMEMBERED) lastGuild.delete(lastGuild.keys().next().value!);
      lastGuild.set(userId, guildId);
    },
    async resolve(userId, dmChannelId) {
      const remembered = lastGuild.get(userId);
      if (remembered && client.guilds.cache.has(remembered)) return remembered;
      try {
        const history = (await client.rest.get(Routes.channelMessages(dmChannelId), { query: new URLSearchParams({ limit: String(HISTORY_LIMIT) }) })) as { author?: { id: string }; components?: { components?: { custom_id?: string }[] }[] }[];
        for (const message of history) {
          if (message.author?.id !== client.user?.id) continue;
          for (const row of message.components ?? []) {
            for (const component of row.components ?? []) {
              const guildId = component.custom_id ? decodeCustomId(component.custom_id)?.guildId : null;
              if (guildId && client.guilds.cache.has(guildId)) {
                lastGuild.set(userId, guildId);
                return guildId;
              }
            }
          }
        }
      } catch (error) {
        logger.info({ channel: dmChannelId, err: errorMessage(error) }, 'discord DM history unavailable');
      }
      if (client.guilds.cache.size === 1) return client.guilds.cache.firstKey()!;
      return null;
    },
  };
};
