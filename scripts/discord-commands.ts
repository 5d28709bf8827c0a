// Writes manifest/discord-commands.json from the command registry: `npm run discord:commands`.
// The file is checked in (a test keeps it in sync) and is what `npm run discord:register` sends.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { discordCommandsOf } from '../adapters/discord/discord.commands.js';
import { createRegistry } from '../src/core/commands.js';
import { coreModules } from '../src/core/modules/index.js';

export const DISCORD_COMMANDS_FILE = fileURLToPath(new URL('../manifest/discord-commands.json', import.meta.url));

export const discordCommandsJson = (): string => `${JSON.stringify(discordCommandsOf(createRegistry(coreModules).commands.values()), null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(DISCORD_COMMANDS_FILE, discordCommandsJson());
  console.log(`wrote ${DISCORD_COMMANDS_FILE}`);
}
