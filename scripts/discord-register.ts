// Registers the slash commands with Discord: `npm run discord:register [-- --guild <id>]`.
// Sends manifest/discord-commands.json (refusing it when it is out of date with the code), to one guild
// (instant: for trying it out) or globally (every server; Discord may take up to an hour to show them).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig, type DiscordConfig } from '../src/config.js';
import { registerDiscordCommands } from '../adapters/discord/discord.register.js';
import { DISCORD_COMMANDS_FILE, discordCommandsJson } from './discord-commands.js';
import { errorMessage } from '../src/core/errors.js';

const USAGE = 'Usage: npm run discord:register [-- --guild <server id>]  (needs DISCORD_TOKEN and DISCORD_APPLICATION_ID)';
const SNOWFLAKE = /^\d{17,20}$/;

const Args = z.object({ guild: z.string().regex(SNOWFLAKE, { error: '--guild needs a server id (numbers only: right-click the server, Copy Server ID)' }).optional() });

const main = async (): Promise<number> => {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ options: { guild: { type: 'string' } }, allowPositionals: false }));
  } catch {
    console.error(USAGE);
    return 2;
  }
  const args = Args.safeParse(values);
  if (!args.success) {
    console.error(`${args.error.issues[0]!.message}\n${USAGE}`);
    return 2;
  }
  let discord: DiscordConfig | undefined;
  try {
    discord = loadConfig(process.env).discord;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 1;
  }
  if (!discord) {
    console.error(`DISCORD_TOKEN and DISCORD_APPLICATION_ID are required.\n${USAGE}`);
    return 1;
  }
  const file = readFileSync(DISCORD_COMMANDS_FILE, 'utf8');
  if (file !== discordCommandsJson()) {
    console.error('manifest/discord-commands.json is out of date with the commands in the code: run npm run discord:commands first.');
    return 1;
  }
  try {
    const { count, scope } = await registerDiscordCommands({
      token: discord.token,
      applicationId: discord.applicationId,
      ...(args.data.guild ? { guildId: args.data.guild } : {}),
      apiUrl: discord.apiUrl,
      commands: JSON.parse(file),
    });
    console.log(scope === 'guild' ? `Registered ${count} commands in server ${args.data.guild}: they work there now.` : `Registered ${count} global commands: Discord may take up to an hour to show them in every server.`);
    return 0;
  } catch (error) {
    // discord.js errors name the route and Discord's message, never the token.
    console.error(`Discord refused the commands: ${errorMessage(error)}`);
    return 1;
  }
};

main().then((code) => process.exit(code));
