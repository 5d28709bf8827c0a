import { z } from 'zod';
import { defineCommand, defineSubcommand, requireTeam, type BotModule } from '../../commands.js';
import { botError } from '../../errors.js';
import { ephemeral, inChannel } from '../../invocation.js';
import { textMessage } from '../../messages.js';
import { getPeople } from '../people/people.repository.js';
import { mentions } from '../tasks/tasks.inputs.js';
import { actorOf, viewFor } from '../tasks/tasks.replies.js';
import { sopActions } from './sop.buttons.js';
import { sopName } from './sop.links.js';
import { sopCard, sopList } from './sop.messages.js';
import { sopAssigned, sopChanged, onboardingWelcome } from './sop.notices.js';
import { onboardingCommands } from './sop.onboarding.commands.js';
import { startOnboarding } from './sop.onboarding.js';
import { activeSops, readersOf, versionsOf } from './sop.repository.js';
import { rankSops } from './sop.search.js';
import { parseAdd, parseUpdate, sopNumber, sopTags, sopTitle, sopUrl } from './sop.inputs.js';
import { addSop, assignSop, findSop, newVersion, removeSop } from './sop.usecases.js';

const refOption = { name: 'number', kind: 'ref', required: true, description: 'SOP number, e.g. 3' } as const;
const manager = { scope: 'team', role: 'manager' } as const;

const add = defineSubcommand({
  name: 'add',
  usage: 'add <title> <url> [tags …]',
  example: '/sop add Refunds SOP https://docs.example.com/refunds billing stripe',
  description: 'sops.add.desc',
  access: manager,
  options: [
    { name: 'title', kind: 'rest', required: true, description: 'The SOP’s title' },
    { name: 'url', kind: 'keyword', keywords: [], required: true, description: 'Its link (https://…)' },
    { name: 'tags', kind: 'keyword', keywords: [], description: 'Tags, e.g. billing stripe' },
  ],
  parse: parseAdd,
  input: z.object({ title: sopTitle, url: sopUrl, tags: sopTags.optional() }),
  run: async (input, ctx) => {
    const { team } = requireTeam(ctx);
    const sop = await addSop({ db: ctx.db, now: ctx.now, team, actor: ctx.actor, title: input.title, url: input.url, tags: input.tags ?? [] });
    return inChannel(textMessage(ctx.t('sops.added', { sop: sopName(sop), url: sop.url })));
  },
});

const find = defineSubcommand({
  name: 'find',
  usage: 'find <words>',
  example: '/sop find refund',
  description: 'sops.find.desc',
  access: { scope: 'team' },
  options: [{ name: 'words', kind: 'rest', required: true, description: 'Words of the title or tags' }],
  input: z.object({ words: z.string({ error: 'sops.words_required' }).trim().min(1, { error: 'sops.words_required' }).max(200, { error: 'sops.words_required' }) }),
  run: async ({ words }, ctx) => {
    const { team } = requireTeam(ctx);
    const found = rankSops(words, await activeSops({ db: ctx.db, teamId: team.id }));
    return ephemeral(sopList({ title: ctx.t('sops.found_title', { words }), list: found.map((entry) => entry.sop), view: viewFor(ctx, team), empty: ctx.t('sops.found_none', { words }) }));
  },
});

