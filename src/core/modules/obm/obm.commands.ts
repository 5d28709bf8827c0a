import { z } from 'zod';
import { defineCommand, defineSubcommand, usageOf, type BotModule } from '../../commands.js';
import { ephemeral } from '../../invocation.js';
import { compose, type Block } from '../../messages.js';
import { me } from '../people/people.commands.js';
import { setup, team, teamAdd, teamRemove } from '../teams/teams.commands.js';

const help = defineSubcommand({
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

export const obmCommand = defineCommand({
  name: 'obm',
  description: 'obm.cmd',
  fallback: 'help',
  subcommands: [setup, team, teamAdd, teamRemove, me, help],
});

export const obmModule: BotModule = { commands: [obmCommand] };
