import { z } from 'zod';
import { defineSubcommand, usageOf } from '../../commands.js';
import { ephemeral } from '../../invocation.js';
import { compose, type Block } from '../../messages.js';

/** `/obm help`: every command of the registry, each subcommand with its usage and an example. */
export const help = defineSubcommand({
  name: 'help',
  usage: 'help',
  example: '/obm help',
  description: 'obm.help.desc',
  access: { scope: 'anywhere' },
  options: [],
  input: z.object({}),
  run: async (_input, ctx) => {
    const blocks: Block[] = [{ type: 'header', text: ctx.t('obm.help_title') }];
    for (const command of ctx.registry.commands.values()) {
      blocks.push({ type: 'text', text: `/${command.name}: ${ctx.t(command.description)}` });
      blocks.push({
        type: 'context',
        text: command.subcommands.map((sub) => `${usageOf(command, sub)}\n    ${ctx.t(sub.description)}. e.g. ${sub.example}`).join('\n'),
      });
    }
    blocks.push({ type: 'context', text: ctx.t('obm.help_footer') });
    return ephemeral(compose(blocks));
  },
});
