import { defineTeamAction, type CommandContext } from '../../commands.js';
import { botError } from '../../errors.js';
import { t } from '../../i18n/catalog.js';
import { ephemeral, inChannel, type Reply } from '../../invocation.js';
import { textMessage } from '../../messages.js';
import { managersOf } from '../../recipients.js';
import { readRowId } from '../../row-id.js';
import { assertZone, isValidZone } from '../../time.js';
import { replanBriefs } from '../briefs/briefs.usecases.js';
import { planDigest } from '../digests/digests.plan.js';
import { chooseZone } from '../people/people.zone-choice.js';
import { updateTeam } from '../teams/teams.repository.js';
import type { TeamRow } from '../../identity.js';

/** Picking the team's zone from the menu `/obm setup zone <country>` answers with; the value is `<team id>:<zone>`. */
export const TEAM_ZONE_PICK_ACTION = 'obm.team_zone';

const PICK = /^(\d{1,12}):([A-Za-z0-9_+\-/]{1,64})$/;

const readPick = (value: string) => {
  const match = PICK.exec(value);
  const teamId = match ? readRowId(match[1]!) : null;
  return teamId === null ? null : { teamId, zone: match![2]! };
};

const saveZone = async (ctx: CommandContext, team: TeamRow, zone: string): Promise<TeamRow> => {
  const updated = await updateTeam({ db: ctx.db, teamId: team.id, changes: { zone } });
  // The team's zone is its managers' too (for one who set no zone): their briefs move.
  await replanBriefs({ db: ctx.db, now: ctx.now, people: await managersOf({ db: ctx.db, teamId: team.id }) });
  // The digest keeps its wall-clock time in the new zone.
  await planDigest({ db: ctx.db, now: ctx.now, team: updated });
  return updated;
};

/** `/obm setup zone <text>`: one zone is set at once; a place with several clocks asks which, in a menu for the manager. */
export const setTeamZone = async (ctx: CommandContext, team: TeamRow, text: string): Promise<Reply> => {
  const choice = chooseZone({ text, now: ctx.now, locale: team.locale, actionId: TEAM_ZONE_PICK_ACTION, valueFor: (zone) => `${team.id}:${zone}` });
  if (choice.kind === 'menu') return ephemeral(choice.message);
  const updated = await saveZone(ctx, team, choice.zone);
  return inChannel(textMessage(t(updated.locale, 'obm.zone_set', { zone: updated.zone })));
};

export const teamZonePick = defineTeamAction({
  actionId: TEAM_ZONE_PICK_ACTION,
  teamOf: async (value) => readPick(value)?.teamId ?? null,
  run: async (value, ctx) => {
    if (ctx.role !== 'manager') throw botError('bot.managers_only', { usage: '/obm setup zone …' });
    const zone = readPick(value)?.zone ?? '';
    if (!isValidZone(zone)) return ephemeral(textMessage(t(ctx.team.locale, 'time.bad_zone', { zone: zone.slice(0, 64) })));
    const updated = await saveZone(ctx, ctx.team, assertZone(zone));
    return { kind: 'update', message: textMessage(t(updated.locale, 'obm.zone_set', { zone: updated.zone })) };
  },
});
