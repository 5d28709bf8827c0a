import { z } from 'zod';
import { defineCommand, defineSubcommand, type BotModule } from '../../commands.js';
import { ephemeral } from '../../invocation.js';
import { textMessage } from '../../messages.js';

/**
 * Command families that are announced in Slack's and Discord's command lists before they are built: they
 * answer "coming soon" (and say what works today) rather than "unknown command".
 */
const comingSoon = (name: string) =>
  defineCommand({
    name,
    description: `soon.${name}` as 'soon.training',
    fallback: 'soon',
    catchAll: true,
    subcommands: [
      defineSubcommand({
        name: 'soon',
        usage: '',
        example: `/${name}`,
        description: `soon.${name}` as 'soon.training',
        access: { scope: 'anywhere' },
        options: [],
        parse: () => ({}),
        input: z.object({}),
        run: async (_input, ctx) => ephemeral(textMessage(ctx.t('soon.reply', { command: `/${name}` }))),
      }),
    ],
  });

export const soonModule: BotModule = { commands: ['digest'].map(comingSoon) };
