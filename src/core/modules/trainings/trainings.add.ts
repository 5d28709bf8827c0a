import type { TeamContext } from '../../commands.js';
import { botError } from '../../errors.js';
import { ephemeral, type Reply } from '../../invocation.js';
import { textMessage } from '../../messages.js';
import { zoneOf } from '../../view.js';
import { resolveSopRef } from '../sop/sop.links.js';
import { EVERYONE_WORDS } from './trainings.inputs.js';
import { classLine } from './trainings.messages.js';
import { addClass, readLength, readLink, readMax, readRepeat, readStart } from './trainings.usecases.js';

/** What `/training add` and its form give: the words as typed, read here once for both. */
export interface AddInput {
  title: string;
  when: string;
  length?: string | undefined;
  link?: string | undefined;
  sop?: string | undefined;
  invitees?: string[] | undefined;
  with?: string | undefined;
  max?: string | undefined;
  repeat?: string | undefined;
}

export const withWarnings = (text: string, warnings: string[], ctx: TeamContext): Reply =>
  ephemeral(textMessage([text, ...(warnings.length > 0 ? [ctx.t('trainings.warn_intro'), ...warnings.map((line) => `• ${line}`)] : [])].join('\n')));

/** Reads every value before anything is written, so a bad one refuses the whole class with one sentence. */
export const scheduleAndConfirm = async (ctx: TeamContext, input: AddInput): Promise<Reply> => {
  const said = input.with?.trim().toLowerCase();
  if (said && !EVERYONE_WORDS.includes(said)) throw botError('trainings.bad_with');
  const startsAt = readStart({ text: input.when, now: ctx.now, zone: zoneOf(ctx.actor, ctx.team), team: ctx.team });
  const durationMinutes = input.length ? readLength(input.length) : 60;
  const link = input.link ? readLink(input.link) : null;
  const maxSeats = input.max ? readMax(input.max) : null;
  const recurrence = readRepeat(input.repeat);
  const sop = input.sop ? await resolveSopRef({ db: ctx.db, teamId: ctx.team.id, ref: input.sop }) : null;
  if (input.sop && !sop) throw botError('sops.unknown_ref', { sop: input.sop });
  const people = await Promise.all((input.invitees ?? []).map((id) => ctx.person(id)));
  const { training, occurrence, warnings } = await addClass({ db: ctx.db, now: ctx.now, team: ctx.team, actor: ctx.actor, input: { title: input.title, startsAt, durationMinutes, link, people, everyone: Boolean(said), maxSeats, recurrence, sopId: sop?.id ?? null } });
  const view = { locale: ctx.team.locale, zone: zoneOf(ctx.actor, ctx.team), now: ctx.now };
  return withWarnings(ctx.t('trainings.added', { line: classLine(training, occurrence, view) }), warnings, ctx);
};
