import { z } from 'zod';
import { defineSubcommand } from '../../commands.js';
import { familyHelp, helpIndex } from '../../help.js';
import { ephemeral } from '../../invocation.js';

// The families a Discord user may pick; text may name any registered one (`/obm help training`).
const FAMILIES = ['task', 'followup', 'standup', 'training', 'calendar', 'obm'] as const;

/** `/obm help`: one line per command family; `/obm help task`: that family's subcommands with examples. */
export const help = defineSubcommand({
  name: 'help',
  usage: 'help [task|followup|standup|training|calendar|obm]',
  example: '/obm help task',
  description: 'obm.help.desc',
  access: { scope: 'anywhere' },
  options: [{ name: 'command', kind: 'word', choices: [...FAMILIES], description: 'One command’s subcommands with examples' }],
  input: z.object({ command: z.string().trim().optional() }),
  run: async (input, ctx) => {
    const named = input.command?.replace(/^\//, '').toLowerCase();
    const command = named ? ctx.registry.commands.get(named) : undefined;
    return ephemeral(command ? familyHelp(command, ctx.locale) : helpIndex(ctx.registry, ctx.locale));
  },
});