const list = defineSubcommand({
  name: 'list',
  usage: 'list [tag]',
  example: '/sop list billing',
  description: 'sops.list.desc',
  access: { scope: 'team' },
  options: [{ name: 'tag', kind: 'word', description: 'Only SOPs with this tag' }],
  input: z.object({ tag: z.string().trim().optional() }),
  run: async ({ tag }, ctx) => {
    const { team } = requireTeam(ctx);
    const wanted = tag?.replace(/^#/, '').toLowerCase();
    const all = await activeSops({ db: ctx.db, teamId: team.id });
    const shown = wanted ? all.filter((sop) => sop.tags.includes(wanted)) : all;
    const title = wanted ? ctx.t('sops.list_title_tag', { team: team.clientName, tag: wanted }) : ctx.t('sops.list_title', { team: team.clientName });
    return ephemeral(sopList({ title, list: shown, view: viewFor(ctx, team), empty: ctx.t(wanted ? 'sops.list_empty_tag' : 'sops.list_empty') }));
  },
});

const show = defineSubcommand({
  name: 'show',
  usage: 'show <n>',
  example: '/sop show 3',
  description: 'sops.show.desc',
  access: { scope: 'team' },
  options: [refOption],
  input: z.object({ number: sopNumber }),
  run: async ({ number }, ctx) => {
    const { team } = requireTeam(ctx);
    const sop = await findSop({ db: ctx.db, team, number });
    const [versions, reads] = await Promise.all([versionsOf({ db: ctx.db, sopId: sop.id }), readersOf({ db: ctx.db, sopId: sop.id })]);
    const people = new Map((await getPeople({ db: ctx.db, ids: reads.map((read) => read.personId) })).map((person) => [person.id, person]));
    const readers = reads.flatMap((read) => (people.has(read.personId) ? [{ person: people.get(read.personId)!, version: read.version }] : []));
    return ephemeral(sopCard({ sop, versions, readers, view: viewFor(ctx, team) }));
  },
});

const update = defineSubcommand({
  name: 'update',
  usage: 'update <n> <url> [what changed]',
  example: '/sop update 3 https://docs.example.com/refunds-v2 Refunds over €100 need a manager',
  description: 'sops.update.desc',
  access: manager,
  options: [refOption, { name: 'url', kind: 'keyword', keywords: [], required: true, description: 'The new version’s link' }, { name: 'note', kind: 'rest', description: 'What changed' }],
  parse: parseUpdate,
  input: z.object({ number: sopNumber, url: sopUrl, note: z.string().trim().max(500, { error: 'sops.note_too_long' }).optional() }),
  run: async (input, ctx) => {
    const { team } = requireTeam(ctx);
    const sop = await findSop({ db: ctx.db, team, number: input.number });
    const result = await newVersion({ db: ctx.db, now: ctx.now, team, actor: ctx.actor, sop, url: input.url, note: input.note ?? '' });
    const told = result.told.length > 0 ? ctx.t('sops.updated_told', { people: result.told.map((person) => person.displayName).join(', ') }) : '';
    return inChannel(textMessage(ctx.t('sops.updated', { sop: sopName(result.sop), told })));
  },
});

const remove = defineSubcommand({
  name: 'remove',
  usage: 'remove <n>',
  example: '/sop remove 3',
  description: 'sops.remove.desc',
  access: manager,
  options: [refOption],
  input: z.object({ number: sopNumber }),
  run: async ({ number }, ctx) => {
    const tc = requireTeam(ctx);
    const sop = await findSop({ db: ctx.db, team: tc.team, number });
    const { cancelled } = await removeSop({ db: ctx.db, now: ctx.now, actor: actorOf(tc), sop });
    const tasks = cancelled.length > 0 ? ctx.t('sops.removed_tasks', { tasks: cancelled.map((task) => `#${task.number}`).join(', ') }) : '';
    return inChannel(textMessage(ctx.t('sops.removed', { sop: `#${sop.number} ${sop.title}`, tasks })));
  },
});

const assign = defineSubcommand({
  name: 'assign',
  usage: 'assign <n> @person [@person …]',
  example: '/sop assign 3 @maria @jo',
  description: 'sops.assign.desc',
  access: manager,
  options: [refOption, { name: 'people', kind: 'people', required: true, description: 'Who reads it' }],
  input: z.object({ number: sopNumber, people: mentions.min(1, { error: 'people.mention_required' }) }),
  run: async (input, ctx) => {
    const tc = requireTeam(ctx);
    const sop = await findSop({ db: ctx.db, team: tc.team, number: input.number });
    const people = await Promise.all(input.people.map((id) => ctx.person(id)));
    const result = await assignSop({ db: ctx.db, now: ctx.now, team: tc.team, actor: actorOf(tc), sop, people, invocationId: ctx.invocation.id });
    const lines = [
      ...(result.given.length > 0 ? [ctx.t('sops.assigned', { sop: sopName(sop), tasks: result.given.map(({ person, task }) => `#${task.number} ${person.displayName}`).join(', ') })] : []),
      ...(result.already.length > 0 ? [ctx.t('sops.assigned_already', { people: result.already.map((person) => person.displayName).join(', ') })] : []),
    ];
    if (lines.length === 0) throw botError('people.mention_required');
    return inChannel(textMessage(lines.join('\n')));
  },
});

export const sopCommand = defineCommand({
  name: 'sop',
  description: 'sops.cmd',
  fallback: 'list',
  subcommands: [add, find, list, show, update, remove, assign, ...onboardingCommands],
});

export const sopModule: BotModule = {
  commands: [sopCommand],
  actions: sopActions,
  notices: [sopChanged.check, sopAssigned.check, onboardingWelcome.check],
  onJoin: async ({ db, now, team, person, via }) => {
    await startOnboarding({ db, now, team, person, via });
  },
};
