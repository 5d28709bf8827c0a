import { z } from 'zod';
import { announceJoin, defineSubcommand, requireTeam, type CommandContext } from '../../commands.js';
import { roleIn } from '../people/people.repository.js';
import { botError } from '../../errors.js';
import { ephemeral, inChannel } from '../../invocation.js';
import { compose, textMessage } from '../../messages.js';
import { managersOf } from '../../recipients.js';
import { planBrief } from '../briefs/briefs.usecases.js';
import { hoursText, zoneText } from '../people/people.messages.js';
import { listMembers, removeMembership, setMembership } from '../teams/teams.repository.js';
import { settingsLine } from './obm.settings.js';
import type { Role, TeamRow } from '../../identity.js';

/** `/obm team`: the team's members with their role, zone and hours, and the team's settings. */
export const team = defineSubcommand({
  name: 'team',
  usage: 'team',
  example: '/obm team',
  description: 'obm.team.desc',
  access: { scope: 'team' },
  options: [],
  input: z.object({}),
  run: async (_input, ctx) => {
    const { team } = requireTeam(ctx);
    const members = await listMembers({ db: ctx.db, teamId: team.id });
    return ephemeral(
      compose([
        { type: 'header', text: ctx.t('obm.team_title', { team: team.clientName, count: members.length }) },
        ...members.map(({ person, role }) => ({
          type: 'text' as const,
          text: ctx.t('obm.member_line', { name: person.displayName, role: ctx.t(`obm.role.${role}`), zone: zoneText(person, team, ctx.locale), hours: hoursText(person, ctx.locale) }),
        })),
        { type: 'context', text: settingsLine(team) },
      ]),
    );
  },
});

const ROLE_CHOICES = ['manager', 'member', 'owner'] as const;
// The Dutch names of the roles, accepted in any team: /obm team add @sanne lid.
const ROLE_WORDS = new Map<unknown, string>([['lid', 'member'], ['eigenaar', 'owner']]);

export const teamAdd = defineSubcommand({
  name: 'team add',
  usage: 'team add @person [manager|member|owner]',
  example: '/obm team add @maria member',
  description: 'obm.team_add.desc',
  access: { scope: 'team', role: 'manager' },
  options: [
    { name: 'person', kind: 'person', required: true, description: 'Who' },
    { name: 'role', kind: 'word', choices: [...ROLE_CHOICES], description: 'Their role (default member)' },
  ],
  input: z.object({ person: z.string({ error: 'people.mention_required' }), role: z.preprocess((value) => ROLE_WORDS.get(value) ?? value, z.enum(ROLE_CHOICES, { error: 'obm.bad_role' }).default('member')) }),
  run: async (input, ctx) => {
    const { team } = requireTeam(ctx);
    const person = await ctx.person(input.person);
    await assertKeepsAManager({ ctx, team, personId: person.id, newRole: input.role, name: person.displayName });
    const before = await roleIn({ db: ctx.db, teamId: team.id, personId: person.id });
    await setMembership({ db: ctx.db, teamId: team.id, personId: person.id, role: input.role });
    if (!before) await announceJoin(ctx, team, person, 'added');
    // A new manager's daily brief starts now; one who manages another team already has theirs (a no-op).
    if (input.role === 'manager') await planBrief({ db: ctx.db, now: ctx.now, person });
    return inChannel(textMessage(ctx.t(input.role === 'member' ? 'obm.member_added' : `obm.member_added.${input.role}`, { person: person.displayName, team: team.clientName })));
  },
});

export const teamRemove = defineSubcommand({
  name: 'team remove',
  usage: 'team remove @person',
  example: '/obm team remove @maria',
  description: 'obm.team_remove.desc',
  access: { scope: 'team', role: 'manager' },
  options: [{ name: 'person', kind: 'person', required: true, description: 'Who' }],
  input: z.object({ person: z.string({ error: 'people.mention_required' }) }),
  run: async (input, ctx) => {
    const { team } = requireTeam(ctx);
    const person = await ctx.person(input.person);
    await assertKeepsAManager({ ctx, team, personId: person.id, newRole: null, name: person.displayName });
    const removed = await removeMembership({ db: ctx.db, teamId: team.id, personId: person.id });
    if (!removed) throw botError('obm.not_member', { person: person.displayName });
    return inChannel(textMessage(ctx.t('obm.member_removed', { person: person.displayName, team: team.clientName })));
  },
});

/** A team without a manager could never be managed again from chat. */
const assertKeepsAManager = async ({ ctx, team, personId, newRole, name }: { ctx: CommandContext; team: TeamRow; personId: number; newRole: Role | null; name: string }) => {
  const managers = await managersOf({ db: ctx.db, teamId: team.id });
  if (newRole !== 'manager' && managers.length === 1 && managers[0]!.id === personId) throw botError('obm.last_manager', { person: name });
};
