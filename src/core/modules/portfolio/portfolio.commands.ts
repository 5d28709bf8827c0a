import { z } from 'zod';
import { defineSubcommand, type CommandContext } from '../../commands.js';
import { botError } from '../../errors.js';
import { ephemeral, type Reply } from '../../invocation.js';
import { compose, textMessage } from '../../messages.js';
import { formatInstant, formatLocalDate, localDateOf } from '../../time.js';
import { formatLinkCode } from './portfolio.codes.js';
import { workspaceLabel } from './portfolio.places.js';
import { issueLinkCode, placeOf, redeemLinkCode, type IdentityPlace, type RedeemResult } from './portfolio.linking.js';
import { linkedIdentities, unlinkPerson } from './portfolio.links.repository.js';
import { overviewBlocks, overviewOf } from './portfolio.overview.js';

/**
 * `/obm link`, `/obm links`, `/obm unlink`: one person across workspaces and servers. Everything here is
 * answered to the asker alone and speaks of the asker alone: a link shows nothing to anyone else.
 */
const zoneOf = (ctx: CommandContext) => ctx.actor.zone ?? ctx.team?.zone ?? 'UTC';
const when = (ctx: CommandContext, at: Date) => formatInstant(at, zoneOf(ctx), ctx.locale, { now: ctx.now });
const say = (ctx: CommandContext, text: string): Reply => ephemeral(textMessage(text));

// A workspace whose name the platform never gave (a Slack slash command carries only the team id) is its platform alone.
export const placeText = (ctx: CommandContext, place: IdentityPlace): string => `${workspaceLabel(place.platform, place.workspaceName, ctx.locale)} · ${place.displayName}`;

const redeemed = (ctx: CommandContext, result: RedeemResult): Reply => {
  switch (result.kind) {
    case 'linked':
    case 'already':
      return say(ctx, ctx.t(result.kind === 'linked' ? 'portfolio.linked' : 'portfolio.already', { other: placeText(ctx, result.other) }));
    case 'locked':
      return say(ctx, ctx.t('portfolio.locked', { until: when(ctx, result.until) }));
    case 'wrong':
      return say(ctx, result.left === 1 ? ctx.t('portfolio.wrong_one') : ctx.t('portfolio.wrong', { left: result.left }));
    default:
      return say(ctx, ctx.t(`portfolio.${result.kind}`));
  }
};

export const link = defineSubcommand({
  name: 'link',
  usage: 'link [code]',
  example: '/obm link',
  description: 'portfolio.link.desc',
  access: { scope: 'anywhere' },
  options: [{ name: 'code', kind: 'word', description: 'The code from your other workspace or server' }],
  input: z.object({ code: z.string().max(100, { error: 'portfolio.not_a_code' }).optional() }),
  run: async ({ code }, ctx) => {
    // A refused code still commits (it counts towards the lock), so the answers are replies, never thrown.
    if (code) return redeemed(ctx, await redeemLinkCode({ db: ctx.db, personId: ctx.actor.id, typed: code, now: ctx.now }));
    const issued = await issueLinkCode({ db: ctx.db, personId: ctx.actor.id, now: ctx.now });
    if (issued.kind === 'locked') return say(ctx, ctx.t('portfolio.locked', { until: when(ctx, issued.until) }));
    const here = placeText(ctx, await placeOf({ db: ctx.db, personId: ctx.actor.id }));
    return say(ctx, ctx.t('portfolio.code', { code: formatLinkCode(issued.code), until: when(ctx, issued.expiresAt), here }));
  },
});

const listOf = async (ctx: CommandContext) => linkedIdentities({ db: ctx.db, personId: ctx.actor.id });

export const links = defineSubcommand({
  name: 'links',
  usage: 'links',
  example: '/obm links',
  description: 'portfolio.links.desc',
  access: { scope: 'anywhere' },
  options: [],
  input: z.object({}),
  run: async (_input, ctx) => {
    const identities = await listOf(ctx);
    if (identities.length === 0) return say(ctx, ctx.t('portfolio.links_none'));
    const here = placeText(ctx, await placeOf({ db: ctx.db, personId: ctx.actor.id }));
    const lines = identities.map((identity, index) =>
      ctx.t('portfolio.links_line', { n: index + 1, place: placeText(ctx, identity), date: formatLocalDate(localDateOf(identity.linkedAt, zoneOf(ctx)), ctx.locale, { now: ctx.now, zone: zoneOf(ctx) }) }),
    );
    return say(ctx, [ctx.t('portfolio.links_title', { here }), ...lines].join('\n'));
  },
});

export const unlink = defineSubcommand({
  name: 'unlink',
  usage: 'unlink <number>',
  example: '/obm unlink 1',
  description: 'portfolio.unlink.desc',
  access: { scope: 'anywhere' },
  options: [{ name: 'number', kind: 'word', required: true, description: 'The link’s number in /obm links' }],
  input: z.object({ number: z.string({ error: 'portfolio.unlink_bad' }).regex(/^#?\d{1,3}$/, { error: 'portfolio.unlink_bad' }).transform((value) => Number(value.replace('#', ''))) }),
  run: async ({ number }, ctx) => {
    const identities = await listOf(ctx);
    if (identities.length === 0) return say(ctx, ctx.t('portfolio.links_none'));
    const identity = identities[number - 1];
    if (!identity) throw botError('portfolio.unlink_missing', { n: number });
    await unlinkPerson({ db: ctx.db, personId: identity.personId });
    return say(ctx, ctx.t('portfolio.unlinked', { place: placeText(ctx, identity) }));
  },
});

export const overview = defineSubcommand({
  name: 'overview',
  usage: 'overview',
  example: '/obm overview',
  description: 'portfolio.overview.desc',
  access: { scope: 'anywhere' },
  options: [],
  input: z.object({}),
  run: async (_input, ctx) => {
    const zone = zoneOf(ctx);
    const teams = await overviewOf({ db: ctx.db, personId: ctx.actor.id, zone, now: ctx.now });
    if (teams.length === 0) return say(ctx, ctx.t('portfolio.overview_none'));
    return ephemeral(compose(overviewBlocks(ctx, teams, zone)));
  },
});
