import { REST, Routes } from 'discord.js';
import type { DiscordCommand } from './discord.commands.js';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** A guild's id: its commands change at once. Without one they are global, which can take up to an hour. */
  guildId?: string;
  /** Discord REST base (DISCORD_API_URL), for proxies and tests; Discord's own when absent. */
  apiUrl?: string | null;
  commands: readonly DiscordCommand[];
}

/**
 * Replaces the application's commands with `commands` (a bulk overwrite: renamed or removed commands
 * disappear, unchanged ones keep their ids). Returns how many Discord now has.
 */
export const registerDiscordCommands = async ({ token, applicationId, guildId, apiUrl, commands }: RegisterOptions): Promise<{ count: number; scope: 'guild' | 'global' }> => {
  const rest = new REST({ ...(apiUrl ? { api: apiUrl } : {}), retries: 1 }).setToken(token);
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const registered = (await rest.put(route, { body: commands })) as unknown[];
  return { count: registered.length, scope: guildId ? 'guild' : 'global' };
};
